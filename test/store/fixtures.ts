import crypto from 'node:crypto';
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AttemptRecord,
  DeliveryRecord,
  EventRecord,
  HookRecord,
  TenantRecord,
} from '../../server/src/store/store';

/** Records for store tests: valid defaults, overridable per test. Ids are random so tests never collide. */

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export const rid = (prefix: string): string => `${prefix}_${crypto.randomBytes(8).toString('hex')}`;

export function tenant(overrides: Partial<TenantRecord> = {}): TenantRecord {
  return { id: rid('ten'), name: 'Contoso IT', webhooksEnabled: true, liveChatAppId: null, createdAt: T0, ...overrides };
}

export function apiKey(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: rid('key'),
    tenantId: null,
    name: 'default',
    role: 'tenant',
    prefix: 'dhk_abcd',
    hash: crypto.randomBytes(32).toString('hex'),
    createdAt: T0,
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function hook(tenantId: string, overrides: Partial<HookRecord> = {}): HookRecord {
  return {
    id: rid('hook'),
    tenantId,
    url: 'https://example.com/hooks',
    destination: 'url',
    events: ['chat.missed'],
    name: null,
    description: 'test hook',
    brand: null,
    status: 'active',
    disabledReason: null,
    format: 'envelope',
    template: null,
    method: 'POST',
    auth: { type: 'none' },
    headers: {},
    secretHeaders: [],
    filter: null,
    retryPolicy: { type: 'standard' },
    redirects: 'fail',
    ordered: false,
    maxInFlight: null,
    rateLimit: null,
    source: 'api',
    secrets: [{ secret: `whsec_${crypto.randomBytes(24).toString('base64')}`, createdAt: T0, expiresAt: null }],
    failingSince: null,
    lastDelivery: null,
    deletedAt: null,
    deletedBy: null,
    deletedReason: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function event(tenantId: string, overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: rid('evt'),
    tenantId,
    type: 'chat.missed',
    brand: null,
    data: { chat: { id: '1586985009-627B', status: 'missed' } },
    timestamp: T0,
    idempotencyKey: null,
    test: false,
    deliveryCount: 0,
    createdAt: T0,
    ...overrides,
  };
}

export function delivery(
  tenantId: string,
  hookId: string,
  eventId: string,
  overrides: Partial<DeliveryRecord> = {},
): DeliveryRecord {
  return {
    id: rid('msg'),
    tenantId,
    hookId,
    eventId,
    eventType: 'chat.missed',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    lastAttemptAt: null,
    lastResponseStatus: null,
    lastError: null,
    cancelReason: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    test: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A plan that sends the event to every candidate, recording which candidates it was given. */
export function planAll(event: EventRecord, seen: HookRecord[][] = [], now = T0) {
  return (candidates: HookRecord[]): DeliveryRecord[] => {
    seen.push(candidates);
    return candidates.map((h) => delivery(event.tenantId, h.id, event.id, { eventType: event.type, createdAt: now, nextAttemptAt: now }));
  };
}

export function attempt(d: DeliveryRecord, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    deliveryId: d.id,
    tenantId: d.tenantId,
    number: d.attempts + 1,
    startedAt: T0 + 1000,
    durationMs: 42,
    url: 'https://example.com/hooks',
    method: 'POST',
    requestHeaders: { 'content-type': 'application/json', 'webhook-signature': '[redacted]' },
    responseStatus: 200,
    responseBody: 'ok',
    error: null,
    outcome: 'succeeded',
    ...overrides,
  };
}

export function agentLookup(tenantId: string, overrides: Partial<AgentLookupRecord> = {}): AgentLookupRecord {
  return {
    id: rid('lkp'),
    tenantId,
    chatId: '1586985009-627B',
    status: 'pending',
    agentId: null,
    answeredVia: null,
    answeredHookId: null,
    createdAt: T0,
    expiresAt: T0 + 5000,
    ...overrides,
  };
}
