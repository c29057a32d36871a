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

/**
 * How each record field maps to its column. One table per record type drives inserts, patches and
 * reads, so a field added to a record is added in one place.
 */
export interface Column<R> {
  field: keyof R & string;
  column: string;
  /** Stored as `json`: serialised explicitly, because pg would turn a JS array into a SQL array. */
  json?: boolean;
}

export type Columns<R> = ReadonlyArray<Column<R>>;

export const tenantColumns: Columns<TenantRecord> = [
  { field: 'id', column: 'id' },
  { field: 'name', column: 'name' },
  { field: 'webhooksEnabled', column: 'webhooks_enabled' },
  { field: 'liveChatAppId', column: 'live_chat_app_id' },
  { field: 'createdAt', column: 'created_at' },
];

export const apiKeyColumns: Columns<ApiKeyRecord> = [
  { field: 'id', column: 'id' },
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'name', column: 'name' },
  { field: 'role', column: 'role' },
  { field: 'prefix', column: 'prefix' },
  { field: 'hash', column: 'hash' },
  { field: 'createdAt', column: 'created_at' },
  { field: 'revokedAt', column: 'revoked_at' },
  { field: 'lastUsedAt', column: 'last_used_at' },
];

export const customEventTypeColumns: Columns<CustomEventTypeRecord> = [
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'type', column: 'type' },
  { field: 'description', column: 'description' },
  { field: 'schema', column: 'schema', json: true },
  { field: 'sample', column: 'sample', json: true },
  { field: 'createdAt', column: 'created_at' },
  { field: 'updatedAt', column: 'updated_at' },
];

export const hookColumns: Columns<HookRecord> = [
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'id', column: 'id' },
  { field: 'url', column: 'url' },
  { field: 'destination', column: 'destination' },
  { field: 'events', column: 'events' },
  { field: 'name', column: 'name' },
  { field: 'description', column: 'description' },
  { field: 'brand', column: 'brand' },
  { field: 'status', column: 'status' },
  { field: 'disabledReason', column: 'disabled_reason' },
  { field: 'format', column: 'format' },
  { field: 'template', column: 'template', json: true },
  { field: 'method', column: 'method' },
  { field: 'auth', column: 'auth', json: true },
  { field: 'headers', column: 'headers', json: true },
  { field: 'secretHeaders', column: 'secret_headers', json: true },
  { field: 'filter', column: 'filter', json: true },
  { field: 'retryPolicy', column: 'retry_policy', json: true },
  { field: 'redirects', column: 'redirects' },
  { field: 'ordered', column: 'ordered' },
  { field: 'maxInFlight', column: 'max_in_flight' },
  { field: 'rateLimit', column: 'rate_limit', json: true },
  { field: 'source', column: 'source' },
  { field: 'secrets', column: 'secrets', json: true },
  { field: 'failingSince', column: 'failing_since' },
  { field: 'lastDelivery', column: 'last_delivery', json: true },
  { field: 'deletedAt', column: 'deleted_at' },
  { field: 'deletedBy', column: 'deleted_by' },
  { field: 'deletedReason', column: 'deleted_reason' },
  { field: 'createdAt', column: 'created_at' },
  { field: 'updatedAt', column: 'updated_at' },
];

export const eventColumns: Columns<EventRecord> = [
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'id', column: 'id' },
  { field: 'type', column: 'type' },
  { field: 'brand', column: 'brand' },
  { field: 'data', column: 'data', json: true },
  { field: 'timestamp', column: 'timestamp' },
  { field: 'idempotencyKey', column: 'idempotency_key' },
  { field: 'test', column: 'test' },
  { field: 'deliveryCount', column: 'delivery_count' },
  { field: 'createdAt', column: 'created_at' },
];

