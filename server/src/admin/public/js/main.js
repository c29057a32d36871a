// Entry point: sign-in, navigation between the console's sections and the tenant's global switch.
import { createApi } from './api.js';
import { $, h, replaceChildren } from './dom.js';
import { showProblem, clearProblem } from './problem-view.js';
import { createCatalog } from './catalog.js';
import { createHooksView } from './hooks-view.js';
import { createDeletedView } from './deleted-view.js';
import { createDeliveriesView } from './deliveries-view.js';
import { createSamplesView } from './samples-view.js';
import { createCustomEventsView } from './custom-events-view.js';
import { createSecurityView } from './security-view.js';
import { createInspectorView } from './inspector-view.js';

const KEY_STORAGE = 'deskhooks.apiKey';
const DEFAULT_TAB = 'hooks';

const session = {
  get key() {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  set key(value) {
    if (value) sessionStorage.setItem(KEY_STORAGE, value);
    else sessionStorage.removeItem(KEY_STORAGE);
  },
};

const api = createApi({
  getKey: () => session.key,
  onUnauthorized: () => {
    // A revoked key: back to the sign-in form, with the reason.
    if (!session.key) return;
    signOut('Your API key was refused (revoked or invalid). Sign in again.');
  },
});

let noticeTimer;
const ctx = {
  api,
  catalog: createCatalog(api),
  notify(message) {
    const notice = $('#notice');
    notice.textContent = message;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.textContent = ''), 8000);
  },
  showError(error, intro) {
    showProblem($('#global-error'), error, intro);
  },
  clearError() {
    clearProblem($('#global-error'));
  },
  navigate(tab, params = {}) {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
    window.location.hash = query ? `${tab}?${query}` : tab;
  },
};

const views = {
  hooks: createHooksView(ctx),
  deleted: createDeletedView(ctx),
  deliveries: createDeliveriesView(ctx),
  inspector: createInspectorView(ctx),
  samples: createSamplesView(ctx),
  'custom-events': createCustomEventsView(ctx),
  security: createSecurityView(ctx),
};

function currentRoute() {
  const [tab, query = ''] = window.location.hash.replace(/^#/, '').split('?');
  return { tab: views[tab] ? tab : DEFAULT_TAB, params: Object.fromEntries(new URLSearchParams(query)) };
}

let shownTab = null;

function showRoute() {
  if (!session.key) return;
  const { tab, params } = currentRoute();
  // A view that polls (the Inspector) stops when it is left.
  if (shownTab && shownTab !== tab) views[shownTab].hide?.();
  shownTab = tab;
  ctx.clearError();
  for (const section of document.querySelectorAll('.view')) section.hidden = section.dataset.view !== tab;
  for (const link of document.querySelectorAll('.tabs a')) {
    if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  views[tab].show(params);
}

async function loadAccount() {
  const [me, settings] = await Promise.all([api.get('/v1/me'), api.get('/v1/settings')]);
  replaceChildren($('#tenant-name'), h('span', { class: 'visually-hidden' }, 'Signed in to '), h('strong', {}, me.tenant.name), ` · key “${me.key.name}”`);
  $('#webhooks-enabled').checked = settings.webhooksEnabled;
  renderSwitchHint(settings.webhooksEnabled);
}

function renderSwitchHint(enabled) {
  const banner = document.getElementById('paused-banner');
  if (enabled) {
    banner?.remove();
    return;
  }
  if (banner) return;
  $('.messages').prepend(
    h('p', { id: 'paused-banner', class: 'warning' }, 'Webhooks are turned off for this tenant: events are still stored, but nothing is delivered until you turn them on again.'),
  );
}

function showSignedIn() {
  $('#sign-in').hidden = true;
  $('#console').hidden = false;
  $('#account').hidden = false;
  showRoute();
}

function signOut(reason) {
  session.key = null;
  if (shownTab) views[shownTab].hide?.();
  shownTab = null;
  ctx.catalog.reset();
  $('#console').hidden = true;
  $('#account').hidden = true;
  $('#sign-in').hidden = false;
  document.getElementById('paused-banner')?.remove();
  ctx.clearError();
  const error = $('#sign-in-error');
  if (reason) showProblem(error, { problem: { title: 'Signed out', detail: reason } });
  else clearProblem(error);
  $('#api-key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = $('#api-key');
  const key = input.value.trim();
  const error = $('#sign-in-error');
  if (!key) {
    showProblem(error, { problem: { title: 'Enter an API key', errors: [{ parameter: 'API key', detail: 'is required' }] } });
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  const button = $('#sign-in-button');
  button.disabled = true;
  try {
    // Check the key before keeping it, so a typo never lands in storage.
    await api.get('/v1/me', undefined, { key });
    session.key = key;
    input.value = '';
    input.removeAttribute('aria-invalid');
    clearProblem(error);
    await loadAccount();
    showSignedIn();
  } catch (failure) {
    session.key = null;
    input.setAttribute('aria-invalid', 'true');
    showProblem(error, failure, 'Could not sign in');
  } finally {
    button.disabled = false;
  }
}

async function toggleWebhooks(event) {
  const input = event.currentTarget;
  const wanted = input.checked;
  input.disabled = true;
  try {
    const settings = await api.patch('/v1/settings', { webhooksEnabled: wanted });
    input.checked = settings.webhooksEnabled;
    renderSwitchHint(settings.webhooksEnabled);
    ctx.notify(settings.webhooksEnabled ? 'Webhooks are on: events are delivered.' : 'Webhooks are off: events are stored but not delivered.');
  } catch (error) {
    input.checked = !wanted;
    ctx.showError(error, 'Could not change the webhook switch');
  } finally {
    input.disabled = false;
  }
}

async function start() {
  $('#sign-in-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => signOut());
  $('#webhooks-enabled').addEventListener('change', toggleWebhooks);
  window.addEventListener('hashchange', showRoute);
  $('#sign-in-button').disabled = false;

  if (!session.key) {
    signOut();
    return;
  }
  try {
    await loadAccount();
    showSignedIn();
  } catch (error) {
    if (error.status === 401) return; // onUnauthorized already showed the sign-in form
    signOut();
    showProblem($('#sign-in-error'), error, 'Could not load your account');
  }
}

start();
