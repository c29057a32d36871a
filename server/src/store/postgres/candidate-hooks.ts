import type { EventRecord, HookRecord } from '../store';
import { fromRow, hookColumns } from './columns';
import type { Queryable } from './transaction';

/**
 * The hooks an event may go to, read through the matching index only: hook_events holds rows just
 * for active, undeleted hooks, keyed by (tenant, type), so the cost follows the number of candidates,
 * not the number of hooks. Filters are the caller's (the plan evaluates them).
 */
export const CANDIDATE_HOOKS_SQL = `
SELECT ${hookColumns.map((column) => `h."${column.column}"`).join(', ')}
FROM hooks h
WHERE h.tenant_id = $1 AND h.id IN (
  SELECT hook_id FROM hook_events
  WHERE tenant_id = $1 AND event_type IN ($2, '*') AND (brand IS NULL OR brand = $3))
ORDER BY h.seq`;

export async function loadCandidateHooks(db: Queryable, event: Pick<EventRecord, 'tenantId' | 'type' | 'brand'>): Promise<HookRecord[]> {
  const { rows } = await db.query(CANDIDATE_HOOKS_SQL, [event.tenantId, event.type, event.brand]);
  return rows.map((row) => fromRow<HookRecord>(hookColumns, row));
}
