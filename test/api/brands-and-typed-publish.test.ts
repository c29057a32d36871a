/**
 * GET /v1/brands (the connectors' Brand dropdowns) and POST /v1/triggers/{type}/events (publishing with
 * the type in the path, for Power Automate's typed inputs), over real HTTP.
 */
import { type TestServer, startTestServer } from '../helpers/start-server';

let server: TestServer;
let otherKey: string;
let systemSample: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer({ startEngine: false });
  const other = await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Other' } });
  otherKey = other.body.apiKey.key;
  systemSample = (await server.request('GET', '/v1/triggers/system.event/sample')).body.data;
});
afterAll(async () => {
  await server?.close();
});

describe('GET /v1/brands', () => {
  it('when the tenant has published nothing branded, then the list is empty', async () => {
    const response = await server.request('GET', '/v1/brands', { key: otherKey });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [] });
  });

  it("when events and live hooks carry brands, then each of the tenant's brands is listed once in byte order, and no other tenant's", async () => {
    for (const brand of ['contoso', 'Harbour IT', null, 'contoso']) {
      expect((await server.request('POST', '/v1/events', { body: { type: 'system.event', brand, data: systemSample } })).status).toBe(202);
    }
    await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/a', events: ['*'], brand: 'fabrikam' } });
    const gone = await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/b', events: ['*'], brand: 'deleted brand' } });
    await server.request('DELETE', `/v1/hooks/${gone.body.id}`);
    await server.request('POST', '/v1/events', { key: otherKey, body: { type: 'system.event', brand: 'other tenant', data: systemSample } });

    const response = await server.request('GET', '/v1/brands');

    expect(response.body).toEqual({ data: [{ name: 'Harbour IT' }, { name: 'contoso' }, { name: 'fabrikam' }] });
    expect((await server.request('GET', '/v1/brands', { key: otherKey })).body).toEqual({ data: [{ name: 'other tenant' }] });
  });
});

describe('POST /v1/triggers/{type}/events', () => {
  it('when an event is published with its type in the path, then it is stored like POST /v1/events, with its Location', async () => {
    const response = await server.request('POST', '/v1/triggers/system.event/events', { body: { data: systemSample, brand: 'contoso', id: 'evt_typed_1' } });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: 'evt_typed_1', type: 'system.event', deliveries: 0, duplicate: false });
    expect(response.headers.get('location')).toMatch(/^http:\/\/[^/]+\/v1\/events\/evt_typed_1$/);
    expect((await server.request('GET', '/v1/events/evt_typed_1')).body).toMatchObject({ type: 'system.event', brand: 'contoso', data: systemSample });
  });

  it('when the same Idempotency-Key is sent twice, then the second answer repeats the first', async () => {
    const send = () =>
      server.request('POST', '/v1/triggers/system.event/events', { body: { data: systemSample }, headers: { 'idempotency-key': 'typed-key-1' } });
    const first = await send();
    const second = await send();

    expect(second.body).toEqual({ ...first.body, duplicate: true });
  });

  it("when the type is a custom type of the tenant, then its data is validated against that type's schema", async () => {
    await server.request('PUT', '/v1/custom-event-types/custom.door_opened', {
      body: { schema: { type: 'object', required: ['door'], properties: { door: { type: 'string' } } }, sample: { door: 'A' } },
    });

    expect((await server.request('POST', '/v1/triggers/custom.door_opened/events', { body: { data: { door: 'B' } } })).status).toBe(202);
    const refused = await server.request('POST', '/v1/triggers/custom.door_opened/events', { body: { data: { door: 7 } } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ pointer: '/data/door' }));
    // Another tenant has no such type.
    expect((await server.request('POST', '/v1/triggers/custom.door_opened/events', { key: otherKey, body: { data: { door: 'B' } } })).status).toBe(404);
  });

  it('when the body names a type too, then 400 names it, because the path decides the type', async () => {
    const response = await server.request('POST', '/v1/triggers/system.event/events', { body: { type: 'chat.missed', data: systemSample } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: '/type' }));
  });
});
