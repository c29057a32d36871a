import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AppendEventResult,
  AppendRequest,
  AttemptRecord,
  ClaimOptions,
  CancelReason,
  CaptureRecord,
  CompleteAttemptInput,
  CustomEventTypeRecord,
  DeliveryRecord,
  EventRecord,
  HookRecord,
  Page,
  PageRequest,
  RecoverableStatus,
  Store,
  StreamAck,
  StreamAttemptRecord,
  TenantRecord,
} from '../store';
import { createPostgresCaptures } from './captures';
import { appendEventsPostgres } from './append-events';
import { claimDeliveries } from './claim-deliveries';
import { completeAttempts } from './complete-attempts';
import {
  agentLookupColumns,
  apiKeyColumns,
  attemptColumns,
  customEventTypeColumns,
  deliveryColumns,
  eventColumns,
  fromRow,
  hookColumns,
  insertSql,
  setClause,
  tenantColumns,
  type Columns,
} from './columns';
import { decodeCursor } from '../cursor';
import { pageLimit, toPage } from './cursor';
import { getHook, hookFromRow, insertHook, patchHook, type HookPatch } from './hook-writes';
import { SEALED_HOOK_FIELDS, currentPrefix, resealRow, type SealedHookField } from '../hook-secrets';
import type { SecretCipher } from '../secret-box';
import { channelFor, DeliveryNotifier } from './delivery-notifier';
import { migrate } from './migrate';
import { checkConnection, createPool, type PostgresPoolOptions } from './pool';
import { withTransaction, type Queryable } from './transaction';

export interface PostgresStoreOptions extends PostgresPoolOptions {
  /**
   * Seals hook secrets at rest (DESKHOOKS_ENCRYPTION_KEY). Required: every node must share the key,
   * so there is no per-node fallback as on SQLite.
   */
  cipher: SecretCipher;
}

/** Hooks re-sealed per transaction by the startup sweep. */
const SWEEP_BATCH = 200;

/** Pool defaults when a caller leaves them out (PG_POOL_MAX / PG_CONNECT_TIMEOUT_MS in the server). */
const DEFAULT_POOL_MAX = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  /** The query pool, for operational checks and tests. */
  readonly pool: Pool;
  /** The LISTEN channel this store's wake-ups travel on. */
  readonly channel: string;
  /** Resolves once this node hears other nodes' wake-ups (its LISTEN connection is up). */
  whenListening(): Promise<void>;
}

/** On a repeated (delivery, number): every attempt field but the key is replaced. */

/** Deliveries per INSERT statement: far below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 500;

/**
 * The PostgreSQL store: several stateless deskhooks nodes share one database. Connects once before
 * resolving, so a node with an unreachable database fails at start with a clear, password-free
 * message instead of serving errors.
 */
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
  return new PgStore(pool, notifier, cipher);
}

class PgStore implements PostgresStore {
  readonly kind = 'postgres' as const;
  private closed = false;
  /** Inspector captures and stream acks (captures.ts). */
  private readonly captures: ReturnType<typeof createPostgresCaptures>;

  constructor(
    readonly pool: Pool,
    private readonly notifier: DeliveryNotifier,
    private readonly cipher: SecretCipher,
  ) {
    this.captures = createPostgresCaptures(pool);
  }

  get channel(): string {
    return this.notifier.channel;
  }

  whenListening(): Promise<void> {
    return this.notifier.whenListening();
  }

  async migrate(): Promise<void> {
    await migrate(this.pool);
    await this.sealHookSecrets();
  }

