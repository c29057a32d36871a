/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer). The shared half
 * (../sql-store.ts) runs here synchronously, every statement prepared once and every multi-statement
 * write in one IMMEDIATE transaction; the hot paths are this folder's own modules. better-sqlite3 is
 * synchronous, so each method runs to completion before another starts in this process; the async
 * signatures are the Store interface's, shared with PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { AppendEventResult, AppendRequest, ClaimedDelivery, ClaimOptions, CompleteAttemptInput } from '../store';
import { sqliteCodec } from '../columns';
import { SqlStore, type Runner } from '../sql-store';
import { migrationWork, readMigrations, type Migration, type MigrationDialect } from '../migrations';
import { type SecretCipher, createSecretCipher, loadOrCreateKeyFile } from '../secret-box';
import { drive, queryBuilder, type Op, type Work } from '../unit-of-work';
import { createClaimer } from './claim-deliveries';
import { createCompleter } from './complete-attempts';
import { createSqliteAppender, type SqliteAppender } from './append-events';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * Seals hook secrets at rest. Absent: a key file beside the database (`<file>.key`, created with
   * mode 0600) or, for `:memory:`, a random key that lives as long as the store.
   */
  cipher?: SecretCipher;
  /** Told about things an operator should know (the key file in use). */
  onWarning?: (message: string) => void;
  /** Tests only: another set of migrations. */
  migrations?: Migration[];
}

/** The key file used when DESKHOOKS_ENCRYPTION_KEY is unset: beside the database, same name plus `.key`. */
export function keyFileFor(filename: string): string {
  return `${path.resolve(filename)}.key`;
}

/** The longest an SQLite write waits for another connection's lock while serving (DESKHOOKS_SQLITE_BUSY_TIMEOUT_MS). */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;
const STARTUP_BUSY_TIMEOUT_MS = 5000;
/** Prepared statements kept by their SQL: every shape the shared half builds, bounded all the same. */
const STATEMENT_CACHE = 500;

/** `file:./data/x.db`, `file:///abs/x.db` or a plain path → a path better-sqlite3 opens. */
export function sqlitePathFromUrl(databaseUrl: string): string {
  if (databaseUrl === ':memory:' || databaseUrl === 'file::memory:') return ':memory:';
  if (!databaseUrl.startsWith('file:')) return databaseUrl;
  if (databaseUrl.startsWith('file://')) return decodeURIComponent(new URL(databaseUrl).pathname);
  return decodeURIComponent(databaseUrl.slice('file:'.length).split('?')[0]);
}

