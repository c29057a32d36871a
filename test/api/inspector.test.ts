/**
 * The built-in inspector (issue #18), over real HTTP: a hook with `"destination": {"type": "inspector"}`
 * keeps what it would have sent (same formats, templates and signature as a URL hook) as captures,
 * which can be listed, read, cleared and replayed to a real receiver; retention, the body cut, bad
 * input and tenant isolation behave as the README documents.
 */
import { Webhook } from 'standardwebhooks';
import { cutBody } from '../../server/src/rules/inspector';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let receiver: Receiver;
let sample: Record<string, any>;

const TEMPLATE = { body: '{"text": "Missed chat {{ data.chat.id }}", "type": "{{ type }}"}', contentType: 'json' };

beforeAll(async () => {
  server = await startTestServer({ env: { DESKHOOKS_INSPECTOR_CAPTURES: '3', DESKHOOKS_BATCH_WINDOW_MS: '300' } });
  receiver = await startReceiver({ status: 202, body: 'replayed ok' });
  sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

async function inspectorHook(body: Record<string, unknown> = {}) {
  const created = await server.request('POST', '/v1/hooks', { body: { destination: { type: 'inspector' }, events: ['chat.missed'], ...body } });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string } & Record<string, any>;
}

async function publishAndSettle(count = 1): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const published = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample } });
    expect(published.status).toBe(202);
  }
  server.engine.wake();
  await server.engine.idle();
}

