import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './store';
import { createSqliteStore } from './sqlite/sqlite-store';

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
    const store = await createPostgresStore(databaseUrl, options);
    await store.migrate();
    return store;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !databaseUrl.startsWith('file:')) {
    throw new StoreConfigError(`DATABASE_URL must be an SQLite path, a file: URL or a postgres:// URL, not ${redact(databaseUrl)}`);
  }
  const store = createSqliteStore(databaseUrl);
  await store.migrate();
  return store;
}

/** Never print a password from a connection string. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
