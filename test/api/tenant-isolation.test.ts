/**
 * Tenant isolation, on every operation: tenant B's key gets 404 for every resource of tenant A and
 * never sees A's resources in a list. The table below must name every operation of the OpenAPI
 * document that takes a resource id, so a new operation cannot ship without its isolation test.
 */
import { loadOpenApiDocument } from '../../server/src/http/openapi-document';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let keyA: string;
let keyB: string;
const a: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const admin = { key: server.adminKey };
  keyA = (await server.request('POST', '/v1/tenants', { ...admin, body: { name: 'Tenant A' } })).body.apiKey.key;
  keyB = (await server.request('POST', '/v1/tenants', { ...admin, body: { name: 'Tenant B' } })).body.apiKey.key;
  const asA = { key: keyA };

  await server.request('PUT', '/v1/custom-event-types/custom.a_only', {
    ...asA,
    body: { description: 'A only', schema: { type: 'object', properties: { n: { type: 'integer' } } }, sample: { n: 1 } },
  });
  const hook = await server.request('POST', '/v1/hooks', { ...asA, body: { url: 'http://127.0.0.1:9/a', events: ['custom.a_only'], enabled: false } });
  a.hookId = hook.body.id;
  const deleted = await server.request('POST', '/v1/hooks', { ...asA, body: { url: 'http://127.0.0.1:9/a-deleted', events: ['chat.missed'] } });
  a.deletedHookId = deleted.body.id;
  await server.request('DELETE', `/v1/hooks/${a.deletedHookId}`, asA);
  const event = await server.request('POST', '/v1/events', { ...asA, body: { type: 'custom.a_only', id: 'evt_a_secret', data: { n: 7 } } });
  a.eventId = event.body.id;
  a.keyId = (await server.request('POST', '/v1/api-keys', { ...asA, body: { name: 'a-extra' } })).body.id;

  // A delivery and an agent lookup of A's, written straight to the store (no endpoint is needed).
  const tenantA = (await server.request('GET', '/v1/me', asA)).body.tenant.id;
  const now = Date.now();
  a.deliveryId = 'msg_isolation_a';
  await server.store.insertDeliveries([
    {
      id: a.deliveryId, tenantId: tenantA, hookId: a.hookId, eventId: a.eventId, eventType: 'custom.a_only', status: 'failed',
      attempts: 1, nextAttemptAt: null, lastAttemptAt: now, lastResponseStatus: 500, lastError: 'HTTP 500',
      cancelReason: null, leaseOwner: null, leaseExpiresAt: null, test: false, createdAt: now, updatedAt: now,
    },
  ]);
  // A capture of A's hook and an open stream attempt of A's stream hook, also straight to the store.
  a.captureId = 'cap_isolation_a';
  await server.store.addCapture(
    {
      id: a.captureId, tenantId: tenantA, hookId: a.hookId, deliveryId: a.deliveryId, attempt: 1, eventIds: [a.eventId], eventTypes: ['custom.a_only'],
      capturedAt: now, request: { method: 'POST', headers: {}, body: '{"n":7}', bodyTruncated: false },
    },
    10,
  );
  a.streamHookId = (await server.request('POST', '/v1/hooks', { ...asA, body: { destination: { type: 'stream' }, events: ['custom.a_only'] } })).body.id;
  await server.store.openStreamAttempt({
    id: 'sat_isolation_a', tenantId: tenantA, hookId: a.streamHookId, deliveryId: a.deliveryId, owner: 'isolation', createdAt: now, expiresAt: now + 60_000,
  });
  a.lookupId = 'lkp_isolation_a';
  await server.store.createAgentLookup({
    id: a.lookupId, tenantId: tenantA, chatId: 'chat-a', status: 'pending', agentId: null, answeredVia: null,
    answeredHookId: null, createdAt: now, expiresAt: now + 60_000,
  });
});
afterAll(async () => {
  await server.close();
});

type Case = { operationId: string; method: string; path: () => string; body?: unknown };