  /**
   * Seals every hook secret still stored in plain text (rows written before encryption) and re-seals
   * those sealed under an older key, a batch a transaction. Idempotent, and safe on several nodes at
   * once: rows another node is sealing are skipped (SKIP LOCKED) and no longer match once it commits.
   */
  private async sealHookSecrets(): Promise<number> {
    const prefix = currentPrefix(this.cipher);
    const stale = SEALED_HOOK_FIELDS.map((f) => `substr(${f}::text, 1, length($1)) = $1`).join(' AND ');
    let sealed = 0;
    for (;;) {
      const count = await withTransaction(this.pool, async (client) => {
        const { rows } = await client.query(
          `SELECT tenant_id, id, ${SEALED_HOOK_FIELDS.join(', ')} FROM hooks WHERE NOT (${stale})
           LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [prefix, SWEEP_BATCH],
        );
        for (const row of rows) {
          const fields = Object.fromEntries(SEALED_HOOK_FIELDS.map((f) => [f, row[f]])) as Record<SealedHookField, unknown>;
          const resealed = resealRow(this.cipher, { tenantId: row.tenant_id, hookId: row.id, fields });
          await client.query(
            `UPDATE hooks SET ${SEALED_HOOK_FIELDS.map((f, i) => `${f} = $${i + 3}`).join(', ')} WHERE tenant_id = $1 AND id = $2`,
            [row.tenant_id, row.id, ...SEALED_HOOK_FIELDS.map((f) => JSON.stringify(resealed[f]))],
          );
        }
        return rows.length;
      });
      sealed += count;
      if (count < SWEEP_BATCH) return sealed;
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifier.close();
    await this.pool.end();
  }

  // ---- tenants -------------------------------------------------------------------------------

  async createTenant(tenant: TenantRecord): Promise<void> {
    await this.insert('tenants', tenantColumns, [tenant]);
  }

  async getTenant(id: string): Promise<TenantRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM tenants WHERE id = $1', [id]);
    return rows[0] ? fromRow(tenantColumns, rows[0]) : undefined;
  }

  /** Oldest first (the only list that is). */
  async listTenants(page: { limit: number; cursor?: string | null }): Promise<Page<TenantRecord>> {
    const after = decodeCursor(page.cursor);
    const limit = pageLimit(page.limit);
    const { rows } = await this.pool.query('SELECT * FROM tenants WHERE seq > $1 ORDER BY seq LIMIT $2', [after ?? 0, limit + 1]);
    return toPage(rows, limit, (row) => fromRow(tenantColumns, row));
  }

  async updateTenant(
    id: string,
    patch: Partial<Pick<TenantRecord, 'name' | 'webhooksEnabled' | 'liveChatAppId'>>,
  ): Promise<TenantRecord | undefined> {
    const values: unknown[] = [id];
    const assignments = setClause(
      tenantColumns.filter((column) => column.field === 'name' || column.field === 'webhooksEnabled' || column.field === 'liveChatAppId'),
      patch,
      values,
    );
    if (assignments.length === 0) return this.getTenant(id);
    const { rows } = await this.pool.query(`UPDATE tenants SET ${assignments.join(', ')} WHERE id = $1 RETURNING *`, values);
    return rows[0] ? fromRow(tenantColumns, rows[0]) : undefined;
  }

  // ---- API keys ------------------------------------------------------------------------------

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.insert('api_keys', apiKeyColumns, [key]);
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM api_keys WHERE hash = $1', [hash]);
    return rows[0] ? fromRow(apiKeyColumns, rows[0]) : undefined;
  }

  /** tenantId null: every key (admin view). */
  async listApiKeys(tenantId: string | null): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM api_keys WHERE ($1::text IS NULL OR tenant_id = $1) ORDER BY seq', [
      tenantId,
    ]);
    return rows.map((row) => fromRow(apiKeyColumns, row));
  }

  async revokeApiKey(tenantId: string | null, id: string, at: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
       WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)`,
      [id, tenantId, at],
    );
    return (rowCount ?? 0) > 0;
  }

  async touchApiKey(id: string, at: number): Promise<void> {
    await this.pool.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }

  // ---- custom event types --------------------------------------------------------------------

  async putCustomEventType(record: CustomEventTypeRecord): Promise<boolean> {
    const { text, values } = insertSql('custom_event_types', customEventTypeColumns, [record]);
    const updates = customEventTypeColumns
      .filter((column) => !['tenantId', 'type', 'createdAt'].includes(column.field))
      .map((column) => `"${column.column}" = EXCLUDED."${column.column}"`)
      .join(', ');
    // xmax is 0 on a freshly inserted row version and set on one an upsert updated.
    const { rows } = await this.pool.query(
      `${text} ON CONFLICT (tenant_id, type) DO UPDATE SET ${updates} RETURNING (xmax = 0) AS inserted`,
      values,
    );
    return rows[0].inserted === true;
  }

  async getCustomEventType(tenantId: string, type: string): Promise<CustomEventTypeRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM custom_event_types WHERE tenant_id = $1 AND type = $2', [tenantId, type]);
    return rows[0] ? fromRow(customEventTypeColumns, rows[0]) : undefined;
  }

  async listCustomEventTypes(tenantId: string): Promise<CustomEventTypeRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM custom_event_types WHERE tenant_id = $1 ORDER BY type', [tenantId]);
    return rows.map((row) => fromRow(customEventTypeColumns, row));
  }

  async deleteCustomEventType(tenantId: string, type: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM custom_event_types WHERE tenant_id = $1 AND type = $2', [tenantId, type]);
    return (rowCount ?? 0) > 0;
  }

  // ---- hooks ---------------------------------------------------------------------------------

  async createHook(hook: HookRecord): Promise<void> {
    await withTransaction(this.pool, (client) => insertHook(client, this.cipher, hook));
  }

  async getHook(tenantId: string, id: string): Promise<HookRecord | undefined> {
    return getHook(this.pool, this.cipher, tenantId, id);
  }

  async listHooks(query: {
    tenantId: string;
    limit: number;
    cursor?: string | null;
    deleted: boolean;
    status?: HookRecord['status'];
    event?: string;
    brand?: string;
  }): Promise<Page<HookRecord>> {
    const conditions = ['tenant_id = $1', query.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const values: unknown[] = [query.tenantId];
    if (query.status !== undefined) conditions.push(`status = $${values.push(query.status)}`);
    // A hook subscribed to `*` receives the event too, so it is listed under it.
    if (query.event !== undefined) conditions.push(`events && ARRAY[$${values.push(query.event)}, '*']`);
    if (query.brand !== undefined) conditions.push(`brand = $${values.push(query.brand)}`);
    return this.newestFirst('hooks', conditions, values, query, hookColumns, (row) => hookFromRow(this.cipher, row));
  }

  async updateHook(tenantId: string, id: string, patch: HookPatch): Promise<HookRecord | undefined> {
    return withTransaction(this.pool, (client) => patchHook(client, this.cipher, tenantId, id, patch));
  }

  // ---- events and the outbox -----------------------------------------------------------------

  /**
   * Three statements inside the transaction: insert-or-detect-duplicate together with loading the
   * candidates, then the deliveries with the event's count and the wake-up notification.
   */
  async appendEvent(event: EventRecord, plan: (candidates: HookRecord[]) => DeliveryRecord[]): Promise<AppendEventResult> {
    // One event is a batch of one: the outbox is written in one place (append-events.ts).
    const [result] = await this.appendEvents([{ event, plan }]);
    return result;
  }

  async appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]> {
    if (requests.length === 0) return [];
    const notification = { channel: this.notifier.channel, tag: this.notifier.tag };
    const results = await withTransaction(this.pool, (client) => appendEventsPostgres(client, requests, notification, this.cipher));
    if (results.some((result) => !result.duplicate && result.deliveries.length > 0)) this.notifier.wake();
    return results;
  }

  async getEvent(tenantId: string, id: string): Promise<EventRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM events WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows[0] ? fromRow(eventColumns, rows[0]) : undefined;
  }

