/**
 * What a tenant may choose when it publishes (issue 14, items 3 and 4): event ids and
 * Idempotency-Keys follow one documented safe pattern (422 before anything is stored), reusing one
 * for a different event is a 409 (never a silent duplicate), and operational event types cannot be
 * spoofed. Over real HTTP, checking that refused publishes leave events and deliveries untouched.
 */
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let receiver: Receiver;
let sample: Record<string, unknown>;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer({ startEngine: false }), startReceiver()]);
  sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
  expect((await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/in`, events: ['*'] } })).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/** Everything a publish can write, to compare before and after a refused one. */
async function snapshot(): Promise<unknown> {
  const [events, deliveries] = await Promise.all([
    server.request('GET', '/v1/events?limit=100'),
    server.request('GET', '/v1/deliveries?limit=100'),
  ]);
  return { events: events.body.data, deliveries: deliveries.body.data };
}

const publish = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  server.request('POST', '/v1/events', { body, headers });

describe('caller-chosen event ids', () => {
  it('when the id holds a lone surrogate (the issue: stored, then 500 on Location), then 422 names /id and nothing is stored', async () => {
    const before = await snapshot();
    // JSON.stringify writes the lone surrogate as \ud800, which the server's parser turns back into one.
    const response = await publish({ type: 'chat.missed', id: 'evt-\ud800-x', data: sample });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([{ pointer: '/id', location: 'body', detail: expect.stringContaining('lone surrogate') }]);
    expect(await snapshot()).toEqual(before);
    // The retry the issue saw come back 202 "duplicate" under a mangled id is refused the same way.
    expect((await publish({ type: 'chat.missed', id: 'evt-\ud800-x', data: sample })).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['empty', ''],
    ['129 characters', `e${'x'.repeat(128)}`],
    ['a space', 'evt 1'],
    ['a slash', 'evt/1'],
    ['a percent sign', 'evt%2F1'],
    ['a non-ASCII letter', 'évt-1'],
    ['an emoji', 'evt-😀'],
    ['a leading dot', '.evt'],
    ['a control character', 'evt\u0000'],
  ])('when the id is %s, then 422 names /id and nothing is stored', async (_name, id) => {
    const before = await snapshot();
    const response = await publish({ type: 'chat.missed', id, data: sample });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/id', location: 'body' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('when the id uses every allowed character at the full 128-character length, then it is accepted and readable at its Location', async () => {
    const id = `A0._:~-${'z'.repeat(121)}`;
    expect(id).toHaveLength(128);
    const response = await publish({ type: 'chat.missed', id, data: sample });
    expect(response.status).toBe(202);
    expect(response.body.id).toBe(id);
    const location = new URL(response.headers.get('location')!);
    expect((await server.request('GET', location.pathname)).body.id).toBe(id);
  });
});

describe('Idempotency-Key', () => {
  it.each([
    ['a space', 'key 1'],
    ['129 characters', `k${'x'.repeat(128)}`],
    ['a Latin-1 letter', 'clé'],
  ])('when the key has %s, then 422 names the Idempotency-Key header and nothing is stored', async (_name, key) => {
    const before = await snapshot();
    const response = await publish({ type: 'chat.missed', data: sample }, { 'Idempotency-Key': key });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ parameter: 'Idempotency-Key', location: 'header' })]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('reusing an id or a key', () => {
  it('when an id is reused with the same event (keys in another order), then 202 duplicate; with other data or another type, then 409 and nothing changes', async () => {
    const first = await publish({ type: 'chat.missed', id: 'evt-reuse-1', data: sample });
    expect(first.body).toMatchObject({ id: 'evt-reuse-1', duplicate: false, deliveries: 1 });
    const reordered = Object.fromEntries(Object.entries(sample).reverse());
    const retry = await publish({ data: reordered, id: 'evt-reuse-1', type: 'chat.missed' });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id: 'evt-reuse-1', duplicate: true });

    const before = await snapshot();
    const otherData = structuredClone(sample) as { chat: { name: string } };
    otherData.chat.name = 'Another chat altogether';
    const changed = await publish({ type: 'chat.missed', id: 'evt-reuse-1', data: otherData });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(changed.body.detail).toMatch(/evt-reuse-1/);

    const chatCreated = (await server.request('GET', '/v1/triggers/chat.created/sample')).body.data;
    const otherType = await publish({ type: 'chat.created', id: 'evt-reuse-1', data: chatCreated });
    expect(otherType.status).toBe(409);
    const otherBrand = await publish({ type: 'chat.missed', id: 'evt-reuse-1', brand: 'other', data: sample });
    expect(otherBrand.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    expect((await server.request('GET', '/v1/events/evt-reuse-1')).body.data).toEqual(sample);
  });

  it('when an Idempotency-Key is reused with the same event, then 202 duplicate; with another payload or another explicit id, then 409', async () => {
    const headers = { 'Idempotency-Key': 'req:2026-03-02~0001' };
    const first = await publish({ type: 'chat.missed', data: sample }, headers);
    expect(first.body.duplicate).toBe(false);
    const retry = await publish({ type: 'chat.missed', data: sample }, headers);
    expect(retry.body).toEqual({ ...first.body, duplicate: true });

    const before = await snapshot();
    const otherData = structuredClone(sample) as { chat: { name: string } };
    otherData.chat.name = 'A different chat';
    const changed = await publish({ type: 'chat.missed', data: otherData }, headers);
    expect(changed.status).toBe(409);
    expect(changed.body.detail).toMatch(/Idempotency-Key req:2026-03-02~0001/);
    const otherId = await publish({ type: 'chat.missed', id: 'evt-key-other', data: sample }, headers);
    expect(otherId.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});

describe('reserved system event types', () => {
  it.each(['hook.disabled', 'chat.agent_lookup'])('when a tenant publishes %s itself, then 422 names the type and nothing is stored', async (type) => {
    const data = (await server.request('GET', `/v1/triggers/${type}/sample`)).body.data;
    const before = await snapshot();
    const response = await publish({ type, data });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ pointer: '/type', location: 'body', detail: expect.stringContaining(`${type}, a reserved system event type`) }]);
    expect(await snapshot()).toEqual(before);
  });

  it('when deskhooks itself stops a hook, then hook.disabled is still published to the tenant', async () => {
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/gone`, events: ['chat.missed'] } })).body;
    expect((await server.request('POST', `/v1/hooks/${hook.id}/deactivate`)).status).toBe(200);
    const events = (await server.request('GET', '/v1/events?type=hook.disabled&limit=10')).body.data;
    expect(events.map((e: { data: { hook: { id: string } } }) => e.data.hook.id)).toContain(hook.id);
  });
});
