/**
 * Each outcome of an attempt over real HTTP, and retry scheduling on an injected clock: the
 * clock only moves when a test moves it, so every expected time is exact and nothing sleeps.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deleteAllHooks, deliveriesOf, deliveryDetail, fakeClock, publish, sample, settle, uniqueBrand } from './fixtures';

const clock = fakeClock();
let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer({
    clock,
    config: { maxResponseBytes: 1000, autoDisableAfterMs: 3 * 60 * 60 * 1000 },
    // No jitter: the standard schedule lands on its nominal delays.
    engineOptions: { random: () => 0.5 },
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  receiver = await startReceiver({ status: 204 });
});
afterEach(async () => {
  await deleteAllHooks(server);
  await receiver.close();
});

async function deliverOnce(hookBody: Record<string, unknown> = {}) {
  const brand = uniqueBrand();
  const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, ...hookBody });
  const start = clock.now();
  await publish(server, 'ticket.created', brand);
  await settle(server);
  const [delivery] = await deliveriesOf(server, hook.id);
  const detail = await deliveryDetail(server, delivery.id);
  return { hook, brand, start, delivery, attempt: detail.attemptLog[0], detail };
}

describe('outcomes', () => {
  test('when the receiver answers 2xx, then the delivery succeeds and the hook records it', async () => {
    receiver.reply({ status: 200, body: '{"ok":true}' });
    const { hook, delivery, attempt } = await deliverOnce();
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, nextAttemptAt: null, lastResponseStatus: 200, lastError: null });
    expect(attempt).toMatchObject({ number: 1, outcome: 'succeeded', responseStatus: 200, responseBody: '{"ok":true}', method: 'POST', url: `${receiver.url}/in` });
    const view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(view.lastDelivery).toMatchObject({ deliveryId: delivery.id, status: 'succeeded', responseStatus: 200 });
    expect(view.failingSince).toBeNull();
  });

  test('when the receiver redirects, then the redirect is not followed and the attempt fails as such', async () => {
    receiver.reply({ status: 301, headers: { location: 'https://elsewhere.example/in' } });
    const { delivery, attempt, start } = await deliverOnce();
    expect(receiver.requests).toHaveLength(1);
    expect(attempt).toMatchObject({ outcome: 'redirect', responseStatus: 301, error: 'redirect not followed: HTTP 301 Moved Permanently to https://elsewhere.example/in' });
    expect(delivery).toMatchObject({ status: 'pending', nextAttemptAt: new Date(start + 5000).toISOString() });
  });

  test('when a hook counts redirects as success (EddyDesk), then a 302 succeeds at once, is not followed and is not retried', async () => {
    receiver.reply({ status: 302, headers: { location: 'https://elsewhere.example/in' } });
    const { hook, delivery, attempt } = await deliverOnce({ redirects: 'succeed', retryPolicy: { type: 'fixed-30m-24h' } });
    expect(hook.redirects).toBe('succeed');
    expect(receiver.requests).toHaveLength(1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, nextAttemptAt: null, lastResponseStatus: 302 });
    expect(attempt).toMatchObject({ outcome: 'succeeded', responseStatus: 302, error: 'redirect not followed, counted as success (redirects: succeed): HTTP 302 Found to https://elsewhere.example/in' });
    const view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(view).toMatchObject({ redirects: 'succeed', failingSince: null, lastDelivery: { status: 'succeeded', responseStatus: 302 } });
    clock.advance(30 * 60_000);
    await settle(server);
    expect(receiver.requests).toHaveLength(1);
  });

  test('when a hook is switched from redirects succeed back to fail, then a 307 is retried again', async () => {
    receiver.reply({ status: 307 });
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, redirects: 'succeed' });
    const patched = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { redirects: 'fail' } });
    expect(patched.status).toBe(200);
    expect(patched.body.redirects).toBe('fail');
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    expect(delivery).toMatchObject({ status: 'pending', lastResponseStatus: 307, lastError: 'redirect not followed: HTTP 307 Temporary Redirect' });
  });

  test('when redirects is neither fail nor succeed, then the hook is refused naming the field', async () => {
    const response = await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/in`, events: ['ticket.created'], redirects: 'follow' } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('redirects');
    const list = await server.request('GET', '/v1/hooks?limit=100');
    expect(list.body.data).toHaveLength(0);
  });

  test('when the receiver answers 500, then the attempt fails and is retried on the standard schedule', async () => {
    receiver.reply({ status: 500, body: 'boom' });
    const { delivery, attempt, start } = await deliverOnce();
    expect(attempt).toMatchObject({ outcome: 'failed', responseStatus: 500, responseBody: 'boom', error: 'HTTP 500 Internal Server Error' });
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(start + 5000).toISOString() });
  });

  test('when the receiver answers 429 with Retry-After, then the next attempt waits exactly that long', async () => {
    receiver.reply({ status: 429, headers: { 'retry-after': '120' } });
    const { delivery, attempt, start } = await deliverOnce();
    expect(attempt).toMatchObject({ outcome: 'throttled', responseStatus: 429 });
    expect(delivery.nextAttemptAt).toBe(new Date(start + 120_000).toISOString());
  });

  test('when the receiver answers 503 with a Retry-After beyond the bound, then the wait is capped at 6 hours', async () => {
    receiver.reply({ status: 503, headers: { 'retry-after': String(7 * 24 * 3600) } });
    const { delivery, attempt, start } = await deliverOnce();
    expect(attempt.outcome).toBe('throttled');
    expect(delivery.nextAttemptAt).toBe(new Date(start + 6 * 3600 * 1000).toISOString());
  });

  test('when the receiver does not answer within the total timeout, then the attempt times out and is retried', async () => {
    // A server of its own: a short total timeout would make the other tests' answers race it.
    const impatient = await startTestServer({ clock, config: { deliveryTimeoutMs: 300 } });
    try {
      receiver.reply({ status: 200, delayMs: 1500 });
      const brand = uniqueBrand();
      const hook = await impatient.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/in`, events: ['ticket.created'], brand } });
      await publish(impatient, 'ticket.created', brand);
      await settle(impatient);
      const [delivery] = await deliveriesOf(impatient, hook.body.id);
      const [attempt] = (await deliveryDetail(impatient, delivery.id)).attemptLog;
      expect(attempt).toMatchObject({ outcome: 'timeout', responseStatus: null, error: 'no complete response within 300 ms' });
      expect(delivery.status).toBe('pending');
    } finally {
      await impatient.close();
    }
  });

  test('when the receiver resets the connection, then the attempt is a network failure and is retried', async () => {
    receiver.reply({ reset: true });
    const { delivery, attempt } = await deliverOnce();
    expect(attempt).toMatchObject({ outcome: 'network', responseStatus: null });
    expect(attempt.error).toMatch(/connection reset|other side closed|ECONNRESET/);
    expect(delivery.status).toBe('pending');
  });

  test('when the response is over the size cap, then only the cap is read and the 2xx still counts', async () => {
    receiver.reply({ status: 200, body: 'y'.repeat(50_000) });
    const { delivery, attempt } = await deliverOnce();
    expect(delivery.status).toBe('succeeded');
    expect(attempt.outcome).toBe('succeeded');
    expect(attempt.responseBody.length).toBeLessThanOrEqual(1000);
    expect(attempt.error).toMatch(/size cap/);
  });

  test('when the receiver answers 410, then the hook moves to the deleted list as gone, its queue is cancelled and hook.disabled goes to watchers', async () => {
    const watcher = await startReceiver();
    try {
      const brand = uniqueBrand();
      const watching = await createHook(server, { url: `${watcher.url}/watch`, events: ['hook.disabled'] });
      receiver.reply({ status: 410 });
      const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, format: 'batch' });
      // The second event is in the next batch window when the first one's request gets the 410.
      await publish(server, 'ticket.created', brand);
      clock.advance(2000);
      await publish(server, 'ticket.created', brand);
      await settle(server);
      const deliveries = await deliveriesOf(server, hook.id);
      expect(deliveries.map((d) => d.status).sort()).toEqual(['cancelled', 'failed']);
      const failed = deliveries.find((d) => d.status === 'failed');
      expect((await deliveryDetail(server, failed.id)).attemptLog[0]).toMatchObject({ outcome: 'gone', responseStatus: 410 });

      const view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
      expect(view).toMatchObject({ deleted: true, deletedReason: 'gone', deletedBy: 'system' });
      const deletedList = (await server.request('GET', '/v1/hooks/deleted')).body.data.map((h: any) => h.id);
      expect(deletedList).toContain(hook.id);

      const [notice] = await watcher.waitFor(1);
      const event = new Webhook(watching.secret).verify(notice.body, notice.headers as Record<string, string>) as any;
      expect(event.type).toBe('hook.disabled');
      expect(event.data).toMatchObject({ reason: 'gone', lastStatus: 410, hook: { id: hook.id, url: `${receiver.url}/in`, events: ['ticket.created'] } });
      // The 410'd hook itself is never sent anything again.
      await publish(server, 'ticket.created', brand);
      await settle(server);
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await watcher.close();
    }
  });

  test('when a hook is deactivated while a failing attempt is in flight, then that attempt does not auto-disable it', async () => {
    const watcher = await startReceiver();
    // Answers 500 at once, except the request it is told to hold: that one waits until the test
    // has deactivated the hook, then fails too.
    let hold = false;
    let release: (() => void) | null = null;
    const arrived: Array<() => void> = [];
    const failing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (!hold) return void res.writeHead(500).end();
        release = () => res.writeHead(500).end();
        for (const notify of arrived.splice(0)) notify();
      });
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      await createHook(server, { url: `${watcher.url}/watch`, events: ['hook.disabled'] });
      const brand = uniqueBrand();
      const hook = await createHook(server, {
        url: `http://127.0.0.1:${(failing.address() as AddressInfo).port}/in`,
        events: ['ticket.created'],
        brand,
        retryPolicy: { type: 'custom', delays: [3 * 3600] },
      });
      await publish(server, 'ticket.created', brand);
      await settle(server);
      expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.failingSince).not.toBeNull();

      // The retry comes when the hook has been failing for the whole auto-disable period.
      hold = true;
      const held = new Promise<void>((resolve) => arrived.push(resolve));
      clock.advance(3 * 3600 * 1000);
      server.engine.wake();
      await held;
      expect((await server.request('POST', `/v1/hooks/${hook.id}/deactivate`)).status).toBe(200);
      release!();
      await settle(server);
      await settle(server);

      const view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
      expect(view).toMatchObject({ status: 'inactive', deleted: false });
      expect(view.disabledReason).toBeNull();
      // Deactivating tells the watchers once; the failed attempt adds no "failing" notice.
      await watcher.waitFor(1);
      await settle(server);
      expect(watcher.requests.map((r) => JSON.parse(r.body).data.reason)).toEqual(['deactivated']);
    } finally {
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
      await watcher.close();
    }
  });
});

describe('retry scheduling on the injected clock', () => {
  test('when a custom policy runs out, then attempts follow its delays exactly and the delivery ends failed', async () => {
    receiver.reply({ status: 502 });
    const { hook, start } = await deliverOnce({ retryPolicy: { type: 'custom', delays: [60, 600] } });
    let [delivery] = await deliveriesOf(server, hook.id);
    expect(delivery.nextAttemptAt).toBe(new Date(start + 60_000).toISOString());

    clock.advance(59_999);
    await settle(server);
    expect(receiver.requests).toHaveLength(1); // not due yet

    clock.advance(1);
    await settle(server);
    expect(receiver.requests).toHaveLength(2);
    [delivery] = await deliveriesOf(server, hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(start + 60_000 + 600_000).toISOString() });

    clock.advance(600_000);
    await settle(server);
    expect(receiver.requests).toHaveLength(3);
    [delivery] = await deliveriesOf(server, hook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null, lastResponseStatus: 502, lastError: 'HTTP 502 Bad Gateway' });
    const detail = await deliveryDetail(server, delivery.id);
    expect(detail.attemptLog.map((a: any) => a.number)).toEqual([1, 2, 3]);

    const failures = (await server.request('GET', `/v1/deliveries?status=failed&hookId=${hook.id}`)).body.data;
    expect(failures.map((d: any) => d.id)).toEqual([delivery.id]);
  });

  test('when the policy is fixed-30m-24h, then retries come every 30 minutes', async () => {
    receiver.reply({ status: 500 });
    const { hook, start } = await deliverOnce({ retryPolicy: { type: 'fixed-30m-24h' } });
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      clock.advance(30 * 60 * 1000);
      await settle(server);
      expect(receiver.requests).toHaveLength(attempt);
    }
    const [delivery] = await deliveriesOf(server, hook.id);
    expect(delivery.nextAttemptAt).toBe(new Date(start + 4 * 30 * 60 * 1000).toISOString());
  });

  test('when a hook keeps failing past the auto-disable period, then it is disabled and hook.disabled says failing', async () => {
    const watcher = await startReceiver();
    const watching = await createHook(server, { url: `${watcher.url}/watch`, events: ['hook.disabled'] });
    try {
      receiver.reply({ status: 500 });
      const { hook, start } = await deliverOnce({ retryPolicy: { type: 'custom', delays: [5400, 5400, 5400] } });
      let view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
      expect(view).toMatchObject({ status: 'active', failingSince: new Date(start).toISOString() });
      clock.advance(5400_000);
      await settle(server);
      expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.status).toBe('active');
      clock.advance(5400_000); // three hours of failures: the configured period
      await settle(server);
      view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
      expect(view).toMatchObject({ status: 'disabled', enabled: false });
      expect(view.disabledReason).toMatch(/^failing/);
      const [notice] = await watcher.waitFor(1);
      const event = new Webhook(watching.secret).verify(notice.body, notice.headers as Record<string, string>) as any;
      expect(event.data).toMatchObject({ reason: 'failing', failingSince: new Date(start).toISOString(), lastStatus: 500, hook: { id: hook.id } });
      const [delivery] = await deliveriesOf(server, hook.id);
      expect(delivery.status).toBe('cancelled');
    } finally {
      await watcher.close();
    }
  });

  test('when a success follows failures, then the hook is no longer failing', async () => {
    receiver.reply({ status: 500 });
    const { hook } = await deliverOnce({ retryPolicy: { type: 'custom', delays: [10] } });
    expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.failingSince).not.toBeNull();
    receiver.reply({ status: 200 });
    clock.advance(10_000);
    await settle(server);
    expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.failingSince).toBeNull();
  });

  test('when a hook is ordered, then a failing event holds back the later ones until it succeeds', async () => {
    receiver.reply((request) => ({ status: JSON.parse(request.body).data.ticket.summary === 'first' && receiver.requests.length === 1 ? 500 : 200 }));
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, ordered: true, retryPolicy: { type: 'custom', delays: [60] } });
    const summaries = ['first', 'second', 'third'];
    for (const summary of summaries) {
      const data = sample('ticket.created') as any;
      data.ticket.summary = summary;
      await publish(server, 'ticket.created', brand, data);
    }
    await settle(server);
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.ticket.summary)).toEqual(['first']);
    clock.advance(60_000);
    for (let i = 0; i < 3; i += 1) await settle(server);
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.ticket.summary)).toEqual(['first', 'first', 'second', 'third']);
    expect((await deliveriesOf(server, hook.id)).map((d) => d.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
