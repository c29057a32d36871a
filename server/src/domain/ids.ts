import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-style id (48-bit time, 80 random bits, Crockford base32) behind a prefix: sortable by
 * creation, unique across nodes without coordination, and recognisable by kind (`hook_`, `evt_`…).
 */
export function prefixedId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i += 1) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const at = takeRandom(16);
  let random = '';
  for (let i = 0; i < 16; i += 1) random += ALPHABET[pool[at + i] % 32];
  return `${prefix}_${time}${random}`;
}

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time: ids are made for every event and delivery
 * on the publish path, and a getrandom() system call per id cost more than the rest of the id.
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function takeRandom(size: number): number {
  if (poolAt + size > pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += size;
  return at;
}

export const newHookId = (now?: number): string => prefixedId('hook', now);
export const newEventId = (now?: number): string => prefixedId('evt', now);
export const newTenantId = (now?: number): string => prefixedId('ten', now);
export const newApiKeyId = (now?: number): string => prefixedId('key', now);

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64')}`;
}
