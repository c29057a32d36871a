/**
 * The built-in body shapes of the seed systems, so their subscribers need no hand-written template:
 * the live-chat server's `{trigger, appId, data, created_at}` and DeskDirector's chat payload (a JSON
 * array of the bare resources, one per change). The trigger-name mapping is documented in README.md.
 */
import type { Envelope } from './envelope';

/** Our event types → the live-chat server's event names. Types not listed keep their own name. */
export const LIVECHAT_TRIGGERS: Readonly<Record<string, string>> = {
  'chat.created': 'chat_created',
  'chat.user_joined': 'user_joined',
  'chat.user_left': 'user_left',
  'chat.completed': 'chat_closed',
  'chat.agent_lookup': 'agent_lookup',
  'chat.no_agents_available': 'no_agents_available',
  'chat.invitation_accepted': 'invitation_accepted',
  'chat.queue_position_changed': 'queue_position_changed',
  'chat.user_action': 'user_action',
  'system.event': 'system_event',
};

/** message.created splits by direction, as the live-chat server has "message sent" and "message received". */
export function livechatTrigger(envelope: Envelope): string {
  if (envelope.type === 'message.created') {
    const direction = (envelope.data as { message?: { direction?: unknown } }).message?.direction;
    return direction === 'received' ? 'message_received' : 'message_sent';
  }
  return LIVECHAT_TRIGGERS[envelope.type] ?? envelope.type;
}

/**
 * `created_at` is the event's time in unix seconds (not the send time), so every retry of a delivery
 * sends the same bytes.
 */
export function livechatBody(envelope: Envelope, appId: string | null): string {
  return JSON.stringify({
    trigger: livechatTrigger(envelope),
    appId,
    data: envelope.data,
    created_at: Math.floor(Date.parse(envelope.timestamp) / 1000),
  });
}

const RESOURCE_KEYS: Readonly<Record<string, string>> = { chat: 'chat', ticket: 'ticket', message: 'message' };

/** The resource an event is about: `data.chat` for chat events (and so on), else `data` itself. */
export function eventResource(envelope: Envelope): unknown {
  const key = RESOURCE_KEYS[envelope.type.split('.')[0]];
  const data = envelope.data as Record<string, unknown>;
  if (key && data && typeof data === 'object' && data[key] && typeof data[key] === 'object') return data[key];
  return data;
}

/** DeskDirector's chat payload: `[ChatSession, ChatSession, …]`, one entry per event of the window. */
export function deskdirectorBody(envelopes: Envelope[]): string {
  return JSON.stringify(envelopes.map(eventResource));
}
