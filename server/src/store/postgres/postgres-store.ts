/**
 * The PostgreSQL store: several stateless deskhooks nodes share one database. The shared half
 * (../sql-store.ts) runs here with an await per query, on the pool or on one connection for a
 * transaction; the hot paths are this folder's own modules. Connects once before resolving, so a node
 * with an unreachable database fails at start with a clear, password-free message instead of serving errors.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Pool } from 'pg';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { AppendEventResult, AppendRequest, ClaimOptions, CompleteAttemptInput } from '../store';
import { postgresCodec } from '../columns';
import { SqlStore, type Runner } from '../sql-store';
import { migrationWork, readMigrations, type Migration } from '../migrations';
import type { SecretCipher } from '../secret-box';
import { driveAsync, type Op } from '../unit-of-work';
import { appendEventsPostgres } from './append-events';
import { claimDeliveries } from './claim-deliveries';
import { completeAttempts } from './complete-attempts';
import { channelFor, DeliveryNotifier } from './delivery-notifier';
import { checkConnection, createPool, type PostgresPoolOptions } from './pool';
import { withTransaction, type Queryable } from './transaction';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/**
 * One key for every deskhooks node on the database: nodes starting together queue on it, and the
 * first one applies what is missing while the others wait, then find nothing left to do.
 */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(7301126514)';

export interface PostgresStoreOptions extends PostgresPoolOptions {
  /**
   * Seals hook secrets at rest (DESKHOOKS_ENCRYPTION_KEY). Required: every node must share the key,
   * so there is no per-node fallback as on SQLite.
   */
  cipher: SecretCipher;
  /** Tests only: another set of migrations. */
  migrations?: Migration[];
}

/** Pool defaults when a caller leaves them out (PG_POOL_MAX / PG_CONNECT_TIMEOUT_MS in the server). */
const DEFAULT_POOL_MAX = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export interface PostgresStore extends PgStore {
  readonly kind: 'postgres';
}

