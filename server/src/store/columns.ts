/**
 * The one record ↔ column mapping of both stores. Each table lists its record's fields with their
 * column and how the value is kept; the row types the query builder checks column names against are
 * derived from these lists, so a new column is one line here (plus one migration per dialect).
 * What differs between the dialects is only how a kind of value is stored (see Codec).
 */
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AttemptRecord,
  CustomEventTypeRecord,
  DeliveryRecord,
  EventRecord,
  HookRecord,
  TenantRecord,
} from './store';

/** plain: as is; json: a JSON document; bool: a flag; list: an array of strings (hooks.events). */
export type Kind = 'plain' | 'json' | 'bool' | 'list';

export type Row = Record<string, any>;

/** How one dialect stores each kind of value, and reads it back. */
export interface Codec {
  write(kind: Kind, value: unknown): unknown;
  read(kind: Kind, value: unknown): unknown;
}

/** SQLite: documents and lists as JSON text, flags as 0/1. */
export const sqliteCodec: Codec = {
  write: (kind, value) => {
    if (value === null || value === undefined) return null;
    if (kind === 'json' || kind === 'list') return JSON.stringify(value);
    if (kind === 'bool') return value ? 1 : 0;
    return value;
  },
  read: (kind, value) => {
    if (value === null || value === undefined) return null;
    if (kind === 'json' || kind === 'list') return JSON.parse(value as string);
    if (kind === 'bool') return value === 1 || value === true;
    return value;
  },
};

/**
 * PostgreSQL: `json` columns (serialised here, because pg would turn a JS array into a SQL array),
 * `text[]` lists and booleans as themselves. Read back, pg has already parsed them, also inside
 * row_to_json.
 */
export const postgresCodec: Codec = {
  write: (kind, value) => {
    if (value === null || value === undefined) return null;
    return kind === 'json' ? JSON.stringify(value) : value;
  },
  read: (_kind, value) => (value === undefined ? null : value),
};

type Fields<R> = { readonly [K in keyof R]-?: readonly [column: string, kind?: Kind] };

/** A table: its name and, for each record field, its column. */
export interface Table<R, C extends string = string> {
  readonly name: string;
  readonly fields: Fields<R>;
  /** [field, column, kind] in declaration order, for loops on the hot paths. */
  readonly entries: ReadonlyArray<readonly [field: keyof R & string, column: C, kind: Kind]>;
}

function table<R>() {
  return <const F extends Fields<R>>(name: string, fields: F): Table<R, F[keyof F][0]> => ({
    name,
    fields,
    entries: Object.entries(fields).map(([field, [column, kind]]: [string, any]) => [field, column, kind ?? 'plain']) as any,
  });
}

export const tenants = table<TenantRecord>()('tenants', {
  id: ['id'],
  name: ['name'],
  webhooksEnabled: ['webhooks_enabled', 'bool'],
  liveChatAppId: ['live_chat_app_id'],
  createdAt: ['created_at'],
});

export const apiKeys = table<ApiKeyRecord>()('api_keys', {
  id: ['id'],
  tenantId: ['tenant_id'],
  name: ['name'],
  role: ['role'],
  prefix: ['prefix'],
  hash: ['hash'],
  createdAt: ['created_at'],
  revokedAt: ['revoked_at'],
  lastUsedAt: ['last_used_at'],
});

