// The create / edit webhook form: every field of the hook API, with the catalog's events to pick from.
import { h } from './dom.js';
import { openDialog } from './dialogs.js';
import { GROUP_LABELS, groupTriggers, triggerLabel } from './catalog.js';
import { showProblem, clearProblem, localProblem } from './problem-view.js';

const RETRY_POLICIES = [
  ['standard', 'Standard: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h'],
  ['fixed-30m-24h', 'Every 30 minutes for 24 hours'],
  ['custom', 'Custom delays'],
];
const FORMATS = [
  ['envelope', 'Event envelope (default)'],
  ['data', 'The resource alone (data)'],
  ['batch', 'Batch: a JSON array of events'],
  ['template', 'Template: a Liquid template'],
  ['livechat', 'Live chat: {trigger, appId, data, created_at}'],
  ['deskdirector', 'DeskDirector: a JSON array of the changed resources'],
];
const REDIRECTS = [
  ['fail', 'Failure: retried (default)'],
  ['succeed', 'Success, as EddyDesk counts 2xx and 3xx'],
];
const AUTH_TYPES = [
  ['none', 'None'],
  ['basic', 'Basic (username and password)'],
  ['bearer', 'Bearer token'],
  ['api_key', 'API key header'],
];

let formCounter = 0;

function field(id, label, control, hint) {
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', dataset: { field: id } }, h('label', { for: control.id }, label), control, hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

function select(id, name, options, value) {
  return h(
    'select',
    { id, name },
    options.map(([optionValue, label]) => h('option', { value: optionValue, selected: optionValue === value }, label)),
  );
}

function headersToText(headers) {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function parseHeaders(text, errors) {
  const headers = {};
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push({ pointer: '/headers', detail: `line ${index + 1} should read "Name: value"` });
      return;
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return headers;
}

function parseJsonField(text, pointer, errors) {
  if (!text.trim()) return null;
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ pointer, detail: 'must be a JSON object' });
      return undefined;
    }
    return value;
  } catch (error) {
    errors.push({ pointer, detail: `is not valid JSON (${error.message})` });
    return undefined;
  }
}

/**
 * Opens the form. `hook` set → edit (PATCH changed fields), unset → create. `destination: 'inspector'`
 * creates a hook whose deliveries the Inspector keeps instead of posting them (no receiver URL).
 * @param {{ api: any, catalog: any }} ctx
 * @param {{ hook?: any, destination?: 'url' | 'inspector', onSaved: (hook: any, created: boolean) => void }} options
 */