/** Every operation that names a tenant resource; B must get 404 on A's. */
const notFoundForOthers: Case[] = [
  { operationId: 'getHook', method: 'GET', path: () => `/v1/hooks/${a.hookId}` },
  { operationId: 'updateHook', method: 'PATCH', path: () => `/v1/hooks/${a.hookId}`, body: { description: 'hijacked' } },
  { operationId: 'deleteHook', method: 'DELETE', path: () => `/v1/hooks/${a.hookId}` },
  { operationId: 'activateHook', method: 'POST', path: () => `/v1/hooks/${a.hookId}/activate` },
  { operationId: 'deactivateHook', method: 'POST', path: () => `/v1/hooks/${a.hookId}/deactivate` },
  { operationId: 'restoreHook', method: 'POST', path: () => `/v1/hooks/${a.deletedHookId}/restore` },
  { operationId: 'getHookSecret', method: 'GET', path: () => `/v1/hooks/${a.hookId}/secret` },
  { operationId: 'rotateHookSecret', method: 'POST', path: () => `/v1/hooks/${a.hookId}/secret/rotate`, body: { overlapSeconds: 0 } },
  { operationId: 'testHook', method: 'POST', path: () => `/v1/hooks/${a.hookId}/test`, body: {} },
  { operationId: 'recoverHook', method: 'POST', path: () => `/v1/hooks/${a.hookId}/recover`, body: { since: '2020-01-01T00:00:00Z' } },
  { operationId: 'listHookDeliveries', method: 'GET', path: () => `/v1/hooks/${a.hookId}/deliveries` },
  { operationId: 'listHookCaptures', method: 'GET', path: () => `/v1/hooks/${a.hookId}/captures` },
  { operationId: 'clearHookCaptures', method: 'DELETE', path: () => `/v1/hooks/${a.hookId}/captures` },
  { operationId: 'getHookCapture', method: 'GET', path: () => `/v1/hooks/${a.hookId}/captures/${a.captureId}` },
  { operationId: 'replayHookCapture', method: 'POST', path: () => `/v1/hooks/${a.hookId}/captures/${a.captureId}/replay`, body: { url: 'http://127.0.0.1:9/b' } },
  { operationId: 'streamHook', method: 'GET', path: () => `/v1/hooks/${a.streamHookId}/stream` },
  { operationId: 'ackStreamDelivery', method: 'POST', path: () => `/v1/hooks/${a.streamHookId}/stream/acks`, body: { attemptId: 'sat_isolation_a', status: 200 } },
  { operationId: 'getEvent', method: 'GET', path: () => `/v1/events/${a.eventId}` },
  { operationId: 'getDelivery', method: 'GET', path: () => `/v1/deliveries/${a.deliveryId}` },
  { operationId: 'redeliver', method: 'POST', path: () => `/v1/deliveries/${a.deliveryId}/redeliver` },
  { operationId: 'revokeApiKey', method: 'DELETE', path: () => `/v1/api-keys/${a.keyId}` },
  { operationId: 'getCustomEventType', method: 'GET', path: () => '/v1/custom-event-types/custom.a_only' },
  { operationId: 'getTrigger', method: 'GET', path: () => '/v1/triggers/custom.a_only' },
  { operationId: 'getTriggerSchema', method: 'GET', path: () => '/v1/triggers/custom.a_only/schema' },
  { operationId: 'getTriggerSample', method: 'GET', path: () => '/v1/triggers/custom.a_only/sample' },
  { operationId: 'subscribeToTrigger', method: 'POST', path: () => '/v1/triggers/custom.a_only/hooks', body: { url: 'http://127.0.0.1:9/b' } },
  { operationId: 'publishTriggerEvent', method: 'POST', path: () => '/v1/triggers/custom.a_only/events', body: { data: { n: 8 } } },
  { operationId: 'respondToAgentLookup', method: 'POST', path: () => `/v1/agent-lookups/${a.lookupId}/response`, body: { agentId: 'dd~m~666' } },
];

/** Operations with a path parameter that is not a tenant resource id, and why. */
const notTenantResources: Record<string, string> = {
  getTenant: 'admin-only; tenant keys get 403 (tested in accounts.test.ts)',
  lookupAgent: 'the chat id names no stored resource; the call starts a new lookup in the caller\'s tenant',
  putCustomEventType: 'a PUT creates the caller\'s own type of that name (tested below)',
  deleteCustomEventType: 'idempotent 204 by contract; tested below to leave A\'s type alone',
};

