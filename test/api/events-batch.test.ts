/**
 * Batch publishing (POST /v1/events/batch): per-event results in order, valid events stored even when
 * others are refused, the limits, and idempotency inside and across batches. Every answer is checked
 * against the OpenAPI document by the request helper. Requests sent gzip-compressed are served by the
 * Express route rather than the fast publish path: both must answer alike.
 */
import { gzipSync } from 'node:zlib';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let small: TestServer;
let receiver: Receiver;
let sample: Record<string, unknown>;

beforeAll(async () => {
  [server, small, receiver] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { DESKHOOKS_BATCH_BODY_LIMIT_BYTES: '8192' }, startEngine: false }),
    startReceiver(),
  ]);
  sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
});
afterAll(async () => {
  await Promise.all([server.close(), small.close(), receiver.close()]);
});

const unique = (label: string) => `evt_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

async function publishBatch(events: unknown[], options: { gzip?: boolean; target?: TestServer } = {}) {
  const target = options.target ?? server;
  if (!options.gzip) return target.request('POST', '/v1/events/batch', { body: { events } });
  const response = await fetch(`${target.url}/v1/events/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ events })),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function stored(id: string): Promise<boolean> {
  return (await server.request('GET', `/v1/events/${encodeURIComponent(id)}`)).status === 200;
}

describe('mixed results', () => {
  it('when a batch mixes valid, repeated, malformed and invalid events, then 200 lists each outcome in order and only the valid ones are stored and delivered', async () => {
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/batch`, events: ['chat.missed'], brand: 'batch-mixed' } })).body;
    const ids = { first: unique('first'), second: unique('second'), malformed: unique('malformed'), invalid: unique('invalid'), unknown: unique('unknown') };
    const badData = { ...sample, chat: { ...(sample.chat as object), status: 'exploded' } };
    const response = await publishBatch([
      { id: ids.first, type: 'chat.missed', brand: 'batch-mixed', data: sample },
      { id: ids.malformed, type: 'chat.missed', data: sample, test: true },
      { id: ids.second, type: 'chat.missed', brand: 'batch-mixed', data: sample, timestamp: '2026-03-02T10:14:05+01:00' },
      { id: ids.first, type: 'chat.missed', brand: 'batch-mixed', data: sample },
      { id: ids.invalid, type: 'chat.missed', data: badData },
      { id: ids.unknown, type: 'chat.teleported', data: {} },
      'not an event',
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 2, duplicates: 1, refused: 4 });
    const results = response.body.results;
    expect(results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, 'accepted'],
      [1, 'refused'],
      [2, 'accepted'],
      [3, 'duplicate'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
    ]);
    expect(results[0]).toEqual({ index: 0, status: 'accepted', id: ids.first, type: 'chat.missed', deliveries: 1, duplicate: false });
    expect(results[3]).toEqual({ index: 3, status: 'duplicate', id: ids.first, type: 'chat.missed', deliveries: 1, duplicate: true });
    expect(results[1].problem).toMatchObject({ status: 400, errors: [{ pointer: '/events/1/test', location: 'body', detail: 'is not an allowed property' }] });
    expect(results[4].problem.status).toBe(422);
    expect(results[4].problem.errors).toContainEqual(expect.objectContaining({ pointer: '/events/4/data/chat/status', location: 'body' }));
    expect(results[5].problem).toMatchObject({ status: 422, errors: [expect.objectContaining({ pointer: '/events/5/type' })] });
    expect(results[6].problem).toMatchObject({ status: 400, errors: [expect.objectContaining({ pointer: '/events/6' })] });

    expect(await stored(ids.first)).toBe(true);
    expect((await server.request('GET', `/v1/events/${ids.second}`)).body.timestamp).toBe('2026-03-02T09:14:05.000Z');
    for (const refused of [ids.malformed, ids.invalid, ids.unknown]) expect(await stored(refused)).toBe(false);

    const received = await receiver.waitFor(2);
    expect(received.map((r) => JSON.parse(r.body).id).sort()).toEqual([ids.first, ids.second].sort());
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
  });

  it('when the same batch is served by the Express route (a compressed body), then the answer is the same as the fast path gives', async () => {
    const make = (label: string) => [
      { id: `${label}_ok`, type: 'chat.missed', data: sample },
      { id: `${label}_bad`, type: 'chat.missed', data: { chat: {} } },
      { type: 'chat.missed' },
    ];
    const label = unique('paths');
    const fast = await publishBatch(make(`${label}_fast`));
    const express = await publishBatch(make(`${label}_express`), { gzip: true });
    expect(express.status).toBe(fast.status);
    const normalize = (body: { results: Array<Record<string, unknown>> }, prefix: string) =>
      JSON.parse(JSON.stringify(body).split(`${label}_${prefix}`).join('ID'));
    expect(normalize(express.body, 'express')).toEqual(normalize(fast.body, 'fast'));
    expect(await stored(`${label}_express_ok`)).toBe(true);
    expect(await stored(`${label}_express_bad`)).toBe(false);
  });

  it('when every event of a batch is refused, then the answer is still 200 with each problem, and nothing is stored', async () => {
    const id = unique('all_refused');
    const response = await publishBatch([{ id, type: 'chat.teleported', data: {} }, { id: `${id}_2`, data: sample }]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 0, duplicates: 0, refused: 2 });
    expect(await stored(id)).toBe(false);
    expect(await stored(`${id}_2`)).toBe(false);
  });
});

describe('limits', () => {
  it('when a batch holds 1,001 events, then 413 names the limit of 1,000 and nothing is stored; 1,000 are accepted', async () => {
    const prefix = unique('limit');
    const events = Array.from({ length: 1_001 }, (_, i) => ({ id: `${prefix}_${i}`, type: 'chat.missed', data: sample }));
    for (const gzip of [false, true]) {
      const refused = await publishBatch(events, { gzip });
      expect(refused.status).toBe(413);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.detail).toMatch(/1,001 events; the limit is 1,000/);
    }
    expect(await stored(`${prefix}_0`)).toBe(false);

    const accepted = await publishBatch(events.slice(0, 1_000));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ accepted: 1_000, duplicates: 0, refused: 0 });
    expect(accepted.body.results[999]).toMatchObject({ index: 999, id: `${prefix}_999`, status: 'accepted' });
    expect(await stored(`${prefix}_999`)).toBe(true);
  });

  it('when a batch body is over the batch size limit, then 413 names the limit in bytes and nothing is stored', async () => {
    const id = unique('bytes');
    const events = Array.from({ length: 40 }, (_, i) => ({ id: `${id}_${i}`, type: 'chat.missed', data: sample }));
    expect(JSON.stringify({ events }).length).toBeGreaterThan(8192);
    for (const gzip of [false, true]) {
      const response = await publishBatch(events, { target: small, gzip });
      expect(response.status).toBe(413);
      expect(response.body.detail).toMatch(/8192-byte limit/);
    }
    // Sent in chunks, without a Content-Length: the limit is enforced while reading.
    const body = new TextEncoder().encode(JSON.stringify({ events }));
    const chunked = await fetch(`${small.url}/v1/events/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${small.apiKey}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < body.length; at += 1024) controller.enqueue(body.slice(at, at + 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { detail: string }).detail).toMatch(/8192-byte limit/);
    expect((await small.request('GET', `/v1/events/${id}_0`)).status).toBe(404);
    // The single-event limit stays its own: a batch limit below it does not shrink it.
    expect((await small.request('POST', '/v1/events', { body: { id, type: 'chat.missed', data: sample } })).status).toBe(202);
  });

  it('when the body is not a batch (no events, an empty list, extra fields, not an object), then 400 names the field', async () => {
    for (const [body, pointer] of [
      [{}, '/events'],
      [{ events: [] }, '/events'],
      [{ events: 'chat.missed' }, '/events'],
      [{ events: [{ type: 'chat.missed', data: sample }], extra: true }, '/extra'],
    ] as const) {
      const response = await server.request('POST', '/v1/events/batch', { body });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer, location: 'body' }));
    }
    const array = await server.request('POST', '/v1/events/batch', { body: [{ type: 'chat.missed', data: sample }] });
    expect(array.status).toBe(400);
  });

  it('when the key is an admin key, then 403: batches publish into a tenant', async () => {
    const response = await server.request('POST', '/v1/events/batch', { key: server.adminKey, body: { events: [{ type: 'chat.missed', data: sample }] } });
    expect(response.status).toBe(403);
  });
});