export async function openHookForm(ctx, { hook, destination: wantedDestination, onSaved }) {
  const editing = Boolean(hook);
  const destination = hook?.destination?.type ?? wantedDestination ?? 'url';
  const inspector = destination === 'inspector';
  const prefix = `hook-form-${++formCounter}`;
  const id = (name) => `${prefix}-${name}`;
  const [triggers, settings] = await Promise.all([ctx.catalog.triggers(), ctx.api.get('/v1/settings')]);
  const chosen = new Set(hook?.events ?? []);

  const urlInput = h('input', { id: id('url'), name: 'url', type: 'text', inputmode: 'url', required: true, spellcheck: 'false', value: hook?.url ?? '', placeholder: 'https://example.com/webhooks/deskhooks' });
  const nameInput = h('input', { id: id('name'), name: 'name', maxlength: '200', value: hook?.name ?? '' });
  const descriptionInput = h('input', { id: id('description'), name: 'description', maxlength: '1000', value: hook?.description ?? '' });
  const brandInput = h('input', { id: id('brand'), name: 'brand', maxlength: '200', value: hook?.brand ?? '' });

  const allEvents = h('input', { type: 'checkbox', id: id('event-all'), name: 'events', value: '*', checked: chosen.has('*') });
  const eventGroups = groupTriggers(triggers).map(([group, items]) =>
    h(
      'fieldset',
      { class: 'event-group' },
      h('legend', {}, GROUP_LABELS[group] ?? group),
      items.map((trigger) => {
        const checkboxId = id(`event-${trigger.type.replace(/[^a-z0-9_-]/gi, '-')}`);
        return h(
          'div',
          { class: 'check' },
          h('input', { type: 'checkbox', id: checkboxId, name: 'events', value: trigger.type, checked: chosen.has(trigger.type), title: trigger.description }),
          h('label', { for: checkboxId }, triggerLabel(trigger), ' ', h('code', {}, trigger.type)),
        );
      }),
    ),
  );
  // Types the hook subscribes to that the catalog no longer lists (a deleted custom type) stay visible.
  const unknown = [...chosen].filter((type) => type !== '*' && !triggers.some((trigger) => trigger.type === type));
  const unknownGroup = unknown.length
    ? h(
        'fieldset',
        { class: 'event-group' },
        h('legend', {}, 'No longer in the catalog'),
        unknown.map((type, index) =>
          h('div', { class: 'check' }, h('input', { type: 'checkbox', id: id(`event-unknown-${index}`), name: 'events', value: type, checked: true }), h('label', { for: id(`event-unknown-${index}`) }, h('code', {}, type))),
        ),
      )
    : null;
  const eventsFieldset = h(
    'fieldset',
    { class: 'events', id: id('events'), dataset: { field: 'events' } },
    h('legend', {}, 'Events'),
    h('div', { class: 'check check-all' }, allEvents, h('label', { for: allEvents.id }, 'All events, including future ones ', h('code', {}, '*'))),
    h('div', { class: 'event-groups' }, eventGroups, unknownGroup),
  );

  const formatSelect = select(id('format'), 'format', FORMATS, hook?.format ?? 'envelope');
  const templateBody = h('textarea', { id: id('template-body'), name: 'templateBody', rows: '5', spellcheck: 'false', placeholder: '{"text": "Ticket {{ data.ticket.id }}: {{ data.ticket.summary }}"}' }, hook?.template?.body ?? '');
  const templateType = select(id('template-type'), 'templateContentType', [['json', 'JSON'], ['xml', 'XML'], ['form', 'Form (URL-encoded)']], hook?.template?.contentType ?? 'json');
  // The live-chat appId is the account's (every livechat webhook sends the same one); it is edited here
  // because this is where an admin meets it, and saved to the settings before the webhook.
  const appIdInput = h('input', { id: id('livechat-app-id'), name: 'liveChatAppId', maxlength: '200', autocomplete: 'off', value: settings.liveChatAppId ?? '' });
  const liveChatFields = h('div', { class: 'subfields' }, field(id('livechat-app-id'), 'Live-chat app id (appId)', appIdInput, 'Shared by every live-chat webhook of this account.'));
  const templateFields = h('div', { class: 'subfields' }, field(id('template-body'), 'Template (Liquid over the envelope)', templateBody), field(id('template-type'), 'Sent as', templateType));

  const methodSelect = select(id('method'), 'method', ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].map((m) => [m, m]), hook?.method ?? 'POST');

  const authType = select(id('auth-type'), 'authType', AUTH_TYPES, hook?.auth?.type ?? 'none');
  const authUsername = h('input', { id: id('auth-username'), name: 'authUsername', autocomplete: 'off', value: hook?.auth?.username ?? '' });
  const authPassword = h('input', { id: id('auth-password'), name: 'authPassword', type: 'password', autocomplete: 'new-password', placeholder: editing ? 'unchanged' : '' });
  const authToken = h('input', { id: id('auth-token'), name: 'authToken', type: 'password', autocomplete: 'off', placeholder: editing ? 'unchanged' : '' });
  const authHeaderName = h('input', { id: id('auth-header-name'), name: 'authHeaderName', autocomplete: 'off', value: hook?.auth?.headerName ?? '', placeholder: 'X-Api-Key' });
  const authValue = h('input', { id: id('auth-value'), name: 'authValue', type: 'password', autocomplete: 'off', placeholder: editing ? 'unchanged' : '' });
  const authBasic = h('div', { class: 'subfields' }, field(id('auth-username'), 'Username', authUsername), field(id('auth-password'), 'Password', authPassword));
  const authBearer = h('div', { class: 'subfields' }, field(id('auth-token'), 'Token', authToken));
  const authApiKey = h('div', { class: 'subfields' }, field(id('auth-header-name'), 'Header name', authHeaderName), field(id('auth-value'), 'Value', authValue));

  const headersInput = h('textarea', { id: id('headers'), name: 'headers', rows: '3', spellcheck: 'false', placeholder: 'X-Team: support' }, headersToText(hook?.headers));
  // Secret values read back as ******** and saving ******** keeps them, so the text can round-trip.
  const secretHeadersInput = h('input', { id: id('secret-headers'), name: 'secretHeaders', autocomplete: 'off', spellcheck: 'false', value: (hook?.secretHeaders ?? []).join(', '), placeholder: 'X-Signature-Seed' });
  const filterInput = h('textarea', { id: id('filter'), name: 'filter', rows: '3', spellcheck: 'false', placeholder: '{"data.chat.type": "request"}' }, hook?.filter ? JSON.stringify(hook.filter, null, 2) : '');
  const retrySelect = select(id('retry'), 'retryPolicy', RETRY_POLICIES, hook?.retryPolicy?.type ?? 'standard');
  const retryDelays = h('input', { id: id('retry-delays'), name: 'retryDelays', inputmode: 'numeric', value: (hook?.retryPolicy?.delays ?? []).join(', '), placeholder: '10, 60, 600' });
  const retryDelaysField = field(id('retry-delays'), 'Delays in seconds, comma-separated', retryDelays);
  const redirectsSelect = select(id('redirects'), 'redirects', REDIRECTS, hook?.redirects ?? 'fail');
  const orderedInput = h('input', { type: 'checkbox', id: id('ordered'), name: 'ordered', checked: Boolean(hook?.ordered) });
  const enabledInput = h('input', { type: 'checkbox', id: id('enabled'), name: 'enabled', checked: true });

  const errorBox = h('div', { class: 'problem', role: 'alert', hidden: true });

  function sync() {
    templateFields.hidden = formatSelect.value !== 'template';
    liveChatFields.hidden = formatSelect.value !== 'livechat';
    authBasic.hidden = authType.value !== 'basic';
    authBearer.hidden = authType.value !== 'bearer';
    authApiKey.hidden = authType.value !== 'api_key';
    retryDelaysField.hidden = retrySelect.value !== 'custom';
    const all = allEvents.checked;
    for (const box of eventGroups.flatMap((group) => [...group.querySelectorAll('input')])) box.disabled = all;
  }
  for (const control of [formatSelect, authType, retrySelect, allEvents]) control.addEventListener('change', sync);

  const authTouched = { value: false };
  for (const control of [authType, authUsername, authPassword, authToken, authHeaderName, authValue]) control.addEventListener('input', () => (authTouched.value = true));

  function collect() {
    const errors = [];
    const body = {};
    if (destination === 'url') {
      const url = urlInput.value.trim();
      if (!url) errors.push({ pointer: '/url', detail: 'is required' });
      body.url = url;
    } else if (!editing) {
      // Sending no url keeps an edited hook's destination; a new one names it.
      body.destination = { type: destination };
    }
    const events = allEvents.checked ? ['*'] : [...eventsFieldset.querySelectorAll('input[name="events"]:checked')].map((box) => box.value).filter((v) => v !== '*');
    if (events.length === 0) errors.push({ pointer: '/events', detail: 'pick at least one event' });
    body.events = events;
    body.description = descriptionInput.value.trim();
    const name = nameInput.value.trim();
    if (name || editing) body.name = name || null;
    const brand = brandInput.value.trim();
    if (brand || editing) body.brand = brand || null;
    body.format = formatSelect.value;
    if (body.format === 'template') {
      if (!templateBody.value.trim()) errors.push({ pointer: '/template/body', detail: 'is required for the template format' });
      body.template = { body: templateBody.value, contentType: templateType.value };
    } else if (editing) {
      body.template = null;
    }
    let appId;
    if (body.format === 'livechat') {
      appId = appIdInput.value.trim();
      if (!appId) errors.push({ pointer: '/liveChatAppId', detail: 'is required for the live-chat format: it is sent as appId' });
    }
    body.method = methodSelect.value;
    // Endpoint secrets are write-only: when editing, auth is sent only if the admin changed it, and
    // then its secret must be typed again (the "unchanged" placeholder must never turn into an empty one).
    if (!editing || authTouched.value) {
      const type = authType.value;
      const secret = { basic: [authPassword, 'password', '/auth/password'], bearer: [authToken, 'token', '/auth/token'], api_key: [authValue, 'value', '/auth/value'] }[type];
      if (editing && secret && !secret[0].value) {
        errors.push({ pointer: secret[2], detail: `enter the ${secret[1]} again: secrets are never shown, so changing the authentication needs it` });
      }
      if (type === 'none') body.auth = { type };
      if (type === 'basic') body.auth = { type, username: authUsername.value, password: authPassword.value };
      if (type === 'bearer') body.auth = { type, token: authToken.value };
      if (type === 'api_key') body.auth = { type, headerName: authHeaderName.value.trim(), value: authValue.value };
    }
    const headers = parseHeaders(headersInput.value, errors);
    if (Object.keys(headers).length || editing) body.headers = headers;
    const secretHeaders = secretHeadersInput.value.split(',').map((name) => name.trim()).filter(Boolean);
    if (secretHeaders.length || editing) body.secretHeaders = secretHeaders;
    const filter = parseJsonField(filterInput.value, '/filter', errors);
    if (filter !== undefined && (filter !== null || editing)) body.filter = filter;
    const retryType = retrySelect.value;
    if (retryType === 'custom') {
      const parts = retryDelays.value.split(/[\s,]+/).filter(Boolean);
      const delays = parts.map(Number);
      if (parts.length === 0 || delays.some((d) => !Number.isInteger(d) || d < 1)) {
        errors.push({ pointer: '/retryPolicy/delays', detail: 'list whole numbers of seconds, such as 10, 60, 600' });
      }
      body.retryPolicy = { type: 'custom', delays };
    } else {
      body.retryPolicy = { type: retryType };
    }
    body.redirects = redirectsSelect.value;
    body.ordered = orderedInput.checked;
    if (!editing) {
      body.enabled = enabledInput.checked;
      body.source = 'admin';
    }
    return { body, errors, appId };
  }

  function markInvalid(errors) {
    for (const element of dialog.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
    for (const error of errors) {
      const top = String(error.pointer ?? '').split('/')[1];
      const target = { '/auth/password': authPassword, '/auth/token': authToken, '/auth/value': authValue }[error.pointer] ?? { url: urlInput, name: nameInput, description: descriptionInput, brand: brandInput, events: eventsFieldset, format: formatSelect, template: templateBody, method: methodSelect, auth: authType, headers: headersInput, secretHeaders: secretHeadersInput, filter: filterInput, retryPolicy: retrySelect.value === 'custom' ? retryDelays : retrySelect, redirects: redirectsSelect, liveChatAppId: appIdInput }[top];
      target?.setAttribute('aria-invalid', 'true');
    }
  }

  const saveButton = h('button', { type: 'submit' }, editing ? 'Save changes' : inspector ? 'Create inspector' : 'Create webhook');
  const { dialog, close } = openDialog({
    title: editing ? `Edit webhook ${hook.description || hook.name || hook.id}` : inspector ? 'New inspector' : 'Create webhook',
    wide: true,
    content: [
      errorBox,
      h(
        'div',
        { class: 'form-grid' },
        field(id('description'), 'Description', descriptionInput, 'What the webhook is for, shown in the lists.'),
        field(id('name'), 'Name (optional)', nameInput),
        destination === 'url'
          ? h('div', { class: 'span-2' }, field(id('url'), 'Receiver URL', urlInput, 'HTTPS. May use Liquid, such as {{ data.ticket.id }}, or a flat tag, {{ ticket_id }} or {ticket_id} (each event\'s tags are listed under Samples).'))
          : h('p', { class: 'hint span-2' }, inspector ? 'No receiver URL: deskhooks keeps each delivery this webhook would send (headers, signature, body) in the Inspector.' : 'No receiver URL: deliveries go to the consumers of its event stream (deskhooks listen).'),
        h('div', { class: 'span-2' }, eventsFieldset),
        field(id('format'), 'Payload format', formatSelect),
        field(id('method'), 'HTTP method', methodSelect),
        h('div', { class: 'span-2' }, templateFields, liveChatFields),
        field(id('auth-type'), 'Authentication to the receiver', authType, 'Optional. Every delivery is signed with the webhook\'s secret anyway (see Webhook security).'),
        field(id('brand'), 'Brand (optional)', brandInput, 'Only events of this brand.'),
        h('div', { class: 'span-2' }, authBasic, authBearer, authApiKey),
        field(id('headers'), 'Extra headers (one "Name: value" a line)', headersInput),
        field(id('secret-headers'), 'Secret headers (names, comma-separated)', secretHeadersInput, 'Encrypted, never shown again, redacted in logs. Authorization, Cookie and names with key, token, secret or password are secret anyway.'),
        field(id('filter'), 'Filter (a Mongo-style query over the event, JSON)', filterInput),
        field(id('retry'), 'Retry policy', retrySelect),
        retryDelaysField,
        field(id('redirects'), 'A 3xx (redirect) answer counts as', redirectsSelect, 'Redirects are never followed; choose whether the answer itself is a success.'),
        h('div', { class: 'check span-2' }, orderedInput, h('label', { for: orderedInput.id }, 'Ordered: deliver this webhook\'s events one at a time, in order')),
        editing ? null : h('div', { class: 'check span-2' }, enabledInput, h('label', { for: enabledInput.id }, 'Active: start delivering at once')),
      ),
    ],
    actions: [h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Cancel'), saveButton],
    onSubmit: async () => {
      const { body, errors, appId } = collect();
      markInvalid(errors);
      if (errors.length) {
        showProblem(errorBox, localProblem('Check the highlighted fields', errors));
        errorBox.scrollIntoView({ block: 'nearest' });
        return;
      }
      clearProblem(errorBox);
      saveButton.disabled = true;
      try {
        if (appId !== undefined && appId !== settings.liveChatAppId) {
          const updated = await ctx.api.patch('/v1/settings', { liveChatAppId: appId });
          settings.liveChatAppId = updated.liveChatAppId;
        }
        const saved = editing ? await ctx.api.patch(`/v1/hooks/${encodeURIComponent(hook.id)}`, body) : await ctx.api.post('/v1/hooks', body);
        close();
        onSaved(saved, !editing);
      } catch (error) {
        const fields = showProblem(errorBox, error, editing ? 'The webhook was not saved' : 'The webhook was not created');
        markInvalid(fields);
        errorBox.scrollIntoView({ block: 'nearest' });
      } finally {
        saveButton.disabled = false;
      }
    },
  });
  sync();
  descriptionInput.focus();
}
