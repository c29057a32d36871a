/**
 * The hooks an event may go to, read through the matching index only: hook_events holds rows just
 * for active, undeleted hooks, keyed by (tenant, type), so the cost follows the number of candidates,
 * not the number of hooks. Filters are the caller's (the plan evaluates them).
 *
 * Takes the placeholders for the tenant id, event type and brand, so the query can be embedded in a
 * larger statement.
 */
export function candidateHooksSql(tenant: string, type: string, brand: string): string {
  return `
SELECT h.* FROM hooks h
WHERE h.tenant_id = ${tenant} AND h.id IN (
  SELECT hook_id FROM hook_events
  WHERE tenant_id = ${tenant} AND event_type IN (${type}, '*') AND (brand IS NULL OR brand = ${brand}))`;
}

export const CANDIDATE_HOOKS_SQL = candidateHooksSql('$1', '$2', '$3');
