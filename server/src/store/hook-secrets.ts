/**
 * Which hook fields are sealed at rest, and how both stores seal them on write and open them on read.
 * `auth` (endpoint credentials), `headers` (custom header values, some of them credentials) and
 * `secrets` (signing secrets) are each stored as one sealed JSON string in place of the JSON document,
 * so no column is added and a sealed value is told apart from a not-yet-sealed one (an object or
 * array, written before encryption existed) by its type alone.
 */
import type { HookRecord } from './store';
import type { SecretCipher } from './secret-box';

export const SEALED_HOOK_FIELDS = ['auth', 'headers', 'secrets'] as const;
export type SealedHookField = (typeof SEALED_HOOK_FIELDS)[number];

/** Binds a sealed value to its row and field: the same ciphertext moved elsewhere does not open. */
export function hookAad(tenantId: string, hookId: string, field: SealedHookField): string {
  return `hook:${tenantId}/${hookId}/${field}`;
}

/** A copy of `record` (a whole hook or a patch) with every sealed field present replaced by its sealed string. */
export function sealHookFields<T extends Partial<HookRecord>>(cipher: SecretCipher, tenantId: string, hookId: string, record: T): T {
  let sealed: T | undefined;
  for (const field of SEALED_HOOK_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    sealed ??= { ...record };
    (sealed as Record<string, unknown>)[field] = cipher.seal(JSON.stringify(value), hookAad(tenantId, hookId, field));
  }
  return sealed ?? record;
}

/** The value of one stored field, opened: a sealed string is decrypted, a legacy plain document is returned as is. */
export function openHookField(cipher: SecretCipher, tenantId: string, hookId: string, field: SealedHookField, stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  return JSON.parse(cipher.open(stored, hookAad(tenantId, hookId, field)));
}

/**
 * The hook as the rest of deskhooks uses it: its sealed fields opened, each on first read. Matching an
 * event reads every candidate hook (10,000 for a large fan-out) but never its secrets, so it decrypts
 * nothing; a delivery, the API or a copy of the record opens what it reads, once.
 */
export function openHookFields(cipher: SecretCipher, hook: HookRecord): HookRecord {
  const opened = { ...hook } as Record<string, unknown>;
  for (const field of SEALED_HOOK_FIELDS) {
    const stored = opened[field];
    if (typeof stored !== 'string') continue;
    Object.defineProperty(opened, field, {
      enumerable: true,
      configurable: true,
      get() {
        const value = openHookField(cipher, hook.tenantId, hook.id, field, stored);
        Object.defineProperty(opened, field, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        Object.defineProperty(opened, field, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return opened as unknown as HookRecord;
}

/** One row the startup sweep must (re-)seal: plain, or sealed under a key other than the primary. */
export interface SweepRow {
  tenantId: string;
  hookId: string;
  /** Each field as stored (parsed JSON: a sealed string, or a legacy object/array). */
  fields: Record<SealedHookField, unknown>;
}

/** Each field of a sweep row sealed under the primary key (opening older values first). */
export function resealRow(cipher: SecretCipher, row: SweepRow): Record<SealedHookField, string> {
  const out = {} as Record<SealedHookField, string>;
  for (const field of SEALED_HOOK_FIELDS) {
    const stored = row.fields[field];
    if (typeof stored === 'string' && cipher.isSealed(stored) && cipher.isCurrent(stored)) {
      out[field] = stored;
      continue;
    }
    const plain = openHookField(cipher, row.tenantId, row.hookId, field, stored);
    out[field] = cipher.seal(JSON.stringify(plain), hookAad(row.tenantId, row.hookId, field));
  }
  return out;
}

/** How a row's stored field text starts when it is sealed under the primary key (a JSON string). */
export function currentPrefix(cipher: SecretCipher): string {
  return `"v1.${cipher.primaryKeyId}.`;
}
