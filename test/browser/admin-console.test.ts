/**
 * The admin console at /admin, end to end in headless Chromium against a real server, its delivery
 * engine and a real receiver: what a helpdesk admin does in the Admin Portal, step by step. Each step
 * builds on the previous one, as a person's session would. Screenshots go to test-artifacts/browser/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { describeInBrowser, openBrowser, type BrowserSession } from './browser-session';

const { verifyWebhook } = require(path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js')) as {
  verifyWebhook(secret: string, headers: Record<string, string>, rawBody: string): string;
};

const DESCRIPTION = 'Page the on-call tech about missed chats';
const STEP_TIMEOUT = 60_000;

describeInBrowser('the admin console at /admin', () => {
  let server: TestServer;
  let receiver: Receiver;
  let browser: BrowserSession;
  let page: Page;
  let hookId: string;
  let shownSecret: string;

  const hookRow = () => page.locator(`#hooks-list tr[data-hook-id="${hookId}"]`);
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.request(method, path, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  let failures = 0;
  /** Waits for `text` in `locator`; on a timeout, keeps a screenshot of what the page showed instead. */
  const hasText = async (locator: Locator, text: string | RegExp) => {
    try {
      await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
    } catch (error) {
      await browser.screenshot(`failure-${++failures}`).catch(() => undefined);
      throw error;
    }
  };

  /**
   * Visible controls without a label and visible buttons or links without a name, inside `selector`.
   * (Page functions run in the browser; the test's tsconfig has no DOM types, hence `any`.)
   */
  const unnamed = (selector: string) =>
    page.evaluate((scope: string) => {
      const root = (globalThis as any).document.querySelector(scope);
      const visible = (element: any) => element.getClientRects().length > 0;
      const named = (element: any) =>
        Boolean(element.getAttribute('aria-label')?.trim() || element.getAttribute('aria-labelledby'));
      const controls = [...root.querySelectorAll('input, select, textarea')]
        .filter((control: any) => visible(control) && control.type !== 'hidden')
        .filter((control: any) => !control.labels?.length && !named(control));
      const actions = [...root.querySelectorAll('button, a[href]')]
        .filter(visible)
        .filter((action: any) => !action.textContent.trim() && !named(action));
      return [...controls, ...actions].map((element: any) => element.outerHTML.slice(0, 200));
    }, selector);

  /** How far `selector` (default the page) is wider than its box: anything above 0 scrolls sideways. */
  const sidewaysOverflow = (selector?: string) =>
    page.evaluate((scope: string | undefined) => {
      const element = scope ? (globalThis as any).document.querySelector(scope) : (globalThis as any).document.documentElement;
      return element.scrollWidth - element.clientWidth;
    }, selector);

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startReceiver({ status: 204 });
    browser = await openBrowser({ width: 1366, height: 900 });
    page = browser.page;
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  /** Resolves with the first truthy answer of `read` (polled; the engine works asynchronously). */
  async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
    expect(browser.blockedRequests).toEqual([]);
  });

  it('when a refused key is entered, then the sign-in form shows the API\'s reason; with the tenant\'s key, then the console opens', async () => {
    const refused = await server.request('GET', '/v1/me', { key: 'dhk_not_a_real_key_at_all_000000' });
    expect(refused.status).toBe(401);

    await page.goto(`${server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/');
    await page.getByLabel('API key').fill('dhk_not_a_real_key_at_all_000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signInError = page.locator('#sign-in-error');
    await hasText(signInError, refused.body.detail);
    await browser.screenshot('01-sign-in-refused', { fullPage: false });

    await page.getByLabel('API key').fill(server.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const me = await api('GET', '/v1/me');
    await hasText(page.locator('#tenant-name'), me.tenant.name);
    await page.getByRole('heading', { name: 'Registered webhooks' }).waitFor();

    // The key lives in this tab's session storage, never in the address.
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('deskhooks.apiKey'))).toBe(server.apiKey);
    expect(page.url()).not.toContain(server.apiKey);
    await page.reload();
    await hasText(page.locator('#tenant-name'), me.tenant.name);
  }, STEP_TIMEOUT);

  it('when the create form is sent with a refused URL, then each field error of the problem document is shown', async () => {
    const refused = await server.request('POST', '/v1/hooks', { body: { url: 'ftp://127.0.0.1/hook', events: ['chat.missed'] } });
    expect(refused.status).toBe(422);
    const urlError = refused.body.errors.find((error: { pointer?: string }) => error.pointer === '/url');

    await page.getByRole('button', { name: 'Create webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create webhook' });
    await dialog.waitFor();

    // Every visible control of the form has an accessible label.
    // (Page functions run in the browser; the test's tsconfig has no DOM types, hence `any`.)
    const unlabelled = await dialog.evaluate((element: any) =>
      [...element.querySelectorAll('input, select, textarea')]
        .filter((control: any) => control.offsetParent !== null)
        .filter((control: any) => !control.labels?.length && !control.getAttribute('aria-label'))
        .map((control: any) => control.outerHTML),
    );
    expect(unlabelled).toEqual([]);

    await dialog.getByLabel('Description').fill(DESCRIPTION);
    await dialog.getByLabel('Receiver URL').fill('ftp://127.0.0.1/hook');
    await dialog.getByRole('checkbox', { name: /chat\.missed/ }).check();
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const problem = dialog.getByRole('alert');
    await hasText(problem, refused.body.detail);
    await hasText(problem, `url: ${urlError.detail}`);
    expect(await dialog.getByLabel('Receiver URL').getAttribute('aria-invalid')).toBe('true');
    await browser.screenshot('02-create-refused', { fullPage: false });
    expect((await api('GET', '/v1/hooks')).data).toEqual([]);
  }, STEP_TIMEOUT);

  it('when a webhook is created with events from the catalog, then its secret is shown once and it is listed', async () => {
    const dialog = page.getByRole('dialog', { name: 'Create webhook' });
    await dialog.getByLabel('Receiver URL').fill(`${receiver.url}/deskhooks?team=support`);
    await dialog.getByRole('checkbox', { name: /ticket\.created/ }).check();
    await dialog.getByLabel('Extra headers').fill('X-Team: support');
    await dialog.getByRole('button', { name: 'Create webhook' }).click();

    const created = page.getByRole('dialog', { name: 'Webhook created' });
    await created.waitFor();
    const secret = (await created.locator('#created-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await browser.screenshot('03-created', { fullPage: false });

    const hooks = (await api('GET', '/v1/hooks')).data;
    expect(hooks).toHaveLength(1);
    hookId = hooks[0].id;
    expect(hooks[0]).toMatchObject({ description: DESCRIPTION, url: `${receiver.url}/deskhooks?team=support`, status: 'active', source: 'admin', headers: { 'X-Team': 'support' } });
    expect([...hooks[0].events].sort()).toEqual(['chat.missed', 'ticket.created']);
    expect((await api('GET', `/v1/hooks/${hookId}/secret`)).secret).toBe(secret);

    await created.getByRole('button', { name: 'Done' }).click();
    const row = hookRow();
    await hasText(row, DESCRIPTION);
    for (const text of [receiver.url, 'chat.missed', 'ticket.created', 'Active', 'None yet']) await hasText(row, text);
    await browser.screenshot('04-listed');
  }, STEP_TIMEOUT);

  it('when "Display detail" is opened and the secret revealed, then the full URL and the signing secret are shown', async () => {
    await page.getByRole('button', { name: `Display detail of ${DESCRIPTION}` }).click();
    const detail = page.locator(`#hook-detail-${hookId}`);
    await hasText(detail.locator('[data-detail="url"]'), `${receiver.url}/deskhooks?team=support`);
    await detail.getByRole('button', { name: `Reveal the secret of ${DESCRIPTION}` }).click();
    const current = detail.locator('[data-secret="current"]');
    await current.waitFor();
    shownSecret = (await current.textContent())!.trim();
    expect(shownSecret).toBe((await api('GET', `/v1/hooks/${hookId}/secret`)).secret);
    await browser.screenshot('05-detail');
  }, STEP_TIMEOUT);

  it('when a test delivery is sent, then the receiver gets it signed with the shown secret and the log shows its attempt', async () => {
    const sample = await api('GET', '/v1/triggers/chat.missed/sample');
    await page.getByRole('button', { name: `Send a test delivery to ${DESCRIPTION}` }).click();
    const dialog = page.getByRole('dialog', { name: `Send a test delivery to “${DESCRIPTION}”` });
    await dialog.getByLabel('Event type').selectOption('chat.missed');
    await dialog.getByRole('button', { name: 'Send test delivery' }).click();

    const [received] = await receiver.waitFor(1, 20_000);
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/deskhooks?team=support');
    expect(received.headers['x-team']).toBe('support');
    const headers = received.headers as Record<string, string>;
    expect(JSON.parse(verifyWebhook(shownSecret, headers, received.body))).toMatchObject({ type: 'chat.missed', data: sample.data });
    const deliveryId = headers['webhook-id'];
    await hasText(dialog.locator('.test-result'), deliveryId);
    await hasText(dialog.locator('.test-status'), 'succeeded');
    await browser.screenshot('06-test-sent', { fullPage: false });

    await dialog.getByRole('link', { name: 'Open the delivery log' }).click();
    await page.getByRole('heading', { name: 'Deliveries & failure logs' }).waitFor();
    expect(await page.getByLabel('Webhook', { exact: true }).first().inputValue()).toBe(hookId);
    const row = page.locator(`#deliveries-list tr[data-delivery-id="${deliveryId}"]`);
    for (const text of ['chat.missed', 'test', 'succeeded', 'HTTP 204']) await hasText(row, text);

    await row.getByRole('button', { name: `Open delivery ${deliveryId}` }).click();
    const detail = page.getByRole('dialog', { name: `Delivery ${deliveryId}` });
    const attempt = detail.locator('table.attempts tbody tr');
    await attempt.first().waitFor();
    expect(await attempt.count()).toBe(1);
    for (const text of ['succeeded', 'HTTP 204', ' ms']) await hasText(attempt, text);
    await browser.screenshot('07-delivery-attempts', { fullPage: false });

    // Redelivery goes out again under the same webhook-id, so the receiver can drop the duplicate.
    await detail.getByRole('button', { name: 'Redeliver' }).click();
    const [, again] = await receiver.waitFor(2, 20_000);
    expect(again.headers['webhook-id']).toBe(deliveryId);
    await hasText(page.locator('#notice'), `Delivery ${deliveryId} is queued again`);

    // The event type filter: the test delivery is a chat.missed one.
    await page.locator('#deliveries-type').selectOption('ticket.created');
    await hasText(page.locator('#deliveries-list'), 'No deliveries match.');
    expect(new URL(page.url()).hash).toContain('eventType=ticket.created');
    await page.locator('#deliveries-type').selectOption('chat.missed');
    await hasText(row, 'chat.missed');

    await page.getByLabel('Status').selectOption('failed');
    await hasText(page.locator('#deliveries-list'), 'No failed deliveries.');
    await page.locator('#recover-hook').selectOption(hookId);
    await page.getByRole('button', { name: 'Recover' }).click();
    const recovered = await server.request('POST', `/v1/hooks/${hookId}/recover`, { body: { since: new Date(Date.now() - 3600_000).toISOString() } });
    await hasText(page.locator('#notice'), `${recovered.body.requeued} failed deliveries were queued again.`);
  }, STEP_TIMEOUT);

  it('when the webhook is deactivated and activated again, then its status and the Active / Inactive filters follow', async () => {
    await page.getByRole('link', { name: 'Registered webhooks' }).click();
    await page.getByRole('button', { name: `Deactivate ${DESCRIPTION}` }).click();
    await hasText(hookRow(), 'Inactive');
    expect((await api('GET', `/v1/hooks/${hookId}`)).status).toBe('inactive');

    await page.getByRole('button', { name: 'Active', exact: true }).click();
    await hasText(page.locator('#hooks-list'), 'No active webhooks.');
    await page.getByRole('button', { name: 'Inactive', exact: true }).click();
    await hasText(hookRow(), DESCRIPTION);
    await browser.screenshot('08-inactive-filter', { fullPage: false });

    await page.getByRole('button', { name: `Activate ${DESCRIPTION}` }).click();
    await hasText(page.locator('#hooks-list'), 'No inactive webhooks.');
    expect((await api('GET', `/v1/hooks/${hookId}`)).status).toBe('active');
    await page.getByRole('button', { name: 'Active', exact: true }).click();
    await hasText(hookRow(), 'Active');
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await hasText(hookRow(), DESCRIPTION);
  }, STEP_TIMEOUT);

  it('when the secret is regenerated, then the new secret is shown and the API signs with it', async () => {
    await page.getByRole('button', { name: `Regenerate the secret of ${DESCRIPTION}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate the secret?' });
    await dialog.getByLabel('Keep the old secret signing for').selectOption('0');
    await dialog.getByRole('button', { name: 'Regenerate secret' }).click();

    const current = page.locator(`#hook-detail-${hookId} [data-secret="current"]`);
    await current.filter({ hasNotText: shownSecret }).waitFor();
    const rotated = (await current.textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(shownSecret);
    expect((await api('GET', `/v1/hooks/${hookId}/secret`)).secret).toBe(rotated);
    await browser.screenshot('09-secret-regenerated');
  }, STEP_TIMEOUT);

  it('when the webhook is deleted after confirming, then Deleted webhooks shows who and why, and restore brings it back inactive', async () => {
    await page.getByRole('button', { name: `Delete ${DESCRIPTION}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this webhook?' });
    await confirm.getByLabel('Reason (optional)').fill('replaced by a Teams flow');
    await confirm.getByRole('button', { name: 'Yes, delete' }).click();
    await hasText(page.locator('#hooks-list'), 'No webhooks yet.');

    const deleted = (await api('GET', '/v1/hooks/deleted')).data;
    expect(deleted.map((hook: { id: string }) => hook.id)).toEqual([hookId]);
    expect(deleted[0].deletedReason).toBe('replaced by a Teams flow');

    await page.getByRole('link', { name: 'Deleted webhooks' }).click();
    const row = page.locator(`#deleted-list tr[data-hook-id="${hookId}"]`);
    for (const text of [DESCRIPTION, 'replaced by a Teams flow', deleted[0].deletedBy]) await hasText(row, text);
    await browser.screenshot('10-deleted');

    await row.getByRole('button', { name: `Restore ${DESCRIPTION}` }).click();
    await hasText(page.locator('#deleted-list'), 'No recently deleted webhooks.');
    expect(await api('GET', `/v1/hooks/${hookId}`)).toMatchObject({ deleted: false, status: 'inactive' });
    await page.getByRole('link', { name: 'Registered webhooks' }).click();
    await hasText(hookRow(), 'Inactive');
  }, STEP_TIMEOUT);

  it('when a trigger is picked under Payload samples, then its sample and JSON Schema are shown as the API serves them', async () => {
    const [sample, schema] = await Promise.all([api('GET', '/v1/triggers/ticket.created/sample'), api('GET', '/v1/triggers/ticket.created/schema')]);
    await page.getByRole('link', { name: 'Payload samples' }).click();
    await page.getByLabel('Trigger').selectOption('ticket.created');
    await hasText(page.locator('#sample-output h2'), 'ticket.created');
    expect(JSON.parse((await page.locator('#sample-payload').textContent())!)).toEqual(sample);
    expect(JSON.parse((await page.locator('#sample-schema').textContent())!)).toEqual(schema);
    await page.getByRole('button', { name: 'Copy Sample payload of ticket.created' }).waitFor();
    // The trigger's flat tags, as EddyDesk admins write them, with the path each one reads.
    const tags = page.locator('#sample-tags');
    await hasText(tags, '{parent_ticket_id}');
    await hasText(tags, '{{ data.ticket.parentTicketId }}');
    await hasText(tags, 'Staff Link');
    await browser.screenshot('11-sample', { fullPage: false });
  }, STEP_TIMEOUT);

  it('when the Webhook security tab is opened, then it explains the headers and shows the snippet the tests verify', async () => {
    await page.getByRole('link', { name: 'Webhook security' }).click();
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) await hasText(page.locator('#view-security dt'), header);
    await hasText(page.locator('#signature-tolerance'), '5 minutes');
    const snippet = fs.readFileSync(path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js'), 'utf8');
    await page.locator('#verify-code').waitFor();
    expect(await page.locator('#verify-code').textContent()).toBe(snippet);
  }, STEP_TIMEOUT);

  it('when a custom event type is registered, then webhooks can pick it', async () => {
    await page.getByRole('link', { name: 'Custom events' }).click();
    await page.getByLabel('Name').fill('device_offline');
    await page.getByLabel('Description').fill('A device went offline');
    await page.getByRole('button', { name: 'Save custom event type' }).click();
    await hasText(page.locator('#custom-list'), 'custom.device_offline');
    expect((await api('GET', '/v1/custom-event-types')).data.map((type: { type: string }) => type.type)).toEqual(['custom.device_offline']);

    await page.getByRole('link', { name: 'Registered webhooks' }).click();
    await page.getByRole('button', { name: `Edit ${DESCRIPTION}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit webhook ${DESCRIPTION}` });
    await dialog.getByRole('checkbox', { name: /custom\.device_offline/ }).check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await hasText(hookRow(), 'custom.device_offline');
    expect([...(await api('GET', `/v1/hooks/${hookId}`)).events].sort()).toEqual(['chat.missed', 'custom.device_offline', 'ticket.created']);
  }, STEP_TIMEOUT);

  it('when the webhook is edited with a name, a brand, a filter, a retry policy, ordering, bearer authentication and a secret header, then the API keeps them, the token and the secret header are never shown, and a test delivery carries them', async () => {
    await page.getByRole('button', { name: `Edit ${DESCRIPTION}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit webhook ${DESCRIPTION}` });
    await dialog.getByLabel('Name (optional)').fill('On-call pager');
    await dialog.getByLabel('Brand (optional)').fill('contoso');
    await dialog.getByLabel('Filter').fill('{"data.chat.type": "request"}');
    await dialog.getByLabel('Retry policy').selectOption('custom');
    await dialog.getByLabel('Delays in seconds').fill('10, 60, 600');
    await dialog.getByLabel(/^Ordered/).check();
    await dialog.getByLabel('A 3xx (redirect) answer counts as').selectOption('succeed');
    await dialog.getByLabel('Authentication to the receiver').selectOption('bearer');
    await hasText(dialog, 'Every delivery is signed');

    // Secrets are write-only: changing the authentication without typing the token is refused in the form.
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await hasText(dialog.getByRole('alert'), 'enter the token again');
    expect(await dialog.getByLabel('Token').getAttribute('aria-invalid')).toBe('true');
    expect((await api('GET', `/v1/hooks/${hookId}`)).auth).toEqual({ type: 'none' });

    await dialog.getByLabel('Token').fill('pager-token-0042');
    await dialog.getByLabel('Extra headers').fill('X-Team: support\nX-Pager-Seed: seed-0042');
    await dialog.getByLabel('Secret headers').fill('X-Pager-Seed');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Saved again untouched: the secret header reads ******** in the form and saving that keeps it.
    await page.getByRole('button', { name: `Edit ${DESCRIPTION}` }).click();
    const again = page.getByRole('dialog', { name: `Edit webhook ${DESCRIPTION}` });
    expect(await again.getByLabel('Extra headers').inputValue()).toBe('X-Team: support\nX-Pager-Seed: ********');
    await again.getByRole('button', { name: 'Save changes' }).click();
    await again.waitFor({ state: 'detached' });
    const saved = await api('GET', `/v1/hooks/${hookId}`);
    expect(saved).toMatchObject({
      name: 'On-call pager',
      brand: 'contoso',
      auth: { type: 'bearer' },
      headers: { 'X-Team': 'support', 'X-Pager-Seed': '********' },
      secretHeaders: ['X-Pager-Seed'],
      filter: { 'data.chat.type': 'request' },
      retryPolicy: { type: 'custom', delays: [10, 60, 600] },
      redirects: 'succeed',
      ordered: true,
    });
    expect(JSON.stringify(saved)).not.toContain('pager-token-0042');
    expect(JSON.stringify(saved)).not.toContain('seed-0042');

    const detail = page.locator(`#hook-detail-${hookId}`);
    for (const text of ['Bearer token', 'contoso', 'Custom: 10, 60, 600 s', 'Counts as success (not followed)', 'Yes, one at a time', 'data.chat.type']) await hasText(detail, text);
    await hasText(hookRow(), 'On-call pager');
    expect(await page.content()).not.toContain('pager-token-0042');
    expect(await page.content()).not.toContain('seed-0042');

    await page.getByRole('button', { name: `Send a test delivery to ${DESCRIPTION}` }).click();
    const test = page.getByRole('dialog', { name: `Send a test delivery to “${DESCRIPTION}”` });
    await test.getByLabel('Event type').selectOption('ticket.created');
    await test.getByRole('button', { name: 'Send test delivery' }).click();
    const received = await receiver.waitFor(3, 20_000);
    expect(received[2].headers.authorization).toBe('Bearer pager-token-0042');
    expect(received[2].headers['x-team']).toBe('support');
    expect(received[2].headers['x-pager-seed']).toBe('seed-0042');
    await hasText(test.locator('.test-status'), 'succeeded');
    await test.getByRole('button', { name: 'Close', exact: true }).first().click();
    await test.waitFor({ state: 'detached' });
  }, STEP_TIMEOUT);

  it('when the payload format is set to Live chat, then the form asks for the app id, saves it as the account setting, and the webhook sends it', async () => {
    await page.getByRole('button', { name: `Edit ${DESCRIPTION}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit webhook ${DESCRIPTION}` });
    const appId = dialog.getByLabel('Live-chat app id (appId)');
    expect(await appId.isVisible()).toBe(false);
    await dialog.getByLabel('Payload format').selectOption('livechat');
    await appId.waitFor();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await hasText(dialog.getByRole('alert'), 'is required for the live-chat format');
    await appId.fill('app_console_1');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await api('GET', `/v1/hooks/${hookId}`)).toMatchObject({ format: 'livechat' });
    expect(await api('GET', '/v1/settings')).toMatchObject({ liveChatAppId: 'app_console_1' });

    await page.getByRole('button', { name: `Send a test delivery to ${DESCRIPTION}` }).click();
    const test = page.getByRole('dialog', { name: `Send a test delivery to “${DESCRIPTION}”` });
    await test.getByLabel('Event type').selectOption('ticket.created');
    const before = receiver.requests.length;
    await test.getByRole('button', { name: 'Send test delivery' }).click();
    const received = await receiver.waitFor(before + 1, 20_000);
    expect(JSON.parse(received[before].body)).toMatchObject({ trigger: 'ticket.created', appId: 'app_console_1' });
    await hasText(test.locator('.test-status'), 'succeeded');
    await test.getByRole('button', { name: 'Close', exact: true }).first().click();
    await test.waitFor({ state: 'detached' });

    // Back to the envelope, so the steps after this one see the webhook as before.
    await page.getByRole('button', { name: `Edit ${DESCRIPTION}` }).click();
    const again = page.getByRole('dialog', { name: `Edit webhook ${DESCRIPTION}` });
    await again.getByLabel('Payload format').selectOption('envelope');
    await again.getByRole('button', { name: 'Save changes' }).click();
    await again.waitFor({ state: 'detached' });
    expect(await api('GET', `/v1/hooks/${hookId}`)).toMatchObject({ format: 'envelope' });
  }, STEP_TIMEOUT);

  it('when the global switch is turned off and on, then the tenant\'s webhooks setting follows', async () => {
    const toggle = page.getByRole('switch', { name: 'Webhooks enabled' });
    await toggle.uncheck();
    await page.locator('#paused-banner').waitFor();
    expect(await api('GET', '/v1/settings')).toMatchObject({ webhooksEnabled: false });
    await browser.screenshot('12-webhooks-off', { fullPage: false });
    await toggle.check();
    await page.locator('#paused-banner').waitFor({ state: 'detached' });
    expect(await api('GET', '/v1/settings')).toMatchObject({ webhooksEnabled: true });
  }, STEP_TIMEOUT);

  it('when a receiver answers 410 Gone, then the failure log shows the attempt and Deleted webhooks says why', async () => {
    const gone = await startReceiver({ status: 410, body: 'this endpoint is retired' });
    try {
      const retired = await api('POST', '/v1/hooks', { url: `${gone.url}/old`, events: ['ticket.approval_required'], description: 'Retired approvals endpoint' });
      const sample = await api('GET', '/v1/triggers/ticket.approval_required/sample');
      await api('POST', '/v1/events', { type: 'ticket.approval_required', data: sample.data });
      await gone.waitFor(1, 20_000);
      const failed = await waitUntil(async () => (await api('GET', `/v1/deliveries?hookId=${retired.id}&status=failed`)).data[0]);

      await page.goto(`${server.url}/admin/#deliveries?hookId=${retired.id}&status=failed`);
      const row = page.locator(`#deliveries-list tr[data-delivery-id="${failed.id}"]`);
      for (const text of ['ticket.approval_required', 'failed', 'HTTP 410']) await hasText(row, text);
      await row.getByRole('button', { name: `Open delivery ${failed.id}` }).click();
      const attempt = page.getByRole('dialog', { name: `Delivery ${failed.id}` }).locator('table.attempts tbody tr');
      for (const text of ['gone', 'HTTP 410', 'this endpoint is retired']) await hasText(attempt, text);
      await browser.screenshot('13-failure-log', { fullPage: false });
      await page.keyboard.press('Escape');

      const deleted = await waitUntil(async () => (await api('GET', '/v1/hooks/deleted')).data.find((hook: { id: string }) => hook.id === retired.id));
      await page.getByRole('link', { name: 'Deleted webhooks' }).click();
      const deletedRow = page.locator(`#deleted-list tr[data-hook-id="${retired.id}"]`);
      for (const text of ['Retired approvals endpoint', 'The receiver answered 410 Gone', deleted.deletedBy]) await hasText(deletedRow, text);
    } finally {
      await gone.close();
    }
  }, STEP_TIMEOUT);

  it('when every section and the webhook form are shown at laptop and phone widths, then nothing overflows sideways and every control and button is named', async () => {
    const tabs = ['Registered webhooks', 'Deleted webhooks', 'Deliveries & failures', 'Payload samples', 'Custom events', 'Webhook security'];
    const views = ['hooks', 'deleted', 'deliveries', 'samples', 'custom-events', 'security'];
    for (const [name, width, height] of [['laptop', 1280, 800], ['phone', 390, 844]] as const) {
      await page.setViewportSize({ width, height });
      for (const [index, tab] of tabs.entries()) {
        await page.getByRole('link', { name: tab, exact: true }).click();
        const view = `#view-${views[index]}`;
        await page.locator(view).waitFor();
        if (views[index] === 'hooks') await hasText(hookRow(), DESCRIPTION);
        if (views[index] === 'deliveries') await page.locator('#deliveries-list tr[data-delivery-id]').first().waitFor();
        if (views[index] === 'samples') await page.locator('#sample-payload').waitFor();
        if (views[index] === 'security') await page.locator('#verify-code').waitFor();
        expect({ view, width: await sidewaysOverflow() }).toEqual({ view, width: 0 });
        expect({ view, unnamed: await unnamed(view) }).toEqual({ view, unnamed: [] });
        if (views[index] === 'hooks') await browser.screenshot(`14-console-${name}`);
      }
      expect(await unnamed('header')).toEqual([]);

      await page.getByRole('link', { name: 'Registered webhooks', exact: true }).click();
      await page.getByRole('button', { name: 'Create webhook' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create webhook' });
      await dialog.waitFor();
      for (const type of ['template', 'envelope']) await dialog.getByLabel('Payload format').selectOption(type);
      for (const type of ['basic', 'bearer', 'api_key']) {
        await dialog.getByLabel('Authentication to the receiver').selectOption(type);
        expect({ type, unnamed: await unnamed('dialog[open]') }).toEqual({ type, unnamed: [] });
      }
      await dialog.getByLabel('Retry policy').selectOption('custom');
      expect(await unnamed('dialog[open]')).toEqual([]);
      expect(await sidewaysOverflow('dialog[open]')).toBeLessThanOrEqual(0);
      await browser.screenshot(`15-form-${name}`, { fullPage: false });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('link', { name: 'Registered webhooks', exact: true }).click();
  }, STEP_TIMEOUT * 2);

  it('when the admin signs out, then the key is forgotten and the sign-in form is back', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('deskhooks.apiKey'))).toBeNull();
  }, STEP_TIMEOUT);
});
