import crypto from 'node:crypto';

/** At most how many leading characters of a key are kept (and shown) to recognise it. */
export const KEY_PREFIX_LENGTH = 12;

/** A new API key: `dhk_` + 32 random bytes, base64url (256 bits of entropy). */
export function generateApiKey(): string {
  return `dhk_${crypto.randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 (hex) of a key, the only form stored. A fast hash is right here: generated keys carry 256
 * random bits, so there is nothing to brute-force that a slow password hash (bcrypt, scrypt) would
 * protect, and a fast hash lets every request be checked by an indexed lookup. Keys set through
 * DESKHOOKS_API_KEY / DESKHOOKS_ADMIN_KEY are the operator's responsibility and must be long and random
 * (config.ts requires at least 16 characters).
 */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The recognisable start of a key, never more than a quarter of it (a generated key shows `dhk_` and
 * 7 characters), so a prefix seen in a console or a log narrows a guess by at most 1/4 of the key.
 */
export function keyPrefix(key: string): string {
  return key.slice(0, Math.min(KEY_PREFIX_LENGTH, Math.floor(key.length / 4)));
}
