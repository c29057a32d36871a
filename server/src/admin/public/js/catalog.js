// The trigger catalog (built-in and custom types), loaded once per sign-in and shared by the views.

export const GROUP_LABELS = {
  ticket: 'Tickets',
  chat: 'Chats',
  message: 'Chat messages',
  system: 'System',
  custom: 'Custom events',
};

export function createCatalog(api) {
  let pending = null;
  return {
    /** @returns {Promise<Array<{type: string, group: string, noun: string, description: string, custom: boolean, zapier?: {label?: string}}>>} */
    triggers() {
      if (!pending) {
        pending = api.get('/v1/triggers').then(
          (page) => [...page.data].sort((a, b) => a.type.localeCompare(b.type)),
          (error) => {
            pending = null;
            throw error;
          },
        );
      }
      return pending;
    },
    /** Custom types change from the console itself; the next read fetches again. */
    reset() {
      pending = null;
    },
  };
}

export function groupTriggers(triggers) {
  const groups = new Map();
  for (const trigger of triggers) {
    const group = trigger.custom ? 'custom' : trigger.group;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(trigger);
  }
  const order = Object.keys(GROUP_LABELS);
  return [...groups.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

export function triggerLabel(trigger) {
  return trigger.zapier?.label || trigger.noun || trigger.type;
}
