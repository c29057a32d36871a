import crypto from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for tests. `TEST_DATABASE_URL` names a server the tests may create databases on (CI:
 * postgres://postgres@127.0.0.1:5432/test). Each test file works in its own throwaway database, so
 * files running in parallel never see each other's rows, and drops it at the end.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/**
 * `describe` for suites that need PostgreSQL. Without TEST_DATABASE_URL they are skipped with a
 * visible warning, except in CI, where a missing database must fail the run rather than pass it
 * by skipping.
 */
export function describeWithPostgres(name: string, body: (databaseUrl: string) => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, () => body(TEST_DATABASE_URL));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      test('when CI is set, then TEST_DATABASE_URL points at the PostgreSQL these tests need', () => {
        throw new Error('TEST_DATABASE_URL is not set: in CI the PostgreSQL suites must run (see .ci/run)');
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it`);
  describe.skip(name, () => body('postgres://skipped'));
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A new empty schema in this database, and a URL whose connections use it. */
  createSchema(): Promise<string>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(serverUrl: string, prefix = 'deskhooks_t'): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  let schemas = 0;
  return {
    name,
    url,
    async createSchema() {
      const schema = `s${++schemas}_${crypto.randomBytes(3).toString('hex')}`;
      await admin(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return scoped.toString();
    },
    async drop() {
      await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