describe('tenant isolation', () => {
  it('when the table is compared with the OpenAPI document, then every operation with a path parameter is covered', () => {
    const doc = loadOpenApiDocument();
    const withPathParams: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, any>)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method] && path.includes('{')) withPathParams.push(item[method].operationId);
      }
    }
    const covered = new Set([...notFoundForOthers.map((c) => c.operationId), ...Object.keys(notTenantResources)]);
    expect(withPathParams.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(notFoundForOthers.map((c) => [c.operationId, c] as const))(
    "when tenant B calls %s on tenant A's resource, then it gets 404",
    async (_id, c) => {
      const response = await server.request(c.method, c.path(), { key: keyB, body: c.body });
      expect(response.status).toBe(404);
    },
  );

  it("when B calls every operation, then A's resources are all unchanged and still A's", async () => {
    const asA = { key: keyA };
    const hook = await server.request('GET', `/v1/hooks/${a.hookId}`, asA);
    expect(hook.body).toMatchObject({ deleted: false, status: 'inactive', description: '' });
    expect((await server.request('GET', `/v1/hooks/${a.hookId}/secret`, asA)).body.secrets).toHaveLength(1);
    expect((await server.request('GET', `/v1/hooks/${a.deletedHookId}`, asA)).body.deleted).toBe(true);
    expect((await server.request('GET', '/v1/me', { key: keyA })).status).toBe(200);
    expect((await server.store.getDelivery((await server.request('GET', '/v1/me', asA)).body.tenant.id, a.deliveryId))!.delivery.status).toBe('failed');
    expect((await server.store.getAgentLookup((await server.request('GET', '/v1/me', asA)).body.tenant.id, a.lookupId))!.status).toBe('pending');
    const tenantA = (await server.request('GET', '/v1/me', asA)).body.tenant.id;
    expect(await server.store.getCapture(tenantA, a.hookId, a.captureId)).toBeDefined();
    // A's open stream attempt can still be acknowledged by A (B's ack did not settle it).
    expect((await server.request('POST', `/v1/hooks/${a.streamHookId}/stream/acks`, { ...asA, body: { attemptId: 'sat_isolation_a', status: 200 } })).status).toBe(204);
  });

  it("when B lists anything, then none of A's resources appear", async () => {
    const asB = { key: keyB };
    const lists = await Promise.all(
      ['/v1/hooks', '/v1/hooks/deleted', '/v1/events', '/v1/custom-event-types', '/v1/triggers', '/v1/api-keys', '/v1/deliveries'].map((path) =>
        server.request('GET', path, asB),
      ),
    );
    for (const list of lists) expect(list.status).toBe(200);
    const text = JSON.stringify(lists.map((l) => l.body));
    for (const id of [a.hookId, a.deletedHookId, a.eventId, a.keyId, a.deliveryId, 'custom.a_only']) expect(text).not.toContain(id);
  });

  it("when B publishes A's custom type, then it is unknown to B (422), and B's own type of that name is separate", async () => {
    const publish = await server.request('POST', '/v1/events', { key: keyB, body: { type: 'custom.a_only', data: { n: 1 } } });
    expect(publish.status).toBe(422);
    const put = await server.request('PUT', '/v1/custom-event-types/custom.a_only', {
      key: keyB,
      body: { description: 'B version', schema: { type: 'object' }, sample: {} },
    });
    expect(put.status).toBe(201);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.a_only', { key: keyB })).status).toBe(204);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.a_only', { key: keyB })).status).toBe(204);
    const aType = await server.request('GET', '/v1/custom-event-types/custom.a_only', { key: keyA });
    expect(aType.body.description).toBe('A only');
  });

  it('when B uses the event id A used, then both events exist, each in its own tenant', async () => {
    const mine = await server.request('POST', '/v1/events', {
      key: keyB,
      body: { type: 'chat.missed', id: 'evt_a_secret', data: (await server.request('GET', '/v1/triggers/chat.missed/sample', { key: keyB })).body.data },
    });
    expect(mine.body.duplicate).toBe(false);
    expect((await server.request('GET', '/v1/events/evt_a_secret', { key: keyB })).body.type).toBe('chat.missed');
    expect((await server.request('GET', '/v1/events/evt_a_secret', { key: keyA })).body.type).toBe('custom.a_only');
  });
});
