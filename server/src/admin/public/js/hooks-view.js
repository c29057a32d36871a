// Registered webhooks: the list with its status filters and every per-hook action.
import { $, h, replaceChildren, timeElement, badge, copyBlock } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { openDialog, confirmDialog } from './dialogs.js';
import { openHookForm } from './hook-form.js';
import { renderHookDetail, secretsList } from './hook-detail.js';
import { triggerLabel } from './catalog.js';

const PAGE_SIZE = 50;
const STATUS_LABELS = { active: 'Active', inactive: 'Inactive', disabled: 'Auto-disabled' };
const STATUS_KINDS = { active: 'ok', inactive: 'muted', disabled: 'bad' };
const SOURCE_LABELS = { admin: 'via the console', api: 'via the API', zapier: 'via Zapier', 'power-automate': 'via Power Automate' };
export const DELIVERY_KINDS = { succeeded: 'ok', pending: 'info', failed: 'bad', cancelled: 'muted' };

export function hookLabel(hook) {
  return hook.description || hook.name || hook.url || hook.id;
}

/** Where a hook sends: its URL, or the built-in inspector or event stream (which have none). */
export function destinationCell(hook) {
  const type = hook.destination?.type ?? 'url';
  if (type === 'inspector') return h('a', { href: `#inspector?hookId=${encodeURIComponent(hook.id)}` }, 'Inspector (kept in deskhooks)');
  if (type === 'stream') return h('span', {}, 'Event stream (deskhooks listen)');
  return h('code', { class: 'truncate', title: hook.url }, hook.url);
}

export function statusBadge(hook) {
  return badge(STATUS_LABELS[hook.status] ?? hook.status, STATUS_KINDS[hook.status] ?? 'muted');
}

function lastDeliveryCell(ctx, hook) {
  const last = hook.lastDelivery;
  if (!last) return h('span', { class: 'muted' }, 'None yet');
  return h(
    'span',
    { class: 'last-delivery' },
    badge(last.status, DELIVERY_KINDS[last.status] ?? 'muted'),
    last.responseStatus ? ` HTTP ${last.responseStatus}` : '',
    h('br'),
    h('a', { href: `#deliveries?hookId=${encodeURIComponent(hook.id)}`, 'aria-label': `Deliveries of ${hookLabel(hook)}` }, timeElement(last.at, { short: true })),
  );
}

