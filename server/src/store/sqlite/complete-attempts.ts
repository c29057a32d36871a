/**
 * The SQLite completion: many attempts in one IMMEDIATE transaction (the engine's group commit).
 * Each delivery changes only while the caller still holds its lease, and its attempt is recorded
 * only if it did; the hook patches of one hook are merged in order and written once per commit, so
 * a hook's "last delivery" costs one write per commit rather than one per delivery.
 */
import type Database from 'better-sqlite3';
import { addHookPatch, isDeliveryStatePatch, type HookPatch, type PendingHookPatch } from '../hook-patch';
import { attempts, sqliteCodec, toRow } from '../columns';
import type { CompleteAttemptInput } from '../store';

export const COMPLETE_DELIVERY_SQL = `UPDATE deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next_attempt_at,
   last_attempt_at = @last_attempt_at, last_response_status = @last_response_status, last_error = @last_error,
   lease_owner = NULL, lease_expires_at = NULL, updated_at = @updated_at
 WHERE id = @id AND lease_owner = @owner
 RETURNING tenant_id, hook_id`;

export function createCompleter(db: Database.Database, patchHook: (tenantId: string, hookId: string, patch: HookPatch) => void) {
  const completeDelivery = db.prepare(COMPLETE_DELIVERY_SQL);
  // The patch of nearly every attempt: the hook's last delivery (and the end of a failure run).
  const setDeliveryState = db.prepare(
    `UPDATE hooks SET last_delivery = @last_delivery,
       failing_since = CASE WHEN @set_failing_since THEN @failing_since ELSE failing_since END
     WHERE tenant_id = @tenant_id AND id = @id`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (delivery_id, tenant_id, number, started_at, duration_ms, url, method, request_headers,
       response_status, response_body, error, outcome)
     VALUES (@delivery_id, @tenant_id, @number, @started_at, @duration_ms, @url, @method, @request_headers,
       @response_status, @response_body, @error, @outcome)
     ON CONFLICT (delivery_id, number) DO UPDATE SET started_at = excluded.started_at, duration_ms = excluded.duration_ms,
       url = excluded.url, method = excluded.method, request_headers = excluded.request_headers,
       response_status = excluded.response_status, response_body = excluded.response_body, error = excluded.error,
       outcome = excluded.outcome`,
  );

  const complete = db.transaction((inputs: CompleteAttemptInput[]): boolean[] => {
    const hookPatches = new Map<string, PendingHookPatch>();
    const landed = inputs.map(({ owner, attempt, update, hookPatch }) => {
      const row = completeDelivery.get({
        id: attempt.deliveryId,
        owner,
        status: update.status,
        attempts: update.attempts,
        next_attempt_at: update.nextAttemptAt,
        last_attempt_at: update.lastAttemptAt,
        last_response_status: update.lastResponseStatus,
        last_error: update.lastError,
        updated_at: Math.max(attempt.startedAt + attempt.durationMs, update.lastAttemptAt ?? 0),
      }) as { tenant_id: string; hook_id: string } | undefined;
      if (!row) return false;
      insertAttempt.run(toRow(sqliteCodec, attempts, attempt));
      addHookPatch(hookPatches, row.tenant_id, row.hook_id, hookPatch);
      return true;
    });
    for (const { tenantId, hookId, patch } of hookPatches.values()) {
      if (isDeliveryStatePatch(patch)) {
        setDeliveryState.run({
          tenant_id: tenantId,
          id: hookId,
          last_delivery: patch.lastDelivery === undefined ? null : JSON.stringify(patch.lastDelivery),
          set_failing_since: 'failingSince' in patch ? 1 : 0,
          failing_since: patch.failingSince ?? null,
        });
      } else patchHook(tenantId, hookId, patch);
    }
    return landed;
  });

  return (inputs: CompleteAttemptInput[]): boolean[] => (inputs.length === 0 ? [] : complete.immediate(inputs));
}

