/**
 * Secrets at rest: AES-256-GCM under the keys of DESKHOOKS_ENCRYPTION_KEY (or, on SQLite only, a key
 * file beside the database). Both stores seal a hook's signing secrets, endpoint credentials and
 * custom headers before writing them and open them when reading, so the rest of deskhooks (the API,
 * the delivery engine) only ever sees plain hook records.
 *
 * A sealed value is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): the key id travels with
 * the value so keys can be rotated (the first key encrypts, every listed key decrypts), and the
 * additional data binds each value to its tenant, hook and field, so a value copied into another
 * row does not open.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

export interface EncryptionKey {
  /** Stored beside every value it seals; letters, digits, `_` and `-`. */
  id: string;
  key: Buffer;
}

/** The format of DESKHOOKS_ENCRYPTION_KEY was wrong; the message names the problem, never the key. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

/** A sealed value names a key the configured keys do not hold, or fails authentication. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptionError';
  }
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const SEALED = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

/** 32 bytes from base64, base64url or 64 hex digits, or null. */
function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}

/** A short id derived from the key itself, for keys given without one. */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHash('sha256').update('deskhooks-key-id').update(key).digest('hex').slice(0, 8);
}

/**
 * Parses DESKHOOKS_ENCRYPTION_KEY: one or more comma-separated keys, each `[id:]key` where key is 32
 * random bytes as base64/base64url or 64 hex digits (`openssl rand -base64 32`). The first encrypts;
 * all decrypt. A key without an id gets a fingerprint of itself as its id.
 */
export function parseEncryptionKeys(text: string, source = 'DESKHOOKS_ENCRYPTION_KEY'): EncryptionKey[] {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) throw new EncryptionKeyError(`${source} has an empty entry (keys are separated by commas)`);
  const keys: EncryptionKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? null : entry.slice(0, colon);
    const key = decodeKey(colon === -1 ? entry : entry.slice(colon + 1));
    if (id !== null && !KEY_ID.test(id)) {
      throw new EncryptionKeyError(`${source} key ${index + 1}: the id must be 1-32 letters, digits, _ or -`);
    }
    if (!key) {
      throw new EncryptionKeyError(`${source} key ${index + 1} must be 32 bytes as base64 or 64 hex digits (e.g. openssl rand -base64 32)`);
    }
    const keyId = id ?? keyFingerprint(key);
    if (keys.some((other) => other.id === keyId)) throw new EncryptionKeyError(`${source} names key id ${keyId} twice`);
    keys.push({ id: keyId, key });
  }
  return keys;
}

export interface SecretCipher {
  /** The id of the key new values are sealed with. */
  readonly primaryKeyId: string;
  /** `aad` binds the value to where it is stored (it must be given again to open it). */
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
  /** Whether `value` is a sealed value (of any key). */
  isSealed(value: unknown): value is string;
  /** Whether `sealed` was sealed under the primary key (else the startup sweep re-seals it). */
  isCurrent(sealed: string): boolean;
}

/**
 * Opened values by (aad, sealed value): hooks are read on every claim, decryption need not be. Three
 * values a hook, so a fan-out to 10,000 hooks stays cached (about 12 MB at most).
 */
const CACHE_LIMIT = 30_000;

export function createSecretCipher(keys: EncryptionKey[]): SecretCipher {
  if (keys.length === 0) throw new EncryptionKeyError('at least one encryption key is needed');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const primary = keys[0];
  const cache = new Map<string, string>();

  return {
    primaryKeyId: primary.id,
    seal(plaintext, aad) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', primary.key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, primary.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const cacheKey = `${aad}\n${sealed}`;
      const hit = cache.get(cacheKey);
      if (hit !== undefined) return hit;
      const match = SEALED.exec(sealed);
      if (!match) throw new SecretDecryptionError(`the ${aad} value is not a sealed value`);
      const [, keyId, iv, tag, ciphertext] = match;
      const key = byId.get(keyId);
      if (!key) {
        throw new SecretDecryptionError(
          `the ${aad} value is sealed with key "${keyId}", which DESKHOOKS_ENCRYPTION_KEY does not hold (keep old keys listed after the new one until the restart has re-sealed everything)`,
        );
      }
      let plaintext: string;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptionError(`the ${aad} value does not open with key "${keyId}" (wrong key, or the value was altered or moved)`);
      }
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(cacheKey, plaintext);
      return plaintext;
    },
    isSealed(value): value is string {
      return typeof value === 'string' && SEALED.test(value);
    },
    isCurrent(sealed) {
      return sealed.startsWith(`${VERSION}.${primary.id}.`);
    },
  };
}

export interface KeyFileResult {
  keys: EncryptionKey[];
  /** true when this call created the file. */
  created: boolean;
  /** Set when an existing file is readable by group or others. */
  looseMode: boolean;
}

/**
 * The embedded store's fallback when DESKHOOKS_ENCRYPTION_KEY is unset: a random key in a file beside
 * the database, created with mode 0600 (and exclusively, so two processes starting together end up
 * with the same key). Anyone who copies the database without the key file cannot read the secrets.
 */
export function loadOrCreateKeyFile(file: string): KeyFileResult {
  if (!fs.existsSync(file)) {
    // Written whole under a temporary name, then linked into place: link fails if another process
    // got there first, and nobody ever reads a half-written key.
    const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temporary, file);
      return { keys: parseEncryptionKeys(fs.readFileSync(file, 'utf8').trim(), file), created: true, looseMode: false };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  const looseMode = process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0;
  return { keys: parseEncryptionKeys(text, file), created: false, looseMode };
}