export async function createPostgresStore(
  url: string,
  given: Partial<PostgresStoreOptions> & { pgPoolMax?: number; pgConnectTimeoutMs?: number } = {},
): Promise<PostgresStore> {
  const cipher = given.cipher;
  if (!cipher) throw new Error('the PostgreSQL store needs a cipher (DESKHOOKS_ENCRYPTION_KEY) to seal hook secrets');
  // Also accepts the server config's own names, so either spelling of the options works.
  const options: PostgresStoreOptions = {
    cipher,
    ...given,
    poolMax: given.poolMax ?? given.pgPoolMax ?? DEFAULT_POOL_MAX,
    connectTimeoutMs: given.connectTimeoutMs ?? given.pgConnectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  };
  const pool = createPool(url, options);
  let schema: string;
  try {
    ({ schema } = await checkConnection(pool, url));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const notifier = new DeliveryNotifier(
    {
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs,
      application_name: `${options.applicationName ?? 'deskhooks'}-listen`,
    },
    channelFor(schema),
    randomUUID(),
  );
  return new PgStore(pool, notifier, cipher, options.migrations ?? readMigrations(MIGRATIONS_DIR));
}

class PgStore extends SqlStore {
  readonly kind = 'postgres' as const;
  protected readonly runner: Runner;
  protected readonly byteOrder = ' COLLATE "C"';
  private closed = false;

  constructor(
    /** The query pool, for operational checks and tests. */
    readonly pool: Pool,
    private readonly notifier: DeliveryNotifier,
    cipher: SecretCipher,
    private readonly migrations: Migration[],
  ) {
    super('postgres', postgresCodec, cipher);
    // A wake-up is queued for the other nodes among the work's own statements (sent on commit only);
    // this node's workers are woken here, once the rows are committed.
    const wakeAfter = <T>({ value, woke }: { value: T; woke: boolean }): T => {
      if (woke) this.notifier.wake();
      return value;
    };
    this.runner = {
      run: async (work) => wakeAfter(await driveAsync(work, (op) => this.execute(this.pool, op))),
      transaction: async (work) =>
        wakeAfter(await withTransaction(this.pool, (client) => driveAsync(work, (op) => this.execute(client, op)))),
    };
  }

  /** The LISTEN channel this store's wake-ups travel on. */
  get channel(): string {
    return this.notifier.channel;
  }

  /** Resolves once this node hears other nodes' wake-ups (its LISTEN connection is up). */
  whenListening(): Promise<void> {
    return this.notifier.whenListening();
  }

  private async execute(db: Queryable, op: Op): Promise<unknown> {
    if (op.kind === 'wake') return db.query('SELECT pg_notify($1, $2)', [this.notifier.channel, this.notifier.tag]);
    if (op.kind === 'exec') return db.query(op.script);
    const result = await db.query(op.query.sql, op.query.parameters as unknown[]);
    return op.kind === 'rows' ? result.rows : (result.rowCount ?? 0);
  }

  protected subscribedTo(event: string): Expression<SqlBool> {
    return sql<SqlBool>`events && ARRAY[${event}, '*']::text[]`;
  }

  protected jsonText(column: string): RawBuilder<string> {
    return sql<string>`${sql.ref(column)}::text`;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  async migrate(): Promise<void> {
    const dialect = {
      lock: MIGRATION_LOCK,
      table: `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      appliedAt: () => new Date(),
    };
    await this.runner.transaction(migrationWork(this.q, dialect, this.migrations));
    await this.sealHookSecrets();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifier.close();
    await this.pool.end();
  }

  onDeliveriesCreated(listener: () => void): () => void {
    return this.notifier.subscribe(listener);
  }

  // ---- hot paths ----------------------------------------------------------------------------------

  async appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]> {
    if (requests.length === 0) return [];
    const notification = { channel: this.notifier.channel, tag: this.notifier.tag };
    const results = await withTransaction(this.pool, (client) => appendEventsPostgres(client, requests, notification, this));
    if (results.some((result) => !result.duplicate && result.deliveries.length > 0)) this.notifier.wake();
    return results;
  }

  async claimDeliveries(options: ClaimOptions) {
    return claimDeliveries(this.pool, options, this);
  }

  async completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]> {
    if (inputs.length === 0) return [];
    const result = await withTransaction(this.pool, async (client) => {
      const done = await completeAttempts(client, inputs, (db, tenantId, hookId, patch) =>
        driveAsync(this.updateHookWork(tenantId, hookId, patch), (op) => this.execute(db, op)),
      );
      // A retry to schedule, or an ordered hook whose next delivery is now free: other nodes may
      // have work they could not see before.
      if (done.wake) await this.execute(client, { kind: 'wake' });
      return done;
    });
    if (result.wake) this.notifier.wake();
    return result.landed;
  }

  async releaseLeases(owner: string, deliveries?: Array<{ tenantId: string; id: string }>): Promise<number> {
    if (deliveries?.length === 0) return 0;
    const released = await withTransaction(this.pool, async (client) => {
      const { rowCount } =
        deliveries === undefined
          ? await client.query('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1', [owner])
          : await client.query(
              `UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL
               WHERE lease_owner = $1 AND (tenant_id, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
              [owner, deliveries.map((d) => d.tenantId), deliveries.map((d) => d.id)],
            );
      if (rowCount) await this.execute(client, { kind: 'wake' });
      return rowCount ?? 0;
    });
    if (released > 0) this.notifier.wake();
    return released;
  }

  /**
   * When a worker should look again. A leased delivery counts from its lease expiry, and a delivery
   * held back behind an older one of an ordered hook does not count at all (it becomes due when that
   * one finishes, which wakes workers): an overdue time nobody can claim would have idle workers spin.
   *
   * Workers ask this every time they go idle, on every node, so it reads no more than a few index
   * entries however long the queue: the earliest unleased delivery of an unordered hook (the
   * pending-due index, in order), the leased ones (at most those in flight), and each ordered hook's
   * oldest pending delivery, never the backlog behind it.
   */
  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.pool.query(
      `SELECT LEAST(
         (SELECT d.next_attempt_at FROM deliveries d
          JOIN hooks h ON h.tenant_id = d.tenant_id AND h.id = d.hook_id
          WHERE d.status = 'pending' AND d.next_attempt_at IS NOT NULL AND d.lease_expires_at IS NULL AND NOT h.ordered
          ORDER BY d.next_attempt_at, d.seq
          LIMIT 1),
         (SELECT min(GREATEST(d.next_attempt_at, d.lease_expires_at)) FROM deliveries d
          JOIN hooks h ON h.tenant_id = d.tenant_id AND h.id = d.hook_id
          WHERE d.status = 'pending' AND d.next_attempt_at IS NOT NULL AND d.lease_expires_at IS NOT NULL AND NOT h.ordered),
         (SELECT min(GREATEST(head.next_attempt_at, COALESCE((
              SELECT max(o.lease_expires_at) FROM deliveries o
              WHERE o.tenant_id = oh.tenant_id AND o.hook_id = oh.id AND o.status = 'pending'
                AND o.lease_expires_at IS NOT NULL), 0)))
          FROM hooks oh
          CROSS JOIN LATERAL (
            SELECT d.next_attempt_at FROM deliveries d
            WHERE d.tenant_id = oh.tenant_id AND d.hook_id = oh.id AND d.status = 'pending'
            ORDER BY d.seq
            LIMIT 1) head
          WHERE oh.ordered AND head.next_attempt_at IS NOT NULL)
       ) AS due`,
    );
    return rows[0]?.due ?? null;
  }

  /**
   * One batch: at most `batchSize` attempts, then at most `batchSize` events. An event goes only once
   * none of its deliveries is pending; its deliveries (and their remaining attempts) go with it. Old
   * agent lookups, inspector captures and expired stream attempts go too.
   * `SKIP LOCKED` lets several nodes prune at once without waiting on each other or on workers.
   */
  async prune(before: number, batchSize: number): Promise<{ attempts: number; events: number }> {
    return withTransaction(this.pool, async (client) => {
      const attempts = await client.query(
        `DELETE FROM attempts WHERE seq IN (
           SELECT seq FROM attempts WHERE started_at < $1 ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
      const events = await client.query(
        `WITH doomed AS (
           SELECT e.tenant_id, e.id FROM events e
           WHERE e.created_at < $1
             AND NOT EXISTS (
               SELECT 1 FROM deliveries d
               WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id AND d.status = 'pending')
           ORDER BY e.created_at
           LIMIT $2
           FOR UPDATE OF e SKIP LOCKED
         ),
         gone_deliveries AS (
           DELETE FROM deliveries d USING doomed
           WHERE d.tenant_id = doomed.tenant_id AND d.event_id = doomed.id
           RETURNING d.tenant_id, d.id
         ),
         gone_attempts AS (
           DELETE FROM attempts a USING gone_deliveries g
           WHERE a.tenant_id = g.tenant_id AND a.delivery_id = g.id
         )
         DELETE FROM events e USING doomed
         WHERE e.tenant_id = doomed.tenant_id AND e.id = doomed.id`,
        [before, batchSize],
      );
      // Agent lookups live for seconds; anything this old is only clutter.
      await client.query(
        `DELETE FROM agent_lookups WHERE (tenant_id, id) IN (
           SELECT tenant_id, id FROM agent_lookups WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
      await client.query(
        `DELETE FROM captures WHERE seq IN (SELECT seq FROM captures WHERE captured_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
      await client.query(
        `DELETE FROM stream_attempts WHERE id IN (SELECT id FROM stream_attempts WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, batchSize],
      );
      return { attempts: attempts.rowCount ?? 0, events: events.rowCount ?? 0 };
    });
  }
}
