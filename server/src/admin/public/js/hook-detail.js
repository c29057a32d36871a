// "Display detail": a hook's full receiver URL and settings, and its signing secret revealed on request.
import { h, replaceChildren, copyButton, timeElement, json } from './dom.js';
import { showProblem } from './problem-view.js';

const AUTH_LABELS = { none: 'None', basic: 'Basic', bearer: 'Bearer token', api_key: 'API key header' };

function row(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function retryLabel(policy) {
  if (!policy) return '—';
  if (policy.type === 'custom') return `Custom: ${(policy.delays ?? []).join(', ')} s`;
  if (policy.type === 'fixed-30m-24h') return 'Every 30 minutes for 24 hours';
  return 'Standard (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)';
}

export function secretsList(secrets, hookLabel) {
  return h(
    'ul',
    { class: 'secrets' },
    secrets.secrets.map((entry, index) =>
      h(
        'li',
        {},
        h('code', { class: 'secret', dataset: { secret: index === 0 ? 'current' : 'previous' } }, entry.secret),
        ' ',
        copyButton(index === 0 ? `current secret of ${hookLabel}` : `previous secret of ${hookLabel}`, () => entry.secret),
        h('span', { class: 'secret-meta' }, index === 0 ? ' current' : entry.expiresAt ? [' still signs until ', timeElement(entry.expiresAt)] : ' older'),
      ),
    ),
  );
}

/** Fills `container` with the hook's detail; the secret stays hidden until asked for. */
export function renderHookDetail(ctx, container, hook, label) {
  const secretArea = h('div', { class: 'secret-area' });
  const revealButton = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'aria-label': `Reveal the secret of ${label}`,
      onclick: async () => {
        revealButton.disabled = true;
        try {
          const secrets = await ctx.api.get(`/v1/hooks/${encodeURIComponent(hook.id)}/secret`);
          replaceChildren(secretArea, secretsList(secrets, label));
        } catch (error) {
          const box = h('div', { class: 'problem', role: 'alert' });
          showProblem(box, error, 'Could not reveal the secret');
          replaceChildren(secretArea, box);
          revealButton.disabled = false;
        }
      },
    },
    'Reveal secret',
  );
  replaceChildren(secretArea, revealButton);

  replaceChildren(
    container,
    h(
      'dl',
      { class: 'detail' },
      hook.url
        ? row('Receiver URL', [h('code', { class: 'wrap', dataset: { detail: 'url' } }, hook.url), ' ', copyButton(`receiver URL of ${label}`, () => hook.url)])
        : row('Destination', hook.destination?.type === 'inspector' ? h('a', { href: `#inspector?hookId=${encodeURIComponent(hook.id)}` }, 'Inspector: deliveries are kept in deskhooks') : 'Event stream: consumed by deskhooks listen'),
      row('Signing secret', secretArea),
      row('Webhook id', h('code', {}, hook.id)),
      row('Events', hook.events.map((type) => h('code', { class: 'tag' }, type))),
      row('Method and format', `${hook.method} · ${hook.format}${hook.template ? ` (${hook.template.contentType})` : ''}`),
      row('Receiver authentication', `${AUTH_LABELS[hook.auth?.type] ?? hook.auth?.type}${hook.auth?.username ? ` as ${hook.auth.username}` : ''}${hook.auth?.headerName ? ` in ${hook.auth.headerName}` : ''}`),
      row('Extra headers', Object.keys(hook.headers ?? {}).length ? Object.keys(hook.headers).map((name) => h('code', { class: 'tag' }, name)) : 'None'),
      row('Filter', hook.filter ? h('pre', { class: 'code small-code' }, json(hook.filter)) : 'None: every event of its types'),
      row('Retry policy', retryLabel(hook.retryPolicy)),
      row('A 3xx answer', hook.redirects === 'succeed' ? 'Counts as success (not followed)' : 'Counts as failure, retried (not followed)'),
      row('Ordered', hook.ordered ? 'Yes, one at a time' : 'No'),
      hook.brand ? row('Brand', hook.brand) : null,
      hook.template ? row('Template', h('pre', { class: 'code small-code' }, hook.template.body)) : null,
      hook.disabledReason ? row('Disabled because', hook.disabledReason) : null,
      hook.failingSince ? row('Failing since', timeElement(hook.failingSince)) : null,
      row('Created by', hook.source),
      row('Created', timeElement(hook.createdAt)),
      row('Updated', timeElement(hook.updatedAt)),
    ),
  );
  return { showSecrets: (secrets) => replaceChildren(secretArea, secretsList(secrets, label)) };
}