export function createHooksView(ctx) {
  const state = { status: '', hooks: [], cursor: null, expanded: new Set(), loading: 0 };
  const list = $('#hooks-list');
  const errorBox = $('#hooks-error');
  const more = $('#hooks-more');

  for (const button of document.querySelectorAll('#view-hooks .filter')) {
    button.addEventListener('click', () => {
      state.status = button.dataset.status;
      for (const other of document.querySelectorAll('#view-hooks .filter')) other.setAttribute('aria-pressed', String(other === button));
      load();
    });
  }
  $('#create-hook').addEventListener('click', () =>
    openHookForm(ctx, {
      onSaved: (hook) => {
        showCreatedSecret(hook);
        load();
      },
    }).catch((error) => ctx.showError(error, 'Could not open the form')),
  );
  more.addEventListener('click', () => load(state.cursor));

  async function load(cursor) {
    const ticket = ++state.loading;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await ctx.api.get('/v1/hooks', { status: state.status, limit: PAGE_SIZE, cursor });
      if (ticket !== state.loading) return; // a newer filter click won
      state.hooks = cursor ? [...state.hooks, ...page.data] : page.data;
      state.cursor = page.nextCursor;
      clearProblem(errorBox);
      render();
    } catch (error) {
      if (ticket === state.loading) showProblem(errorBox, error, 'Could not load the webhooks');
    } finally {
      if (ticket === state.loading) list.setAttribute('aria-busy', 'false');
    }
  }

  function replaceHook(updated) {
    const matches = !state.status || updated.status === state.status;
    state.hooks = state.hooks.flatMap((hook) => (hook.id !== updated.id ? [hook] : matches && !updated.deleted ? [updated] : []));
    render();
  }

  function render() {
    more.hidden = !state.cursor;
    if (state.hooks.length === 0) {
      const what = state.status ? `${STATUS_LABELS[state.status].toLowerCase()} webhooks` : 'webhooks yet';
      replaceChildren(list, h('p', { class: 'empty' }, `No ${what}. `, state.status ? '' : 'Create one to start receiving events.'));
      return;
    }
    replaceChildren(
      list,
      h(
        'table',
        { class: 'table hooks-table' },
        h('caption', { class: 'visually-hidden' }, 'Registered webhooks'),
        h('thead', {}, h('tr', {}, ['Description', 'Receiver URL', 'Events', 'Status', 'Last delivery', 'Actions'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, state.hooks.map((hook) => hookRows(hook))),
      ),
    );
  }

  function hookRows(hook) {
    const label = hookLabel(hook);
    const detailId = `hook-detail-${hook.id}`;
    const expanded = state.expanded.has(hook.id);
    const detailCell = h('td', { colspan: '6' });
    const detailRow = h('tr', { class: 'detail-row', id: detailId, hidden: !expanded }, detailCell);
    let detail = null;
    if (expanded) detail = renderHookDetail(ctx, detailCell, hook, label);

    const detailButton = h(
      'button',
      {
        type: 'button',
        class: 'small secondary',
        'aria-expanded': String(expanded),
        'aria-controls': detailId,
        'aria-label': `Display detail of ${label}`,
        onclick: () => {
          const open = detailRow.hidden;
          detailRow.hidden = !open;
          detailButton.setAttribute('aria-expanded', String(open));
          if (open) {
            state.expanded.add(hook.id);
            detail = renderHookDetail(ctx, detailCell, hook, label);
          } else {
            state.expanded.delete(hook.id);
          }
        },
      },
      'Display detail',
    );
    const isActive = hook.status === 'active';
    const actions = [
      detailButton,
      h('button', { type: 'button', class: 'small secondary', 'aria-label': `Edit ${label}`, onclick: () => edit(hook) }, 'Edit'),
      h('button', { type: 'button', class: 'small secondary', 'aria-label': `Send a test delivery to ${label}`, onclick: () => sendTest(hook) }, 'Send test'),
      h(
        'button',
        { type: 'button', class: 'small secondary', 'aria-label': `${isActive ? 'Deactivate' : 'Activate'} ${label}`, onclick: () => setActive(hook, !isActive) },
        isActive ? 'Deactivate' : 'Activate',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'small secondary',
          'aria-label': `Regenerate the secret of ${label}`,
          onclick: () =>
            regenerate(hook, (secrets) => {
              if (detailRow.hidden) detailButton.click();
              detail?.showSecrets(secrets);
            }),
        },
        'Regenerate secret',
      ),
      h('button', { type: 'button', class: 'small danger', 'aria-label': `Delete ${label}`, onclick: () => remove(hook) }, 'Delete'),
    ];

    return [
      h(
        'tr',
        { dataset: { hookId: hook.id } },
        h('td', { 'data-label': 'Description' }, h('strong', {}, hook.description || '(no description)'), hook.name ? h('div', { class: 'muted' }, hook.name) : null, h('div', { class: 'muted small-text' }, SOURCE_LABELS[hook.source] ?? hook.source)),
        h('td', { 'data-label': 'Receiver URL' }, destinationCell(hook)),
        h('td', { 'data-label': 'Events' }, hook.events.map((type) => h('code', { class: 'tag' }, type))),
        h('td', { 'data-label': 'Status' }, statusBadge(hook), hook.disabledReason ? h('div', { class: 'muted small-text' }, hook.disabledReason) : null),
        h('td', { 'data-label': 'Last delivery' }, lastDeliveryCell(ctx, hook)),
        h('td', { 'data-label': 'Actions' }, h('div', { class: 'actions' }, actions)),
      ),
      detailRow,
    ];
  }

  function edit(hook) {
    openHookForm(ctx, {
      hook,
      onSaved: (saved) => {
        ctx.notify(`Saved “${hookLabel(saved)}”.`);
        replaceHook(saved);
      },
    }).catch((error) => ctx.showError(error, 'Could not open the form'));
  }

  async function setActive(hook, active) {
    try {
      const updated = await ctx.api.post(`/v1/hooks/${encodeURIComponent(hook.id)}/${active ? 'activate' : 'deactivate'}`);
      ctx.notify(`“${hookLabel(updated)}” is now ${STATUS_LABELS[updated.status]?.toLowerCase() ?? updated.status}.`);
      replaceHook(updated);
    } catch (error) {
      ctx.showError(error, `Could not ${active ? 'activate' : 'deactivate'} “${hookLabel(hook)}”`);
    }
  }

  async function regenerate(hook, onRotated) {
    const overlap = h(
      'select',
      { id: 'rotate-overlap', name: 'overlapSeconds' },
      h('option', { value: '0' }, 'No overlap: the old secret stops signing at once'),
      h('option', { value: '3600' }, '1 hour'),
      h('option', { value: '86400', selected: true }, '24 hours'),
      h('option', { value: '604800' }, '7 days'),
    );
    const form = await confirmDialog({
      title: 'Regenerate the secret?',
      message: `A new secret will sign the deliveries of “${hookLabel(hook)}”. During the overlap the old secret signs too, so your receiver can switch without missing deliveries.`,
      confirmLabel: 'Regenerate secret',
      extra: h('div', { class: 'field' }, h('label', { for: 'rotate-overlap' }, 'Keep the old secret signing for'), overlap),
    });
    if (!form) return;
    try {
      const secrets = await ctx.api.post(`/v1/hooks/${encodeURIComponent(hook.id)}/secret/rotate`, { overlapSeconds: Number(overlap.value) });
      ctx.notify(`A new secret signs the deliveries of “${hookLabel(hook)}”.`);
      onRotated(secrets);
    } catch (error) {
      ctx.showError(error, 'Could not regenerate the secret');
    }
  }

  async function remove(hook) {
    const reason = h('input', { id: 'delete-reason', name: 'reason', maxlength: '500', placeholder: 'e.g. replaced by the new Teams flow' });
    const form = await confirmDialog({
      title: 'Delete this webhook?',
      message: `“${hookLabel(hook)}” will stop receiving events and move to Deleted webhooks, where it can be restored.`,
      confirmLabel: 'Yes, delete',
      danger: true,
      extra: h('div', { class: 'field' }, h('label', { for: 'delete-reason' }, 'Reason (optional)'), reason),
    });
    if (!form) return;
    try {
      await ctx.api.delete(`/v1/hooks/${encodeURIComponent(hook.id)}`, { reason: reason.value.trim() });
      ctx.notify(`Deleted “${hookLabel(hook)}”. Restore it from Deleted webhooks if needed.`);
      state.hooks = state.hooks.filter((other) => other.id !== hook.id);
      render();
    } catch (error) {
      ctx.showError(error, `Could not delete “${hookLabel(hook)}”`);
    }
  }

  async function sendTest(hook) {
    let triggers = [];
    try {
      triggers = await ctx.catalog.triggers();
    } catch (error) {
      ctx.showError(error, 'Could not load the triggers');
      return;
    }
    const types = hook.events.includes('*') ? triggers.map((trigger) => trigger.type) : hook.events;
    const typeSelect = h(
      'select',
      { id: 'test-type', name: 'type' },
      types.map((type) => {
        const trigger = triggers.find((candidate) => candidate.type === type);
        return h('option', { value: type }, trigger ? `${triggerLabel(trigger)} (${type})` : type);
      }),
    );
    const result = h('div', { class: 'test-result', role: 'status', 'aria-live': 'polite' });
    const errorBox = h('div', { class: 'problem', role: 'alert', hidden: true });
    const sendButton = h('button', { type: 'submit' }, 'Send test delivery');
    const { close } = openDialog({
      title: `Send a test delivery to “${hookLabel(hook)}”`,
      content: [
        h('p', {}, 'Sends the sample of the chosen event type, marked "test": true, signed like every delivery.'),
        h('div', { class: 'field' }, h('label', { for: 'test-type' }, 'Event type'), typeSelect),
        errorBox,
        result,
      ],
      actions: [h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Close'), sendButton],
      onSubmit: async () => {
        sendButton.disabled = true;
        clearProblem(errorBox);
        try {
          const delivery = await ctx.api.post(`/v1/hooks/${encodeURIComponent(hook.id)}/test`, { type: typeSelect.value });
          replaceChildren(result, 'Test delivery ', h('code', {}, delivery.id), ' queued. ', h('span', { class: 'test-status' }, badge(delivery.status, DELIVERY_KINDS[delivery.status] ?? 'muted')), ' ', h('a', { href: `#deliveries?hookId=${encodeURIComponent(hook.id)}`, onclick: () => close() }, 'Open the delivery log'));
          await followDelivery(delivery, result);
        } catch (error) {
          showProblem(errorBox, error, 'The test delivery was not sent');
        } finally {
          sendButton.disabled = false;
        }
      },
    });
  }

  /** Shows the outcome of a test delivery as the engine works it (polls for up to 30 s while the dialog is open). */
  async function followDelivery(delivery, result) {
    let current = delivery;
    // Until the first attempt is made: a failed one stays pending while it waits for its retry.
    for (let round = 0; round < 60 && current.status === 'pending' && current.attempts === 0 && result.isConnected; round++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        current = await ctx.api.get(`/v1/deliveries/${encodeURIComponent(delivery.id)}`);
      } catch {
        return;
      }
    }
    const statusBox = result.querySelector('.test-status');
    const retrying = current.status === 'pending' && current.attempts > 0;
    if (statusBox) replaceChildren(statusBox, badge(current.status, DELIVERY_KINDS[current.status] ?? 'muted'), current.lastResponseStatus ? ` HTTP ${current.lastResponseStatus}` : '', current.lastError ? ` ${current.lastError}` : '', retrying ? ' (will be retried)' : '');
  }

  function showCreatedSecret(hook) {
    const label = hookLabel(hook);
    ctx.notify(`Created “${label}”.`);
    if (!hook.secret) return;
    const { close } = openDialog({
      title: 'Webhook created',
      content: [
        h('p', {}, `“${label}” is registered. Give its signing secret to the receiver so it can check each delivery's signature. You can reveal it again later with Display detail.`),
        copyBlock(`signing secret of ${label}`, hook.secret, { id: 'created-secret' }),
      ],
      actions: [h('button', { type: 'button', onclick: () => close() }, 'Done')],
    });
  }

  return {
    show() {
      load();
    },
    secretsList,
  };
}
