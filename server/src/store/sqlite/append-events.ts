/**
 * The SQLite half of the group-committed outbox (Store.appendEvents): many events, one IMMEDIATE
 * transaction. A commit is the expensive part of an append (WAL frame, lock, page writes), so the
 * publish paths gather every event that arrived in one turn of the event loop and pay it once.
 */
import type Database from 'better-sqlite3';
import type { AppendEventResult, AppendRequest, EventRecord, HookRecord } from '../store';
import { deliveries as deliveriesTable, events, fromRow, sqliteCodec, toRow, type Row } from '../columns';

export type SqliteAppender = (requests: AppendRequest[]) => AppendEventResult[];

export function createSqliteAppender(db: Database.Database, hookOf: (row: Row) => HookRecord): SqliteAppender {
  const s = {
    getEventById: db.prepare('SELECT * FROM events WHERE tenant_id = ? AND id = ?'),
    getEventByKey: db.prepare('SELECT * FROM events WHERE tenant_id = ? AND idempotency_key = ?'),
    deliveriesOfEvent: db.prepare('SELECT * FROM deliveries WHERE tenant_id = ? AND event_id = ? ORDER BY seq'),
    candidateHooks: db.prepare(
      `SELECT h.* FROM hook_events he JOIN hooks h ON h.id = he.hook_id
       WHERE he.tenant_id = @tenant_id AND he.event_type IN (@type, '*') AND (he.brand IS NULL OR he.brand = @brand)
       ORDER BY h.seq`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (tenant_id, id, type, brand, data, timestamp, idempotency_key, test, delivery_count, created_at)
       VALUES (@tenant_id, @id, @type, @brand, @data, @timestamp, @idempotency_key, @test, @delivery_count, @created_at)`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (id, tenant_id, hook_id, event_id, event_type, status, attempts, next_attempt_at,
         last_attempt_at, last_response_status, last_error, lease_owner, lease_expires_at, test, created_at, updated_at)
       VALUES (@id, @tenant_id, @hook_id, @event_id, @event_type, @status, @attempts, @next_attempt_at,
         @last_attempt_at, @last_response_status, @last_error, @lease_owner, @lease_expires_at, @test, @created_at, @updated_at)`,
    ),
  };

  /** The hooks an event may go to; loaded (and parsed) once per (tenant, type, brand) in a transaction. */
  const candidatesOf = (event: EventRecord, cache: Map<string, HookRecord[]>): HookRecord[] => {
    const key = `${event.tenantId}\u0000${event.type}\u0000${event.brand ?? '\u0001'}`;
    let candidates = cache.get(key);
    if (candidates) return candidates;
    const seen = new Set<string>();
    candidates = [];
    for (const row of s.candidateHooks.all({ tenant_id: event.tenantId, type: event.type, brand: event.brand }) as Row[]) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      candidates.push(hookOf(row));
    }
    cache.set(key, candidates);
    return candidates;
  };

  const appendOne = ({ event, plan }: AppendRequest, cache: Map<string, HookRecord[]>): AppendEventResult => {
    // Earlier requests of the same call are already inserted in this transaction, so they are found here too.
    const existing = (s.getEventById.get(event.tenantId, event.id) ??
      (event.idempotencyKey !== null ? s.getEventByKey.get(event.tenantId, event.idempotencyKey) : undefined)) as Row | undefined;
    if (existing) {
      const deliveries = (s.deliveriesOfEvent.all(event.tenantId, existing.id) as Row[]).map((row) => fromRow(sqliteCodec, deliveriesTable, row));
      return { event: fromRow(sqliteCodec, events, existing), deliveries, duplicate: true };
    }
    const deliveries = plan(candidatesOf(event, cache));
    const stored: EventRecord = { ...event, deliveryCount: deliveries.length };
    s.insertEvent.run(toRow(sqliteCodec, events, stored));
    for (const delivery of deliveries) s.insertDelivery.run(toRow(sqliteCodec, deliveriesTable, delivery));
    return { event: stored, deliveries, duplicate: false };
  };

  const transaction = db.transaction((requests: AppendRequest[]): AppendEventResult[] => {
    const cache = new Map<string, HookRecord[]>();
    return requests.map((request) => appendOne(request, cache));
  });
  return (requests) => (requests.length === 0 ? [] : transaction.immediate(requests));
}
