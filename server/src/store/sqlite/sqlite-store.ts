import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AppendEventResult,
  AppendRequest,
  AttemptRecord,
  CancelReason,
  CaptureRecord,
  CompleteAttemptInput,
  ClaimedDelivery,
  ClaimOptions,
  CustomEventTypeRecord,
  DeliveryQuery,
  DeliveryRecord,
  EventRecord,
  HookQuery,
  HookRecord,
  Page,
  PageRequest,
  RecoverableStatus,
  Store,
  StreamAck,
  StreamAttemptRecord,
  TenantRecord,
} from '../store';
import { createClaimer } from './claim-deliveries';
import { createSqliteCaptures, type SqliteCaptures } from './captures';
import { createCompleter } from './complete-attempts';
import { SEALED_HOOK_FIELDS, currentPrefix, openHookFields, resealRow, sealHookFields } from '../hook-secrets';
import { type SecretCipher, createSecretCipher, loadOrCreateKeyFile } from '../secret-box';
import { decodeCursor, encodeCursor } from './cursor';
import { applyMigrations } from './migrate';
import { createSqliteAppender, type SqliteAppender } from './append-events';
import {
  HOOK_COLUMNS,
  type Row,
  agentLookupFromRow,
  apiKeyFromRow,
  attemptFromRow,
  customEventTypeFromRow,
  deliveryFromRow,
  deliveryParams,
  eventFromRow,
  hookFromRow,
  tenantFromRow,
} from './rows';

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
}

/** The key file used when DESKHOOKS_ENCRYPTION_KEY is unset: beside the database, same name plus `.key`. */
export function keyFileFor(filename: string): string {
  return `${path.resolve(filename)}.key`;
}

/** The longest an SQLite write waits for another connection's lock while serving (DESKHOOKS_SQLITE_BUSY_TIMEOUT_MS). */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;
const STARTUP_BUSY_TIMEOUT_MS = 5000;

/** Hooks re-sealed per transaction by the startup sweep: small, so a large table never holds the lock long. */
const SWEEP_BATCH = 200;

type HookPatch = Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>;

