import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer({ env: { PUBLIC_URL: 'https://hooks.example.com' } }), startReceiver()]);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

let sample: Record<string, unknown>;
beforeAll(async () => {
  sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
});

describe('publishing', () => {
  it('when an event is published, then 202 gives its id, the delivery count and an absolute Location, and the hook receives it', async () => {
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/missed`, events: ['chat.missed'], brand: 'e2e' } })).body;
    const published = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', brand: 'e2e', data: sample } });
    expect(published.status).toBe(202);
    expect(published.body).toEqual({ id: expect.stringMatching(/^evt_/), type: 'chat.missed', deliveries: 1, duplicate: false });
    expect(published.headers.get('location')).toBe(`https://hooks.example.com/v1/events/${published.body.id}`);

    const [received] = await receiver.waitFor(1);
    expect(received.url).toBe('/missed');
    expect(JSON.parse(received.body)).toEqual((await server.request('GET', `/v1/events/${published.body.id}`)).body);
    expect(received.headers['webhook-id']).toMatch(/^msg_/);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
  });

  it('when data breaks the schema, then 422 lists every bad field path and nothing is stored', async () => {
    const data = structuredClone(sample) as { chat: Record<string, unknown> };
    (data.chat as Record<string, unknown>).status = 'exploded';
    (data.chat as Record<string, unknown>).unexpected = true;
    delete (data.chat as Record<string, unknown>).id;
    const response = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id: 'evt_invalid_one', data } });
    expect(response.status).toBe(422);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/data/chat/status', '/data/chat/unexpected', '/data/chat/id']));
    for (const error of response.body.errors) expect(error.location).toBe('body');
    expect((await server.request('GET', '/v1/events/evt_invalid_one')).status).toBe(404);
  });

  it('when the type is unknown, then 422 points at /type', async () => {
    const response = await server.request('POST', '/v1/events', { body: { type: 'chat.exploded', data: {} } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/type', location: 'body' })]);
  });

  it('when the envelope itself is malformed, then 400 names the field', async () => {
    for (const [body, pointer] of [
      [{ data: sample }, '/type'],
      [{ type: 'chat.missed' }, '/data'],
      [{ type: 'chat.missed', data: 'text' }, '/data'],
      [{ type: 'chat.missed', data: sample, timestamp: 'yesterday' }, '/timestamp'],
      [{ type: 'chat.missed', data: sample, test: true }, '/test'],
    ] as const) {
      const response = await server.request('POST', '/v1/events', { body });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer, location: 'body' }));
    }
  });

  it('when the same event is published twice with its id, then the second answer repeats the first and creates nothing', async () => {
    await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/dupe`, events: ['ticket.created'], enabled: false } });
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/discard', events: ['chat.completed'] } })).body;
    await server.request('POST', `/v1/hooks/${hook.id}/deactivate`);
    const id = `evt_dupe_${Date.now()}`;
    const first = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id, data: sample } });
    const second = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id, data: sample } });
    // The same id with other data is a 409 (test/api/publish-rules.test.ts), never a silent duplicate.
    expect((await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id, data: { ...sample, chat: { ...(sample.chat as object), id: 'other' } } } })).status).toBe(409);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    expect((await server.request('GET', `/v1/events/${id}`)).body.data).toEqual(sample);
    const listed = await server.request('GET', '/v1/events?limit=100');
    expect(listed.body.data.filter((e: { id: string }) => e.id === id)).toHaveLength(1);
  });

  it('when the same Idempotency-Key is sent twice, then the first event is returned and no second one exists', async () => {
    const key = `idem-${Date.now()}`;
    const first = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample }, headers: { 'Idempotency-Key': key } });
    const second = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample }, headers: { 'Idempotency-Key': key } });
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('when a timestamp and brand are given, then the envelope carries them, in UTC', async () => {
    const published = await server.request('POST', '/v1/events', {
      body: { type: 'chat.missed', data: sample, brand: 'Harbour IT', timestamp: '2026-03-02T10:14:05+01:00' },
    });
    const envelope = (await server.request('GET', `/v1/events/${published.body.id}`)).body;
    expect(envelope).toEqual({ id: published.body.id, type: 'chat.missed', timestamp: '2026-03-02T09:14:05.000Z', brand: 'Harbour IT', data: sample });
  });

  it('when an id needs escaping, then the Location escapes it and the event is found through it', async () => {
    // Slashes and spaces are outside the id pattern (422, test/api/publish-rules.test.ts); a colon is in it.
    const id = 'helpdesk:event~42';
    const published = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id, data: sample } });
    expect(published.headers.get('location')).toBe('https://hooks.example.com/v1/events/helpdesk%3Aevent~42');
    expect((await server.request('GET', '/v1/events/helpdesk%3Aevent~42')).body.id).toBe(id);
  });
});

describe('reading events back', () => {
  it('when events are listed, then they are envelopes, newest first, filterable by type and paged', async () => {
    const ids: string[] = [];
    for (const type of ['chat.missed', 'chat.missed', 'chat.missed']) {
      ids.push((await server.request('POST', '/v1/events', { body: { type, data: sample, brand: 'listing' } })).body.id);
    }
    const page = await server.request('GET', '/v1/events?type=chat.missed&limit=2');
    expect(page.body.data.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    for (const envelope of page.body.data) {
      expect(Object.keys(envelope).sort()).toEqual(['brand', 'data', 'id', 'timestamp', 'type']);
    }
    const next = await server.request('GET', `/v1/events?type=chat.missed&limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.data[0].id).toBe(ids[0]);
    const otherType = await server.request('GET', '/v1/events?type=ticket.created');
    expect(otherType.body.data).toEqual([]);
  });

  it('when an event is unknown, then 404', async () => {
    expect((await server.request('GET', '/v1/events/evt_nothing_here')).status).toBe(404);
  });
});

