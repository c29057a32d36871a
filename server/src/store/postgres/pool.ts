import { Pool, types as pgTypes, type PoolConfig } from 'pg';

export interface PostgresPoolOptions {
  /** Most connections this node opens for queries (the LISTEN connection comes on top). */
  poolMax: number;
  /** How long to wait for a new connection, including the wait for a free pooled one. */
  connectTimeoutMs: number;
  /** Closes pooled connections idle this long. Default 30 s. */
  idleTimeoutMs?: number;
  /** Server-side limit on one statement; 0 or absent: none. */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity. Default `deskhooks`. */
  applicationName?: string;
}

const BIGINT_OID = 20;

/**
 * Epoch milliseconds are bigint columns; pg hands them over as strings by default. They fit a JS
 * number exactly, so parse them here, for this pool only (no global type parser side effect).
 */
const storeTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === BIGINT_OID && format !== 'binary') return (value: string) => Number(value);
    return pgTypes.getTypeParser(oid, format as any);
  },
};

/** `postgres://user:secret@host:5432/db` → `postgres://user@host:5432/db`: safe to log. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'the configured PostgreSQL URL (unparseable)';
  }
}

/** `localhost` may try ::1 and 127.0.0.1; Node then throws an AggregateError with an empty message. */
function reasonOf(cause: unknown): string {
  const error = cause as { message?: string; code?: string; errors?: unknown[] };
  if (error?.message) return error.message;
  if (Array.isArray(error?.errors) && error.errors.length) return error.errors.map(reasonOf).join('; ');
  return error?.code ?? String(cause);
}

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${reasonOf(cause)}`, { cause });
    this.name = 'DatabaseUnreachableError';
  }
}

export function createPool(url: string, options: PostgresPoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'deskhooks',
    types: storeTypes as PoolConfig['types'],
  };
  if (options.statementTimeoutMs) config.statement_timeout = options.statementTimeoutMs;
  const pool = new Pool(config);
  // An idle pooled connection that the server drops must not crash the process; the next query
  // simply opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Opens one connection and asks for the schema the store will work in, turning any failure into a
 * clear, password-free error.
 */
export async function checkConnection(pool: Pool, url: string): Promise<{ schema: string }> {
  try {
    const { rows } = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    return { schema: rows[0]?.schema ?? 'public' };
  } catch (error) {
    throw new DatabaseUnreachableError(url, error);
  }
}
