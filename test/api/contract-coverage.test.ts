/**
 * The whole OpenAPI document against a real server, operation by operation: every operation is
 * implemented, needs a key unless it is public, accepts its own request example, and produces every
 * error status it documents. The tables are checked against the document, so an operation or a
 * documented status cannot be added without a case here. (The request helper also checks every
 * answer against the document's response schemas.)
 */
import { loadOpenApiDocument } from '../../server/src/http/openapi-document';
import { type RequestOptions, startTestServer, type TestServer } from '../helpers/start-server';

const doc = loadOpenApiDocument();
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const operations = Object.entries(doc.paths as Record<string, any>).flatMap(([template, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({ template, method: method.toUpperCase(), operation: item[method] })),
);
const isPublic = (operation: any) => Array.isArray(operation.security) && operation.security.length === 0;

/** A concrete path for a template: every parameter replaced by a value that is well-formed but names nothing. */
function placeholderPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'type') return template.startsWith('/v1/custom-event-types') ? 'custom.nothing_here' : 'chat.nothing_here';
    return `${name}_nothing_here`;
  });
}

/** The catch-all answers (no route, no method): an operation that gets one is not implemented. */
function isCatchAll(response: { status: number; body: any }): boolean {
  return response.status === 405 || response.status === 501 || (response.status === 404 && /^No such resource/.test(response.body?.detail ?? ''));
}

let server: TestServer;
let tenantKey: string;
let otherTenantId: string;
const ids: Record<string, string> = {};
let missedSample: Record<string, any>;

beforeAll(async () => {
  server = await startTestServer({
    // No deliveries leave: the examples subscribe public URLs.
    startEngine: false,
    env: { DESKHOOKS_BODY_LIMIT_BYTES: '4096', DESKHOOKS_AGENT_LOOKUP_BUDGET_MS: '200' },
  });
  tenantKey = server.apiKey;
  otherTenantId = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Other' } })).body.tenant.id;

  const hook = (body: Record<string, unknown> = {}) =>
    server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['chat.missed'], ...body } });
  ids.hook = (await hook()).body.id;
  ids.deletedHook = (await hook()).body.id;
  await server.request('DELETE', `/v1/hooks/${ids.deletedHook}`);
  // A test delivery to a hook that is then deleted: redelivering it is a conflict.
  const doomed = (await hook()).body.id;
  ids.orphanDelivery = (await server.request('POST', `/v1/hooks/${doomed}/test`, { body: {} })).body.id;
  await server.request('DELETE', `/v1/hooks/${doomed}`);

  // Agent lookups in the states the answer endpoint refuses, written to the store (the lookup
  // endpoint itself is exercised by test/delivery/agent-lookup.test.ts).
  const now = Date.now();
  const lookup = (id: string, status: 'pending' | 'assigned') => ({
    id, tenantId: 'ten_default', chatId: 'chat-1', status, agentId: status === 'assigned' ? 'hbit~m~42' : null,
    answeredVia: status === 'assigned' ? ('callback' as const) : null, answeredHookId: null, createdAt: now, expiresAt: now + 3_600_000,
  });
  ids.answeredLookup = 'lkp_answered_already';
  await server.store.createAgentLookup(lookup(ids.answeredLookup, 'assigned'));
  ids.pendingLookup = 'lkp_pending_with_candidates';
  await server.store.createAgentLookup(lookup(ids.pendingLookup, 'pending'));
  await server.store.appendEvent(
    {
      id: `evt_${ids.pendingLookup}`, tenantId: 'ten_default', type: 'chat.agent_lookup', brand: null,
      data: { candidateAgents: [{ userId: 'hbit~m~42' }] }, timestamp: now, idempotencyKey: null, test: false, deliveryCount: 0, createdAt: now,
    },
    () => [],
  );
  // An event whose id a different event then reuses: a conflict, not a silent duplicate.
  ids.publishedEvent = 'evt_published_once';
  missedSample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
  await server.request('POST', '/v1/events', { body: { type: 'chat.missed', id: ids.publishedEvent, data: missedSample } });
  // A livechat hook (so its appId cannot be removed) and a custom type a hook subscribes to (so it cannot be deleted).
  await server.request('PATCH', '/v1/settings', { body: { liveChatAppId: 'app_contract' } });
  await hook({ format: 'livechat' });
  await server.request('PUT', '/v1/custom-event-types/custom.in_use', { body: { schema: { type: 'object' }, sample: {} } });
  await hook({ events: ['custom.in_use'] });
  ids.openLookup = 'lkp_open_to_anyone';
  await server.store.createAgentLookup(lookup(ids.openLookup, 'pending'));
  // An inspector hook with a capture, and a stream hook with an attempt waiting for the documented
  // example's ack, written to the store (the engine does not run here).
  ids.inspector = (await server.request('POST', '/v1/hooks', { body: { destination: { type: 'inspector' }, events: ['chat.missed'] } })).body.id;
  ids.capture = 'cap_contract_example';
  await server.store.addCapture(
    {
      id: ids.capture, tenantId: 'ten_default', hookId: ids.inspector, deliveryId: 'msg_contract', attempt: 1, eventIds: ['evt_contract'],
      eventTypes: ['chat.missed'], capturedAt: now, request: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', bodyTruncated: false },
    },
    10,
  );
  ids.streamHook = (await server.request('POST', '/v1/hooks', { body: { destination: { type: 'stream' }, events: ['chat.missed'] } })).body.id;
  await server.store.openStreamAttempt({
    id: 'sat_01JDW3Q0V7ZC5R9M1N2B3V4C5X', tenantId: 'ten_default', hookId: ids.streamHook, deliveryId: 'msg_stream', owner: 'contract', createdAt: now, expiresAt: now + 3_600_000,
  });
});
afterAll(async () => {
  await server?.close();
});

