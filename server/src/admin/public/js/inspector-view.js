// Inspector: an inspector webhook's captured deliveries, listed live (polled every 2 s while the view is
// open), each with its exact request, a signature check in the browser and a replay to a real URL.
import { $, h, replaceChildren, timeElement, formatDate, copyBlock, copyButton, badge } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { openHookForm } from './hook-form.js';
import { confirmDialog } from './dialogs.js';
import { verifySignature, headerValue } from './webhook-signature.js';

const POLL_MS = 2000;
const PAGE_SIZE = 50;
const MAX_HOOK_PAGES = 10;

function hookName(hook) {
  return hook.description || hook.name || hook.id;
}

function captureTitle(capture) {
  return (capture.eventTypes ?? []).join(', ') || 'delivery';
}

/** The body as a person reads it: JSON indented, anything else as it was sent. */
function readableBody(request) {
  const type = String(headerValue(request.headers, 'content-type') ?? '').toLowerCase();
  if (request.body && (type.includes('json') || /^\s*[[{]/.test(request.body))) {
    try {
      return { text: JSON.stringify(JSON.parse(request.body), null, 2), pretty: true };
    } catch {
      // Not JSON after all: shown as sent.
    }
  }
  return { text: request.body ?? '', pretty: false };
}

export function createInspectorView(ctx) {
  const state = { hooks: [], hookId: '', captures: [], selectedId: null, visible: false, timer: null, ticket: 0, secrets: new Map() };
  const select = $('#inspector-hook');
  const list = $('#inspector-captures');
  const detail = $('#inspector-detail');
  const errorBox = $('#inspector-error');
  const live = $('#inspector-live');
  const clearButton = $('#inspector-clear');

  select.addEventListener('change', () => ctx.navigate('inspector', { hookId: select.value }));
  $('#inspector-create').addEventListener('click', () =>
    openHookForm(ctx, {
      destination: 'inspector',
      onSaved: (hook) => {
        ctx.notify(`Inspector “${hookName(hook)}” created: publish an event it subscribes to and its delivery appears here.`);
        ctx.navigate('inspector', { hookId: hook.id });
      },
    }).catch((error) => ctx.showError(error, 'Could not open the form')),
  );

  clearButton.addEventListener('click', async () => {
    const hook = state.hooks.find((candidate) => candidate.id === state.hookId);
    const confirmed = await confirmDialog({
      title: 'Clear the captured deliveries?',
      message: `Every capture of “${hook ? hookName(hook) : state.hookId}” is removed. Its deliveries and their attempt logs stay.`,
      confirmLabel: 'Yes, clear',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await ctx.api.delete(`/v1/hooks/${encodeURIComponent(state.hookId)}/captures`);
      state.captures = [];
      state.selectedId = null;
      replaceChildren(detail);
      renderList();
      ctx.notify('The captured deliveries were cleared.');
    } catch (error) {
      showProblem(errorBox, error, 'Could not clear the captures');
    }
  });

  async function loadHooks(params) {
    // The API has no destination filter: read the tenant's hooks page by page (bounded) and keep the inspectors.
    const hooks = [];
    let cursor;
    for (let page = 0; page < MAX_HOOK_PAGES; page++) {
      const result = await ctx.api.get('/v1/hooks', { limit: 100, cursor });
      hooks.push(...result.data.filter((hook) => hook.destination?.type === 'inspector'));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    state.hooks = hooks;
    const wanted = state.hooks.some((hook) => hook.id === params.hookId) ? params.hookId : state.hooks.some((hook) => hook.id === state.hookId) ? state.hookId : state.hooks[0]?.id ?? '';
    replaceChildren(
      select,
      state.hooks.length ? state.hooks.map((hook) => h('option', { value: hook.id }, `${hookName(hook)} (${hook.events.join(', ')})`)) : h('option', { value: '' }, 'No inspector webhooks yet'),
    );
    select.disabled = state.hooks.length === 0;
    select.value = wanted;
    if (wanted !== state.hookId) {
      state.hookId = wanted;
      state.captures = [];
      state.selectedId = null;
      replaceChildren(detail);
    }
  }

  function stopPolling() {
    clearTimeout(state.timer);
    state.timer = null;
    state.ticket++;
  }

  async function poll() {
    const ticket = ++state.ticket;
    const hookId = state.hookId;
    // A tab in the background asks for nothing; the next tick after it is shown again refreshes.
    if (document.hidden) {
      state.timer = setTimeout(poll, POLL_MS);
      return;
    }
    try {
      const page = await ctx.api.get(`/v1/hooks/${encodeURIComponent(hookId)}/captures`, { limit: PAGE_SIZE });
      if (ticket !== state.ticket || !state.visible) return;
      clearProblem(errorBox);
      const changed = page.data.map((capture) => capture.id).join() !== state.captures.map((capture) => capture.id).join();
      state.captures = page.data;
      live.textContent = `Updated ${formatDate(new Date().toISOString())}`;
      if (changed) renderList();
      if (!state.selectedId && state.captures.length) selectCapture(state.captures[0].id, { focus: false });
    } catch (error) {
      if (ticket !== state.ticket || !state.visible) return;
      showProblem(errorBox, error, 'Could not load the captured deliveries');
      if (error.status === 401) return;
    }
    if (ticket === state.ticket && state.visible) state.timer = setTimeout(poll, POLL_MS);
  }

  function renderList() {
    clearButton.hidden = state.captures.length === 0;
    if (!state.hookId) {
      replaceChildren(list, h('p', { class: 'empty' }, 'No inspector webhooks yet: create one with “New inspector”.'));
      return;
    }
    if (state.captures.length === 0) {
      replaceChildren(list, h('p', { class: 'empty' }, 'Nothing captured yet. Publish an event this webhook subscribes to (or send a test delivery) and it appears here.'));
      return;
    }
    replaceChildren(
      list,
      h(
        'ul',
        { class: 'capture-list' },
        state.captures.map((capture) =>
          h(
            'li',
            { dataset: { captureId: capture.id } },
            h(
              'button',
              {
                type: 'button',
                'aria-current': String(capture.id === state.selectedId),
                'aria-label': `Open the capture of ${captureTitle(capture)} at ${formatDate(capture.capturedAt)}`,
                onclick: () => selectCapture(capture.id, { focus: true }),
              },
              h('strong', {}, captureTitle(capture)),
              ' ',
              h('code', {}, capture.request.method),
              capture.attempt > 1 ? [' ', badge(`attempt ${capture.attempt}`, 'info')] : null,
              h('span', { class: 'capture-when' }, timeElement(capture.capturedAt)),
            ),
          ),
        ),
      ),
    );
  }

  async function hookSecret(hookId) {
    if (!state.secrets.has(hookId)) {
      state.secrets.set(
        hookId,
        ctx.api.get(`/v1/hooks/${encodeURIComponent(hookId)}/secret`).then(
          (secrets) => secrets.secret,
          () => '',
        ),
      );
    }
    return state.secrets.get(hookId);
  }

  async function selectCapture(captureId, { focus }) {
    state.selectedId = captureId;
    for (const button of list.querySelectorAll('button[aria-current]')) button.setAttribute('aria-current', String(button.closest('li').dataset.captureId === captureId));
    let capture;
    try {
      capture = await ctx.api.get(`/v1/hooks/${encodeURIComponent(state.hookId)}/captures/${encodeURIComponent(captureId)}`);
    } catch (error) {
      showProblem(errorBox, error, 'Could not open the capture');
      return;
    }
    if (state.selectedId !== captureId) return;
    renderDetail(capture);
    if (focus) detail.focus();
  }

  function renderDetail(capture) {
    const request = capture.request;
    const body = readableBody(request);
    const headerLines = Object.entries(request.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');

    const secretInput = h('input', { id: 'inspector-secret', name: 'secret', type: 'text', autocomplete: 'off', spellcheck: 'false', class: 'mono', placeholder: 'whsec_…' });
    const verifyResult = h('div', { id: 'verify-result', role: 'status', 'aria-live': 'polite' });
    const verifyForm = h(
      'form',
      {
        class: 'panel',
        'aria-labelledby': 'verify-heading',
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          if (request.bodyTruncated) {
            showVerdict(verifyResult, false, 'The captured body was cut (it was larger than the capture limit), so its signature cannot be checked here.');
            return;
          }
          const verdict = await verifySignature(secretInput.value, request.headers, request.body);
          showVerdict(verifyResult, verdict.valid, verdict.reason);
        },
      },
      h('h2', { id: 'verify-heading' }, 'Verify this signature'),
      h('p', { class: 'hint' }, 'Computed in this browser, as a receiver does: HMAC-SHA256 of ', h('code', {}, 'webhook-id.webhook-timestamp.body'), ' with the secret, compared with each ', h('code', {}, 'v1'), ' entry of ', h('code', {}, 'webhook-signature'), '.'),
      h('div', { class: 'filter-form' }, h('div', { class: 'field' }, h('label', { for: 'inspector-secret' }, 'Signing secret'), secretInput), h('div', { class: 'field field-button' }, h('button', { type: 'submit' }, 'Verify signature'))),
      verifyResult,
    );
    hookSecret(capture.hookId).then((secret) => {
      if (secret && !secretInput.value && secretInput.isConnected) secretInput.value = secret;
    });

    const replayInput = h('input', { id: 'inspector-replay-url', name: 'url', type: 'text', inputmode: 'url', spellcheck: 'false', placeholder: 'https://example.com/webhooks/deskhooks' });
    const replayButton = h('button', { type: 'submit' }, 'Replay');
    const replayResult = h('div', { id: 'replay-result', class: 'replay-result', role: 'status', 'aria-live': 'polite' });
    const replayForm = h(
      'form',
      {
        class: 'panel',
        'aria-labelledby': 'replay-heading',
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const url = replayInput.value.trim();
          replayInput.removeAttribute('aria-invalid');
          if (!url) {
            replayInput.setAttribute('aria-invalid', 'true');
            showProblem(replayResult, { problem: { title: 'Enter a URL', errors: [{ pointer: '/url', detail: 'is required' }] } });
            return;
          }
          replayButton.disabled = true;
          replaceChildren(replayResult, h('p', { class: 'muted' }, `Sending to ${url}…`));
          replayResult.className = 'replay-result';
          try {
            const answer = await ctx.api.post(`/v1/hooks/${encodeURIComponent(capture.hookId)}/captures/${encodeURIComponent(capture.id)}/replay`, { url });
            replaceChildren(
              replayResult,
              h(
                'p',
                {},
                answer.status ? badge(`HTTP ${answer.status}`, answer.status < 300 ? 'ok' : 'bad') : badge('no answer', 'bad'),
                ` in ${answer.durationMs} ms`,
                answer.error ? [': ', h('span', { class: 'error-text' }, answer.error)] : '',
              ),
              answer.responseBody ? h('pre', { class: 'code small-code', 'aria-label': 'Response body' }, answer.responseBody) : null,
            );
          } catch (error) {
            replayResult.className = 'replay-result problem';
            const fields = showProblem(replayResult, error, 'The replay was refused');
            if (fields.some((field) => field.pointer === '/url')) replayInput.setAttribute('aria-invalid', 'true');
          } finally {
            replayButton.disabled = false;
          }
        },
      },
      h('h2', { id: 'replay-heading' }, 'Replay to a URL'),
      h('p', { class: 'hint' }, 'Sends this exact request (method, headers with the original signature, body) once more, to the URL you give, under the same HTTPS and address rules as deliveries. Redirects are not followed.'),
      h('div', { class: 'filter-form' }, h('div', { class: 'field field-wide' }, h('label', { for: 'inspector-replay-url' }, 'Replay to URL'), replayInput), h('div', { class: 'field field-button' }, replayButton)),
      replayResult,
    );

    replaceChildren(
      detail,
      h('h2', {}, captureTitle(capture), ' ', h('code', {}, request.method)),
      h(
        'dl',
        { class: 'detail', dataset: { captureId: capture.id } },
        h('dt', {}, 'Captured'),
        h('dd', {}, timeElement(capture.capturedAt)),
        h('dt', {}, 'Delivery'),
        h('dd', {}, h('a', { href: `#deliveries?hookId=${encodeURIComponent(capture.hookId)}` }, h('code', {}, capture.deliveryId)), ` · attempt ${capture.attempt}`),
        h('dt', {}, 'Events'),
        h('dd', {}, (capture.eventIds ?? []).map((id) => h('code', { class: 'tag' }, id))),
      ),
      copyBlock('Request headers', headerLines, { id: 'capture-headers' }),
      request.bodyTruncated ? h('p', { class: 'warning' }, 'The body was larger than the capture limit and is shown cut.') : null,
      copyBlock(body.pretty ? 'Body (JSON, indented for reading)' : 'Body', body.text, { id: 'capture-body' }),
      body.pretty ? h('p', { class: 'hint' }, 'The signature covers the body exactly as sent: ', copyButton('the body exactly as sent', () => request.body)) : null,
      verifyForm,
      replayForm,
    );
  }

  function showVerdict(target, valid, reason) {
    target.className = `verify-result ${valid ? 'valid' : 'invalid'}`;
    replaceChildren(target, h('strong', {}, valid ? 'Valid signature' : 'Invalid signature'), ': ', reason);
  }

  return {
    async show(params) {
      state.visible = true;
      stopPolling();
      // A secret may have been regenerated since: read it again.
      state.secrets.clear();
      try {
        await loadHooks(params);
        clearProblem(errorBox);
      } catch (error) {
        showProblem(errorBox, error, 'Could not load the inspector webhooks');
        return;
      }
      renderList();
      if (state.hookId && state.visible) poll();
    },
    hide() {
      state.visible = false;
      stopPolling();
    },
  };
}