export const deliveryColumns: Columns<DeliveryRecord> = [
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'id', column: 'id' },
  { field: 'hookId', column: 'hook_id' },
  { field: 'eventId', column: 'event_id' },
  { field: 'eventType', column: 'event_type' },
  { field: 'status', column: 'status' },
  { field: 'attempts', column: 'attempts' },
  { field: 'nextAttemptAt', column: 'next_attempt_at' },
  { field: 'lastAttemptAt', column: 'last_attempt_at' },
  { field: 'lastResponseStatus', column: 'last_response_status' },
  { field: 'lastError', column: 'last_error' },
  { field: 'cancelReason', column: 'cancel_reason' },
  { field: 'leaseOwner', column: 'lease_owner' },
  { field: 'leaseExpiresAt', column: 'lease_expires_at' },
  { field: 'test', column: 'test' },
  { field: 'createdAt', column: 'created_at' },
  { field: 'updatedAt', column: 'updated_at' },
];

export const attemptColumns: Columns<AttemptRecord> = [
  { field: 'deliveryId', column: 'delivery_id' },
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'number', column: 'number' },
  { field: 'startedAt', column: 'started_at' },
  { field: 'durationMs', column: 'duration_ms' },
  { field: 'url', column: 'url' },
  { field: 'method', column: 'method' },
  { field: 'requestHeaders', column: 'request_headers', json: true },
  { field: 'responseStatus', column: 'response_status' },
  { field: 'responseBody', column: 'response_body' },
  { field: 'error', column: 'error' },
  { field: 'outcome', column: 'outcome' },
];

export const agentLookupColumns: Columns<AgentLookupRecord> = [
  { field: 'tenantId', column: 'tenant_id' },
  { field: 'id', column: 'id' },
  { field: 'chatId', column: 'chat_id' },
  { field: 'status', column: 'status' },
  { field: 'agentId', column: 'agent_id' },
  { field: 'answeredVia', column: 'answered_via' },
  { field: 'answeredHookId', column: 'answered_hook_id' },
  { field: 'createdAt', column: 'created_at' },
  { field: 'expiresAt', column: 'expires_at' },
];

export function toParam<R>(column: Column<R>, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return column.json ? JSON.stringify(value) : value;
}

export function fromRow<R>(columns: Columns<R>, row: Record<string, unknown>): R {
  const record: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column.column];
    record[column.field] = value === undefined ? null : value;
  }
  return record as R;
}

/**
 * `INSERT INTO table (cols) VALUES ($1…), ($n…)` for one or more records. Placeholders continue after
 * the `values` already given, so the statement can be embedded in a larger one.
 */
export function insertSql<R>(
  table: string,
  columns: Columns<R>,
  records: readonly R[],
  values: unknown[] = [],
): { text: string; values: unknown[] } {
  const tuples = records.map((record) => `(${placeholders(columns, record, values)})`);
  return { text: `INSERT INTO ${table} (${columnList(columns)}) VALUES ${tuples.join(', ')}`, values };
}

export function columnList<R>(columns: Columns<R>): string {
  return columns.map((column) => quote(column.column)).join(', ');
}

/** `$n, $n+1, …` for one record's columns, pushing its values. */
export function placeholders<R>(columns: Columns<R>, record: R, values: unknown[]): string {
  return columns
    .map((column) => {
      values.push(toParam(column, (record as Record<string, unknown>)[column.field]));
      return `$${values.length}`;
    })
    .join(', ');
}

/** `col = $n, …` for the fields present in `patch`; `values` is extended in place. */
export function setClause<R>(columns: Columns<R>, patch: Partial<R>, values: unknown[]): string[] {
  const assignments: string[] = [];
  for (const column of columns) {
    if (!Object.prototype.hasOwnProperty.call(patch, column.field)) continue;
    const value = (patch as Record<string, unknown>)[column.field];
    if (value === undefined) continue;
    values.push(toParam(column, value));
    assignments.push(`${quote(column.column)} = $${values.length}`);
  }
  return assignments;
}

function quote(name: string): string {
  return `"${name}"`;
}