export const customEventTypes = table<CustomEventTypeRecord>()('custom_event_types', {
  tenantId: ['tenant_id'],
  type: ['type'],
  description: ['description'],
  schema: ['schema', 'json'],
  sample: ['sample', 'json'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
});

export const hooks = table<HookRecord>()('hooks', {
  tenantId: ['tenant_id'],
  id: ['id'],
  url: ['url'],
  events: ['events', 'list'],
  name: ['name'],
  description: ['description'],
  brand: ['brand'],
  status: ['status'],
  disabledReason: ['disabled_reason'],
  format: ['format'],
  template: ['template', 'json'],
  method: ['method'],
  auth: ['auth', 'json'],
  headers: ['headers', 'json'],
  secretHeaders: ['secret_headers', 'json'],
  filter: ['filter', 'json'],
  retryPolicy: ['retry_policy', 'json'],
  redirects: ['redirects'],
  ordered: ['ordered', 'bool'],
  maxInFlight: ['max_in_flight'],
  rateLimit: ['rate_limit', 'json'],
  source: ['source'],
  secrets: ['secrets', 'json'],
  failingSince: ['failing_since'],
  lastDelivery: ['last_delivery', 'json'],
  deletedAt: ['deleted_at'],
  deletedBy: ['deleted_by'],
  deletedReason: ['deleted_reason'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
});

export const events = table<EventRecord>()('events', {
  tenantId: ['tenant_id'],
  id: ['id'],
  type: ['type'],
  brand: ['brand'],
  data: ['data', 'json'],
  timestamp: ['timestamp'],
  idempotencyKey: ['idempotency_key'],
  test: ['test', 'bool'],
  deliveryCount: ['delivery_count'],
  createdAt: ['created_at'],
});

export const deliveries = table<DeliveryRecord>()('deliveries', {
  tenantId: ['tenant_id'],
  id: ['id'],
  hookId: ['hook_id'],
  eventId: ['event_id'],
  eventType: ['event_type'],
  status: ['status'],
  attempts: ['attempts'],
  nextAttemptAt: ['next_attempt_at'],
  lastAttemptAt: ['last_attempt_at'],
  lastResponseStatus: ['last_response_status'],
  lastError: ['last_error'],
  cancelReason: ['cancel_reason'],
  leaseOwner: ['lease_owner'],
  leaseExpiresAt: ['lease_expires_at'],
  test: ['test', 'bool'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
});

export const attempts = table<AttemptRecord>()('attempts', {
  deliveryId: ['delivery_id'],
  tenantId: ['tenant_id'],
  number: ['number'],
  startedAt: ['started_at'],
  durationMs: ['duration_ms'],
  url: ['url'],
  method: ['method'],
  requestHeaders: ['request_headers', 'json'],
  responseStatus: ['response_status'],
  responseBody: ['response_body'],
  error: ['error'],
  outcome: ['outcome'],
});

export const agentLookups = table<AgentLookupRecord>()('agent_lookups', {
  tenantId: ['tenant_id'],
  id: ['id'],
  chatId: ['chat_id'],
  status: ['status'],
  agentId: ['agent_id'],
  answeredVia: ['answered_via'],
  answeredHookId: ['answered_hook_id'],
  createdAt: ['created_at'],
  expiresAt: ['expires_at'],
});

type ColumnsOf<T> = T extends Table<any, infer C> ? C : never;
/** Every table has an ordering `seq` column besides its fields (the primary key on SQLite). */
type RowOf<T> = { [C in ColumnsOf<T> | 'seq']: any };

/** The schema as the query builder sees it: table → columns. Derived, never written by hand. */
export interface Schema {
  tenants: RowOf<typeof tenants>;
  api_keys: RowOf<typeof apiKeys>;
  custom_event_types: RowOf<typeof customEventTypes>;
  hooks: RowOf<typeof hooks>;
  hook_events: { tenant_id: string; event_type: string; hook_id: string; brand: string | null };
  events: RowOf<typeof events>;
  deliveries: RowOf<typeof deliveries>;
  attempts: RowOf<typeof attempts>;
  agent_lookups: RowOf<typeof agentLookups>;
  schema_migrations: { version: number; name: string; applied_at: any };
}

/** A record (or the fields present in a patch) as column values. Undefined fields are left out. */
export function toRow<R>(codec: Codec, t: Table<R>, record: Partial<R>): Row {
  const row: Row = {};
  for (const [field, column, kind] of t.entries) {
    const value = record[field];
    if (value !== undefined) row[column] = codec.write(kind, value);
  }
  return row;
}

/** A row (or a row_to_json document) as its record. */
export function fromRow<R>(codec: Codec, t: Table<R>, row: Row): R {
  const record: Row = {};
  for (const [field, column, kind] of t.entries) record[field] = codec.read(kind, row[column]);
  return record as R;
}