describe('inspector hooks', () => {
  it('when an inspector hook is created, then it has an inspector destination, no url, and a signing secret', async () => {
    const hook = await inspectorHook();
    expect(hook.destination).toEqual({ type: 'inspector' });
    expect(hook).not.toHaveProperty('url');
    expect(hook.secret).toMatch(/^whsec_/);
    const read = await server.request('GET', `/v1/hooks/${hook.id}`);
    expect(read.body.destination).toEqual({ type: 'inspector' });
    expect(read.body).not.toHaveProperty('url');
  });

  it('when an event reaches an inspector hook with a Liquid template, then the capture holds the templated body, signed so that it verifies, and the delivery succeeded', async () => {
    const hook = await inspectorHook({ format: 'template', template: TEMPLATE, headers: { 'X-Team': 'desk', 'X-Api-Token': 'hunter2' } });
    await publishAndSettle();

    const list = await server.request('GET', `/v1/hooks/${hook.id}/captures`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const capture = list.body.data[0];
    expect(capture).toMatchObject({ hookId: hook.id, attempt: 1, eventTypes: ['chat.missed'], request: { method: 'POST', bodyTruncated: false } });
    expect(JSON.parse(capture.request.body)).toEqual({ text: `Missed chat ${sample.chat.id}`, type: 'chat.missed' });
    expect(capture.request.headers['content-type']).toBe('application/json');
    expect(capture.request.headers['X-Team']).toBe('desk');
    // A secret header is kept redacted, as in the attempt log.
    expect(capture.request.headers['X-Api-Token']).toBe('[redacted]');
    const headers = {
      'webhook-id': capture.request.headers['webhook-id'],
      'webhook-timestamp': capture.request.headers['webhook-timestamp'],
      'webhook-signature': capture.request.headers['webhook-signature'],
    };
    expect(headers['webhook-id']).toBe(capture.deliveryId);
    expect(new Webhook(hook.secret).verify(capture.request.body, headers)).toEqual(JSON.parse(capture.request.body));

    const one = await server.request('GET', `/v1/hooks/${hook.id}/captures/${capture.id}`);
    expect(one.body).toEqual(capture);

    const delivery = await server.request('GET', `/v1/deliveries/${capture.deliveryId}`);
    expect(delivery.body.status).toBe('succeeded');
    expect(delivery.body.attemptLog).toEqual([expect.objectContaining({ number: 1, url: 'inspector:', responseStatus: 200, outcome: 'succeeded' })]);
  });

  it('when a capture is replayed to a receiver, then the receiver gets the same method, body and signature, and the answer is reported', async () => {
    const hook = await inspectorHook({ format: 'template', template: TEMPLATE, auth: { type: 'bearer', token: 'tok_secret' } });
    await publishAndSettle();
    const [capture] = (await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data;
    const before = receiver.requests.length;

    const replay = await server.request('POST', `/v1/hooks/${hook.id}/captures/${capture.id}/replay`, { body: { url: `${receiver.url}/replayed?x=1` } });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ status: 202, responseBody: 'replayed ok', error: null });
    expect(replay.body.durationMs).toEqual(expect.any(Number));
    const [received] = (await receiver.waitFor(before + 1)).slice(before);
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/replayed?x=1');
    expect(received.body).toBe(capture.request.body);
    expect(received.headers['webhook-signature']).toBe(capture.request.headers['webhook-signature']);
    expect(new Webhook(hook.secret).verify(received.body, received.headers as Record<string, string>)).toBeTruthy();
    // The redacted credential is not sent as if it were one.
    expect(received.headers.authorization).toBeUndefined();
  });

  it('when a capture is replayed to an address nobody answers, then the error is reported, not a 5xx', async () => {
    const hook = await inspectorHook();
    await publishAndSettle();
    const [capture] = (await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data;
    const replay = await server.request('POST', `/v1/hooks/${hook.id}/captures/${capture.id}/replay`, { body: { url: 'http://127.0.0.1:9/closed' } });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ status: null, responseBody: null, error: expect.any(String) });
  });

  it('when an inspector hook batches, then one capture holds the whole window: one body with every event, signed once', async () => {
    const hook = await inspectorHook({ format: 'batch' });
    const ids = ['evt_batch_1', 'evt_batch_2', 'evt_batch_3'];
    // Windows are aligned to the clock (every 300 ms here): published one by one, the three could straddle a
    // boundary and leave as two requests. One batch publish plans them within microseconds: one window.
    const published = await server.request('POST', '/v1/events/batch', { body: { events: ids.map((id) => ({ id, type: 'chat.missed', data: sample })) } });
    expect(published.status).toBe(200);
    let captures: any[] = [];
    for (const until = Date.now() + 10_000; captures.length === 0 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      captures = (await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data;
    }
    expect(captures).toHaveLength(1);
    expect([...captures[0].eventIds].sort()).toEqual(ids);
    expect(JSON.parse(captures[0].request.body).map((e: any) => e.id).sort()).toEqual(ids);
    expect(new Webhook(hook.secret).verify(captures[0].request.body, captures[0].request.headers)).toHaveLength(3);
  });

  it('when more deliveries arrive than DESKHOOKS_INSPECTOR_CAPTURES, then only the newest are kept, newest first, and pages follow the cursor', async () => {
    const hook = await inspectorHook();
    await publishAndSettle(5);
    const all = await server.request('GET', `/v1/hooks/${hook.id}/captures`);
    expect(all.body.data).toHaveLength(3);
    const deliveries = (await server.request('GET', `/v1/hooks/${hook.id}/deliveries`)).body.data;
    expect(deliveries).toHaveLength(5);
    expect(deliveries.every((d: any) => d.status === 'succeeded')).toBe(true);
    const capturedAt = all.body.data.map((c: any) => c.capturedAt);
    expect([...capturedAt].sort().reverse()).toEqual(capturedAt);

    const first = await server.request('GET', `/v1/hooks/${hook.id}/captures?limit=2`);
    expect(first.body.data).toHaveLength(2);
    const second = await server.request('GET', `/v1/hooks/${hook.id}/captures?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ data: [all.body.data[2]], nextCursor: null });
  });

  it('when captures are cleared or the hook is deleted, then they are gone', async () => {
    const hook = await inspectorHook();
    await publishAndSettle();
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data).toHaveLength(1);
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}/captures`)).status).toBe(204);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data).toEqual([]);

    await publishAndSettle();
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data).toHaveLength(1);
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}`)).status).toBe(204);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data).toEqual([]);
  });

  it('when an inspector hook is switched to a URL and back, then its destination and url follow', async () => {
    const hook = await inspectorHook();
    const toUrl = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { url: `${receiver.url}/now-a-url` } });
    expect(toUrl.status).toBe(200);
    expect(toUrl.body).toMatchObject({ destination: { type: 'url' }, url: `${receiver.url}/now-a-url` });
    const back = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { destination: { type: 'inspector' } } });
    expect(back.body.destination).toEqual({ type: 'inspector' });
    expect(back.body).not.toHaveProperty('url');
    const urlHooks = (await server.request('GET', '/v1/hooks')).body.data.filter((h: any) => h.destination.type === 'url');
    for (const h of urlHooks) expect(h.url).toEqual(expect.any(String));
  });

  it('when a body is over 256 KiB, then the capture keeps its first 256 KiB and says it was cut, never splitting a character', () => {
    const small = cutBody('{"ok":true}');
    expect(small).toEqual({ body: '{"ok":true}', truncated: false });
    const big = cutBody('é'.repeat(200_000));
    expect(big.truncated).toBe(true);
    expect(Buffer.byteLength(big.body, 'utf8')).toBeLessThanOrEqual(256 * 1024);
    expect(big.body).toBe('é'.repeat(big.body.length));
  });
});

describe('bad input', () => {
  it('when a hook is created with both url and destination, then 422 names destination', async () => {
    const response = await server.request('POST', '/v1/hooks', {
      body: { url: `${receiver.url}/x`, destination: { type: 'inspector' }, events: ['chat.missed'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/destination' })]);
  });

  it('when a hook is created with neither url nor destination, then 422 names url', async () => {
    const response = await server.request('POST', '/v1/hooks', { body: { events: ['chat.missed'] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/url' })]);
  });

  it('when a destination type is not inspector or stream, then 400 names it and nothing is created', async () => {
    const before = (await server.request('GET', '/v1/hooks?limit=100')).body.data.length;
    const response = await server.request('POST', '/v1/hooks', { body: { destination: { type: 'url' }, events: ['chat.missed'] } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('/destination');
    expect((await server.request('GET', '/v1/hooks?limit=100')).body.data.length).toBe(before);
  });

  it('when the captures are listed with a bad limit or cursor, then 400 names the parameter', async () => {
    const hook = await inspectorHook();
    const limit = await server.request('GET', `/v1/hooks/${hook.id}/captures?limit=0`);
    expect(limit.status).toBe(400);
    expect(limit.body.errors).toEqual([expect.objectContaining({ parameter: 'limit' })]);
    const cursor = await server.request('GET', `/v1/hooks/${hook.id}/captures?cursor=nonsense`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
  });

  it('when a replay has no url, a url that is not http(s), or names an unknown capture, then the problem names it', async () => {
    const hook = await inspectorHook();
    await publishAndSettle();
    const [capture] = (await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data;
    const missing = await server.request('POST', `/v1/hooks/${hook.id}/captures/${capture.id}/replay`, { body: {} });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('url');
    const ftp = await server.request('POST', `/v1/hooks/${hook.id}/captures/${capture.id}/replay`, { body: { url: 'ftp://127.0.0.1/x' } });
    expect(ftp.status).toBe(422);
    expect(ftp.body.errors).toEqual([expect.objectContaining({ pointer: '/url' })]);
    const unknown = await server.request('POST', `/v1/hooks/${hook.id}/captures/cap_nope/replay`, { body: { url: `${receiver.url}/x` } });
    expect(unknown.status).toBe(404);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures/cap_nope`)).status).toBe(404);
  });

  it("when another tenant asks for a hook's captures, then every capture operation answers 404 and changes nothing", async () => {
    const hook = await inspectorHook();
    await publishAndSettle();
    const [capture] = (await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data;
    const other = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Other tenant' } })).body.apiKey.key;
    const asOther = { key: other };
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`, asOther)).status).toBe(404);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures/${capture.id}`, asOther)).status).toBe(404);
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}/captures`, asOther)).status).toBe(404);
    expect((await server.request('POST', `/v1/hooks/${hook.id}/captures/${capture.id}/replay`, { ...asOther, body: { url: `${receiver.url}/x` } })).status).toBe(404);
    expect((await server.request('GET', `/v1/hooks/${hook.id}/captures`)).body.data).toEqual([capture]);
  });
});
