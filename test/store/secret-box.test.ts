/** The sealing module both stores use: key formats, what a sealed value binds, and what refuses to open. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EncryptionKeyError,
  SecretDecryptionError,
  createSecretCipher,
  keyFingerprint,
  loadOrCreateKeyFile,
  parseEncryptionKeys,
} from '../../server/src/store/secret-box';

const raw = () => crypto.randomBytes(32);

describe('DESKHOOKS_ENCRYPTION_KEY', () => {
  test('when keys are given as base64, base64url or hex, with or without ids, then each becomes a 32-byte key, the first one encrypting', () => {
    const [a, b, c] = [raw(), raw(), raw()];
    const keys = parseEncryptionKeys(`new:${a.toString('base64')}, ${b.toString('base64url')},old:${c.toString('hex')}`);
    expect(keys.map((k) => k.id)).toEqual(['new', keyFingerprint(b), 'old']);
    expect(keys.map((k) => k.key)).toEqual([a, b, c]);
    expect(createSecretCipher(keys).primaryKeyId).toBe('new');
  });

  test.each([
    ['too short', 'c2hvcnQ=', /key 1 must be 32 bytes/],
    ['an empty entry', `${raw().toString('base64')},`, /empty entry/],
    ['a bad id', `bad id:${raw().toString('base64')}`, /key 1: the id must be/],
    ['the same id twice', `k:${raw().toString('base64')},k:${raw().toString('base64')}`, /names key id k twice/],
  ])('when the value has %s, then it is refused without showing the key', (_label, value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
    try {
      parseEncryptionKeys(value);
    } catch (error) {
      expect(error).toBeInstanceOf(EncryptionKeyError);
      expect((error as Error).message).not.toContain(value.split(',')[0].split(':').pop());
    }
  });
});

describe('sealing', () => {
  const keys = [{ id: 'k1', key: raw() }];

  test('when a value is sealed twice, then the two differ (random IV) and both open to it', () => {
    const cipher = createSecretCipher(keys);
    const first = cipher.seal('s3cret', 'hook:t/h/auth');
    const second = cipher.seal('s3cret', 'hook:t/h/auth');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.k1\./);
    expect(first).not.toContain('s3cret');
    expect(cipher.open(first, 'hook:t/h/auth')).toBe('s3cret');
    expect(createSecretCipher(keys).open(second, 'hook:t/h/auth')).toBe('s3cret');
  });

  test('when a sealed value is moved to another row, altered, or opened without its key, then it does not open', () => {
    const cipher = createSecretCipher(keys);
    const sealed = cipher.seal('s3cret', 'hook:t/h/auth');
    const fresh = () => createSecretCipher(keys);
    expect(() => fresh().open(sealed, 'hook:t/other/auth')).toThrow(SecretDecryptionError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('x'.repeat(6)).toString('base64url');
    expect(() => fresh().open(parts.join('.'), 'hook:t/h/auth')).toThrow(/does not open with key "k1"/);
    expect(() => createSecretCipher([{ id: 'k2', key: raw() }]).open(sealed, 'hook:t/h/auth')).toThrow(/sealed with key "k1"/);
  });

  test('when the primary key changes, then old values still open and are no longer current', () => {
    const old = createSecretCipher(keys);
    const sealed = old.seal('s3cret', 'a');
    const rotated = createSecretCipher([{ id: 'k2', key: raw() }, ...keys]);
    expect(rotated.isCurrent(sealed)).toBe(false);
    expect(rotated.open(sealed, 'a')).toBe('s3cret');
    expect(rotated.isCurrent(rotated.seal('s3cret', 'a'))).toBe(true);
  });
});

describe('the SQLite key file', () => {
  test('when no key file exists, then one is created with mode 0600 and read back the same by the next start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-keyfile-'));
    try {
      const file = path.join(dir, 'x.db.key');
      const created = loadOrCreateKeyFile(file);
      expect(created.created).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const again = loadOrCreateKeyFile(file);
      expect(again).toMatchObject({ created: false, looseMode: false });
      expect(again.keys).toEqual(created.keys);
      expect(fs.readdirSync(dir)).toEqual(['x.db.key']);
      fs.chmodSync(file, 0o644);
      expect(loadOrCreateKeyFile(file).looseMode).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
