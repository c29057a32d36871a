/** Redelivery, recovery, test deliveries, the failure log API, metrics, and the SSRF guard inside the engine. */
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deleteAllHooks, deliveriesOf, deliveryDetail, fakeClock, publish, sample, settle, uniqueBrand } from './fixtures';

const clock = fakeClock();
let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer({ clock, engineOptions: { random: () => 0.5 } });
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

describe('redeliver', () => {
  test('when a delivered event is redelivered, then it arrives again with the same webhook-id', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    const response = await server.request('POST', `/v1/deliveries/${delivery.id}/redeliver`);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ id: delivery.id, status: 'pending' });
    const [first, second] = await receiver.waitFor(2);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.body).toBe(first.body);
    await settle(server);
    expect(await deliveryDetail(server, delivery.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  test('when the delivery does not exist, then 404 names it', async () => {
    const response = await server.request('POST', '/v1/deliveries/msg_nope/redeliver');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  test('when the hook was deleted, then redelivery is a 409 conflict', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
    const response = await server.request('POST', `/v1/deliveries/${delivery.id}/redeliver`);
    expect(response.status).toBe(409);
  });
});

describe('recover', () => {
  test('when failed deliveries are recovered since a time, then only those created since are re-queued and delivered', async () => {
    const brand = uniqueBrand();
    receiver.reply({ status: 500 });
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, retryPolicy: { type: 'custom', delays: [1] } });
    await publish(server, 'ticket.created', brand);
    clock.advance(60_000);
    const since = clock.now();
    await publish(server, 'ticket.created', brand);
    await publish(server, 'ticket.created', brand);
    for (let i = 0; i < 2; i += 1) {
      await settle(server);
      clock.advance(1000);
    }
    await settle(server);
    const failed = await deliveriesOf(server, hook.id);
    expect(failed.map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);

    receiver.reply({ status: 200 });
    const before = receiver.requests.length;
    const response = await server.request('POST', `/v1/hooks/${hook.id}/recover`, { body: { since: new Date(since).toISOString() } });
    expect(response).toMatchObject({ status: 202, body: { requeued: 2 } });
    await settle(server);
    expect(receiver.requests.length - before).toBe(2);
    const after = await deliveriesOf(server, hook.id);
    expect(after.map((d) => d.status).sort()).toEqual(['failed', 'succeeded', 'succeeded']);
  });

  test('when an auto-disable cancelled queued deliveries, then they record why, and recover with include cancelled delivers them once the hook is active again', async () => {
    const disableClock = fakeClock();
    const quick = await startTestServer({ clock: disableClock, config: { autoDisableAfterMs: 60_000 }, engineOptions: { random: () => 0.5 } });
    try {
      receiver.reply({ status: 500 });
      const hook = await createHook(quick, { url: `${receiver.url}/in`, events: ['ticket.created'], retryPolicy: { type: 'custom', delays: [30, 30, 30] } });
      const since = disableClock.now();
      const ids = [await publish(quick, 'ticket.created', 'acme'), await publish(quick, 'ticket.created', 'acme'), await publish(quick, 'ticket.created', 'acme')];
      await settle(quick);
      disableClock.advance(61_000);
      await settle(quick);
      expect((await quick.request('GET', `/v1/hooks/${hook.id}`)).body.status).toBe('disabled');
      const stopped = await deliveriesOf(quick, hook.id);
      expect(stopped).toHaveLength(3);
      const cancelled = stopped.filter((d) => d.status === 'cancelled');
      expect(cancelled.length).toBeGreaterThan(0);
      for (const d of cancelled) expect(d.cancelReason).toBe('hook_disabled');
      for (const d of stopped.filter((x) => x.status !== 'cancelled')) expect(d.cancelReason).toBeNull();

      receiver.reply({ status: 200 });
      expect((await quick.request('POST', `/v1/hooks/${hook.id}/activate`)).status).toBe(200);
      const before = receiver.requests.length;
      // The default still re-queues failed deliveries only: the cancelled ones stay cancelled.
      const failedOnly = await quick.request('POST', `/v1/hooks/${hook.id}/recover`, { body: { since: new Date(since).toISOString() } });
      expect(failedOnly).toMatchObject({ status: 202, body: { requeued: 3 - cancelled.length } });
      await settle(quick);
      expect((await deliveriesOf(quick, hook.id)).filter((d) => d.status === 'cancelled')).toHaveLength(cancelled.length);

      const response = await quick.request('POST', `/v1/hooks/${hook.id}/recover`, {
        body: { since: new Date(since).toISOString(), include: ['failed', 'cancelled'] },
      });
      expect(response).toMatchObject({ status: 202, body: { requeued: cancelled.length } });
      await settle(quick);
      expect(receiver.requests.length - before).toBe(3);
      const delivered = receiver.requests.slice(before).map((r) => JSON.parse(r.body).id).sort();
      expect(delivered).toEqual([...ids].sort());
      const after = await deliveriesOf(quick, hook.id);
      expect(after.map((d) => [d.status, d.cancelReason])).toEqual([
        ['succeeded', null],
        ['succeeded', null],
        ['succeeded', null],
      ]);
    } finally {
      await quick.close();
    }
  });

  test('when include names something other than failed or cancelled, then 400 names the field and nothing is re-queued', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'] });
    const response = await server.request('POST', `/v1/hooks/${hook.id}/recover`, { body: { since: '2026-01-01T00:00:00Z', include: ['succeeded'] } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('include');
  });

  test('when since is not a date-time, then 400 names the field', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'] });
    const response = await server.request('POST', `/v1/hooks/${hook.id}/recover`, { body: { since: 'yesterday' } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('since');
  });

  test('when the hook does not exist, then 404', async () => {
    const response = await server.request('POST', '/v1/hooks/hook_nope/recover', { body: { since: '2026-01-01T00:00:00Z' } });
    expect(response.status).toBe(404);
  });
});

describe('test deliveries', () => {
  test('when a test is sent, then the trigger sample arrives signed and marked as a test', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['chat.missed', 'chat.created'] });
    const response = await server.request('POST', `/v1/hooks/${hook.id}/test`, { body: { type: 'chat.created' } });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ hookId: hook.id, eventType: 'chat.created', test: true, status: 'pending' });
    const [request] = await receiver.waitFor(1);
    const envelope = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any;
    expect(envelope).toMatchObject({ type: 'chat.created', test: true, data: sample('chat.created') });
    expect(request.headers['webhook-id']).toBe(response.body.id);
  });

  test('when no type is given, then the first subscribed type is sent, even to an inactive hook', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.status_changed'], enabled: false });
    const response = await server.request('POST', `/v1/hooks/${hook.id}/test`);
    expect(response.status).toBe(202);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'ticket.status_changed', test: true });
  });

  test('when a test delivery lands, then it is the hook\'s last delivery but the hook\'s failure state is untouched', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'] });
    receiver.reply({ status: 200 });
    const passed = (await server.request('POST', `/v1/hooks/${hook.id}/test`)).body;
    await settle(server);
    let view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(view.lastDelivery).toMatchObject({ deliveryId: passed.id, status: 'succeeded', responseStatus: 200 });

    receiver.reply({ status: 500 });
    const failed = (await server.request('POST', `/v1/hooks/${hook.id}/test`)).body;
    await settle(server);
    view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(view.lastDelivery).toMatchObject({ deliveryId: failed.id, status: 'pending', responseStatus: 500 });
    expect(view).toMatchObject({ status: 'active', failingSince: null });

    // Even 410 on a test leaves the hook where it is: the receiver may not be switched on yet.
    receiver.reply({ status: 410 });
    const gone = (await server.request('POST', `/v1/hooks/${hook.id}/test`)).body;
    await settle(server);
    view = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(view).toMatchObject({ status: 'active', deleted: false, failingSince: null, lastDelivery: { deliveryId: gone.id, status: 'failed', responseStatus: 410 } });
  });

  test('when the type is unknown, then 422 names /type', async () => {
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'] });
    const response = await server.request('POST', `/v1/hooks/${hook.id}/test`, { body: { type: 'nope.nothing' } });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ pointer: '/type' });
  });
});

