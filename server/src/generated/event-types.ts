// generated from triggers/, run npm run generate (do not edit by hand)

export const EVENT_TYPES = [
  'chat.agent_lookup',
  'chat.assignee_changed',
  'chat.callback_requested',
  'chat.completed',
  'chat.created',
  'chat.deleted',
  'chat.handled',
  'chat.invitation_accepted',
  'chat.missed',
  'chat.no_agents_available',
  'chat.property_updated',
  'chat.queue_position_changed',
  'chat.status_changed',
  'chat.updated',
  'chat.user_action',
  'chat.user_joined',
  'chat.user_left',
  'hook.disabled',
  'message.created',
  'message.edited',
  'message.retracted',
  'system.event',
  'ticket.approval_required',
  'ticket.created',
  'ticket.note_added',
  'ticket.reply_added',
  'ticket.status_changed',
  'ticket.updated',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_GROUPS: Record<EventType, 'ticket' | 'chat' | 'message' | 'system'> = {
  'chat.agent_lookup': 'chat',
  'chat.assignee_changed': 'chat',
  'chat.callback_requested': 'chat',
  'chat.completed': 'chat',
  'chat.created': 'chat',
  'chat.deleted': 'chat',
  'chat.handled': 'chat',
  'chat.invitation_accepted': 'chat',
  'chat.missed': 'chat',
  'chat.no_agents_available': 'chat',
  'chat.property_updated': 'chat',
  'chat.queue_position_changed': 'chat',
  'chat.status_changed': 'chat',
  'chat.updated': 'chat',
  'chat.user_action': 'chat',
  'chat.user_joined': 'chat',
  'chat.user_left': 'chat',
  'hook.disabled': 'system',
  'message.created': 'message',
  'message.edited': 'message',
  'message.retracted': 'message',
  'system.event': 'system',
  'ticket.approval_required': 'ticket',
  'ticket.created': 'ticket',
  'ticket.note_added': 'ticket',
  'ticket.reply_added': 'ticket',
  'ticket.status_changed': 'ticket',
  'ticket.updated': 'ticket',
};

export function isCatalogEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
