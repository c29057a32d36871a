/**
 * Inspector captures and stream attempts on SQLite (issue #18), kept apart from sqlite-store.ts so the
 * store's shared CRUD half can change without touching them. Captures are newest first by seq, and a
 * hook keeps at most its newest `keep`; stream attempts are the open acks of streamed deliveries.
 */
import type Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from '../cursor';
import type { CaptureRecord, Page, PageRequest, StreamAck, StreamAttemptRecord } from '../store';

type Row = Record<string, any>;

function captureFromRow(row: Row): CaptureRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    hookId: row.hook_id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    eventIds: JSON.parse(row.event_ids),
    eventTypes: JSON.parse(row.event_types),
    capturedAt: row.captured_at,
    request: { method: row.method, headers: JSON.parse(row.headers), body: row.body, bodyTruncated: row.body_truncated === 1 },
  };
}

function ackFromRow(row: Row): StreamAck {
  return { status: row.ack_status ?? null, body: row.ack_body ?? null, error: row.ack_error ?? null, ackedAt: row.acked_at };
}

export function createSqliteCaptures(db: Database.Database) {
  const s = {
    insert: db.prepare(
      `INSERT INTO captures (id, tenant_id, hook_id, delivery_id, attempt, event_ids, event_types, captured_at, method, headers, body, body_truncated)
       VALUES (@id, @tenant_id, @hook_id, @delivery_id, @attempt, @event_ids, @event_types, @captured_at, @method, @headers, @body, @body_truncated)`,
    ),
    // Everything below the hook's keep-th newest seq goes.
    trim: db.prepare(
      `DELETE FROM captures WHERE tenant_id = @tenant_id AND hook_id = @hook_id AND seq <= (
         SELECT seq FROM captures WHERE tenant_id = @tenant_id AND hook_id = @hook_id ORDER BY seq DESC LIMIT 1 OFFSET @keep)`,
    ),
    get: db.prepare('SELECT * FROM captures WHERE tenant_id = ? AND hook_id = ? AND id = ?'),
    clear: db.prepare('DELETE FROM captures WHERE tenant_id = ? AND hook_id = ?'),
    page: db.prepare(
      `SELECT * FROM captures WHERE tenant_id = @tenant_id AND hook_id = @hook_id AND (@before IS NULL OR seq < @before)
       ORDER BY seq DESC LIMIT @limit`,
    ),
    prune: db.prepare('DELETE FROM captures WHERE seq IN (SELECT seq FROM captures WHERE captured_at < ? LIMIT ?)'),
    openAttempt: db.prepare(
      `INSERT INTO stream_attempts (id, tenant_id, hook_id, delivery_id, owner, created_at, expires_at)
       VALUES (@id, @tenant_id, @hook_id, @delivery_id, @owner, @created_at, @expires_at)`,
    ),
    ack: db.prepare(
      `UPDATE stream_attempts SET ack_status = @status, ack_body = @body, ack_error = @error, acked_at = @acked_at
       WHERE id = @id AND tenant_id = @tenant_id AND hook_id = @hook_id AND acked_at IS NULL AND expires_at > @acked_at`,
    ),
    acked: db.prepare(`SELECT * FROM stream_attempts WHERE owner = ? AND acked_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))`),
    getAttempt: db.prepare('SELECT * FROM stream_attempts WHERE id = ?'),
    deleteAttempt: db.prepare('DELETE FROM stream_attempts WHERE id = ?'),
    pruneAttempts: db.prepare('DELETE FROM stream_attempts WHERE id IN (SELECT id FROM stream_attempts WHERE expires_at < ? LIMIT ?)'),
  };

  const add = db.transaction((capture: CaptureRecord, keep: number) => {
    s.insert.run({
      id: capture.id,
      tenant_id: capture.tenantId,
      hook_id: capture.hookId,
      delivery_id: capture.deliveryId,
      attempt: capture.attempt,
      event_ids: JSON.stringify(capture.eventIds),
      event_types: JSON.stringify(capture.eventTypes),
      captured_at: capture.capturedAt,
      method: capture.request.method,
      headers: JSON.stringify(capture.request.headers),
      body: capture.request.body,
      body_truncated: capture.request.bodyTruncated ? 1 : 0,
    });
    s.trim.run({ tenant_id: capture.tenantId, hook_id: capture.hookId, keep: Math.max(1, keep) });
  });

  const take = db.transaction((owner: string, ids: string[]) => {
    const rows = s.acked.all(owner, JSON.stringify(ids)) as Row[];
    for (const row of rows) s.deleteAttempt.run(row.id);
    return rows.map((row) => ({ id: row.id as string, ...ackFromRow(row) }));
  });

  const close = db.transaction((id: string) => {
    const row = s.getAttempt.get(id) as Row | undefined;
    if (!row) return undefined;
    s.deleteAttempt.run(id);
    return row.acked_at === null ? undefined : ackFromRow(row);
  });

  return {
    addCapture(capture: CaptureRecord, keep: number): void {
      add.immediate(capture, keep);
    },
    listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Page<CaptureRecord> {
      const before = decodeCursor(query.cursor);
      const limit = Math.max(1, Math.min(query.limit, 1000));
      const rows = s.page.all({ tenant_id: query.tenantId, hook_id: query.hookId, before, limit: limit + 1 }) as Row[];
      const items = rows.slice(0, limit);
      return { items: items.map(captureFromRow), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].seq) : null };
    },
    getCapture(tenantId: string, hookId: string, id: string): CaptureRecord | undefined {
      const row = s.get.get(tenantId, hookId, id) as Row | undefined;
      return row ? captureFromRow(row) : undefined;
    },
    clearCaptures(tenantId: string, hookId: string): number {
      return s.clear.run(tenantId, hookId).changes;
    },
    openStreamAttempt(attempt: StreamAttemptRecord): void {
      s.openAttempt.run({
        id: attempt.id,
        tenant_id: attempt.tenantId,
        hook_id: attempt.hookId,
        delivery_id: attempt.deliveryId,
        owner: attempt.owner,
        created_at: attempt.createdAt,
        expires_at: attempt.expiresAt,
      });
    },
    ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): boolean {
      return s.ack.run({ id, tenant_id: tenantId, hook_id: hookId, status: ack.status, body: ack.body, error: ack.error, acked_at: ack.ackedAt }).changes > 0;
    },
    takeStreamAcks(owner: string, ids: string[]): Array<StreamAck & { id: string }> {
      return ids.length === 0 ? [] : take.immediate(owner, ids);
    },
    closeStreamAttempt(id: string): StreamAck | undefined {
      return close.immediate(id);
    },
    /** Part of the retention prune (inside its transaction). */
    prune(before: number, batchSize: number): void {
      s.prune.run(before, batchSize);
      s.pruneAttempts.run(before, batchSize);
    },
  };
}

export type SqliteCaptures = ReturnType<typeof createSqliteCaptures>;