describe('the tenant switch', () => {
  it('when webhooks are switched off, then events are stored but create no deliveries until switched on', async () => {
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/off', events: ['chat.user_joined'] } })).body;
    const data = (await server.request('GET', '/v1/triggers/chat.user_joined/sample')).body.data;
    expect((await server.request('PATCH', '/v1/settings', { body: { webhooksEnabled: false } })).body).toEqual({ webhooksEnabled: false, liveChatAppId: null });
    try {
      const off = await server.request('POST', '/v1/events', { body: { type: 'chat.user_joined', data } });
      expect(off.body.deliveries).toBe(0);
      expect((await server.request('GET', `/v1/events/${off.body.id}`)).status).toBe(200);
    } finally {
      expect((await server.request('PATCH', '/v1/settings', { body: { webhooksEnabled: true } })).body).toEqual({ webhooksEnabled: true, liveChatAppId: null });
    }
    const on = await server.request('POST', '/v1/events', { body: { type: 'chat.user_joined', data } });
    expect(on.body.deliveries).toBe(1);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
  });

  it('when deliveries are counted, then inactive, deleted, other-brand and non-matching-filter hooks get none', async () => {
    const data = (await server.request('GET', '/v1/triggers/chat.handled/sample')).body.data;
    const make = (body: Record<string, unknown>) =>
      server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/count', events: ['chat.handled'], ...body } });
    await make({});
    await make({ events: ['*'] });
    await make({ enabled: false });
    await make({ brand: 'Other' });
    await make({ filter: { 'data.chat.status': 'never-this' } });
    const deleted = (await make({})).body;
    await server.request('DELETE', `/v1/hooks/${deleted.id}`);
    const published = await server.request('POST', '/v1/events', { body: { type: 'chat.handled', data } });
    // No other hook of this file listens to chat.handled: only the plain one and the `*` one match.
    expect(published.body.deliveries).toBe(2);
  });
});
