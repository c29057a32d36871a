import type { ClaimedDelivery, DeliveryRecord, EventRecord, HookRecord } from '../store';
import { deliveryColumns, eventColumns, fromRow, hookColumns } from './columns';
import type { Queryable } from './transaction';

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  limit: number;
  now: number;
}

/**
 * The whole claim, as one statement (so one round trip and no transaction left open while sending):
 *
 * - `due` picks pending deliveries that are due and not leased (or whose lease expired: the node that
 *   held it died or stalled, and the work is taken over), and locks them `FOR UPDATE SKIP LOCKED`, so
 *   nodes claiming at the same moment each take different rows instead of queueing on each other.
 *   A row another node leased and committed after this statement's snapshot is re-checked once locked
 *   (READ COMMITTED re-evaluates the WHERE clause on the newest row version), so it is never claimed
 *   twice.
 * - An ordered hook's delivery is claimable only when it is the hook's oldest pending one (lowest seq)
 *   and no delivery of the hook is leased: at most one is ever in flight, oldest first.
 * - `claimed` writes the lease (owner + expiry). A delivery whose event is gone (pruned) cannot be
 *   sent: it is cancelled instead, so it stops counting as due.
 * - The final select joins each leased delivery with its hook and event, which the worker needs.
 */
export const CLAIM_SQL = `
WITH due AS (
  SELECT d.tenant_id, d.id, (e.id IS NOT NULL) AS sendable
  FROM deliveries d
  JOIN hooks h ON h.tenant_id = d.tenant_id AND h.id = d.hook_id
  LEFT JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
  WHERE d.status = 'pending'
    AND d.next_attempt_at <= $1
    AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= $1)
    AND (NOT h.ordered OR NOT EXISTS (
      SELECT 1 FROM deliveries o
      WHERE o.tenant_id = d.tenant_id AND o.hook_id = d.hook_id AND o.status = 'pending' AND o.id <> d.id
        AND (o.seq < d.seq OR o.lease_expires_at > $1)
    ))
  ORDER BY d.next_attempt_at, d.seq
  LIMIT $2
  FOR UPDATE OF d SKIP LOCKED
),
claimed AS (
  UPDATE deliveries d
  SET lease_owner = CASE WHEN due.sendable THEN $3 END,
      lease_expires_at = CASE WHEN due.sendable THEN $4::bigint END,
      status = CASE WHEN due.sendable THEN d.status ELSE 'cancelled' END,
      next_attempt_at = CASE WHEN due.sendable THEN d.next_attempt_at END,
      last_error = CASE WHEN due.sendable THEN d.last_error ELSE 'the event no longer exists' END,
      updated_at = CASE WHEN due.sendable THEN d.updated_at ELSE $1 END
  FROM due
  WHERE d.tenant_id = due.tenant_id AND d.id = due.id
  RETURNING d.*
)
SELECT row_to_json(claimed) AS delivery, row_to_json(h) AS hook, row_to_json(e) AS event
FROM claimed
JOIN hooks h ON h.tenant_id = claimed.tenant_id AND h.id = claimed.hook_id
JOIN events e ON e.tenant_id = claimed.tenant_id AND e.id = claimed.event_id
WHERE claimed.status = 'pending'
ORDER BY claimed.next_attempt_at, claimed.seq
`;

export async function claimDeliveries(db: Queryable, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const { rows } = await db.query(CLAIM_SQL, [options.now, options.limit, options.owner, options.now + options.leaseMs]);
  return rows.map((row: Record<string, any>) => ({
    delivery: fromRow<DeliveryRecord>(deliveryColumns, row.delivery),
    hook: fromRow<HookRecord>(hookColumns, row.hook),
    event: fromRow<EventRecord>(eventColumns, row.event),
  }));
}