describe('idempotency', () => {
  it('when the same event appears twice in a batch, then the second is a duplicate of the first and one event exists', async () => {
    const id = unique('twice');
    const response = await publishBatch([
      { id, type: 'chat.missed', data: sample },
      { id, type: 'chat.missed', data: sample },
    ]);
    expect(response.body.results.map((r: { status: string; id: string }) => [r.status, r.id])).toEqual([
      ['accepted', id],
      ['duplicate', id],
    ]);
    expect((await server.request('GET', `/v1/events/${id}`)).body.data).toEqual(sample);
  });

  it('when an id is reused in a batch for other data, then that event is refused with 409 and the first one stands', async () => {
    const id = unique('reused');
    const response = await publishBatch([
      { id, type: 'chat.missed', data: sample },
      { id, type: 'chat.missed', data: { ...sample, chat: { ...(sample.chat as object), id: 'another-chat' } } },
    ]);
    expect(response.body).toMatchObject({ accepted: 1, refused: 1 });
    expect(response.body.results[1]).toMatchObject({ index: 1, status: 'refused', problem: { status: 409 } });
    expect((await server.request('GET', `/v1/events/${id}`)).body.data).toEqual(sample);
  });

  it('when a batch is sent again, then every event is a duplicate with the first answer, and nothing new is stored or delivered', async () => {
    const hook = (await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/again`, events: ['chat.missed'], brand: 'batch-again' } })).body;
    receiver.requests.length = 0;
    const prefix = unique('again');
    const events = [0, 1, 2].map((i) => ({ id: `${prefix}_${i}`, type: 'chat.missed', brand: 'batch-again', data: sample }));
    const first = await publishBatch(events);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
    await receiver.waitFor(3);
    const again = await publishBatch(events, { gzip: true });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, refused: 0 });
    expect(again.body.results).toEqual(first.body.results.map((r: Record<string, unknown>) => ({ ...r, status: 'duplicate', duplicate: true })));
    // A single publish with one of the batch's ids is a duplicate too.
    const single = await server.request('POST', '/v1/events', { body: events[1] });
    expect(single.body).toEqual({ id: `${prefix}_1`, type: 'chat.missed', deliveries: 1, duplicate: true });
    const listed = await server.request('GET', '/v1/events?type=chat.missed&limit=100');
    expect(listed.body.data.filter((e: { id: string }) => e.id.startsWith(prefix))).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests.filter((r) => r.url === '/again')).toHaveLength(3);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
  });

  it('when a refused event is fixed and sent again with the same id, then it is accepted: refusing stored nothing for it', async () => {
    const id = unique('fixed');
    const refused = await publishBatch([{ id, type: 'chat.missed', data: { chat: {} } }]);
    expect(refused.body.results[0].status).toBe('refused');
    const fixed = await publishBatch([{ id, type: 'chat.missed', data: sample }]);
    expect(fixed.body.results[0]).toMatchObject({ status: 'accepted', id, duplicate: false });
  });
});
