/**
 * Inspector captures and stream attempts on PostgreSQL (issue #18), kept apart from postgres-store.ts
 * so the store's shared CRUD half can change without touching them. Captures are newest first by seq,
 * and a hook keeps at most its newest `keep`; stream attempts are the open acks of streamed
 * deliveries, written by whichever node the ack reaches and settled by the node that sent it.
 */
import type { Pool } from 'pg';
import { decodeCursor } from '../cursor';
import type { CaptureRecord, Page, PageRequest, StreamAck, StreamAttemptRecord } from '../store';
import { pageLimit, toPage } from './cursor';
import { withTransaction, type Queryable } from './transaction';

type Row = Record<string, any>;

function captureFromRow(row: Row): CaptureRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    hookId: row.hook_id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    eventIds: row.event_ids,
    eventTypes: row.event_types,
    capturedAt: Number(row.captured_at),
    request: { method: row.method, headers: row.headers, body: row.body, bodyTruncated: row.body_truncated },
  };
}

function ackFromRow(row: Row): StreamAck {
  return { status: row.ack_status ?? null, body: row.ack_body ?? null, error: row.ack_error ?? null, ackedAt: Number(row.acked_at) };
}

export function createPostgresCaptures(pool: Pool) {
  return {
    async addCapture(capture: CaptureRecord, keep: number): Promise<void> {
      await withTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO captures (id, tenant_id, hook_id, delivery_id, attempt, event_ids, event_types, captured_at, method, headers, body, body_truncated)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            capture.id,
            capture.tenantId,
            capture.hookId,
            capture.deliveryId,
            capture.attempt,
            JSON.stringify(capture.eventIds),
            JSON.stringify(capture.eventTypes),
            capture.capturedAt,
            capture.request.method,
            JSON.stringify(capture.request.headers),
            capture.request.body,
            capture.request.bodyTruncated,
          ],
        );
        // Everything at or below the hook's (keep+1)-th newest seq goes.
        await client.query(
          `DELETE FROM captures WHERE tenant_id = $1 AND hook_id = $2 AND seq <= (
             SELECT seq FROM captures WHERE tenant_id = $1 AND hook_id = $2 ORDER BY seq DESC LIMIT 1 OFFSET $3)`,
          [capture.tenantId, capture.hookId, Math.max(1, keep)],
        );
      });
    },

    async listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Promise<Page<CaptureRecord>> {
      const before = decodeCursor(query.cursor);
      const limit = pageLimit(query.limit);
      const { rows } = await pool.query(
        `SELECT * FROM captures WHERE tenant_id = $1 AND hook_id = $2 AND ($3::bigint IS NULL OR seq < $3)
         ORDER BY seq DESC LIMIT $4`,
        [query.tenantId, query.hookId, before, limit + 1],
      );
      return toPage(rows, limit, captureFromRow);
    },

    async getCapture(tenantId: string, hookId: string, id: string): Promise<CaptureRecord | undefined> {
      const { rows } = await pool.query('SELECT * FROM captures WHERE tenant_id = $1 AND hook_id = $2 AND id = $3', [tenantId, hookId, id]);
      return rows[0] ? captureFromRow(rows[0]) : undefined;
    },

    async clearCaptures(tenantId: string, hookId: string): Promise<number> {
      const { rowCount } = await pool.query('DELETE FROM captures WHERE tenant_id = $1 AND hook_id = $2', [tenantId, hookId]);
      return rowCount ?? 0;
    },

    async openStreamAttempt(attempt: StreamAttemptRecord): Promise<void> {
      await pool.query(
        `INSERT INTO stream_attempts (id, tenant_id, hook_id, delivery_id, owner, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [attempt.id, attempt.tenantId, attempt.hookId, attempt.deliveryId, attempt.owner, attempt.createdAt, attempt.expiresAt],
      );
    },

    async ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): Promise<boolean> {
      const { rowCount } = await pool.query(
        `UPDATE stream_attempts SET ack_status = $4, ack_body = $5, ack_error = $6, acked_at = $7
         WHERE id = $1 AND tenant_id = $2 AND hook_id = $3 AND acked_at IS NULL AND expires_at > $7`,
        [id, tenantId, hookId, ack.status, ack.body, ack.error, ack.ackedAt],
      );
      return (rowCount ?? 0) > 0;
    },

    async takeStreamAcks(owner: string, ids: string[]): Promise<Array<StreamAck & { id: string }>> {
      if (ids.length === 0) return [];
      const { rows } = await pool.query(
        'DELETE FROM stream_attempts WHERE owner = $1 AND id = ANY($2::text[]) AND acked_at IS NOT NULL RETURNING *',
        [owner, ids],
      );
      return rows.map((row: Row) => ({ id: row.id as string, ...ackFromRow(row) }));
    },

    async closeStreamAttempt(id: string): Promise<StreamAck | undefined> {
      const { rows } = await pool.query('DELETE FROM stream_attempts WHERE id = $1 RETURNING *', [id]);
      return rows[0] && rows[0].acked_at !== null ? ackFromRow(rows[0]) : undefined;
    },

    /** Part of the retention prune (inside its transaction). */
    async prune(client: Queryable, before: number, batchSize: number): Promise<void> {
      await client.query(
        `DELETE FROM captures WHERE seq IN (
           SELECT seq FROM captures WHERE captured_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
      await client.query(
        `DELETE FROM stream_attempts WHERE id IN (
           SELECT id FROM stream_attempts WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
    },
  };
}

export type PostgresCaptures = ReturnType<typeof createPostgresCaptures>;