/** `file:./data/x.db`, `file:///abs/x.db` or a plain path → a path better-sqlite3 opens. */
export function sqlitePathFromUrl(databaseUrl: string): string {
  if (databaseUrl === ':memory:' || databaseUrl === 'file::memory:') return ':memory:';
  if (!databaseUrl.startsWith('file:')) return databaseUrl;
  if (databaseUrl.startsWith('file://')) return decodeURIComponent(new URL(databaseUrl).pathname);
  return decodeURIComponent(databaseUrl.slice('file:'.length).split('?')[0]);
}

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer), every statement
 * prepared once, every multi-statement write in one IMMEDIATE transaction. better-sqlite3 is
 * synchronous, so each method runs to completion before another starts in this process; the async
 * signatures are the Store interface's, shared with PostgreSQL.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly listeners = new Set<() => void>();
  private closed = false;
  private readonly s!: ReturnType<SqliteStore['prepareStatements']>;
  /** Prepared hook updates by their SQL: a handful of shapes, reused on every delivery. */
  private readonly hookUpdates = new Map<string, Database.Statement>();
  /** The hot paths, each in its own module (claim-deliveries.ts, complete-attempts.ts). */
  private readonly claim: ReturnType<typeof createClaimer>;
  private readonly complete: ReturnType<typeof createCompleter>;
  readonly cipher: SecretCipher;
  private readonly appender: SqliteAppender;
  /** Inspector captures and stream acks (captures.ts). */
  private readonly captures: SqliteCaptures;

  constructor(readonly filename: string, options: SqliteStoreOptions = {}) {
    if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    this.cipher = options.cipher ?? defaultCipher(filename, options.onWarning);
    this.db = new Database(filename);
    try {
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // Starting may wait for another process's migration or sweep; serving may not (see below).
      this.db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
      applyMigrations(this.db);
      this.s = this.prepareStatements();
      this.appender = createSqliteAppender(this.db, (row) => this.hookOf(row));
      this.claim = createClaimer(this.db, (row) => this.hookOf(row));
      this.captures = createSqliteCaptures(this.db);
      this.complete = createCompleter(this.db, (tenantId, hookId, patch) => {
        this.updateHookSync(tenantId, hookId, patch);
      });
      this.sealHookSecrets();
      // better-sqlite3 waits for a lock on the event loop: every request and delivery of this process
      // stalls meanwhile. A short wait, then SQLITE_BUSY (answered 503 with Retry-After), bounds the stall.
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** A hook row as the rest of deskhooks sees it: sealed fields opened. */
  private hookOf(row: Row): HookRecord {
    return openHookFields(this.cipher, hookFromRow(row));
  }

  /**
   * Seals every hook secret still stored in plain text (rows written before encryption) and re-seals
   * those sealed under an older key, in small transactions. Idempotent: rows already sealed under the
   * primary key are not touched, so it costs one indexed-free scan of the hooks at each start.
   */
  private sealHookSecrets(): number {
    const prefix = currentPrefix(this.cipher);
    const pending = this.db.prepare(
      `SELECT seq, id, tenant_id, ${SEALED_HOOK_FIELDS.join(', ')} FROM hooks
       WHERE seq > @after AND NOT (${SEALED_HOOK_FIELDS.map((f) => `substr(${f}, 1, length(@prefix)) = @prefix`).join(' AND ')})
       ORDER BY seq LIMIT @limit`,
    );
    const write = this.db.prepare(
      `UPDATE hooks SET ${SEALED_HOOK_FIELDS.map((f) => `${f} = @${f}`).join(', ')} WHERE seq = @seq`,
    );
    let sealed = 0;
    let after = 0;
    for (;;) {
      const batch = this.db
        .transaction(() => {
          const rows = pending.all({ after, prefix, limit: SWEEP_BATCH }) as Row[];
          for (const row of rows) {
            const fields = Object.fromEntries(SEALED_HOOK_FIELDS.map((f) => [f, JSON.parse(row[f])])) as Record<(typeof SEALED_HOOK_FIELDS)[number], unknown>;
            const resealed = resealRow(this.cipher, { tenantId: row.tenant_id, hookId: row.id, fields });
            write.run({ seq: row.seq, ...Object.fromEntries(SEALED_HOOK_FIELDS.map((f) => [f, JSON.stringify(resealed[f])])) });
          }
          return rows;
        })
        .immediate();
      sealed += batch.length;
      if (batch.length < SWEEP_BATCH) return sealed;
      after = batch[batch.length - 1].seq;
    }
  }

  private prepareStatements() {
    const db = this.db;
    return {
      ping: db.prepare('SELECT 1'),
      insertTenant: db.prepare(
        'INSERT INTO tenants (id, name, webhooks_enabled, live_chat_app_id, created_at) VALUES (@id, @name, @webhooks_enabled, @live_chat_app_id, @created_at)',
      ),
      getTenant: db.prepare('SELECT * FROM tenants WHERE id = ?'),
      listTenants: db.prepare('SELECT * FROM tenants WHERE seq > ? ORDER BY seq LIMIT ?'),
      insertApiKey: db.prepare(
        `INSERT INTO api_keys (id, tenant_id, name, role, prefix, hash, created_at, revoked_at, last_used_at)
         VALUES (@id, @tenant_id, @name, @role, @prefix, @hash, @created_at, @revoked_at, @last_used_at)`,
      ),
      findApiKeyByHash: db.prepare('SELECT * FROM api_keys WHERE hash = ?'),
      listApiKeysOfTenant: db.prepare('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY seq'),
      listAllApiKeys: db.prepare('SELECT * FROM api_keys ORDER BY seq'),
      getApiKey: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
      revokeApiKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      touchApiKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
      getCustomType: db.prepare('SELECT * FROM custom_event_types WHERE tenant_id = ? AND type = ?'),
      upsertCustomType: db.prepare(
        `INSERT INTO custom_event_types (tenant_id, type, description, schema, sample, created_at, updated_at)
         VALUES (@tenant_id, @type, @description, @schema, @sample, @created_at, @updated_at)
         ON CONFLICT (tenant_id, type) DO UPDATE SET description = excluded.description, schema = excluded.schema,
           sample = excluded.sample, updated_at = excluded.updated_at`,
      ),
      listCustomTypes: db.prepare('SELECT * FROM custom_event_types WHERE tenant_id = ? ORDER BY type'),
      deleteCustomType: db.prepare('DELETE FROM custom_event_types WHERE tenant_id = ? AND type = ?'),
      insertHook: db.prepare(
        `INSERT INTO hooks (id, tenant_id, ${Object.values(HOOK_COLUMNS).map(([c]) => c).join(', ')})
         VALUES (@id, @tenant_id, ${Object.values(HOOK_COLUMNS).map(([c]) => `@${c}`).join(', ')})`,
      ),
      getHook: db.prepare('SELECT * FROM hooks WHERE tenant_id = ? AND id = ?'),
      deleteHookEvents: db.prepare('DELETE FROM hook_events WHERE hook_id = ?'),
      insertHookEvent: db.prepare(
        'INSERT OR IGNORE INTO hook_events (tenant_id, event_type, hook_id, brand) VALUES (?, ?, ?, ?)',
      ),
      getEventById: db.prepare('SELECT * FROM events WHERE tenant_id = ? AND id = ?'),
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (id, tenant_id, hook_id, event_id, event_type, status, attempts, next_attempt_at,
           last_attempt_at, last_response_status, last_error, cancel_reason, lease_owner, lease_expires_at, test, created_at, updated_at)
         VALUES (@id, @tenant_id, @hook_id, @event_id, @event_type, @status, @attempts, @next_attempt_at,
           @last_attempt_at, @last_response_status, @last_error, @cancel_reason, @lease_owner, @lease_expires_at, @test, @created_at, @updated_at)`,
      ),
      releaseLeases: db.prepare('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?'),
      releaseSomeLeases: db.prepare(
        'UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ? AND id IN (SELECT value FROM json_each(?))',
      ),
      getDelivery: db.prepare('SELECT * FROM deliveries WHERE tenant_id = ? AND id = ?'),
      attemptsOf: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number'),
      requeueDelivery: db.prepare(
        `UPDATE deliveries SET status = 'pending', cancel_reason = NULL,
           next_attempt_at = CASE WHEN status = 'pending' AND next_attempt_at < @now THEN next_attempt_at ELSE @now END,
           lease_owner = CASE WHEN status = 'pending' THEN lease_owner END,
           lease_expires_at = CASE WHEN status = 'pending' THEN lease_expires_at END,
           updated_at = @now
         WHERE tenant_id = @tenant_id AND id = @id`,
      ),
      // Cancelled deliveries whose event is gone (pruned) have nothing left to send: never re-queued.
      requeueFailed: db.prepare(
        `UPDATE deliveries SET status = 'pending', cancel_reason = NULL, next_attempt_at = @now, lease_owner = NULL,
           lease_expires_at = NULL, updated_at = @now
         WHERE tenant_id = @tenant_id AND hook_id = @hook_id AND created_at >= @since
           AND ((@failed = 1 AND status = 'failed')
             OR (@cancelled = 1 AND status = 'cancelled' AND COALESCE(cancel_reason, '') <> 'event_missing'
                 AND EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = deliveries.tenant_id AND e.id = deliveries.event_id)))`,
      ),
      cancelPending: db.prepare(
        `UPDATE deliveries SET status = 'cancelled', cancel_reason = @reason, next_attempt_at = NULL, lease_owner = NULL,
           lease_expires_at = NULL, updated_at = @now
         WHERE tenant_id = @tenant_id AND hook_id = @hook_id AND status = 'pending'`,
      ),
      // A leased delivery is not due before its lease runs out, so that is when to look again.
      nextDueAt: db.prepare(
        `SELECT MIN(CASE WHEN lease_expires_at IS NOT NULL AND lease_expires_at > next_attempt_at
                    THEN lease_expires_at ELSE next_attempt_at END) AS due
         FROM deliveries WHERE status = 'pending'`,
      ),
      queueStats: db.prepare(
        `SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM deliveries WHERE status = 'pending'`,
      ),
      insertAgentLookup: db.prepare(
        `INSERT INTO agent_lookups (id, tenant_id, chat_id, status, agent_id, answered_via, answered_hook_id, created_at, expires_at)
         VALUES (@id, @tenant_id, @chat_id, @status, @agent_id, @answered_via, @answered_hook_id, @created_at, @expires_at)`,
      ),
      getAgentLookup: db.prepare('SELECT * FROM agent_lookups WHERE tenant_id = ? AND id = ?'),
      answerAgentLookup: db.prepare(
        `UPDATE agent_lookups SET status = 'assigned', agent_id = @agent_id, answered_via = @via, answered_hook_id = @hook_id
         WHERE tenant_id = @tenant_id AND id = @id AND status = 'pending' AND expires_at > @now`,
      ),
      finishAgentLookup: db.prepare(
        `UPDATE agent_lookups SET status = ? WHERE tenant_id = ? AND id = ? AND status = 'pending'`,
      ),
      pruneAttempts: db.prepare(
        'DELETE FROM attempts WHERE rowid IN (SELECT rowid FROM attempts WHERE started_at < ? LIMIT ?)',
      ),
      prunableEvents: db.prepare(
        `SELECT e.seq, e.tenant_id, e.id FROM events e
         WHERE e.created_at < ? AND NOT EXISTS (
           SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id AND d.status = 'pending')
         LIMIT ?`,
      ),
      attemptsOfEventDeliveries: db.prepare(
        'DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE tenant_id = ? AND event_id = ?)',
      ),
      deleteEventDeliveries: db.prepare('DELETE FROM deliveries WHERE tenant_id = ? AND event_id = ?'),
      deleteEvent: db.prepare('DELETE FROM events WHERE seq = ?'),
      pruneAgentLookups: db.prepare(
        'DELETE FROM agent_lookups WHERE rowid IN (SELECT rowid FROM agent_lookups WHERE expires_at < ? LIMIT ?)',
      ),
    };
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  async migrate(): Promise<void> {
    // The constructor already migrated and sealed (the prepared statements need the tables); both are
    // idempotent, so running them again costs a look and changes nothing.
    applyMigrations(this.db);
    this.sealHookSecrets();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the store is closed');
    this.s.ping.get();
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

  // ---- pagination -------------------------------------------------------------------------------

  /** Runs a newest-first keyset query (`seq < cursor`), fetching one extra row to know if there is more. */
  private page<T>(sql: string, params: Row, request: PageRequest, map: (row: Row) => T, ascending = false): Page<T> {
    const after = decodeCursor(request.cursor);
    const limit = Math.max(1, Math.min(request.limit, 1000));
    const seqClause = after === null ? '' : ascending ? ' AND seq > @cursor_seq' : ' AND seq < @cursor_seq';
    const rows = this.db
      .prepare(`${sql}${seqClause} ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT @page_limit`)
      .all({ ...params, cursor_seq: after, page_limit: limit + 1 }) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    return { items: items.map(map), nextCursor: more ? encodeCursor(items[items.length - 1].seq) : null };
  }

  // ---- tenants and keys ---------------------------------------------------------------------------

  async createTenant(tenant: TenantRecord): Promise<void> {
    this.s.insertTenant.run({
      id: tenant.id,
      name: tenant.name,
      webhooks_enabled: tenant.webhooksEnabled ? 1 : 0,
      live_chat_app_id: tenant.liveChatAppId ?? null,
      created_at: tenant.createdAt,
    });
  }

  async getTenant(id: string): Promise<TenantRecord | undefined> {
    const row = this.s.getTenant.get(id) as Row | undefined;
    return row && tenantFromRow(row);
  }

  async listTenants(page: PageRequest): Promise<Page<TenantRecord>> {
    return this.page('SELECT * FROM tenants WHERE 1 = 1', {}, page, tenantFromRow, true);
  }

  async updateTenant(
    id: string,
    patch: Partial<Pick<TenantRecord, 'name' | 'webhooksEnabled' | 'liveChatAppId'>>,
  ): Promise<TenantRecord | undefined> {
    const sets: string[] = [];
    const params: Row = { id };
    if (patch.name !== undefined) {
      sets.push('name = @name');
      params.name = patch.name;
    }
    if (patch.webhooksEnabled !== undefined) {
      sets.push('webhooks_enabled = @webhooks_enabled');
      params.webhooks_enabled = patch.webhooksEnabled ? 1 : 0;
    }
    if (patch.liveChatAppId !== undefined) {
      sets.push('live_chat_app_id = @live_chat_app_id');
      params.live_chat_app_id = patch.liveChatAppId;
    }
    if (sets.length > 0) this.db.prepare(`UPDATE tenants SET ${sets.join(', ')} WHERE id = @id`).run(params);
    return this.getTenant(id);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    this.s.insertApiKey.run({
      id: key.id,
      tenant_id: key.tenantId,
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      hash: key.hash,
      created_at: key.createdAt,
      revoked_at: key.revokedAt,
      last_used_at: key.lastUsedAt,
    });
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.s.findApiKeyByHash.get(hash) as Row | undefined;
    return row && apiKeyFromRow(row);
  }

  async listApiKeys(tenantId: string | null): Promise<ApiKeyRecord[]> {
    const rows = (tenantId === null ? this.s.listAllApiKeys.all() : this.s.listApiKeysOfTenant.all(tenantId)) as Row[];
    return rows.map(apiKeyFromRow);
  }

  async revokeApiKey(tenantId: string | null, id: string, at: number): Promise<boolean> {
    const row = this.s.getApiKey.get(id) as Row | undefined;
    if (!row || (tenantId !== null && row.tenant_id !== tenantId)) return false;
    this.s.revokeApiKey.run(at, id);
    return true;
  }

  async touchApiKey(id: string, at: number): Promise<void> {
    this.s.touchApiKey.run(at, id);
  }

  // ---- custom event types -------------------------------------------------------------------------

  async putCustomEventType(record: CustomEventTypeRecord): Promise<boolean> {
    return this.db
      .transaction(() => {
        const existed = this.s.getCustomType.get(record.tenantId, record.type) !== undefined;
        this.s.upsertCustomType.run({
          tenant_id: record.tenantId,
          type: record.type,
          description: record.description,
          schema: JSON.stringify(record.schema),
          sample: JSON.stringify(record.sample),
          created_at: record.createdAt,
          updated_at: record.updatedAt,
        });
        return !existed;
      })
      .immediate();
  }

  async getCustomEventType(tenantId: string, type: string): Promise<CustomEventTypeRecord | undefined> {
    const row = this.s.getCustomType.get(tenantId, type) as Row | undefined;
    return row && customEventTypeFromRow(row);
  }

  async listCustomEventTypes(tenantId: string): Promise<CustomEventTypeRecord[]> {
    return (this.s.listCustomTypes.all(tenantId) as Row[]).map(customEventTypeFromRow);
  }

  async deleteCustomEventType(tenantId: string, type: string): Promise<boolean> {
    return this.s.deleteCustomType.run(tenantId, type).changes > 0;
  }

  // ---- hooks --------------------------------------------------------------------------------------

  /** Rewrites the hook's rows in the candidate index: present only while it can receive deliveries. */
  private syncHookEvents(hook: HookRecord): void {
    this.s.deleteHookEvents.run(hook.id);
    if (hook.status !== 'active' || hook.deletedAt !== null) return;
    for (const type of new Set(hook.events)) this.s.insertHookEvent.run(hook.tenantId, type, hook.id, hook.brand);
  }

  async createHook(hook: HookRecord): Promise<void> {
    this.db
      .transaction(() => {
        const params: Row = { id: hook.id, tenant_id: hook.tenantId };
        const sealed = sealHookFields(this.cipher, hook.tenantId, hook.id, hook);
        for (const [key, [column, toColumn]] of Object.entries(HOOK_COLUMNS)) {
          params[column] = toColumn((sealed as any)[key]);
        }
        this.s.insertHook.run(params);
        this.syncHookEvents(hook);
      })
      .immediate();
  }

  async getHook(tenantId: string, id: string): Promise<HookRecord | undefined> {
    const row = this.s.getHook.get(tenantId, id) as Row | undefined;
    return row && this.hookOf(row);
  }

  async listHooks(query: HookQuery & { tenantId: string }): Promise<Page<HookRecord>> {
    const where = ['tenant_id = @tenant_id', query.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: Row = { tenant_id: query.tenantId };
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.brand !== undefined) {
      where.push('brand = @brand');
      params.brand = query.brand;
    }
    if (query.event !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM json_each(hooks.events) WHERE value IN (@event, '*'))`);
      params.event = query.event;
    }
    return this.page(`SELECT * FROM hooks WHERE ${where.join(' AND ')}`, params, query, (row) => this.hookOf(row));
  }

  private updateHookSync(tenantId: string, id: string, given: HookPatch): HookRecord | undefined {
    const patch = sealHookFields(this.cipher, tenantId, id, given);
    const sets: string[] = [];
    const params: Row = { tenant_id: tenantId, id };
    for (const [key, value] of Object.entries(patch)) {
      const column = HOOK_COLUMNS[key as keyof typeof HOOK_COLUMNS];
      if (!column || value === undefined || key === 'createdAt') continue;
      sets.push(`${column[0]} = @${column[0]}`);
      params[column[0]] = column[1](value);
    }
    if (sets.length > 0) {
      const sql = `UPDATE hooks SET ${sets.join(', ')} WHERE tenant_id = @tenant_id AND id = @id`;
      // The engine patches the same few column sets on every attempt: prepare each shape once.
      let statement = this.hookUpdates.get(sql);
      if (!statement) {
        statement = this.db.prepare(sql);
        // API edits can combine columns freely; a cap keeps the cache from growing without bound.
        if (this.hookUpdates.size >= 256) this.hookUpdates.delete(this.hookUpdates.keys().next().value!);
        this.hookUpdates.set(sql, statement);
      }
      statement.run(params);
    }
    const row = this.s.getHook.get(tenantId, id) as Row | undefined;
    if (!row) return undefined;
    const hook = this.hookOf(row);
    if ('events' in patch || 'brand' in patch || 'status' in patch || 'deletedAt' in patch) this.syncHookEvents(hook);
    return hook;
  }

  async updateHook(tenantId: string, id: string, patch: HookPatch): Promise<HookRecord | undefined> {
    return this.db.transaction(() => this.updateHookSync(tenantId, id, patch)).immediate();
  }

  // ---- events and the outbox ----------------------------------------------------------------------

  async appendEvent(event: EventRecord, plan: (candidates: HookRecord[]) => DeliveryRecord[]): Promise<AppendEventResult> {
    // One event is a batch of one: the outbox is written in one place (append-events.ts).
    const [result] = await this.appendEvents([{ event, plan }]);
    return result;
  }

  async appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]> {
    const results = this.appender(requests);
    if (results.some((result) => !result.duplicate && result.deliveries.length > 0)) this.notify();
    return results;
  }

  async getEvent(tenantId: string, id: string): Promise<EventRecord | undefined> {
    const row = this.s.getEventById.get(tenantId, id) as Row | undefined;
    return row && eventFromRow(row);
  }

  async listBrands(tenantId: string, limit: number): Promise<string[]> {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE event_brands(brand, n) AS (
           SELECT (SELECT MIN(brand) FROM events WHERE tenant_id = @tenant_id AND brand IS NOT NULL), 1
           UNION ALL
           SELECT (SELECT MIN(brand) FROM events WHERE tenant_id = @tenant_id AND brand IS NOT NULL AND brand > event_brands.brand), n + 1
           FROM event_brands WHERE event_brands.brand IS NOT NULL AND n < @limit
         )
         SELECT brand FROM event_brands WHERE brand IS NOT NULL
         UNION
         SELECT brand FROM hooks WHERE tenant_id = @tenant_id AND brand IS NOT NULL AND deleted_at IS NULL
         ORDER BY brand LIMIT @limit`,
      )
      .all({ tenant_id: tenantId, limit }) as Array<{ brand: string }>;
    return rows.map((row) => row.brand);
  }

  async listEvents(query: PageRequest & { tenantId: string; type?: string }): Promise<Page<EventRecord>> {
    const params: Row = { tenant_id: query.tenantId };
    let sql = 'SELECT * FROM events WHERE tenant_id = @tenant_id';
    if (query.type !== undefined) {
      sql += ' AND type = @type';
      params.type = query.type;
    }
    return this.page(sql, params, query, eventFromRow);
  }

  // ---- deliveries ---------------------------------------------------------------------------------

  async insertDeliveries(deliveries: DeliveryRecord[]): Promise<void> {
    if (deliveries.length === 0) return;
    this.db
      .transaction(() => {
        for (const delivery of deliveries) this.s.insertDelivery.run(deliveryParams(delivery));
      })
      .immediate();
    this.notify();
  }

  async claimDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return this.claim(options);
  }

  async completeAttempt(input: CompleteAttemptInput): Promise<boolean> {
    return this.complete([input])[0];
  }

  async completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]> {
    return this.complete(inputs);
  }

  async releaseLeases(owner: string, deliveries?: Array<{ tenantId: string; id: string }>): Promise<number> {
    if (deliveries === undefined) return this.s.releaseLeases.run(owner).changes;
    if (deliveries.length === 0) return 0;
    // Delivery ids are unique across tenants in this schema, so the id alone finds the row.
    const changes = this.s.releaseSomeLeases.run(owner, JSON.stringify(deliveries.map((d) => d.id))).changes;
    if (changes > 0) this.notify();
    return changes;
  }

  async getDelivery(
    tenantId: string,
    id: string,
  ): Promise<{ delivery: DeliveryRecord; attempts: AttemptRecord[] } | undefined> {
    const row = this.s.getDelivery.get(tenantId, id) as Row | undefined;
    if (!row) return undefined;
    return { delivery: deliveryFromRow(row), attempts: (this.s.attemptsOf.all(id) as Row[]).map(attemptFromRow) };
  }

  async listDeliveries(query: DeliveryQuery & { tenantId: string }): Promise<Page<DeliveryRecord>> {
    const where = ['tenant_id = @tenant_id'];
    const params: Row = { tenant_id: query.tenantId };
    if (query.hookId !== undefined) {
      where.push('hook_id = @hook_id');
      params.hook_id = query.hookId;
    }
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.eventType !== undefined) {
      where.push('event_type = @event_type');
      params.event_type = query.eventType;
    }
    return this.page(`SELECT * FROM deliveries WHERE ${where.join(' AND ')}`, params, query, deliveryFromRow);
  }

  async requeueDelivery(tenantId: string, id: string, now: number): Promise<DeliveryRecord | undefined> {
    const changes = this.s.requeueDelivery.run({ tenant_id: tenantId, id, now }).changes;
    if (changes === 0) return undefined;
    this.notify();
    const row = this.s.getDelivery.get(tenantId, id) as Row;
    return deliveryFromRow(row);
  }

  async requeueFailed(
    tenantId: string,
    hookId: string,
    since: number,
    now: number,
    include: RecoverableStatus[] = ['failed'],
  ): Promise<number> {
    const changes = this.s.requeueFailed.run({
      tenant_id: tenantId,
      hook_id: hookId,
      since,
      now,
      failed: include.includes('failed') ? 1 : 0,
      cancelled: include.includes('cancelled') ? 1 : 0,
    }).changes;
    if (changes > 0) this.notify();
    return changes;
  }

  async cancelPending(tenantId: string, hookId: string, now: number, reason: CancelReason = 'hook_deleted'): Promise<number> {
    return this.s.cancelPending.run({ tenant_id: tenantId, hook_id: hookId, now, reason }).changes;
  }

  async nextDueAt(): Promise<number | null> {
    return (this.s.nextDueAt.get() as { due: number | null }).due;
  }

  async queueStats(_now: number): Promise<{ pending: number; oldestPendingAt: number | null }> {
    const row = this.s.queueStats.get() as { pending: number; oldest: number | null };
    return { pending: row.pending, oldestPendingAt: row.oldest };
  }

  // ---- agent lookups ------------------------------------------------------------------------------

  async createAgentLookup(lookup: AgentLookupRecord): Promise<void> {
    this.s.insertAgentLookup.run({
      id: lookup.id,
      tenant_id: lookup.tenantId,
      chat_id: lookup.chatId,
      status: lookup.status,
      agent_id: lookup.agentId,
      answered_via: lookup.answeredVia,
      answered_hook_id: lookup.answeredHookId,
      created_at: lookup.createdAt,
      expires_at: lookup.expiresAt,
    });
  }

  async getAgentLookup(tenantId: string, id: string): Promise<AgentLookupRecord | undefined> {
    const row = this.s.getAgentLookup.get(tenantId, id) as Row | undefined;
    return row && agentLookupFromRow(row);
  }

  async answerAgentLookup(
    tenantId: string,
    id: string,
    answer: { agentId: string; via: 'webhook_response' | 'callback'; hookId: string | null },
    now: number,
  ): Promise<{ accepted: boolean; lookup: AgentLookupRecord | undefined }> {
    return this.db
      .transaction(() => {
        const accepted =
          this.s.answerAgentLookup.run({
            tenant_id: tenantId,
            id,
            agent_id: answer.agentId,
            via: answer.via,
            hook_id: answer.hookId,
            now,
          }).changes > 0;
        const row = this.s.getAgentLookup.get(tenantId, id) as Row | undefined;
        return { accepted, lookup: row && agentLookupFromRow(row) };
      })
      .immediate();
  }

  async finishAgentLookup(tenantId: string, id: string, status: 'no_agents_available'): Promise<void> {
    this.s.finishAgentLookup.run(status, tenantId, id);
  }

  // ---- inspector captures and stream acks (captures.ts) -------------------------------------------

  async addCapture(capture: CaptureRecord, keep: number): Promise<void> {
    this.captures.addCapture(capture, keep);
  }

  async listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Promise<Page<CaptureRecord>> {
    return this.captures.listCaptures(query);
  }

  async getCapture(tenantId: string, hookId: string, id: string): Promise<CaptureRecord | undefined> {
    return this.captures.getCapture(tenantId, hookId, id);
  }

  async clearCaptures(tenantId: string, hookId: string): Promise<number> {
    return this.captures.clearCaptures(tenantId, hookId);
  }

  async openStreamAttempt(attempt: StreamAttemptRecord): Promise<void> {
    this.captures.openStreamAttempt(attempt);
  }

  async ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): Promise<boolean> {
    return this.captures.ackStreamAttempt(tenantId, hookId, id, ack);
  }

  async takeStreamAcks(owner: string, ids: string[]): Promise<Array<StreamAck & { id: string }>> {
    return this.captures.takeStreamAcks(owner, ids);
  }

  async closeStreamAttempt(id: string): Promise<StreamAck | undefined> {
    return this.captures.closeStreamAttempt(id);
  }

  // ---- retention ----------------------------------------------------------------------------------

  async prune(before: number, batchSize: number): Promise<{ attempts: number; events: number }> {
    return this.db
      .transaction(() => {
        const attempts = this.s.pruneAttempts.run(before, batchSize).changes;
        const events = this.s.prunableEvents.all(before, batchSize) as Row[];
        for (const event of events) {
          this.s.attemptsOfEventDeliveries.run(event.tenant_id, event.id);
          this.s.deleteEventDeliveries.run(event.tenant_id, event.id);
          this.s.deleteEvent.run(event.seq);
        }
        this.s.pruneAgentLookups.run(before, batchSize);
        this.captures.prune(before, batchSize);
        return { attempts, events: events.length };
      })
      .immediate();
  }
}

/**
 * The cipher when none is given: the key file beside the database (created if missing), or a random
 * key for an in-memory database, which holds nothing past the process anyway.
 */
function defaultCipher(filename: string, onWarning?: (message: string) => void): SecretCipher {
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
