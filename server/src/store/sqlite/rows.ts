import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AttemptRecord,
  CustomEventTypeRecord,
  DeliveryRecord,
  EventRecord,
  HookRecord,
  TenantRecord,
} from '../store';

/** Row shapes as SQLite returns them (snake_case, JSON as text, booleans as 0/1). */
export type Row = Record<string, any>;

const json = (text: string | null): any => (text === null ? null : JSON.parse(text));

export function tenantFromRow(row: Row): TenantRecord {
  return { id: row.id, name: row.name, webhooksEnabled: row.webhooks_enabled === 1, liveChatAppId: row.live_chat_app_id ?? null, createdAt: row.created_at };
}

export function apiKeyFromRow(row: Row): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    hash: row.hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function customEventTypeFromRow(row: Row): CustomEventTypeRecord {
  return {
    tenantId: row.tenant_id,
    type: row.type,
    description: row.description,
    schema: json(row.schema),
    sample: json(row.sample),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Hook fields → column values; used for insert and for partial updates (only the keys present). */
export const HOOK_COLUMNS: Record<keyof Omit<HookRecord, 'id' | 'tenantId'>, [string, (value: any) => unknown]> = {
  url: ['url', (v) => v],
  destination: ['destination', (v) => v],
  events: ['events', (v) => JSON.stringify(v)],
  name: ['name', (v) => v],
  description: ['description', (v) => v],
  brand: ['brand', (v) => v],
  status: ['status', (v) => v],
  disabledReason: ['disabled_reason', (v) => v],
  format: ['format', (v) => v],
  template: ['template', (v) => (v === null ? null : JSON.stringify(v))],
  method: ['method', (v) => v],
  auth: ['auth', (v) => JSON.stringify(v)],
  headers: ['headers', (v) => JSON.stringify(v)],
  secretHeaders: ['secret_headers', (v) => JSON.stringify(v)],
  filter: ['filter', (v) => (v === null ? null : JSON.stringify(v))],
  retryPolicy: ['retry_policy', (v) => JSON.stringify(v)],
  redirects: ['redirects', (v) => v],
  ordered: ['ordered', (v) => (v ? 1 : 0)],
  maxInFlight: ['max_in_flight', (v) => v],
  rateLimit: ['rate_limit', (v) => (v === null ? null : JSON.stringify(v))],
  source: ['source', (v) => v],
  secrets: ['secrets', (v) => JSON.stringify(v)],
  failingSince: ['failing_since', (v) => v],
  lastDelivery: ['last_delivery', (v) => (v === null ? null : JSON.stringify(v))],
  deletedAt: ['deleted_at', (v) => v],
  deletedBy: ['deleted_by', (v) => v],
  deletedReason: ['deleted_reason', (v) => v],
  createdAt: ['created_at', (v) => v],
  updatedAt: ['updated_at', (v) => v],
};

export function hookFromRow(row: Row): HookRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    destination: row.destination ?? 'url',
    events: json(row.events),
    name: row.name,
    description: row.description,
    brand: row.brand,
    status: row.status,
    disabledReason: row.disabled_reason,
    format: row.format,
    template: json(row.template),
    method: row.method,
    auth: json(row.auth),
    headers: json(row.headers),
    secretHeaders: json(row.secret_headers ?? '[]'),
    filter: json(row.filter),
    retryPolicy: json(row.retry_policy),
    redirects: row.redirects ?? 'fail',
    ordered: row.ordered === 1,
    maxInFlight: row.max_in_flight ?? null,
    rateLimit: json(row.rate_limit ?? null),
    source: row.source,
    secrets: json(row.secrets),
    failingSince: row.failing_since,
    lastDelivery: json(row.last_delivery),
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    deletedReason: row.deleted_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function eventFromRow(row: Row): EventRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    type: row.type,
    brand: row.brand,
    data: json(row.data),
    timestamp: row.timestamp,
    idempotencyKey: row.idempotency_key,
    test: row.test === 1,
    deliveryCount: row.delivery_count,
    createdAt: row.created_at,
  };
}

export function deliveryFromRow(row: Row): DeliveryRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    hookId: row.hook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastResponseStatus: row.last_response_status,
    lastError: row.last_error,
    cancelReason: row.cancel_reason ?? null,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    test: row.test === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function deliveryParams(d: DeliveryRecord): Row {
  return {
    id: d.id,
    tenant_id: d.tenantId,
    hook_id: d.hookId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_attempt_at: d.lastAttemptAt,
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    cancel_reason: d.cancelReason,
    lease_owner: d.leaseOwner,
    lease_expires_at: d.leaseExpiresAt,
    test: d.test ? 1 : 0,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

export function attemptFromRow(row: Row): AttemptRecord {
  return {
    deliveryId: row.delivery_id,
    tenantId: row.tenant_id,
    number: row.number,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    url: row.url,
    method: row.method,
    requestHeaders: json(row.request_headers),
    responseStatus: row.response_status,
    responseBody: row.response_body,
    error: row.error,
    outcome: row.outcome,
  };
}

export function agentLookupFromRow(row: Row): AgentLookupRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    chatId: row.chat_id,
    status: row.status,
    agentId: row.agent_id,
    answeredVia: row.answered_via,
    answeredHookId: row.answered_hook_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
