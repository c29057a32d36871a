import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './store';
import { type EncryptionKey, SecretDecryptionError, createSecretCipher, loadOrCreateKeyFile } from './secret-box';
import { createSqliteStore, keyFileFor, sqlitePathFromUrl } from './sqlite/sqlite-store';

export class StoreConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConfigError';
  }
}

export interface CreateStoreOptions {
  /** PostgreSQL pool size and connect timeout (PG_POOL_MAX, PG_CONNECT_TIMEOUT_MS). */
  pgPoolMax?: number;
  pgConnectTimeoutMs?: number;
  /** DESKHOOKS_ENCRYPTION_KEY, parsed; null or absent: unset. */
  encryptionKeys?: EncryptionKey[] | null;
  /** SQLite busy timeout (DESKHOOKS_SQLITE_BUSY_TIMEOUT_MS). */
  sqliteBusyTimeoutMs?: number;
  /** Things an operator should know at start (the key file in use). */
  onWarning?: (message: string) => void;
  [key: string]: unknown;
}

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/**
 * Opens (and migrates) the store DATABASE_URL names: a `postgres://`/`postgresql://` URL selects
 * PostgreSQL, anything else is an SQLite file path or `file:` URL.
 */
export async function createStore(databaseUrl: string, options: CreateStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) {
    if (!options.encryptionKeys?.length) {
      // Nodes share the database, so they must share the key: no per-node key file can stand in.
      throw new StoreConfigError(
        'DESKHOOKS_ENCRYPTION_KEY is required with PostgreSQL: it encrypts hook secrets at rest and every node needs the same key (generate one with: openssl rand -base64 32)',
      );
    }
    const modulePath = path.join(__dirname, 'postgres', 'postgres-store');
    const exists = ['.ts', '.js'].some((ext) => fs.existsSync(modulePath + ext));
    if (!exists) {
      throw new StoreConfigError(
        'DATABASE_URL selects PostgreSQL, but this build has no PostgreSQL store (server/src/store/postgres/postgres-store.ts); use an SQLite path',
      );
    }
    // Loaded lazily so that SQLite-only installs never load pg.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPostgresStore } = require('./postgres/postgres-store') as {
      createPostgresStore: (url: string, options: CreateStoreOptions) => Promise<Store> | Store;
    };
    const store = await createPostgresStore(databaseUrl, { ...options, cipher: createSecretCipher(options.encryptionKeys) });
    await migrateOrExplain(store);
    return store;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !databaseUrl.startsWith('file:')) {
    throw new StoreConfigError(`DATABASE_URL must be an SQLite path, a file: URL or a postgres:// URL, not ${redact(databaseUrl)}`);
  }
  const filename = sqlitePathFromUrl(databaseUrl);
  let keys = options.encryptionKeys ?? null;
  if (keys && filename !== ':memory:' && fs.existsSync(keyFileFor(filename))) {
    // Moving from the key file to DESKHOOKS_ENCRYPTION_KEY: the file's key still opens what it sealed,
    // and the start-up sweep re-seals it all under the new key.
    const fromFile = loadOrCreateKeyFile(keyFileFor(filename)).keys.filter((k) => !keys!.some((given) => given.id === k.id));
    keys = [...keys, ...fromFile];
  }
  let store: Store;
  try {
    store = createSqliteStore(databaseUrl, {
      cipher: keys ? createSecretCipher(keys) : undefined,
      busyTimeoutMs: options.sqliteBusyTimeoutMs,
      onWarning: options.onWarning,
    });
  } catch (error) {
    if (error instanceof SecretDecryptionError) throw new StoreConfigError(`cannot read the stored hook secrets: ${error.message}`);
    const why = describeOpenError(error);
    if (why === null) throw error;
    throw new StoreConfigError(`cannot open the SQLite database ${filename}: ${why}`);
  }
  await migrateOrExplain(store);
  return store;
}

/** The start-up sweep (re-)seals hook secrets; a key that cannot open them is an operator's mistake. */
async function migrateOrExplain(store: Store): Promise<void> {
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof SecretDecryptionError) throw new StoreConfigError(`cannot read the stored hook secrets: ${error.message}`);
    throw error;
  }
}

/**
 * One line on why the file (or its key file) could not be opened for writing, with what to check; null
 * for anything that is not about the file (a bug, which keeps its stack trace).
 */
function describeOpenError(error: unknown): string | null {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return `${message} (the file or its directory is read-only for this user; deskhooks needs to write both)`;
  }
  if (code.startsWith('SQLITE_CANTOPEN') || ['SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EEXIST'].includes(code)) {
    return `${message} (check that the path is a writable file in a writable directory)`;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return `${message} (the file is not a usable SQLite database)`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code.startsWith('SQLITE_IOERR')) return `${message} (check the disk)`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `${message} (another process held the database for more than 5 s)`;
  return null;
}

/** Never print a password from a connection string. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
