import { openHookFields, sealHookFields } from '../hook-secrets';
import type { SecretCipher } from '../secret-box';
import type { HookRecord } from '../store';
import { fromRow, hookColumns, insertSql, setClause } from './columns';
import type { Queryable } from './transaction';

export type HookPatch = Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>;

const editableColumns = hookColumns.filter((column) => !['id', 'tenantId', 'createdAt'].includes(column.field));

/** Fields that decide whether, and for which events, a hook is a matching candidate. */
const MATCHING_FIELDS: ReadonlyArray<keyof HookRecord> = ['events', 'brand', 'status', 'deletedAt'];

/** A hooks row (or its row_to_json) as the rest of deskhooks sees it: sealed fields opened. */
export function hookFromRow(cipher: SecretCipher, row: Record<string, unknown>): HookRecord {
  return openHookFields(cipher, fromRow<HookRecord>(hookColumns, row));
}

export async function getHook(db: Queryable, cipher: SecretCipher, tenantId: string, id: string): Promise<HookRecord | undefined> {
  const { rows } = await db.query('SELECT * FROM hooks WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  return rows[0] ? hookFromRow(cipher, rows[0]) : undefined;
}

/** Call inside a transaction: the hook and its matching rows change together. */
export async function insertHook(db: Queryable, cipher: SecretCipher, hook: HookRecord): Promise<void> {
  const { text, values } = insertSql('hooks', hookColumns, [sealHookFields(cipher, hook.tenantId, hook.id, hook)]);
  await db.query(text, values);
  await syncHookEvents(db, hook);
}

/** Call inside a transaction. Returns the hook after the change, or undefined when there is none. */
export async function patchHook(
  db: Queryable,
  cipher: SecretCipher,
  tenantId: string,
  id: string,
  patch: HookPatch,
): Promise<HookRecord | undefined> {
  const values: unknown[] = [tenantId, id];
  const assignments = setClause(editableColumns, sealHookFields(cipher, tenantId, id, patch), values);
  if (assignments.length === 0) return getHook(db, cipher, tenantId, id);
  const { rows } = await db.query(
    `UPDATE hooks SET ${assignments.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    values,
  );
  if (!rows[0]) return undefined;
  const hook = hookFromRow(cipher, rows[0]);
  if (MATCHING_FIELDS.some((field) => (patch as Record<string, unknown>)[field] !== undefined)) await syncHookEvents(db, hook);
  return hook;
}

/**
 * Rewrites the hook's rows in the matching index (hook_events): one per subscribed type, present only
 * while the hook can receive deliveries (active, not deleted).
 */
async function syncHookEvents(db: Queryable, hook: HookRecord): Promise<void> {
  await db.query('DELETE FROM hook_events WHERE tenant_id = $1 AND hook_id = $2', [hook.tenantId, hook.id]);
  if (hook.status !== 'active' || hook.deletedAt !== null) return;
  const types = [...new Set(hook.events)];
  if (types.length === 0) return;
  await db.query(
    `INSERT INTO hook_events (tenant_id, event_type, hook_id, brand)
     SELECT $1, type, $2, $3 FROM unnest($4::text[]) AS type`,
    [hook.tenantId, hook.id, hook.brand, types],
  );
}
