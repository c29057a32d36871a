/**
 * The console's Inspector view end to end in headless Chromium against a real server and receiver: an
 * admin creates an inspector webhook with a template, publishes an event and sees the capture appear
 * without reloading, checks its signature in the browser (WebCrypto) and replays it to a real receiver.
 * The list is polled only while the view is open. The screenshot `inspector` goes to test-artifacts/browser/.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { describeInBrowser, openBrowser, type BrowserSession } from './browser-session';

const { verifyWebhook } = require(path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js')) as {
  verifyWebhook(secret: string, headers: Record<string, string>, rawBody: string): string;
};

const DESCRIPTION = 'Preview the Teams card for missed chats';
const TEMPLATE = '{"text": "Missed chat {{ data.chat.id }}: {{ data.chat.name }}", "event": "{{ type }}"}';
const STEP_TIMEOUT = 60_000;

describeInBrowser('the Inspector view of the admin console', () => {
  let server: TestServer;
  let receiver: Receiver;
  let browser: BrowserSession;
  let page: Page;
  let hookId: string;
  let capture: any;

  const api = async (method: string, url: string, body?: unknown) => {
    const response = await server.request(method, url, { body });
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  let failures = 0;
  const hasText = async (locator: Locator, text: string | RegExp) => {
    try {
      await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
    } catch (error) {
      await browser.screenshot(`inspector-failure-${++failures}`).catch(() => undefined);
      throw error;
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startReceiver({ status: 204 });
    browser = await openBrowser({ width: 1366, height: 900 });
    page = browser.page;
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('API key').fill(server.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Registered webhooks' }).waitFor();
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
    expect(browser.blockedRequests).toEqual([]);
  });

  it('when "New inspector" is sent with an event type and a template, then an inspector webhook exists and the view shows it, with nothing captured yet', async () => {
    await page.getByRole('link', { name: 'Inspector', exact: true }).click();
    await page.getByRole('heading', { name: 'Inspector', exact: true }).waitFor();
    await hasText(page.locator('#inspector-captures'), 'No inspector webhooks yet');

    await page.getByRole('button', { name: 'New inspector' }).click();
    const dialog = page.getByRole('dialog', { name: 'New inspector' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Receiver URL').count()).toBe(0);
    await dialog.getByLabel('Description').fill(DESCRIPTION);
    await dialog.getByRole('checkbox', { name: /chat\.missed/ }).check();
    await dialog.getByLabel('Payload format').selectOption('template');
    await dialog.getByLabel('Template (Liquid over the envelope)').fill(TEMPLATE);
    await dialog.getByRole('button', { name: 'Create inspector' }).click();
    await dialog.waitFor({ state: 'detached' });

    const hooks = (await api('GET', '/v1/hooks')).data;
    expect(hooks).toHaveLength(1);
    hookId = hooks[0].id;
    expect(hooks[0]).toMatchObject({ destination: { type: 'inspector' }, description: DESCRIPTION, events: ['chat.missed'], format: 'template', template: { body: TEMPLATE, contentType: 'json' } });
    expect(hooks[0].url).toBeUndefined();
    await page.waitForURL((url) => url.hash === `#inspector?hookId=${hookId}`);
    // The view fills its webhook list after the navigation: wait for the choice rather than race it.
    await page.waitForFunction((id) => (globalThis as any).document.querySelector('#inspector-hook')?.value === id, hookId, { timeout: 15_000 });
    expect(await page.getByLabel('Inspector webhook').inputValue()).toBe(hookId);
    await hasText(page.locator('#inspector-captures'), 'Nothing captured yet');
  }, STEP_TIMEOUT);

  it('when an event is published, then its templated, signed delivery appears without a reload, with its headers and its body indented', async () => {
    const sample = (await api('GET', '/v1/triggers/chat.missed')).sample;
    const event = await api('POST', '/v1/events', { type: 'chat.missed', data: sample });

    const item = page.locator('#inspector-captures li').first();
    await hasText(item, 'chat.missed');
    const captures = (await api('GET', `/v1/hooks/${hookId}/captures`)).data;
    expect(captures).toHaveLength(1);
    capture = captures[0];
    expect(capture).toMatchObject({ hookId, eventIds: [event.id], eventTypes: ['chat.missed'], request: { method: 'POST', bodyTruncated: false } });
    expect(JSON.parse(capture.request.body)).toEqual({ text: `Missed chat ${sample.chat.id}: ${sample.chat.name}`, event: 'chat.missed' });

    // The newest capture opens by itself.
    const detail = page.locator('#inspector-detail');
    await hasText(detail, capture.deliveryId);
    const headers = await page.locator('#capture-headers').textContent();
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = Object.entries(capture.request.headers as Record<string, string>).find(([key]) => key.toLowerCase() === name)?.[1];
      expect(headers).toContain(`: ${value}`);
    }
    expect(await page.locator('#capture-body').textContent()).toBe(JSON.stringify(JSON.parse(capture.request.body), null, 2));
    await page.getByRole('button', { name: 'Copy Request headers' }).waitFor();
    await page.getByRole('button', { name: 'Copy the body exactly as sent' }).waitFor();
  }, STEP_TIMEOUT);

  it('when "Verify signature" is pressed with the prefilled secret, then it says valid; with another secret, invalid', async () => {
    const secret = (await api('GET', `/v1/hooks/${hookId}/secret`)).secret;
    const secretInput = page.getByLabel('Signing secret');
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('#inspector-secret')?.value ?? '').startsWith('whsec_'));
    expect(await secretInput.inputValue()).toBe(secret);
    // The same check a receiver runs with Node's crypto agrees.
    const lower = Object.fromEntries(Object.entries(capture.request.headers as Record<string, string>).map(([key, value]) => [key.toLowerCase(), value]));
    expect(verifyWebhook(secret, lower, capture.request.body)).toBe(capture.request.body);

    await page.getByRole('button', { name: 'Verify signature' }).click();
    await hasText(page.locator('#verify-result.valid'), 'Valid signature');

    await secretInput.fill('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await page.getByRole('button', { name: 'Verify signature' }).click();
    await hasText(page.locator('#verify-result.invalid'), 'Invalid signature');
    await secretInput.fill(secret);
    await page.getByRole('button', { name: 'Verify signature' }).click();
    await hasText(page.locator('#verify-result.valid'), 'Valid signature');
  }, STEP_TIMEOUT);

  it('when the capture is replayed to a receiver, then it gets the same request byte for byte and the answer is shown', async () => {
    await page.getByLabel('Replay to URL').fill(`${receiver.url}/replayed`);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const [received] = await receiver.waitFor(1, 20_000);
    expect(received.url).toBe('/replayed');
    expect(received.method).toBe('POST');
    expect(received.body).toBe(capture.request.body);
    const sent = Object.fromEntries(Object.entries(capture.request.headers as Record<string, string>).map(([key, value]) => [key.toLowerCase(), value]));
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type']) expect({ name, value: received.headers[name] }).toEqual({ name, value: sent[name] });
    await hasText(page.locator('#replay-result'), /HTTP 204 in \d+ ms/);
    await browser.screenshot('inspector');
  }, STEP_TIMEOUT);

  it('when a refused URL is given to replay, then the API\'s reason is shown on the field', async () => {
    await page.getByLabel('Replay to URL').fill('ftp://127.0.0.1/nope');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await hasText(page.locator('#replay-result'), 'The replay was refused');
    expect(await page.getByLabel('Replay to URL').getAttribute('aria-invalid')).toBe('true');
  }, STEP_TIMEOUT);

  it('when Registered webhooks is opened, then the inspector webhook is listed with the Inspector as its destination, and the link leads there', async () => {
    await page.getByRole('link', { name: 'Registered webhooks' }).click();
    const row = page.locator(`#hooks-list tr[data-hook-id="${hookId}"]`);
    await hasText(row, DESCRIPTION);
    await row.getByRole('link', { name: 'Inspector (kept in deskhooks)' }).click();
    await page.waitForURL((url) => url.hash === `#inspector?hookId=${hookId}`);
    await hasText(page.locator('#inspector-captures li').first(), 'chat.missed');
  }, STEP_TIMEOUT);

  it('when the view is left, then it stops asking for captures; back on it, a second capture appears on top', async () => {
    const polls: string[] = [];
    const count = (request: { url(): string }) => {
      if (request.url().includes('/captures')) polls.push(request.url());
    };
    page.on('request', count);
    try {
      await page.waitForTimeout(2500);
      expect(polls.length).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Payload samples' }).click();
      await page.getByRole('heading', { name: 'Payload samples' }).waitFor();
      await page.waitForTimeout(500);
      const left = polls.length;
      await page.waitForTimeout(4500);
      expect(polls.length).toBe(left);
    } finally {
      page.off('request', count);
    }

    const sample = (await api('GET', '/v1/triggers/chat.missed')).sample;
    await api('POST', '/v1/events', { type: 'chat.missed', data: { ...sample, chat: { ...sample.chat, id: 'second-chat-0002' } } });
    await page.getByRole('link', { name: 'Inspector', exact: true }).click();
    await page.locator('#inspector-captures li').nth(1).waitFor();
    const newest = (await api('GET', `/v1/hooks/${hookId}/captures`)).data[0];
    expect(await page.locator('#inspector-captures li').first().getAttribute('data-capture-id')).toBe(newest.id);
    await page.locator('#inspector-captures li').first().getByRole('button').click();
    await hasText(page.locator('#capture-body'), 'second-chat-0002');
  }, STEP_TIMEOUT);

  it('when "Clear captures" is confirmed, then the captures are gone from the API and the view, and the deliveries stay', async () => {
    const deliveries = (await api('GET', `/v1/deliveries?hookId=${hookId}`)).data.length;
    await page.getByRole('button', { name: 'Clear captures' }).click();
    const confirm = page.getByRole('dialog', { name: 'Clear the captured deliveries?' });
    await confirm.getByRole('button', { name: 'Yes, clear' }).click();
    await hasText(page.locator('#inspector-captures'), 'Nothing captured yet');
    expect((await api('GET', `/v1/hooks/${hookId}/captures`)).data).toEqual([]);
    expect((await api('GET', `/v1/deliveries?hookId=${hookId}`)).data.length).toBe(deliveries);
    expect(await page.getByRole('button', { name: 'Clear captures' }).isVisible()).toBe(false);

    // The next delivery shows up again, so the last step sees a capture.
    const sample = (await api('GET', '/v1/triggers/chat.missed')).sample;
    await api('POST', '/v1/events', { type: 'chat.missed', data: sample });
    await hasText(page.locator('#inspector-captures li').first(), 'chat.missed');
  }, STEP_TIMEOUT);

  it('when shown at laptop and phone widths, then nothing overflows sideways and every control is labelled', async () => {
    for (const [width, height] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('#capture-body').waitFor();
      const report = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const root = doc.querySelector('#view-inspector');
        const visible = (element: any) => element.getClientRects().length > 0;
        const named = (element: any) => Boolean(element.getAttribute('aria-label')?.trim() || element.getAttribute('aria-labelledby'));
        const unlabelled = [...root.querySelectorAll('input, select, textarea')].filter((control: any) => visible(control) && !control.labels?.length && !named(control));
        const unnamed = [...root.querySelectorAll('button, a[href]')].filter((action: any) => visible(action) && !action.textContent.trim() && !named(action));
        return { overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth, unnamed: [...unlabelled, ...unnamed].map((element: any) => element.outerHTML.slice(0, 200)) };
      });
      expect({ width, ...report }).toEqual({ width, overflow: 0, unnamed: [] });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }, STEP_TIMEOUT);
});