export class SqliteStore extends SqlStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  protected readonly runner: Runner;
  protected readonly byteOrder = '';
  private readonly listeners = new Set<() => void>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly migrations: Migration[];
  private closed = false;
  private readonly claim: ReturnType<typeof createClaimer>;
  private readonly complete: ReturnType<typeof createCompleter>;
  private readonly appender: SqliteAppender;

  constructor(readonly filename: string, options: SqliteStoreOptions = {}) {
    super('sqlite', sqliteCodec, cipherFor(filename, options));
    this.db = new Database(filename);
    this.migrations = options.migrations ?? readMigrations(MIGRATIONS_DIR);
    this.runner = {
      run: async (work) => this.runSync(work),
      transaction: async (work) => this.db.transaction(() => this.runSync(work)).immediate(),
    };
    try {
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // Starting may wait for another process's migration or sweep; serving may not (see below).
      this.db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
      this.migrateSync();
      this.appender = createSqliteAppender(this.db, this.hookOf);
      this.claim = createClaimer(this.db, this.hookOf);
      this.complete = createCompleter(this.db, (tenantId, hookId, patch) => {
        this.runSync(this.updateHookWork(tenantId, hookId, patch));
      });
      // better-sqlite3 waits for a lock on the event loop: every request and delivery of this process
      // stalls meanwhile. A short wait, then SQLITE_BUSY (answered 503 with Retry-After), bounds the stall.
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Runs a unit of work to its end before returning: nothing else in this process runs meanwhile. */
  private runSync<T>(work: Work<T>): T {
    const { value, woke } = drive(work, (op) => this.execute(op));
    if (woke) this.notify();
    return value;
  }

  private execute(op: Op): unknown {
    return executeOn(this.db, op, (text) => this.statement(text));
  }

  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(text, statement);
    }
    return statement;
  }

  protected subscribedTo(event: string): Expression<SqlBool> {
    return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(hooks.events) WHERE value IN (${event}, '*'))`;
  }

  protected jsonText(column: string): RawBuilder<string> {
    return sql<string>`${sql.ref(column)}`;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  private migrateSync(): void {
    migrateSqlite(this.db, this.migrations);
  }

  async migrate(): Promise<void> {
    // The constructor already migrated (the hot paths' prepared statements need the tables); both steps
    // are idempotent, so running them again costs a look and changes nothing.
    this.migrateSync();
    await this.sealHookSecrets();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the store is closed');
    await super.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.db.close();
  }

  onDeliveriesCreated(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** After commit, and outside the caller's stack, so a listener can never break a write. */
  private notify(): void {
    if (this.listeners.size === 0) return;
    setImmediate(() => {
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch {
          // A listener's failure is its own; the deliveries are committed either way.
        }
      }
    });
  }

  // ---- hot paths ----------------------------------------------------------------------------------

  async appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]> {
    const results = this.appender(requests);
    if (results.some((result) => !result.duplicate && result.deliveries.length > 0)) this.notify();
    return results;
  }

  async claimDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return this.claim(options);
  }

  async completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]> {
    return this.complete(inputs);
  }

  async releaseLeases(owner: string, deliveries?: Array<{ tenantId: string; id: string }>): Promise<number> {
    if (deliveries === undefined) {
      return this.statement('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?').run(owner).changes;
    }
    if (deliveries.length === 0) return 0;
    // Delivery ids are unique across tenants in this schema, so the id alone finds the row.
    const changes = this.statement(
      'UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ? AND id IN (SELECT value FROM json_each(?))',
    ).run(owner, JSON.stringify(deliveries.map((d) => d.id))).changes;
    if (changes > 0) this.notify();
    return changes;
  }

  /** A leased delivery is not due before its lease runs out, so that is when to look again. */
  async nextDueAt(): Promise<number | null> {
    const row = this.statement(
      `SELECT MIN(CASE WHEN lease_expires_at IS NOT NULL AND lease_expires_at > next_attempt_at
                  THEN lease_expires_at ELSE next_attempt_at END) AS due
       FROM deliveries WHERE status = 'pending'`,
    ).get() as { due: number | null };
    return row.due;
  }

  /**
   * One batch: at most `batchSize` attempts, events (once none of their deliveries is pending), old agent
   * lookups, inspector captures and expired stream attempts.
   */
  async prune(before: number, batchSize: number): Promise<{ attempts: number; events: number }> {
    return this.db
      .transaction(() => {
        const attempts = this.statement('DELETE FROM attempts WHERE rowid IN (SELECT rowid FROM attempts WHERE started_at < ? LIMIT ?)').run(
          before,
          batchSize,
        ).changes;
        const events = this.statement(
          `SELECT e.seq, e.tenant_id, e.id FROM events e
           WHERE e.created_at < ? AND NOT EXISTS (
             SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id AND d.status = 'pending')
           LIMIT ?`,
        ).all(before, batchSize) as Array<{ seq: number; tenant_id: string; id: string }>;
        for (const event of events) {
          this.statement('DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE tenant_id = ? AND event_id = ?)').run(
            event.tenant_id,
            event.id,
          );
          this.statement('DELETE FROM deliveries WHERE tenant_id = ? AND event_id = ?').run(event.tenant_id, event.id);
          this.statement('DELETE FROM events WHERE seq = ?').run(event.seq);
        }
        this.statement('DELETE FROM agent_lookups WHERE rowid IN (SELECT rowid FROM agent_lookups WHERE expires_at < ? LIMIT ?)').run(
          before,
          batchSize,
        );
        this.statement('DELETE FROM captures WHERE seq IN (SELECT seq FROM captures WHERE captured_at < ? LIMIT ?)').run(before, batchSize);
        this.statement('DELETE FROM stream_attempts WHERE id IN (SELECT id FROM stream_attempts WHERE expires_at < ? LIMIT ?)').run(before, batchSize);
        return { attempts, events: events.length };
      })
      .immediate();
  }
}

function executeOn(db: Database.Database, op: Op, prepare: (text: string) => Database.Statement = (text) => db.prepare(text)): unknown {
  if (op.kind === 'wake') return undefined;
  if (op.kind === 'exec') return void db.exec(op.script);
  const statement = prepare(op.query.sql);
  const params = op.query.parameters as unknown[];
  return op.kind === 'rows' ? statement.all(...params) : statement.run(...params).changes;
}

const SQLITE_MIGRATIONS: MigrationDialect = {
  lock: null,
  table: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  appliedAt: () => Date.now(),
};

/**
 * Applies the migrations a database lacks, all in one IMMEDIATE transaction: two processes opening
 * one file serialise on its write lock. Returns the versions applied.
 */
export function migrateSqlite(db: Database.Database, migrations: Migration[] = readMigrations(MIGRATIONS_DIR)): number[] {
  const work = migrationWork(queryBuilder('sqlite'), SQLITE_MIGRATIONS, migrations);
  return db.transaction(() => drive(work, (op) => executeOn(db, op)).value).immediate();
}

/**
 * The cipher given, else the key file beside the database (created if missing, with the database's
 * directory), or a random key for an in-memory database, which holds nothing past the process anyway.
 */
function cipherFor(filename: string, { cipher, onWarning }: SqliteStoreOptions): SecretCipher {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  if (cipher) return cipher;
  if (filename === ':memory:') return createSecretCipher([{ id: 'memory', key: crypto.randomBytes(32) }]);
  const file = keyFileFor(filename);
  const { keys, created, looseMode } = loadOrCreateKeyFile(file);
  onWarning?.(
    `DESKHOOKS_ENCRYPTION_KEY is not set: hook secrets are encrypted with the key in ${file}${created ? ' (created now, mode 0600)' : ''}. ` +
      'Back it up with the database (without it the secrets cannot be read), or set DESKHOOKS_ENCRYPTION_KEY.',
  );
  if (looseMode) onWarning?.(`${file} is readable by other users; run chmod 600 on it.`);
  return createSecretCipher(keys);
}

export function createSqliteStore(filenameOrUrl: string, options?: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(sqlitePathFromUrl(filenameOrUrl), options);
}