describe('every operation of the OpenAPI document', () => {
  it('when an operation that is not public is called without a key, then it answers 401 problem+json with WWW-Authenticate', async () => {
    const protectedOps = operations.filter((o) => !isPublic(o.operation));
    expect(protectedOps.length).toBeGreaterThan(30);
    for (const { template, method } of protectedOps) {
      const response = await server.request(method, placeholderPath(template), { key: null });
      expect({ method, template, status: response.status }).toEqual({ method, template, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('when every operation is called with a key, then each reaches its handler (none falls to the catch-all 404 or 405)', async () => {
    for (const { template, method, operation } of operations) {
      const key = ['listTenants', 'createTenant', 'getTenant'].includes(operation.operationId) ? server.adminKey : tenantKey;
      const example = operation.requestBody?.content['application/json']?.example;
      const response = await server.request(method, placeholderPath(template), { key, body: example });
      expect({ operationId: operation.operationId, catchAll: isCatchAll(response) }).toEqual({ operationId: operation.operationId, catchAll: false });
    }
  });
});

describe('request examples', () => {
  /** Where each example is sent: real resources, so that a 2xx proves the example is usable as documented. */
  const targets: Record<string, () => { path: string; key?: string }> = {
    createTenant: () => ({ path: '/v1/tenants', key: server.adminKey }),
    createApiKey: () => ({ path: '/v1/api-keys' }),
    updateSettings: () => ({ path: '/v1/settings' }),
    subscribeToTrigger: () => ({ path: '/v1/triggers/chat.missed/hooks' }),
    putCustomEventType: () => ({ path: '/v1/custom-event-types/custom.device_offline' }),
    createHook: () => ({ path: '/v1/hooks' }),
    updateHook: () => ({ path: `/v1/hooks/${ids.hook}` }),
    rotateHookSecret: () => ({ path: `/v1/hooks/${ids.hook}/secret/rotate` }),
    testHook: () => ({ path: `/v1/hooks/${ids.hook}/test` }),
    recoverHook: () => ({ path: `/v1/hooks/${ids.hook}/recover` }),
    publishEvent: () => ({ path: '/v1/events' }),
    publishTriggerEvent: () => ({ path: '/v1/triggers/system.event/events' }),
    publishEventBatch: () => ({ path: '/v1/events/batch' }),
    lookupAgent: () => ({ path: '/v1/chats/1772442845-3F1A/agent-lookup' }),
    respondToAgentLookup: () => ({ path: `/v1/agent-lookups/${ids.openLookup}/response` }),
    replayHookCapture: () => ({ path: `/v1/hooks/${ids.inspector}/captures/${ids.capture}/replay` }),
    ackStreamDelivery: () => ({ path: `/v1/hooks/${ids.streamHook}/stream/acks` }),
  };

  const withBodies = operations.filter((o) => o.operation.requestBody);

  it('when the operations with a body are compared with this table, then each has a target', () => {
    expect(withBodies.map((o) => o.operation.operationId).sort()).toEqual(Object.keys(targets).sort());
  });

  it.each(withBodies.map((o) => [o.operation.operationId, o] as const))('when the example of %s is sent, then it is accepted', async (_id, o) => {
    const media = o.operation.requestBody.content['application/json'];
    const example = media.example ?? Object.values<{ value: unknown }>(media.examples ?? {})[0]?.value;
    expect(example).toBeDefined();
    const { path, key } = targets[o.operation.operationId]();
    const response = await server.request(o.method, path, { key, body: example });
    const accepted = Object.keys(o.operation.responses).some((status) => /^2/.test(status) && Number(status) === response.status);
    expect({ accepted, problem: accepted ? null : response.body }).toEqual({ accepted: true, problem: null });
  });
});

type ErrorCase = () => { method?: string; path?: string } & RequestOptions;

/**
 * One real request per documented error status of every operation. 401 is checked for every
 * operation above; `default` is the catch-all problem.
 */
const errorCases: Record<string, ErrorCase> = {
  'getReadiness 503': () => ({}), // a server of its own, below
  'listTenants 403': () => ({}),
  'createTenant 400': () => ({ key: server.adminKey, body: { name: '' } }),
  'createTenant 403': () => ({ body: { name: 'Sneaky' } }),
  'getTenant 403': () => ({ path: '/v1/tenants/ten_default' }),
  'getTenant 404': () => ({ path: '/v1/tenants/ten_nope', key: server.adminKey }),
  'listApiKeys 403': () => ({ path: `/v1/api-keys?tenantId=${otherTenantId}` }),
  'listApiKeys 404': () => ({ path: '/v1/api-keys?tenantId=ten_nope', key: server.adminKey }),
  'createApiKey 400': () => ({ body: { name: 'x', role: 'admin' } }),
  'createApiKey 403': () => ({ body: { name: 'x', tenantId: otherTenantId } }),
  'createApiKey 404': () => ({ key: server.adminKey, body: { name: 'x', tenantId: 'ten_nope' } }),
  'revokeApiKey 404': () => ({ path: '/v1/api-keys/key_nope' }),
  'updateSettings 400': () => ({ body: { webhooksEnabled: 'no' } }),
  'updateSettings 422': () => ({ body: { liveChatAppId: null } }),
  'deleteCustomEventType 409': () => ({ path: '/v1/custom-event-types/custom.in_use' }),
  'getTrigger 404': () => ({ path: '/v1/triggers/chat.teleported' }),
  'getTriggerSchema 404': () => ({ path: '/v1/triggers/chat.teleported/schema' }),
  'getTriggerSample 404': () => ({ path: '/v1/triggers/chat.teleported/sample' }),
  'subscribeToTrigger 400': () => ({ path: '/v1/triggers/chat.missed/hooks', body: { url: 'http://127.0.0.1:9/x', events: ['chat.missed'] } }),
  'subscribeToTrigger 404': () => ({ path: '/v1/triggers/chat.teleported/hooks', body: { url: 'http://127.0.0.1:9/x' } }),
  'subscribeToTrigger 422': () => ({ path: '/v1/triggers/chat.missed/hooks', body: { url: 'http://127.0.0.1:9/x', format: 'template' } }),
  'putCustomEventType 400': () => ({ path: '/v1/custom-event-types/custom.broken', body: { schema: { type: 'object' } } }),
  'putCustomEventType 422': () => ({ path: '/v1/custom-event-types/custom.broken', body: { schema: { type: 'array' }, sample: {} } }),
  'getCustomEventType 404': () => ({ path: '/v1/custom-event-types/custom.nothing_here' }),
  'listHooks 400': () => ({ path: '/v1/hooks?limit=0' }),
  'createHook 400': () => ({ body: { url: 5, events: ['chat.missed'] } }),
  'createHook 422': () => ({ body: { url: 'http://127.0.0.1:9/x', events: ['chat.teleported'] } }),
  'getHook 404': () => ({ path: '/v1/hooks/hook_nope' }),
  'updateHook 400': () => ({ path: `/v1/hooks/${ids.hook}`, body: { enabled: 'yes' } }),
  'updateHook 404': () => ({ path: '/v1/hooks/hook_nope', body: { description: 'x' } }),
  'updateHook 409': () => ({ path: `/v1/hooks/${ids.deletedHook}`, body: { description: 'x' } }),
  'updateHook 422': () => ({ path: `/v1/hooks/${ids.hook}`, body: { events: ['chat.teleported'] } }),
  'deleteHook 404': () => ({ path: '/v1/hooks/hook_nope' }),
  'activateHook 404': () => ({ path: '/v1/hooks/hook_nope/activate' }),
  'activateHook 409': () => ({ path: `/v1/hooks/${ids.deletedHook}/activate` }),
  'deactivateHook 404': () => ({ path: '/v1/hooks/hook_nope/deactivate' }),
  'deactivateHook 409': () => ({ path: `/v1/hooks/${ids.deletedHook}/deactivate` }),
  'restoreHook 404': () => ({ path: '/v1/hooks/hook_nope/restore' }),
  'restoreHook 409': () => ({ path: `/v1/hooks/${ids.hook}/restore` }),
  'getHookSecret 404': () => ({ path: '/v1/hooks/hook_nope/secret' }),
  'rotateHookSecret 400': () => ({ path: `/v1/hooks/${ids.hook}/secret/rotate`, body: { overlapSeconds: -1 } }),
  'rotateHookSecret 404': () => ({ path: '/v1/hooks/hook_nope/secret/rotate', body: {} }),
  'testHook 400': () => ({ path: `/v1/hooks/${ids.hook}/test`, body: { type: 5 } }),
  'testHook 404': () => ({ path: '/v1/hooks/hook_nope/test', body: {} }),
  'testHook 409': () => ({ path: `/v1/hooks/${ids.deletedHook}/test`, body: {} }),
  'testHook 422': () => ({ path: `/v1/hooks/${ids.hook}/test`, body: { type: 'chat.teleported' } }),
  'recoverHook 400': () => ({ path: `/v1/hooks/${ids.hook}/recover`, body: { since: 'yesterday' } }),
  'recoverHook 404': () => ({ path: '/v1/hooks/hook_nope/recover', body: { since: '2026-01-01T00:00:00Z' } }),
  'recoverHook 409': () => ({ path: `/v1/hooks/${ids.deletedHook}/recover`, body: { since: '2026-01-01T00:00:00Z' } }),
  'listHookDeliveries 400': () => ({ path: `/v1/hooks/${ids.hook}/deliveries?status=lost` }),
  'listHookDeliveries 404': () => ({ path: '/v1/hooks/hook_nope/deliveries' }),
  'listHookCaptures 400': () => ({ path: `/v1/hooks/${ids.inspector}/captures?limit=0` }),
  'listHookCaptures 404': () => ({ path: '/v1/hooks/hook_nope/captures' }),
  'clearHookCaptures 404': () => ({ path: '/v1/hooks/hook_nope/captures' }),
  'getHookCapture 404': () => ({ path: `/v1/hooks/${ids.inspector}/captures/cap_nope` }),
  'replayHookCapture 400': () => ({ path: `/v1/hooks/${ids.inspector}/captures/${ids.capture}/replay`, body: {} }),
  'replayHookCapture 404': () => ({ path: `/v1/hooks/${ids.inspector}/captures/cap_nope/replay`, body: { url: 'http://localhost:4000/hook' } }),
  'replayHookCapture 422': () => ({ path: `/v1/hooks/${ids.inspector}/captures/${ids.capture}/replay`, body: { url: 'ftp://127.0.0.1/hook' } }),
  'streamHook 404': () => ({ path: '/v1/hooks/hook_nope/stream' }),
  'streamHook 409': () => ({ path: `/v1/hooks/${ids.hook}/stream` }),
  'ackStreamDelivery 400': () => ({ path: `/v1/hooks/${ids.streamHook}/stream/acks`, body: { attemptId: 'sat_x', status: 99 } }),
  'ackStreamDelivery 404': () => ({ path: `/v1/hooks/${ids.streamHook}/stream/acks`, body: { attemptId: 'sat_nope', status: 200 } }),
  'ackStreamDelivery 422': () => ({ path: `/v1/hooks/${ids.streamHook}/stream/acks`, body: { attemptId: 'sat_x', status: 200, error: 'down' } }),
  'listEvents 400': () => ({ path: '/v1/events?limit=0' }),
  'publishEvent 400': () => ({ body: { type: 'chat.missed' } }),
  'publishEvent 409': () => ({ body: { type: 'chat.missed', id: ids.publishedEvent, data: { ...missedSample, chat: { ...missedSample.chat, name: 'Another chat' } } } }),
  'publishEvent 413': () => ({ body: { type: 'chat.missed', data: { padding: 'x'.repeat(5000) } } }),
  'publishEvent 422': () => ({ body: { type: 'chat.teleported', data: {} } }),
  'publishTriggerEvent 400': () => ({ path: '/v1/triggers/chat.missed/events', body: { type: 'chat.missed', data: {} } }),
  'publishTriggerEvent 404': () => ({ path: '/v1/triggers/chat.teleported/events', body: { data: {} } }),
  'publishTriggerEvent 413': () => ({ path: '/v1/triggers/chat.missed/events', body: { data: { padding: 'x'.repeat(5000) } } }),
  'publishTriggerEvent 422': () => ({ path: '/v1/triggers/chat.missed/events', body: { data: { chat: { id: 5 } } } }),
  'publishEventBatch 400': () => ({ body: { events: [] } }),
  'publishEventBatch 413': () => ({ body: { events: Array.from({ length: 1_001 }, () => ({})) } }),
  'getEvent 404': () => ({ path: '/v1/events/evt_nope' }),
  'listDeliveries 400': () => ({ path: '/v1/deliveries?status=lost' }),
  'getDelivery 404': () => ({ path: '/v1/deliveries/msg_nope' }),
  'redeliver 404': () => ({ path: '/v1/deliveries/msg_nope/redeliver' }),
  'redeliver 409': () => ({ path: `/v1/deliveries/${ids.orphanDelivery}/redeliver` }),
  'lookupAgent 400': () => ({ path: '/v1/chats/chat-1/agent-lookup', body: { candidateAgents: [] } }),
  'lookupAgent 422': () => ({ path: '/v1/chats/chat-1/agent-lookup', body: { chat: { id: 'another-chat' } } }),
  'respondToAgentLookup 400': () => ({ path: `/v1/agent-lookups/${ids.openLookup}/response`, body: { agentId: '' } }),
  'respondToAgentLookup 404': () => ({ path: '/v1/agent-lookups/lkp_nope/response', body: { agentId: 'hbit~m~42' } }),
  'respondToAgentLookup 409': () => ({ path: `/v1/agent-lookups/${ids.answeredLookup}/response`, body: { agentId: 'hbit~m~42' } }),
  'respondToAgentLookup 422': () => ({ path: `/v1/agent-lookups/${ids.pendingLookup}/response`, body: { agentId: 'hbit~m~99' } }),
};

describe('documented error statuses', () => {
  const documented = operations.flatMap(({ template, method, operation }) =>
    Object.keys(operation.responses)
      .filter((status) => /^[45]\d\d$/.test(status) && status !== '401')
      .map((status) => ({ name: `${operation.operationId} ${status}`, template, method, status: Number(status) })),
  );

  it('when the table is compared with the document, then every documented error status of every operation has a case', () => {
    expect(documented.map((d) => d.name).sort()).toEqual(Object.keys(errorCases).sort());
  });

  it.each(documented.filter((d) => d.name !== 'getReadiness 503').map((d) => [d.name, d] as const))(
    'when %s is provoked, then that status comes back as a problem naming what is wrong',
    async (name, d) => {
      const { method = d.method, path = d.template, ...options } = errorCases[name]();
      const response = await server.request(method, path, options);
      expect({ name, status: response.status, detail: response.body?.detail }).toEqual({ name, status: d.status, detail: expect.any(String) });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (d.status === 400 || d.status === 422) {
        expect(response.body.errors.length).toBeGreaterThan(0);
        for (const field of response.body.errors) expect(field.pointer ?? field.parameter).toEqual(expect.any(String));
      }
    },
  );

  it('when getReadiness 503 is provoked (the store is gone), then 503 problem+json', async () => {
    const own = await startTestServer({ startEngine: false });
    try {
      await own.store.close();
      const response = await own.request('GET', '/readyz', { key: null });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      await own.close();
    }
  });
});
