/** Starting deskhooks under test on a fresh database, and talking to its API. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { Client } from 'pg';
import { spawnChild, type Child } from './rpc';
import { BENCH_EVENT_TYPE, WARM_UP_EVENT_TYPE, publishBody, warmUpBody } from './envelope';
import { closedLoop } from './load';

export type StoreKind = 'sqlite' | 'postgres';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
  /**
   * PostgreSQL: refreshes the planner's statistics (ANALYZE), as autovacuum does within about a
   * minute of a large change. A table filled seconds ago has none yet.
   */
  analyze?(): Promise<void>;
}

export interface StoreTarget {
  kind: StoreKind;
  /** A new empty database for one scenario, so no scenario sees another's rows. */
  fresh(label: string): Promise<FreshDatabase>;
}

export function sqliteTarget(): StoreTarget {
  return {
    kind: 'sqlite',
    async fresh(label) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `deskhooks-bench-${label}-`));
      return {
        url: path.join(dir, 'deskhooks.db'),
        async drop() {
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** One database per scenario on the given server (CREATE DATABASE … / DROP DATABASE … WITH (FORCE)). */
export function postgresTarget(adminUrl: string): StoreTarget {
  let counter = 0;
  return {
    kind: 'postgres',
    async fresh(label) {
      const name = `deskhooks_bench_${process.pid}_${++counter}_${label.replace(/[^a-z0-9]+/gi, '_')}`.toLowerCase().slice(0, 63);
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        async analyze() {
          const client = new Client({ connectionString: url.toString() });
          await client.connect();
          try {
            await client.query('ANALYZE');
          } finally {
            await client.end();
          }
        },
        async drop() {
          const client = new Client({ connectionString: adminUrl });
          await client.connect();
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export interface ServerInfo {
  url: string;
  store: StoreKind;
  workerConcurrency: number;
  leaseMs: number;
}

export interface Deskhooks {
  child: Child;
  info: ServerInfo;
  apiKey: string;
  /** The admin key (creates more tenants). */
  adminKey: string;
  db: FreshDatabase;
  /** Stops the server process and drops its database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  label: string;
  startEngine: boolean;
  /** An already seeded database (backlog); otherwise a fresh one is made. */
  db?: FreshDatabase;
  cpuProfDir: string | null;
  logLevel: string;
}

/** The key the bench servers and the backlog seeder share (a bench database holds no real secrets). */
export const BENCH_ENCRYPTION_KEY = `bench:${Buffer.alloc(32, 1).toString('base64')}`;

export async function startDeskhooks(target: StoreTarget, options: StartOptions): Promise<Deskhooks> {
  const db = options.db ?? (await target.fresh(options.label));
  const apiKey = `dk_bench_${crypto.randomBytes(18).toString('hex')}`;
  const adminKey = `dk_admin_${crypto.randomBytes(18).toString('hex')}`;
  // One directory per server: node names the files CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, thread 0
  // being the main thread (tsx's loader thread writes one too).
  const nodeFlags = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.cpuProfDir, `${target.kind}-${options.label}`)}`] : [];
  let child: Child | undefined;
  try {
    child = await spawnChild('deskhooks-server', {
      nodeFlags,
      stdout: 'ignore',
      env: {
        DATABASE_URL: db.url,
        DESKHOOKS_API_KEY: apiKey,
        DESKHOOKS_ADMIN_KEY: adminKey,
        DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
        PORT: '0',
        LOG_LEVEL: options.logLevel,
        DESKHOOKS_NODE_ID: `bench-${options.label}`,
        // PostgreSQL needs a key (SQLite would fall back to a key file); the seeder seals with the same one.
        DESKHOOKS_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
      },
    });
    const info = await child.call<ServerInfo>('start', { startEngine: options.startEngine }, 120_000);
    const started = child;
    return {
      child: started,
      info,
      apiKey,
      adminKey,
      db,
      async stop() {
        await started.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await child?.stop();
    await db.drop();
    throw error;
  }
}

/** Registers a hook through `POST /v1/hooks`, as a developer would. */
export async function createHookViaApi(
  server: Deskhooks,
  url: string,
  events: string[] = [BENCH_EVENT_TYPE],
  settings: Record<string, unknown> = {},
  key = server.apiKey,
): Promise<string> {
  const answer = await request(`${server.info.url}/v1/hooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, events, ...settings }),
  });
  const body = (await answer.body.json()) as { id?: string };
  if (answer.statusCode !== 201 || !body.id) throw new Error(`POST /v1/hooks answered ${answer.statusCode}: ${JSON.stringify(body)}`);
  return body.id;
}

export function authHeaders(server: Deskhooks, key = server.apiKey): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** A second tenant through `POST /v1/tenants` (admin key); answers its API key. */
export async function createTenantViaApi(server: Deskhooks, name: string): Promise<string> {
  const answer = await request(`${server.info.url}/v1/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = (await answer.body.json()) as { apiKey?: { key?: string } };
  if (answer.statusCode !== 201 || !body.apiKey?.key) throw new Error(`POST /v1/tenants answered ${answer.statusCode}: ${JSON.stringify(body)}`);
  return body.apiKey.key;
}

/** Publishes `count` bench events as fast as 32 connections allow, with the default tenant's key. */
export async function closedLoopPublish(server: Deskhooks, count: number, prefix: string): Promise<void> {
  const result = await closedLoop(
    { origin: server.info.url, path: '/v1/events', headers: { 'content-type': 'application/json', ...authHeaders(server) }, body: (i) => publishBody(i, prefix) },
    { concurrency: 32, connections: 32, durationMs: 600_000, warmupMs: 0, maxRequests: count },
  );
  if (result.statuses['202'] !== count) throw new Error(`publishing ${count} events: ${JSON.stringify(result.statuses)}, ${result.errors} errors`);
}

/**
 * Runs `events` deliveries of another event type through a started server (engine on) to its own
 * hook on the receiver, and waits until they are all done: the measured traffic then meets a warm
 * server (compiled code, open keep-alive connections), as in production.
 */
export async function warmUp(server: Deskhooks, receiverUrl: string, events: number): Promise<void> {
  await createHookViaApi(server, `${receiverUrl}/warm-up`, [WARM_UP_EVENT_TYPE]);
  const result = await closedLoop(
    { origin: server.info.url, path: '/v1/events', headers: { 'content-type': 'application/json', ...authHeaders(server) }, body: warmUpBody },
    { concurrency: 8, connections: 8, durationMs: 600_000, warmupMs: 0, maxRequests: events },
  );
  if (result.statuses['202'] !== events) throw new Error(`warm-up publish: ${JSON.stringify(result.statuses)}, ${result.errors} errors`);
  await server.child.call('waitDrained', { timeoutMs: 120_000, pollMs: 20 }, 130_000);
}
