/**
 * The SQLite claim: due deliveries whose lease is free or expired, in due order, skipping hooks the
 * engine asked to skip (at their cap locally) and, for an ordered hook, all but its oldest pending
 * delivery while none of its deliveries is leased. A stream hook's deliveries only when the engine
 * names the hook (a consumer is connected here). One IMMEDIATE transaction selects and leases.
 * test/store/sqlite-hot-paths.test.ts checks CLAIMABLE_SQL's plan uses the due index.
 */
import type Database from 'better-sqlite3';
import type { ClaimedDelivery, ClaimOptions, HookRecord } from '../store';
import { deliveryFromRow, eventFromRow, type Row } from './rows';

export const CLAIMABLE_SQL = `SELECT d.* FROM deliveries d JOIN hooks h ON h.id = d.hook_id
 WHERE d.status = 'pending' AND d.next_attempt_at <= @now
   AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= @now)
   AND d.hook_id NOT IN (SELECT value FROM json_each(@excluded))
   AND (h.destination <> 'stream' OR d.hook_id IN (SELECT value FROM json_each(@streams)))
   AND (h.ordered = 0 OR (
     d.seq = (SELECT MIN(o.seq) FROM deliveries o WHERE o.hook_id = d.hook_id AND o.status = 'pending')
     AND NOT EXISTS (SELECT 1 FROM deliveries l WHERE l.hook_id = d.hook_id AND l.status = 'pending'
                     AND l.lease_expires_at > @now)))
 ORDER BY d.next_attempt_at, d.seq
 LIMIT @limit`;

export function createClaimer(db: Database.Database, hookOf: (row: Row) => HookRecord) {
  const claimable = db.prepare(CLAIMABLE_SQL);
  const lease = db.prepare('UPDATE deliveries SET lease_owner = ?, lease_expires_at = ? WHERE seq = ?');
  const eventById = db.prepare('SELECT * FROM events WHERE tenant_id = ? AND id = ?');
  const hookById = db.prepare('SELECT * FROM hooks WHERE id = ?');
  const orphan = db.prepare(
    `UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL,
       last_error = 'the event no longer exists', cancel_reason = 'event_missing', updated_at = ? WHERE seq = ?`,
  );

  const claim = db.transaction((options: ClaimOptions): ClaimedDelivery[] => {
    const { owner, leaseMs, limit, now } = options;
    const rows = claimable.all({ now, limit, excluded: JSON.stringify(options.excludeHookIds ?? []), streams: JSON.stringify(options.streamHookIds ?? []) }) as Row[];
    const claimed: ClaimedDelivery[] = [];
    const hooks = new Map<string, HookRecord>();
    // A fan-out claims many deliveries of one event: parse its data once.
    const events = new Map<string, ClaimedDelivery['event']>();
    for (const row of rows) {
      let event = events.get(row.event_id);
      if (!event) {
        const eventRow = eventById.get(row.tenant_id, row.event_id) as Row | undefined;
        if (!eventRow) {
          orphan.run(now, row.seq);
          continue;
        }
        event = eventFromRow(eventRow);
        events.set(row.event_id, event);
      }
      let hook = hooks.get(row.hook_id);
      if (!hook) {
        hook = hookOf(hookById.get(row.hook_id) as Row);
        hooks.set(hook.id, hook);
      }
      lease.run(owner, now + leaseMs, row.seq);
      claimed.push({ delivery: deliveryFromRow({ ...row, lease_owner: owner, lease_expires_at: now + leaseMs }), hook, event });
    }
    return claimed;
  });

  return (options: ClaimOptions): ClaimedDelivery[] => (options.limit <= 0 ? [] : claim.immediate(options));
}
