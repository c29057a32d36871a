// Deleted webhooks: who removed each one and why, and restore.
import { $, h, replaceChildren, timeElement } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { hookLabel } from './hooks-view.js';

const PAGE_SIZE = 50;

/** Reasons the server records, in words; anything else is a reason an admin typed. */
const REASONS = {
  manual: 'Deleted by hand',
  unsubscribed: 'Unsubscribed (the zap or flow was turned off or removed)',
  gone: 'The receiver answered 410 Gone',
  auto_disabled: 'Auto-disabled after failing for too long',
};

export function reasonLabel(reason) {
  if (!reason) return 'No reason recorded';
  return REASONS[reason] ?? reason;
}

export function createDeletedView(ctx) {
  const state = { hooks: [], cursor: null };
  const list = $('#deleted-list');
  const errorBox = $('#deleted-error');
  const more = $('#deleted-more');
  $('#deleted-refresh').addEventListener('click', () => load());
  more.addEventListener('click', () => load(state.cursor));

  async function load(cursor) {
    try {
      const page = await ctx.api.get('/v1/hooks/deleted', { limit: PAGE_SIZE, cursor });
      state.hooks = cursor ? [...state.hooks, ...page.data] : page.data;
      state.cursor = page.nextCursor;
      clearProblem(errorBox);
      render();
    } catch (error) {
      showProblem(errorBox, error, 'Could not load the deleted webhooks');
    }
  }

  function render() {
    more.hidden = !state.cursor;
    if (state.hooks.length === 0) {
      replaceChildren(list, h('p', { class: 'empty' }, 'No recently deleted webhooks.'));
      return;
    }
    replaceChildren(
      list,
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Deleted webhooks'),
        h('thead', {}, h('tr', {}, ['Description', 'Receiver URL', 'Events', 'Deleted', 'By', 'Why', 'Actions'].map((title) => h('th', { scope: 'col' }, title)))),
        h(
          'tbody',
          {},
          state.hooks.map((hook) =>
            h(
              'tr',
              { dataset: { hookId: hook.id } },
              h('td', { 'data-label': 'Description' }, h('strong', {}, hook.description || '(no description)'), hook.name ? h('div', { class: 'muted' }, hook.name) : null),
              h('td', { 'data-label': 'Receiver URL' }, h('code', { class: 'truncate', title: hook.url }, hook.url)),
              h('td', { 'data-label': 'Events' }, hook.events.map((type) => h('code', { class: 'tag' }, type))),
              h('td', { 'data-label': 'Deleted' }, timeElement(hook.deletedAt)),
              h('td', { 'data-label': 'By' }, hook.deletedBy ?? '—'),
              h('td', { 'data-label': 'Why' }, reasonLabel(hook.deletedReason)),
              h('td', { 'data-label': 'Actions' }, h('button', { type: 'button', class: 'small', 'aria-label': `Restore ${hookLabel(hook)}`, onclick: () => restore(hook) }, 'Restore')),
            ),
          ),
        ),
      ),
    );
  }

  async function restore(hook) {
    try {
      const restored = await ctx.api.post(`/v1/hooks/${encodeURIComponent(hook.id)}/restore`);
      state.hooks = state.hooks.filter((other) => other.id !== hook.id);
      render();
      ctx.notify(`Restored “${hookLabel(restored)}”. It is inactive: check it, then activate it under Registered webhooks.`);
    } catch (error) {
      ctx.showError(error, `Could not restore “${hookLabel(hook)}”`);
    }
  }

  return {
    show() {
      load();
    },
  };
}
