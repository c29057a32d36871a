/**
 * The PostgreSQL completion: many attempts in one statement (the engine's group commit), with the
 * inputs passed as arrays and unnested, so a commit of 200 attempts is one round trip. A delivery
 * changes only while the caller still holds its lease, and its attempt is recorded only if it did;
 * the same attempt number recorded again (a retried completion) replaces the first record. Hook
 * patches are merged per hook in input order and written once per commit: the hook row is touched
 * once per commit, not once per delivery, so workers no longer queue on its row lock.
 */
import type { CompleteAttemptInput } from '../store';
import { addHookPatch, isDeliveryStatePatch, type HookPatch, type PendingHookPatch } from '../hook-patch';
import type { Queryable } from './transaction';

export const COMPLETE_ATTEMPTS_SQL = `
WITH input AS (
  SELECT * FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::int[], $9::text[],
    $10::bigint[], $11::int[], $12::bigint[], $13::int[], $14::text[], $15::text[], $16::text[], $17::int[], $18::text[],
    $19::text[], $20::text[]
  ) AS i(tenant_id, delivery_id, owner, status, attempts, next_attempt_at, last_attempt_at, last_response_status, last_error,
         updated_at, number, started_at, duration_ms, url, method, request_headers, response_status, response_body, error, outcome)
),
updated AS (
  UPDATE deliveries d
  SET status = i.status, attempts = i.attempts, next_attempt_at = i.next_attempt_at, last_attempt_at = i.last_attempt_at,
      last_response_status = i.last_response_status, last_error = i.last_error, lease_owner = NULL, lease_expires_at = NULL,
      updated_at = i.updated_at
  FROM input i
  WHERE d.tenant_id = i.tenant_id AND d.id = i.delivery_id AND d.lease_owner = i.owner
  RETURNING d.tenant_id, d.id, d.hook_id, d.status
),
recorded AS (
  INSERT INTO attempts (tenant_id, delivery_id, number, started_at, duration_ms, url, method, request_headers,
                        response_status, response_body, error, outcome)
  SELECT i.tenant_id, i.delivery_id, i.number, i.started_at, i.duration_ms, i.url, i.method, i.request_headers::json,
         i.response_status, i.response_body, i.error, i.outcome
  FROM input i JOIN updated u ON u.tenant_id = i.tenant_id AND u.id = i.delivery_id
  ON CONFLICT (tenant_id, delivery_id, number) DO UPDATE SET
    started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms, url = EXCLUDED.url, method = EXCLUDED.method,
    request_headers = EXCLUDED.request_headers, response_status = EXCLUDED.response_status,
    response_body = EXCLUDED.response_body, error = EXCLUDED.error, outcome = EXCLUDED.outcome
)
SELECT u.tenant_id, u.id, u.hook_id, u.status, h.ordered
FROM updated u LEFT JOIN hooks h ON h.tenant_id = u.tenant_id AND h.id = u.hook_id`;

const SET_DELIVERY_STATE_SQL = `
UPDATE hooks h
SET last_delivery = v.last_delivery::json,
    failing_since = CASE WHEN v.set_failing_since THEN v.failing_since ELSE h.failing_since END
FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[])
  AS v(tenant_id, id, last_delivery, set_failing_since, failing_since)
WHERE h.tenant_id = v.tenant_id AND h.id = v.id`;

export interface CompleteAttemptsResult {
  landed: boolean[];
  /** A retry was scheduled or an ordered hook's next delivery is free: other nodes may have work now. */
  wake: boolean;
}

/** Runs inside the caller's transaction (the hook patches must commit with the attempts). */
export async function completeAttempts(
  db: Queryable,
  inputs: CompleteAttemptInput[],
  patchHook: (db: Queryable, tenantId: string, hookId: string, patch: HookPatch) => Promise<unknown>,
): Promise<CompleteAttemptsResult> {
  if (inputs.length === 0) return { landed: [], wake: false };
  const columns: unknown[][] = Array.from({ length: 20 }, () => []);
  for (const { owner, attempt, update } of inputs) {
    const row = [
      attempt.tenantId,
      attempt.deliveryId,
      owner,
      update.status,
      update.attempts,
      update.nextAttemptAt,
      update.lastAttemptAt,
      update.lastResponseStatus,
      update.lastError,
      // The attempt's end is this change's time: the store takes no clock of its own.
      Math.max(attempt.startedAt + attempt.durationMs, update.lastAttemptAt ?? 0),
      attempt.number,
      attempt.startedAt,
      attempt.durationMs,
      attempt.url,
      attempt.method,
      JSON.stringify(attempt.requestHeaders),
      attempt.responseStatus,
      attempt.responseBody,
      attempt.error,
      attempt.outcome,
    ];
    row.forEach((value, index) => columns[index].push(value));
  }
  // Named: prepared once per connection (see claim-deliveries.ts).
  const { rows } = await db.query({ name: 'deskhooks-complete-attempts', text: COMPLETE_ATTEMPTS_SQL, values: columns });
  const done = new Map<string, { hookId: string; ordered: boolean; status: string }>();
  for (const row of rows) done.set(`${row.tenant_id}\u0000${row.id}`, { hookId: row.hook_id, ordered: row.ordered === true, status: row.status });

  const patches = new Map<string, PendingHookPatch>();
  let wake = false;
  const landed = inputs.map(({ attempt, hookPatch }) => {
    const row = done.get(`${attempt.tenantId}\u0000${attempt.deliveryId}`);
    if (!row) return false;
    if (row.status === 'pending' || row.ordered) wake = true;
    addHookPatch(patches, attempt.tenantId, row.hookId, hookPatch);
    return true;
  });
  // In a stable order, so two nodes committing at once lock hook rows in the same order (no deadlock).
  const ordered = [...patches.values()].sort((a, b) => (a.hookId < b.hookId ? -1 : a.hookId > b.hookId ? 1 : 0));
  const states = ordered.filter((p) => isDeliveryStatePatch(p.patch));
  if (states.length > 0) {
    // Nearly every attempt's patch: one statement for all hooks of the commit (a fan-out touches thousands).
    await db.query({
      name: 'deskhooks-set-delivery-state',
      text: SET_DELIVERY_STATE_SQL,
      values: [
        states.map((p) => p.tenantId),
        states.map((p) => p.hookId),
        states.map((p) => JSON.stringify(p.patch.lastDelivery ?? null)),
        states.map((p) => 'failingSince' in p.patch),
        states.map((p) => p.patch.failingSince ?? null),
      ],
    });
  }
  for (const { tenantId, hookId, patch } of ordered) {
    if (!isDeliveryStatePatch(patch)) await patchHook(db, tenantId, hookId, patch);
  }
  return { landed, wake };
}
