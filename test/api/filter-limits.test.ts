/**
 * Hook filters are tenant-written code paths run on every publish: only the documented query
 * operators are taken, with a bounded size and depth, so no filter can allocate without bound or
 * hold the event loop (issue 14, item 1). Over real HTTP, with the two reproductions.
 */
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
  const registered = await server.request('PUT', '/v1/custom-event-types/custom.load', {
    body: { schema: { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } }, sample: { n: 1, tags: ['a'] } },
  });
  expect(registered.status).toBe(201);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

const hookWith = (filter: unknown) =>
  server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/in`, events: ['custom.load'], filter } });

async function hookCount(): Promise<number> {
  return (await server.request('GET', '/v1/hooks?limit=100')).body.data.length;
}

describe('filter operators', () => {
  it('when a filter uses $expr with $range over 200 million (the crash from the issue), then 422 names $expr at its pointer and the server stays up', async () => {
    const before = await hookCount();
    const started = Date.now();
    const response = await hookWith({ $expr: { $gt: [{ $size: { $range: [0, 200000000] } }, 0] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ pointer: '/filter/$expr', location: 'body', detail: expect.stringContaining('$expr') }]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await server.request('GET', '/healthz', { key: null })).status).toBe(200);
    expect(await hookCount()).toBe(before);
  });

  it('when a filter is cheap on the probe but would allocate on data ($ifNull of data.n), then it is refused at subscribe time', async () => {
    const response = await hookWith({ $expr: { $gt: [{ $size: { $range: [0, { $ifNull: ['$data.n', 1] }] } }, 0] } });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ pointer: '/filter/$expr' }));
  });

  it.each([
    ['$where', { $where: 'this.data.n > 1' }, '/filter/$where'],
    ['$function inside $expr', { $expr: { $function: { body: 'return true', args: [], lang: 'js' } } }, '/filter/$expr'],
    ['$jsonSchema', { $jsonSchema: { type: 'object' } }, '/filter/$jsonSchema'],
    ['$mod (not in the documented set)', { 'data.n': { $mod: [2, 0] } }, '/filter/data.n/$mod'],
    ['an aggregation operator nested under $or', { $or: [{ 'data.n': 1 }, { 'data.tags': { $elemMatch: { $expr: { $eq: [1, 1] } } } }] }, '/filter/$or/1/data.tags/$elemMatch/$expr'],
  ])('when a filter uses %s, then 422 names the operator and its JSON pointer', async (_name, filter, pointer) => {
    const response = await hookWith(filter);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const field = response.body.errors.find((e: { pointer: string }) => e.pointer === pointer);
    expect(field).toEqual(expect.objectContaining({ detail: expect.stringContaining(pointer.split('/').pop()!) }));
  });

  it('when a filter uses only comparison, logical, element, array operators and a safe $regex, then it is accepted and decides what is delivered', async () => {
    const filter = {
      $and: [{ 'data.n': { $gte: 10, $lt: 100, $nin: [13] } }, { $or: [{ 'data.tags': { $all: ['vip'] } }, { 'data.tags': { $size: 3 } }] }],
      'data.tags': { $elemMatch: { $regex: '^v', $options: 'i' } },
      brand: { $exists: false },
      'data.n': { $type: 'number', $not: { $eq: 50 } },
    };
    const hook = await hookWith(filter);
    expect(hook.status).toBe(201);
    const publish = (data: object) => server.request('POST', '/v1/events', { body: { type: 'custom.load', data } });
    expect((await publish({ n: 20, tags: ['vip'] })).body.deliveries).toBe(1);
    expect((await publish({ n: 50, tags: ['vip'] })).body.deliveries).toBe(0);
    expect((await publish({ n: 13, tags: ['vip'] })).body.deliveries).toBe(0);
    expect((await publish({ n: 20, tags: ['x', 'y', 'Vz'] })).body.deliveries).toBe(1);
    expect((await publish({ n: 20, tags: ['x'] })).body.deliveries).toBe(0);
    await server.request('DELETE', `/v1/hooks/${hook.body.id}`);
  });

  it('when $options has a flag other than i, m, s, u, then 422 points at it', async () => {
    const response = await hookWith({ 'data.tags': { $regex: 'a', $options: 'g' } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/filter/data.tags/$options' })]);
  });
});

describe('filter size and depth', () => {
  it('when a filter is over 16 KiB of JSON, then 422 says how long it is and what the limit is', async () => {
    const response = await hookWith({ 'data.n': { $in: Array.from({ length: 4000 }, (_, i) => 1_000_000 + i) } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/filter', detail: expect.stringMatching(/at most 16384/) })]);
  });

  it('when a filter nests deeper than 12 levels (well inside the body depth limit), then 422 points at the level that is too deep', async () => {
    let filter: Record<string, unknown> = { 'data.n': 1 };
    for (let i = 0; i < 14; i += 1) filter = { $and: [filter] };
    const response = await hookWith(filter);
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ pointer: expect.stringMatching(/^\/filter(\/\$and\/0)+/), detail: expect.stringMatching(/deeper than 12/) }));
  });
});

describe('a filter stored before these rules', () => {
  it('when a hook in the store already has the data-dependent $expr filter and {"n": 200000000} is published, then the process survives and the hook gets nothing', async () => {
    const created = await hookWith({ 'data.n': { $gte: 0 } });
    expect(created.status).toBe(201);
    // As a row written by an older version: straight into the store, past today's checks.
    await server.store.updateHook('ten_default', created.body.id, {
      filter: { $expr: { $gt: [{ $size: { $range: [0, { $ifNull: ['$data.n', 1] }] } }, 0] } },
    });
    const started = Date.now();
    const published = await server.request('POST', '/v1/events', { body: { type: 'custom.load', data: { n: 200000000 } } });
    expect(published.status).toBe(202);
    expect(published.body.deliveries).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await server.request('GET', '/healthz', { key: null })).status).toBe(200);
  });
});
