/**
 * Streamed delivery (issue #18), over real HTTP: a stream hook's deliveries go to a consumer of
 * GET /v1/hooks/{id}/stream exactly as they would be posted (signed), the consumer's ack settles the
 * attempt, an unacknowledged delivery fails as a timeout and is retried per the hook's policy, and a
 * delivery published while no consumer is connected waits until one connects. Bad input and other
 * tenants get problems naming the field.
 */
import { Webhook } from 'standardwebhooks';
import { openSse, type SseClient } from '../helpers/sse-client';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let sample: Record<string, any>;
const open: SseClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: { DESKHOOKS_DELIVERY_TIMEOUT_MS: '700', DESKHOOKS_STREAM_KEEPALIVE_MS: '150' },
    engineOptions: { maxIdleMs: 100 },
  });
  sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});
afterAll(async () => {
  await server?.close();
});

async function streamHook(body: Record<string, unknown> = {}) {
  const created = await server.request('POST', '/v1/hooks', {
    body: { destination: { type: 'stream' }, events: ['chat.missed'], retryPolicy: { type: 'custom', delays: [1, 1] }, ...body },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string } & Record<string, any>;
}

async function connect(hookId: string, key = server.apiKey): Promise<SseClient> {
  const client = await openSse(`${server.url}/v1/hooks/${hookId}/stream`, key);
  open.push(client);
  return client;
}

async function publish(): Promise<void> {
  const published = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample } });
  expect(published.status).toBe(202);
}

function ack(hookId: string, body: Record<string, unknown>, key = server.apiKey) {
  return server.request('POST', `/v1/hooks/${hookId}/stream/acks`, { body, key });
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const delivery = (id: string) => server.request('GET', `/v1/deliveries/${id}`).then((r) => r.body);

describe('stream hooks', () => {
  it('when a consumer is connected, then it receives the delivery signed as it would be posted, and its ack makes the delivery succeed', async () => {
    const hook = await streamHook();
    expect(hook.destination).toEqual({ type: 'stream' });
    expect(hook).not.toHaveProperty('url');
    const consumer = await connect(hook.id);
    expect(consumer.status).toBe(200);
    expect(consumer.contentType).toMatch(/^text\/event-stream/);
    const [ready] = await consumer.waitFor(1);
    expect(ready).toEqual({ event: 'ready', id: null, data: JSON.stringify({ hookId: hook.id }) });

    await publish();
    const [, event] = await consumer.waitFor(2);
    expect(event.event).toBe('delivery');
    const data = JSON.parse(event.data);
    expect(event.id).toBe(data.attemptId);
    expect(data).toMatchObject({ attempt: 1, method: 'POST' });
    expect(data.headers['webhook-id']).toBe(data.deliveryId);
    expect(JSON.parse(data.body)).toMatchObject({ type: 'chat.missed', data: sample });
    expect(new Webhook(hook.secret).verify(data.body, data.headers)).toMatchObject({ type: 'chat.missed' });

    expect((await ack(hook.id, { attemptId: data.attemptId, status: 200, body: 'thanks' })).status).toBe(204);
    const settled = await eventually(() => delivery(data.deliveryId), (d) => d.status === 'succeeded');
    expect(settled.status).toBe('succeeded');
    expect(settled.attemptLog).toEqual([expect.objectContaining({ number: 1, url: 'stream:', responseStatus: 200, responseBody: 'thanks', outcome: 'succeeded' })]);
    // Settled once: a second ack of the same attempt names it as unknown.
    const again = await ack(hook.id, { attemptId: data.attemptId, status: 200 });
    expect(again.status).toBe(404);
    expect(again.body.errors).toEqual([expect.objectContaining({ pointer: '/attemptId' })]);
  });

  it('when a delivery is not acknowledged in time, then the attempt fails as timeout, stays in the log, and the retry reaches the consumer', async () => {
    const hook = await streamHook();
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await publish();
    const [, first] = await consumer.waitFor(2);
    const firstData = JSON.parse(first.data);
    // No ack: the 700 ms delivery timeout runs out, and the custom policy retries after 1 s.
    const [, , second] = await consumer.waitFor(3, 10_000);
    const secondData = JSON.parse(second.data);
    expect(secondData).toMatchObject({ deliveryId: firstData.deliveryId, attempt: 2 });
    expect(secondData.attemptId).not.toBe(firstData.attemptId);
    // The timed-out attempt can no longer be acknowledged.
    expect((await ack(hook.id, { attemptId: firstData.attemptId, status: 200 })).status).toBe(404);
    expect((await ack(hook.id, { attemptId: secondData.attemptId, status: 204 })).status).toBe(204);
    const settled = await eventually(() => delivery(firstData.deliveryId), (d) => d.status === 'succeeded');
    expect(settled.attemptLog.map((a: any) => [a.number, a.outcome])).toEqual([
      [1, 'timeout'],
      [2, 'succeeded'],
    ]);
  });

  it('when the consumer answers with an error or a 500, then the attempt fails like a URL hook\'s, keeps 2 KiB of the answer, and is retried', async () => {
    const hook = await streamHook();
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await publish();
    const first = JSON.parse((await consumer.waitFor(2))[1].data);
    expect((await ack(hook.id, { attemptId: first.attemptId, error: 'connect ECONNREFUSED 127.0.0.1:4000' })).status).toBe(204);
    const second = JSON.parse((await consumer.waitFor(3))[2].data);
    expect((await ack(hook.id, { attemptId: second.attemptId, status: 500, body: 'boom'.repeat(1000) })).status).toBe(204);
    const failed = await eventually(() => delivery(first.deliveryId), (d) => d.attemptLog.length === 2);
    expect(failed.attemptLog.map((a: any) => [a.outcome, a.responseStatus])).toEqual([
      ['network', null],
      ['failed', 500],
    ]);
    expect(failed.attemptLog[0].error).toContain('ECONNREFUSED');
    // The answer is kept as any answer is: its first 2 KiB.
    expect(failed.attemptLog[1].responseBody).toBe('boom'.repeat(1000).slice(0, 2048));
    expect(failed.status).toBe('pending');
  });

  it('when the consumer answers 410, then the hook is removed as a URL hook would be', async () => {
    const hook = await streamHook();
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await publish();
    const data = JSON.parse((await consumer.waitFor(2))[1].data);
    expect((await ack(hook.id, { attemptId: data.attemptId, status: 410 })).status).toBe(204);
    const removed = await eventually(() => server.request('GET', `/v1/hooks/${hook.id}`).then((r) => r.body), (h) => h.deleted === true);
    expect(removed).toMatchObject({ deleted: true, deletedReason: 'gone' });
  });

  it('when a delivery is published while no consumer is connected, then it waits (not attempted) and arrives once one connects', async () => {
    const hook = await streamHook();
    await publish();
    server.engine.wake();
    await server.engine.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = (await server.request('GET', `/v1/hooks/${hook.id}/deliveries`)).body.data;
    expect(waiting).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);

    const consumer = await connect(hook.id);
    const [, event] = await consumer.waitFor(2);
    const data = JSON.parse(event.data);
    expect(data.deliveryId).toBe(waiting[0].id);
    expect((await ack(hook.id, { attemptId: data.attemptId, status: 200 })).status).toBe(204);
    expect((await eventually(() => delivery(data.deliveryId), (d) => d.status === 'succeeded')).status).toBe('succeeded');
  });

  it('when the consumer disconnects before acknowledging, then the attempt fails as a network error and the delivery waits for the next consumer', async () => {
    const hook = await streamHook();
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await publish();
    const first = JSON.parse((await consumer.waitFor(2))[1].data);
    consumer.close();
    const failed = await eventually(() => delivery(first.deliveryId), (d) => d.attemptLog.length === 1);
    expect(failed.attemptLog[0]).toMatchObject({ outcome: 'network', error: expect.stringContaining('disconnected') });
    const next = await connect(hook.id);
    const second = JSON.parse((await next.waitFor(2))[1].data);
    expect(second).toMatchObject({ deliveryId: first.deliveryId, attempt: 2 });
    await ack(hook.id, { attemptId: second.attemptId, status: 200 });
  });

  it('when the stream is idle, then keepalive comments arrive', async () => {
    const hook = await streamHook();
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(consumer.comments.filter((c) => c === 'keepalive').length).toBeGreaterThanOrEqual(2);
  });
});

