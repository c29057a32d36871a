/**
 * The one record ↔ column mapping of both stores. Each table lists its record's fields and how each
 * value is kept; a field's column is its name in snake_case, and the row types the query builder checks
 * column names against are derived from the same records, so a new column is one field here (plus one
 * migration per dialect).
 * What differs between the dialects is only how a kind of value is stored (see Codec).
 */
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AttemptRecord,
  CaptureRecord,
  CustomEventTypeRecord,
  DeliveryRecord,
  EventRecord,
  HookRecord,
  StreamAck,
  StreamAttemptRecord,
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

/** Each field's column is its name in snake_case; what is listed is how the value is kept. */
type Kinds<R> = { readonly [K in keyof R]-?: Kind };
type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;

/** A table: its name and, for each record field, its column and kind. */
export interface Table<R> {
  readonly name: string;
  /** [field, column, kind] in declaration order, for loops on the hot paths. */
  readonly entries: ReadonlyArray<readonly [field: keyof R & string, column: string, kind: Kind]>;
}

function table<R>(name: string, kinds: Kinds<R>): Table<R> {
  const snake = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return { name, entries: Object.entries<Kind>(kinds).map(([field, kind]) => [field as keyof R & string, snake(field), kind]) };
}

const _ = 'plain';
const json = 'json';
const bool = 'bool';

export const tenants = table<TenantRecord>('tenants', { id: _, name: _, webhooksEnabled: bool, liveChatAppId: _, createdAt: _ });

export const apiKeys = table<ApiKeyRecord>('api_keys', {
  id: _, tenantId: _, name: _, role: _, prefix: _, hash: _, createdAt: _, revokedAt: _, lastUsedAt: _,
});

export const customEventTypes = table<CustomEventTypeRecord>('custom_event_types', {
  tenantId: _, type: _, description: _, schema: json, sample: json, createdAt: _, updatedAt: _,
});

export const hooks = table<HookRecord>('hooks', {
  tenantId: _, id: _, url: _, destination: _, events: 'list', name: _, description: _, brand: _, status: _, disabledReason: _, format: _,
  template: json, method: _, auth: json, headers: json, secretHeaders: json, filter: json, retryPolicy: json, redirects: _,
  ordered: bool, maxInFlight: _, rateLimit: json, source: _, secrets: json, failingSince: _, lastDelivery: json,
  deletedAt: _, deletedBy: _, deletedReason: _, createdAt: _, updatedAt: _,
});

export const events = table<EventRecord>('events', {
  tenantId: _, id: _, type: _, brand: _, data: json, timestamp: _, idempotencyKey: _, test: bool, deliveryCount: _, createdAt: _,
});

export const deliveries = table<DeliveryRecord>('deliveries', {
  tenantId: _, id: _, hookId: _, eventId: _, eventType: _, status: _, attempts: _, nextAttemptAt: _, lastAttemptAt: _,
  lastResponseStatus: _, lastError: _, cancelReason: _, leaseOwner: _, leaseExpiresAt: _, test: bool, createdAt: _, updatedAt: _,
});

export const attempts = table<AttemptRecord>('attempts', {
  deliveryId: _, tenantId: _, number: _, startedAt: _, durationMs: _, url: _, method: _, requestHeaders: json,
  responseStatus: _, responseBody: _, error: _, outcome: _,
});

export const agentLookups = table<AgentLookupRecord>('agent_lookups', {
  tenantId: _, id: _, chatId: _, status: _, agentId: _, answeredVia: _, answeredHookId: _, createdAt: _, expiresAt: _,
});

/** A capture's columns: its request's fields are columns of their own. */
export type CaptureRow = Omit<CaptureRecord, 'request'> & CaptureRecord['request'];

export const captures = table<CaptureRow>('captures', {
  id: _, tenantId: _, hookId: _, deliveryId: _, attempt: _, eventIds: json, eventTypes: json, capturedAt: _,
  method: _, headers: json, body: _, bodyTruncated: bool,
});

/** A streamed attempt and, once a consumer answered, its ack. */
export type StreamAttemptRow = StreamAttemptRecord & { ackStatus: number | null; ackBody: string | null; ackError: string | null; ackedAt: number | null };

export const streamAttempts = table<StreamAttemptRow>('stream_attempts', {
  id: _, tenantId: _, hookId: _, deliveryId: _, owner: _, createdAt: _, expiresAt: _, ackStatus: _, ackBody: _, ackError: _, ackedAt: _,
});

/** Every table has an ordering `seq` column besides its fields (the primary key on SQLite). */
type RowOf<R> = { [K in keyof R & string as Snake<K>]: any } & { seq: any };

/** The schema as the query builder sees it: table → columns. Derived, never written by hand. */
export interface Schema {
  tenants: RowOf<TenantRecord>;
  api_keys: RowOf<ApiKeyRecord>;
  custom_event_types: RowOf<CustomEventTypeRecord>;
  hooks: RowOf<HookRecord>;
  hook_events: { tenant_id: string; event_type: string; hook_id: string; brand: string | null };
  events: RowOf<EventRecord>;
  deliveries: RowOf<DeliveryRecord>;
  attempts: RowOf<AttemptRecord>;
  agent_lookups: RowOf<AgentLookupRecord>;
  captures: RowOf<CaptureRow>;
  stream_attempts: RowOf<StreamAttemptRow>;
  schema_migrations: { version: number; name: string; applied_at: any };
}

/** A record (or the fields present in a patch) as column values. Undefined fields are left out. */
/**
 * A record (or the fields present in a patch) as column values; undefined fields are left out. With
 * fromRow, on every row the hot paths write or read, so both are compiled once per dialect and table
 * into straight-line code (a delivery row: about 150 ns each way, against 450–800 ns for a loop over the
 * entries, measured with 1M rows).
 */
export function toRow<R>(codec: Codec, t: Table<R>, record: Partial<R>): Row {
  return compiled(codec, t).write(record);
}

/** A row (or a row_to_json document) as its record. */
export function fromRow<R>(codec: Codec, t: Table<R>, row: Row): R {
  return compiled(codec, t).read(row) as R;
}

interface Mapper {
  write(record: object): Row;
  read(row: Row): unknown;
}

const mappers = new Map<Codec, Map<Table<any>, Mapper>>();

function compiled(codec: Codec, t: Table<any>): Mapper {
  let byTable = mappers.get(codec);
  if (!byTable) mappers.set(codec, (byTable = new Map()));
  let mapper = byTable.get(t);
  if (!mapper) byTable.set(t, (mapper = compile(codec, t)));
  return mapper;
}

/** Field and column names come from the tables above (identifiers), never from input. */
function compile(codec: Codec, t: Table<any>): Mapper {
  const reads = t.entries.map(([field, column, kind]) =>
    kind === 'plain' ? `${field}: row.${column} === undefined ? null : row.${column}` : `${field}: read('${kind}', row.${column})`,
  );
  const writes = t.entries.map(([field, column, kind]) =>
    `if (record.${field} !== undefined) row.${column} = ${kind === 'plain' ? `record.${field}` : `write('${kind}', record.${field})`};`,
  );
  return new Function(
    'read',
    'write',
    `return {
      read: (row) => ({ ${reads.join(', ')} }),
      write: (record) => { const row = {}; ${writes.join(' ')} return row; },
    };`,
  )(codec.read, codec.write) as Mapper;
}
