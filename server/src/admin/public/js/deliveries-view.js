// Deliveries and failure logs: filter, open one to see each attempt, redeliver, recover since a time.
import { $, h, replaceChildren, timeElement, badge, json, copyBlock } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { openDialog } from './dialogs.js';
import { hookLabel, DELIVERY_KINDS } from './hooks-view.js';
import { triggerLabel } from './catalog.js';

const PAGE_SIZE = 50;
const OUTCOME_KINDS = { succeeded: 'ok', failed: 'bad', gone: 'bad', redirect: 'bad', timeout: 'bad', network: 'bad', refused: 'bad', throttled: 'info' };

function deliveryBadge(status) {
  return badge(status, DELIVERY_KINDS[status] ?? 'muted');
}

export function createDeliveriesView(ctx) {
  const state = { deliveries: [], cursor: null, hooks: new Map(), loading: 0 };
  const list = $('#deliveries-list');
  const errorBox = $('#deliveries-error');
  const more = $('#deliveries-more');
  const filterForm = $('#deliveries-filter');
  const hookSelect = $('#deliveries-hook');
  const typeSelect = $('#deliveries-type');
  const statusSelect = $('#deliveries-status');
  const recoverForm = $('#recover-form');
  const recoverHook = $('#recover-hook');
  const recoverSince = $('#recover-since');
  const recoverError = $('#recover-error');

  filterForm.addEventListener('change', () => {
    // The filters live in the address so a filtered log can be bookmarked or linked from a hook.
    ctx.navigate('deliveries', { hookId: hookSelect.value, eventType: typeSelect.value, status: statusSelect.value });
  });
  filterForm.addEventListener('submit', (event) => event.preventDefault());
  $('#deliveries-refresh').addEventListener('click', () => load());
  more.addEventListener('click', () => load(state.cursor));
  recoverForm.addEventListener('submit', recover);

  async function loadChoices(params) {
    const [hooks, deleted, triggers] = await Promise.all([ctx.api.get('/v1/hooks', { limit: 100 }), ctx.api.get('/v1/hooks/deleted', { limit: 100 }), ctx.catalog.triggers()]);
    // Deleted hooks keep their deliveries (a 410 Gone removes the hook, for one); name them too.
    state.hooks = new Map([...hooks.data, ...deleted.data].map((hook) => [hook.id, hook]));
    const hookOptions = hooks.data.map((hook) => h('option', { value: hook.id }, hookLabel(hook)));
    const deletedOptions = deleted.data.map((hook) => h('option', { value: hook.id }, `${hookLabel(hook)} (deleted)`));
    // A filtered hook may be beyond the first pages; keep it selectable.
    if (params.hookId && !state.hooks.has(params.hookId)) hookOptions.push(h('option', { value: params.hookId }, params.hookId));
    replaceChildren(hookSelect, h('option', { value: '' }, 'All webhooks'), hookOptions, deletedOptions.length ? h('optgroup', { label: 'Deleted webhooks' }, deletedOptions) : null);
    replaceChildren(recoverHook, hooks.data.map((hook) => h('option', { value: hook.id }, hookLabel(hook))));
    const typeOptions = triggers.map((trigger) => h('option', { value: trigger.type }, `${trigger.type} — ${triggerLabel(trigger)}`));
    if (params.eventType && !triggers.some((trigger) => trigger.type === params.eventType)) typeOptions.push(h('option', { value: params.eventType }, params.eventType));
    replaceChildren(typeSelect, h('option', { value: '' }, 'All event types'), typeOptions);
  }

  function applyParams(params) {
    hookSelect.value = params.hookId ?? '';
    typeSelect.value = params.eventType ?? '';
    statusSelect.value = params.status ?? '';
    if (params.hookId && [...recoverHook.options].some((option) => option.value === params.hookId)) recoverHook.value = params.hookId;
    if (!recoverSince.value) recoverSince.value = localInputValue(new Date(Date.now() - 24 * 3600 * 1000));
  }

  async function load(cursor) {
    const ticket = ++state.loading;
    try {
      const page = await ctx.api.get('/v1/deliveries', {
        hookId: hookSelect.value,
        eventType: typeSelect.value,
        status: statusSelect.value,
        limit: PAGE_SIZE,
        cursor,
      });
      if (ticket !== state.loading) return;
      state.deliveries = cursor ? [...state.deliveries, ...page.data] : page.data;
      state.cursor = page.nextCursor;
      clearProblem(errorBox);
      render();
    } catch (error) {
      if (ticket === state.loading) showProblem(errorBox, error, 'Could not load the deliveries');
    }
  }

  function render() {
    more.hidden = !state.cursor;
    if (state.deliveries.length === 0) {
      replaceChildren(list, h('p', { class: 'empty' }, statusSelect.value === 'failed' ? 'No failed deliveries.' : 'No deliveries match.'));
      return;
    }
    replaceChildren(
      list,
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Deliveries'),
        h('thead', {}, h('tr', {}, ['Created', 'Webhook', 'Event type', 'Status', 'Attempts', 'Last answer', 'Actions'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, state.deliveries.map((delivery) => deliveryRow(delivery))),
      ),
    );
  }

  function deliveryRow(delivery) {
    const hook = state.hooks.get(delivery.hookId);
    const label = `delivery ${delivery.id}`;
    return h(
      'tr',
      { dataset: { deliveryId: delivery.id } },
      h('td', { 'data-label': 'Created' }, timeElement(delivery.createdAt)),
      h('td', { 'data-label': 'Webhook' }, hook ? [hookLabel(hook), hook.deleted ? h('span', { class: 'muted small-text' }, ' (deleted)') : null] : h('code', {}, delivery.hookId)),
      h('td', { 'data-label': 'Event type' }, h('code', {}, delivery.eventType), delivery.test ? [' ', badge('test', 'info')] : null),
      h('td', { 'data-label': 'Status' }, deliveryBadge(delivery.status), delivery.status === 'pending' && delivery.nextAttemptAt ? h('div', { class: 'muted small-text' }, 'next try ', timeElement(delivery.nextAttemptAt)) : null),
      h('td', { 'data-label': 'Attempts' }, String(delivery.attempts)),
      h('td', { 'data-label': 'Last answer' }, delivery.lastResponseStatus ? `HTTP ${delivery.lastResponseStatus}` : '', delivery.lastError ? h('div', { class: 'error-text' }, delivery.lastError) : null, !delivery.lastResponseStatus && !delivery.lastError ? '—' : null),
      h(
        'td',
        { 'data-label': 'Actions' },
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'small secondary', 'aria-label': `Open ${label}`, onclick: () => open(delivery) }, 'Open'),
          h('button', { type: 'button', class: 'small', 'aria-label': `Redeliver ${label}`, onclick: () => redeliver(delivery) }, 'Redeliver'),
        ),
      ),
    );
  }

  async function open(delivery) {
    let detail;
    try {
      detail = await ctx.api.get(`/v1/deliveries/${encodeURIComponent(delivery.id)}`);
    } catch (error) {
      ctx.showError(error, 'Could not open the delivery');
      return;
    }
    const hook = state.hooks.get(detail.hookId);
    const { close } = openDialog({
      title: `Delivery ${detail.id}`,
      wide: true,
      content: [
        h(
          'dl',
          { class: 'detail' },
          h('dt', {}, 'Webhook'),
          h('dd', {}, hook ? [hookLabel(hook), hook.deleted ? ' (deleted)' : ''] : h('code', {}, detail.hookId)),
          h('dt', {}, 'Event'),
          h('dd', {}, h('code', {}, detail.eventType), ' ', h('code', {}, detail.eventId), detail.test ? [' ', badge('test', 'info')] : null),
          h('dt', {}, 'Status'),
          h('dd', {}, deliveryBadge(detail.status), ` after ${detail.attempts} attempt${detail.attempts === 1 ? '' : 's'}`),
          detail.nextAttemptAt ? [h('dt', {}, 'Next attempt'), h('dd', {}, timeElement(detail.nextAttemptAt))] : null,
          h('dt', {}, 'Created'),
          h('dd', {}, timeElement(detail.createdAt)),
        ),
        h('h3', {}, 'Attempts'),
        detail.attemptLog.length === 0
          ? h('p', { class: 'empty' }, 'No attempt yet.')
          : h(
              'table',
              { class: 'table attempts' },
              h('caption', { class: 'visually-hidden' }, 'Attempts'),
              h('thead', {}, h('tr', {}, ['#', 'Started', 'Outcome', 'Status', 'Duration', 'Response excerpt', 'Error'].map((title) => h('th', { scope: 'col' }, title)))),
              h(
                'tbody',
                {},
                detail.attemptLog.map((attempt) =>
                  h(
                    'tr',
                    {},
                    h('td', { 'data-label': '#' }, String(attempt.number)),
                    h('td', { 'data-label': 'Started' }, timeElement(attempt.startedAt)),
                    h('td', { 'data-label': 'Outcome' }, badge(attempt.outcome, OUTCOME_KINDS[attempt.outcome] ?? 'muted')),
                    h('td', { 'data-label': 'Status' }, attempt.responseStatus ? `HTTP ${attempt.responseStatus}` : '—'),
                    h('td', { 'data-label': 'Duration' }, `${attempt.durationMs} ms`),
                    h('td', { 'data-label': 'Response excerpt' }, attempt.responseBody ? h('pre', { class: 'code small-code' }, attempt.responseBody) : '—'),
                    h('td', { 'data-label': 'Error' }, attempt.error ? h('span', { class: 'error-text' }, attempt.error) : '—'),
                  ),
                ),
              ),
            ),
        detail.event ? copyBlock('Event body', json(detail.event)) : null,
      ],
      actions: [
        h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Close'),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              close();
              await redeliver(detail);
            },
          },
          'Redeliver',
        ),
      ],
    });
  }

  async function redeliver(delivery) {
    try {
      const queued = await ctx.api.post(`/v1/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
      ctx.notify(`Delivery ${queued.id} is queued again (same webhook-id, so the receiver can drop duplicates).`);
      load();
    } catch (error) {
      ctx.showError(error, `Could not redeliver ${delivery.id}`);
    }
  }

  async function recover(event) {
    event.preventDefault();
    clearProblem(recoverError);
    const errors = [];
    if (!recoverHook.value) errors.push({ parameter: 'Webhook', detail: 'pick a webhook' });
    const since = recoverSince.value ? new Date(recoverSince.value) : null;
    if (!since || Number.isNaN(since.getTime())) errors.push({ pointer: '/since', detail: 'pick a date and time' });
    if (errors.length) {
      showProblem(recoverError, { problem: { title: 'Check the form', errors } });
      return;
    }
    try {
      const result = await ctx.api.post(`/v1/hooks/${encodeURIComponent(recoverHook.value)}/recover`, { since: since.toISOString() });
      ctx.notify(`${result.requeued} failed deliver${result.requeued === 1 ? 'y was' : 'ies were'} queued again.`);
      load();
    } catch (error) {
      showProblem(recoverError, error, 'Could not recover the deliveries');
    }
  }

  return {
    async show(params) {
      try {
        await loadChoices(params);
      } catch (error) {
        showProblem(errorBox, error, 'Could not load the filters');
      }
      applyParams(params);
      await load();
    },
  };
}

function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