describe('bad input', () => {
  it('when a URL or inspector hook is streamed, then 409 names destination', async () => {
    const inspector = (await server.request('POST', '/v1/hooks', { body: { destination: { type: 'inspector' }, events: ['chat.missed'] } })).body;
    const response = await server.request('GET', `/v1/hooks/${inspector.id}/stream`);
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/destination' })]);
  });

  it('when a hook already has 10 consumers on the node, then the 11th is refused with 409, and one more fits once one leaves', async () => {
    const hook = await streamHook();
    const consumers = await Promise.all(Array.from({ length: 10 }, () => connect(hook.id)));
    for (const consumer of consumers) expect(consumer.status).toBe(200);
    const refused = await server.request('GET', `/v1/hooks/${hook.id}/stream`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/10 consumers/);
    consumers[0].close();
    await consumers[0].ended;
    const until = Date.now() + 5000;
    let next = await connect(hook.id);
    while (next.status !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await connect(hook.id);
    }
    expect(next.status).toBe(200);
  });

  it('when an ack carries both or neither of status and error, then 422 names status', async () => {
    const hook = await streamHook();
    for (const body of [{ attemptId: 'sat_x', status: 200, error: 'down' }, { attemptId: 'sat_x' }]) {
      const response = await ack(hook.id, body);
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/status' })]);
    }
  });

  it('when an ack has a status out of range, a missing attemptId or an unknown field, then 400 names the field', async () => {
    const hook = await streamHook();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ attemptId: 'sat_x', status: 99 }, 'status'],
      [{ status: 200 }, 'attemptId'],
      [{ attemptId: 'sat_x', status: 200, extra: 1 }, 'extra'],
      [{ attemptId: 'sat_x', error: '' }, 'error'],
    ];
    for (const [body, field] of cases) {
      const response = await ack(hook.id, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
  });

  it('when an ack names an unknown attempt, then 404 names attemptId', async () => {
    const hook = await streamHook();
    const response = await ack(hook.id, { attemptId: 'sat_unknown', status: 200 });
    expect(response.status).toBe(404);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/attemptId' })]);
  });

  it("when another tenant opens the stream or acks a delivery of this tenant's hook, then 404, and the delivery stays the consumer's", async () => {
    const hook = await streamHook();
    const other = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Stream outsider' } })).body.apiKey.key;
    expect((await server.request('GET', `/v1/hooks/${hook.id}/stream`, { key: other })).status).toBe(404);
    const consumer = await connect(hook.id);
    await consumer.waitFor(1);
    await publish();
    const data = JSON.parse((await consumer.waitFor(2))[1].data);
    expect((await ack(hook.id, { attemptId: data.attemptId, status: 200 }, other)).status).toBe(404);
    expect((await ack(hook.id, { attemptId: data.attemptId, status: 200 })).status).toBe(204);
  });
});