  async listBrands(tenantId: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ brand: string }>(
      `WITH RECURSIVE event_brands(brand, n) AS (
         SELECT (SELECT MIN(brand COLLATE "C") FROM events WHERE tenant_id = $1 AND brand IS NOT NULL), 1
         UNION ALL
         SELECT (SELECT MIN(e.brand COLLATE "C") FROM events e
                 WHERE e.tenant_id = $1 AND e.brand IS NOT NULL AND e.brand COLLATE "C" > b.brand), b.n + 1
         FROM event_brands b WHERE b.brand IS NOT NULL AND b.n < $2::int
       )
       SELECT brand FROM event_brands WHERE brand IS NOT NULL
       UNION
       SELECT brand COLLATE "C" FROM hooks WHERE tenant_id = $1 AND brand IS NOT NULL AND deleted_at IS NULL
       ORDER BY 1 LIMIT $2::int`,
      [tenantId, limit],
    );
    return rows.map((row) => row.brand);
  }

  async listEvents(query: { tenantId: string; limit: number; cursor?: string | null; type?: string }): Promise<Page<EventRecord>> {
    const conditions = ['tenant_id = $1'];
    const values: unknown[] = [query.tenantId];
    if (query.type !== undefined) conditions.push(`type = $${values.push(query.type)}`);
    return this.newestFirst('events', conditions, values, query, eventColumns);
  }

  // ---- deliveries ----------------------------------------------------------------------------

  async insertDeliveries(deliveries: DeliveryRecord[]): Promise<void> {
    if (deliveries.length === 0) return;
    await withTransaction(this.pool, (client) => this.insertDeliveryRows(client, deliveries));
    this.notifier.wake();
  }

  async claimDeliveries(options: ClaimOptions) {
    return claimDeliveries(this.pool, options, this.cipher);
  }

  async completeAttempt(input: CompleteAttemptInput): Promise<boolean> {
    return (await this.completeAttempts([input]))[0];
  }

  async completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]> {
    if (inputs.length === 0) return [];
    const result = await withTransaction(this.pool, async (client) => {
      const done = await completeAttempts(client, inputs, this.cipher);
      // A retry to schedule, or an ordered hook whose next delivery is now free: other nodes may
      // have work they could not see before.
      if (done.wake) await this.notify(client);
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
      if (rowCount) await this.notify(client);
      return rowCount ?? 0;
    });
    if (released > 0) this.notifier.wake();
    return released;
  }

  async getDelivery(tenantId: string, id: string): Promise<{ delivery: DeliveryRecord; attempts: AttemptRecord[] } | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM deliveries WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!rows[0]) return undefined;
    const attempts = await this.pool.query(
      'SELECT * FROM attempts WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY number, seq',
      [tenantId, id],
    );
    return {
      delivery: fromRow(deliveryColumns, rows[0]),
      attempts: attempts.rows.map((row) => fromRow(attemptColumns, row)),
    };
  }

  async listDeliveries(query: {
    tenantId: string;
    limit: number;
    cursor?: string | null;
    hookId?: string;
    status?: DeliveryRecord['status'];
    eventType?: string;
  }): Promise<Page<DeliveryRecord>> {
    const conditions = ['tenant_id = $1'];
    const values: unknown[] = [query.tenantId];
    if (query.hookId !== undefined) conditions.push(`hook_id = $${values.push(query.hookId)}`);
    if (query.status !== undefined) conditions.push(`status = $${values.push(query.status)}`);
    if (query.eventType !== undefined) conditions.push(`event_type = $${values.push(query.eventType)}`);
    return this.newestFirst('deliveries', conditions, values, query, deliveryColumns);
  }

  async requeueDelivery(tenantId: string, id: string, now: number): Promise<DeliveryRecord | undefined> {
    const delivery = await withTransaction(this.pool, async (client) => {
      // Already pending: it keeps an earlier due time and its lease (a send in flight finishes first).
      const { rows } = await client.query(
        `UPDATE deliveries SET status = 'pending', cancel_reason = NULL,
           next_attempt_at = CASE WHEN status = 'pending' AND next_attempt_at < $3 THEN next_attempt_at ELSE $3 END,
           lease_owner = CASE WHEN status = 'pending' THEN lease_owner END,
           lease_expires_at = CASE WHEN status = 'pending' THEN lease_expires_at END,
           updated_at = $3
         WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, id, now],
      );
      if (!rows[0]) return undefined;
      await this.notify(client);
      return fromRow<DeliveryRecord>(deliveryColumns, rows[0]);
    });
    if (delivery) this.notifier.wake();
    return delivery;
  }

  async requeueFailed(
    tenantId: string,
    hookId: string,
    since: number,
    now: number,
    include: RecoverableStatus[] = ['failed'],
  ): Promise<number> {
    const requeued = await withTransaction(this.pool, async (client) => {
      // Cancelled deliveries whose event is gone (pruned) have nothing left to send: never re-queued.
      const { rowCount } = await client.query(
        `UPDATE deliveries d SET status = 'pending', cancel_reason = NULL, next_attempt_at = $4, lease_owner = NULL,
           lease_expires_at = NULL, updated_at = $4
         WHERE d.tenant_id = $1 AND d.hook_id = $2 AND d.created_at >= $3
           AND (($5 AND d.status = 'failed')
             OR ($6 AND d.status = 'cancelled' AND COALESCE(d.cancel_reason, '') <> 'event_missing'
                 AND EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = d.tenant_id AND e.id = d.event_id)))`,
        [tenantId, hookId, since, now, include.includes('failed'), include.includes('cancelled')],
      );
      if (rowCount) await this.notify(client);
      return rowCount ?? 0;
    });
    if (requeued > 0) this.notifier.wake();
    return requeued;
  }

  async cancelPending(tenantId: string, hookId: string, now: number, reason: CancelReason = 'hook_deleted'): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE deliveries SET status = 'cancelled', cancel_reason = $4, next_attempt_at = NULL, lease_owner = NULL,
         lease_expires_at = NULL, updated_at = $3
       WHERE tenant_id = $1 AND hook_id = $2 AND status = 'pending'`,
      [tenantId, hookId, now, reason],
    );
    return rowCount ?? 0;
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

  async queueStats(now: number): Promise<{ pending: number; oldestPendingAt: number | null }> {
    void now;
    const { rows } = await this.pool.query(
      `SELECT count(*)::integer AS pending, min(created_at) AS oldest FROM deliveries WHERE status = 'pending'`,
    );
    return { pending: rows[0].pending, oldestPendingAt: rows[0].oldest ?? null };
  }

  // ---- agent lookups -------------------------------------------------------------------------

  async createAgentLookup(lookup: AgentLookupRecord): Promise<void> {
    await this.insert('agent_lookups', agentLookupColumns, [lookup]);
  }

  async getAgentLookup(tenantId: string, id: string): Promise<AgentLookupRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM agent_lookups WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows[0] ? fromRow(agentLookupColumns, rows[0]) : undefined;
  }

  async answerAgentLookup(
    tenantId: string,
    id: string,
    answer: { agentId: string; via: 'webhook_response' | 'callback'; hookId: string | null },
    now: number,
  ): Promise<{ accepted: boolean; lookup: AgentLookupRecord | undefined }> {
    // The first answer wins: the row lock makes a concurrent second answer see status 'assigned'.
    const { rows } = await this.pool.query(
      `UPDATE agent_lookups SET status = 'assigned', agent_id = $3, answered_via = $4, answered_hook_id = $5
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND expires_at > $6
       RETURNING *`,
      [tenantId, id, answer.agentId, answer.via, answer.hookId, now],
    );
    if (rows[0]) return { accepted: true, lookup: fromRow(agentLookupColumns, rows[0]) };
    return { accepted: false, lookup: await this.getAgentLookup(tenantId, id) };
  }

  async finishAgentLookup(tenantId: string, id: string, status: 'no_agents_available'): Promise<void> {
    await this.pool.query(`UPDATE agent_lookups SET status = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`, [
      tenantId,
      id,
      status,
    ]);
  }

  // ---- retention -----------------------------------------------------------------------------

  /**
   * One batch: at most `batchSize` attempts, then at most `batchSize` events. An event goes only once
   * none of its deliveries is pending; its deliveries (and their remaining attempts) go with it.
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
      await this.captures.prune(client, before, batchSize);
      return { attempts: attempts.rowCount ?? 0, events: events.rowCount ?? 0 };
    });
  }

  // ---- inspector captures and stream acks (captures.ts) ---------------------------------------

  addCapture(capture: CaptureRecord, keep: number): Promise<void> {
    return this.captures.addCapture(capture, keep);
  }

  listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Promise<Page<CaptureRecord>> {
    return this.captures.listCaptures(query);
  }

  getCapture(tenantId: string, hookId: string, id: string): Promise<CaptureRecord | undefined> {
    return this.captures.getCapture(tenantId, hookId, id);
  }

  clearCaptures(tenantId: string, hookId: string): Promise<number> {
    return this.captures.clearCaptures(tenantId, hookId);
  }

  openStreamAttempt(attempt: StreamAttemptRecord): Promise<void> {
    return this.captures.openStreamAttempt(attempt);
  }

  ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): Promise<boolean> {
    return this.captures.ackStreamAttempt(tenantId, hookId, id, ack);
  }

  takeStreamAcks(owner: string, ids: string[]): Promise<Array<StreamAck & { id: string }>> {
    return this.captures.takeStreamAcks(owner, ids);
  }

  closeStreamAttempt(id: string): Promise<StreamAck | undefined> {
    return this.captures.closeStreamAttempt(id);
  }

  // ---- wake-ups ------------------------------------------------------------------------------

  onDeliveriesCreated(listener: () => void): () => void {
    return this.notifier.subscribe(listener);
  }

  /**
   * Queues the wake-up for the other nodes in the caller's transaction (sent on commit only). The
   * caller wakes this node's own workers itself, after commit, when the rows are visible.
   */
  private async notify(client: Queryable): Promise<void> {
    await client.query('SELECT pg_notify($1, $2)', [this.notifier.channel, this.notifier.tag]);
  }

  /** One newest-first page of a tenant-scoped table: a keyset range on seq, one extra row to see if there is more. */
  private async newestFirst<R>(
    table: string,
    conditions: string[],
    values: unknown[],
    request: { limit: number; cursor?: string | null },
    columns: Columns<R>,
    map: (row: Record<string, unknown>) => R = (row) => fromRow(columns, row),
  ): Promise<Page<R>> {
    const before = decodeCursor(request.cursor);
    const limit = pageLimit(request.limit);
    if (before !== null) conditions.push(`seq < $${values.push(before)}`);
    const { rows } = await this.pool.query(
      `SELECT * FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY seq DESC LIMIT $${values.push(limit + 1)}`,
      values,
    );
    return toPage(rows, limit, map);
  }

  /**
   * Inserts deliveries in chunks; the last chunk also runs `alongside` (if any) and queues the wake-up
   * notification, in the same statement, to save round trips on the hottest write path.
   */
  private async insertDeliveryRows(
    client: Queryable,
    deliveries: DeliveryRecord[],
    alongside?: { text: string; values: unknown[] },
  ): Promise<void> {
    for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) {
      const chunk = deliveries.slice(i, i + INSERT_CHUNK);
      if (i + INSERT_CHUNK < deliveries.length) {
        const { text, values } = insertSql('deliveries', deliveryColumns, chunk);
        await client.query(text, values);
        continue;
      }
      const values: unknown[] = alongside ? [...alongside.values] : [];
      const insert = insertSql('deliveries', deliveryColumns, chunk, values);
      const channel = `$${values.push(this.notifier.channel)}`;
      const tag = `$${values.push(this.notifier.tag)}`;
      await client.query(
        `WITH inserted AS (${insert.text})${alongside ? `, alongside AS (${alongside.text})` : ''}
         SELECT pg_notify(${channel}, ${tag})`,
        values,
      );
    }
  }

  private async insert<R>(table: string, columns: Columns<R>, records: R[], db: Queryable = this.pool): Promise<void> {
    const { text, values } = insertSql(table, columns, records);
    await db.query(text, values);
  }
}