describe('delivery logs', () => {
  test('when deliveries are listed with a bad status, then 400 names the parameter', async () => {
    const response = await server.request('GET', '/v1/deliveries?status=broken');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('status');
  });

  test('when a delivery of another tenant is asked for, then it is not found', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    const tenant = await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Other' } });
    const otherKey: string = tenant.body.apiKey.key;
    expect((await server.request('GET', `/v1/deliveries/${delivery.id}`, { key: otherKey })).status).toBe(404);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/deliveries`, { key: otherKey })).status).toBe(404);
    expect((await server.request('GET', '/v1/deliveries', { key: otherKey })).body.data).toEqual([]);
  });

  test('when a delivery is read, then it carries its event envelope and every attempt', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    const eventId = await publish(server, 'ticket.created', brand);
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    const detail = await deliveryDetail(server, delivery.id);
    expect(detail.event).toMatchObject({ id: eventId, type: 'ticket.created', brand });
    expect(detail.attemptLog).toHaveLength(1);
    expect(detail.attemptLog[0].requestHeaders['webhook-id']).toBe(delivery.id);
  });
});

describe('metrics', () => {
  test('when deliveries happen, then /metrics counts events, outcomes, latency and the queue', async () => {
    const brand = uniqueBrand();
    receiver.reply({ status: 500 });
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const text = (await server.request('GET', '/metrics')).body as string;
    expect(text).toMatch(/deskhooks_events_accepted_total\{type="ticket.created"\} [1-9]/);
    expect(text).toMatch(/deskhooks_delivery_attempts_total\{outcome="failed"\} [1-9]/);
    expect(text).toMatch(/deskhooks_delivery_attempt_duration_seconds_count\{outcome="failed"\} [1-9]/);
    expect(text).toMatch(/deskhooks_queue_depth [1-9]/);
    // The one pending delivery was created at the clock's current time.
    expect(text).toMatch(/deskhooks_queue_oldest_pending_age_seconds \d/);
  });

  test('when a delivery finishes and the queue drains, then deliveries_total counts it by status and the gauges read zero', async () => {
    const count = (text: string, status: string) => Number(new RegExp(`deskhooks_deliveries_total\\{status="${status}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    await deleteAllHooks(server); // cancels what earlier tests left pending
    const before = (await server.request('GET', '/metrics')).body as string;
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    await settle(server);
    const after = (await server.request('GET', '/metrics')).body as string;
    expect(count(after, 'succeeded') - count(before, 'succeeded')).toBe(1);
    expect(after).toMatch(/deskhooks_queue_depth 0\n/);
    expect(after).toMatch(/deskhooks_queue_oldest_pending_age_seconds 0\n/);
  });
});
