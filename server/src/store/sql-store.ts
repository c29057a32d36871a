/**
 * The half of the Store that both dialects share, written once: tenants, keys, custom types, hooks and
 * their matching index, lists and paging, deliveries outside the engine's hot paths, agent lookups,
 * inspector captures and stream acks, and the secret sweep. Each dialect's store extends it with its connection, its runner and its hand-written
 * hot paths (claim, complete, append, prune, release, nextDueAt) and the few SQL fragments that differ.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type {
  AgentLookupRecord,
  ApiKeyRecord,
  AppendEventResult,
  AppendRequest,
  AttemptRecord,
  CancelReason,
  CaptureRecord,
  ClaimedDelivery,
  ClaimOptions,
  CompleteAttemptInput,
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
} from './store';
import * as t from './columns';
import { fromRow, toRow, type Codec, type Row, type Schema } from './columns';
import { decodeCursor, encodeCursor } from './cursor';
import { SEALED_HOOK_FIELDS, currentPrefix, openHookFields, resealRow, sealHookFields, type SealedHookField } from './hook-secrets';
import type { HookPatch } from './hook-patch';
import type { SecretCipher } from './secret-box';
import { first, fixedShape, queryBuilder, rows, run, wake, type Work } from './unit-of-work';

/** How a dialect runs units of work. */
export interface Runner {
  /** Each query on its own (autocommit). */
  run<T>(work: Work<T>): Promise<T>;
  /** All of it in one transaction; workers are woken after the commit if the work asked. */
  transaction<T>(work: Work<T>): Promise<T>;
}

/** Row → record, for the dialects' hot paths. */
export type RowMappers = Pick<SqlStore, 'hookOf' | 'eventOf' | 'deliveryOf'>;

/** Page sizes outside 1…1000 are clamped. */
const MAX_PAGE = 1000;
/** Hooks re-sealed per transaction by the startup sweep: small, so a large table never holds a lock long. */
const SWEEP_BATCH = 200;
/** Deliveries per INSERT: far below either dialect's limit on bound parameters. */
const INSERT_CHUNK = 500;
/** Fields that decide whether, and for which events, a hook is a matching candidate. */
const MATCHING_FIELDS = ['events', 'brand', 'status', 'deletedAt'] as const;

export abstract class SqlStore implements Store {
  abstract readonly kind: 'sqlite' | 'postgres';
  protected readonly q: Kysely<Schema>;

  constructor(
    dialect: 'sqlite' | 'postgres',
    protected readonly codec: Codec,
    readonly cipher: SecretCipher,
  ) {
    this.q = queryBuilder(dialect);
  }

  protected abstract readonly runner: Runner;

  // ---- what each dialect says its own way ----------------------------------------------------------

  /** The hook is subscribed to `event` or to `*` (hooks.events is JSON text on SQLite, text[] on PostgreSQL). */
  protected abstract subscribedTo(event: string): Expression<SqlBool>;
  /** A JSON column as text, to compare its start (sealed values). */
  protected abstract jsonText(column: string): RawBuilder<string>;
  /** The collation brands are ordered by (byte order on both). */
  protected abstract readonly byteOrder: string;

  abstract migrate(): Promise<void>;
  abstract close(): Promise<void>;
  abstract onDeliveriesCreated(listener: () => void): () => void;
  abstract appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]>;
  abstract claimDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  abstract completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]>;
  abstract releaseLeases(owner: string, deliveries?: Array<{ tenantId: string; id: string }>): Promise<number>;
  abstract nextDueAt(): Promise<number | null>;
  abstract prune(before: number, batchSize: number): Promise<{ attempts: number; events: number }>;

  // ---- shared helpers ---------------------------------------------------------------------------

  /** A hook row (or row_to_json document) as the rest of deskhooks sees it: sealed fields opened on read. */
  hookOf = (row: Row): HookRecord => openHookFields(this.cipher, fromRow(this.codec, t.hooks, row));
  eventOf = (row: Row): EventRecord => fromRow(this.codec, t.events, row);
  deliveryOf = (row: Row): DeliveryRecord => fromRow(this.codec, t.deliveries, row);
  private tenantOf = (row: Row): TenantRecord => fromRow(this.codec, t.tenants, row);
  private apiKeyOf = (row: Row): ApiKeyRecord => fromRow(this.codec, t.apiKeys, row);
  private customTypeOf = (row: Row): CustomEventTypeRecord => fromRow(this.codec, t.customEventTypes, row);
  private lookupOf = (row: Row): AgentLookupRecord => fromRow(this.codec, t.agentLookups, row);

  // The reads every request or failed attempt makes, compiled once.
  private readonly tenantById = fixedShape((id: string) => this.q.selectFrom('tenants').selectAll().where('id', '=', id));
  private readonly keyByHash = fixedShape((hash: string) => this.q.selectFrom('api_keys').selectAll().where('hash', '=', hash));
  private readonly hookById = fixedShape((tenantId: string, id: string) =>
    this.q.selectFrom('hooks').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id),
  );

  protected insert<R>(table: t.Table<R>, records: R[]) {
    return this.q.insertInto(table.name as keyof Schema).values(records.map((record) => toRow(this.codec, table, record)) as any);
  }

  /** A raw SQL template as a query a unit of work can yield. */
  protected raw(query: RawBuilder<unknown>) {
    return { compile: () => query.compile(this.q) };
  }

  /** One page of a keyset range on seq (newest first unless `ascending`), one extra row to see if there is more. */
  private *page<R>(query: any, request: PageRequest, map: (row: Row) => R, ascending = false): Work<Page<R>> {
    const after = decodeCursor(request.cursor);
    const limit = Math.max(1, Math.min(Math.floor(request.limit) || 1, MAX_PAGE));
    if (after !== null) query = query.where('seq', ascending ? '>' : '<', after);
    const found = yield* rows(query.orderBy('seq', ascending ? 'asc' : 'desc').limit(limit + 1));
    const served = found.slice(0, limit);
    return { items: served.map(map), nextCursor: found.length > limit ? encodeCursor(Number(served[served.length - 1].seq)) : null };
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  async ping(): Promise<void> {
    await this.runner.run(rows(this.raw(sql`SELECT 1`)));
  }

  /**
   * Seals every hook secret still stored in plain text (rows written before encryption) and re-seals
   * those sealed under an older key, a batch a transaction. Rows already sealed under the primary key
   * are not touched. On PostgreSQL, rows another node is sealing are skipped (SKIP LOCKED).
   */
  protected async sealHookSecrets(): Promise<number> {
    const prefix = currentPrefix(this.cipher);
    let sealed = 0;
    let after = 0;
    for (;;) {
      const batch = await this.runner.transaction(this.sealBatch(prefix, after));
      sealed += batch.count;
      if (batch.count < SWEEP_BATCH) return sealed;
      after = batch.last;
    }
  }

  private *sealBatch(prefix: string, after: number): Work<{ count: number; last: number }> {
    let query = this.q
      .selectFrom('hooks')
      .select(['seq', 'tenant_id', 'id', ...SEALED_HOOK_FIELDS])
      .where('seq', '>', after)
      .where(({ not, and }) => not(and(SEALED_HOOK_FIELDS.map((f) => sql<SqlBool>`substr(${this.jsonText(f)}, 1, ${prefix.length}) = ${prefix}`))))
      .orderBy('seq')
      .limit(SWEEP_BATCH);
    if (this.kind === 'postgres') query = query.forUpdate().skipLocked();
    const found = yield* rows(query);
    for (const row of found) {
      const fields = Object.fromEntries(SEALED_HOOK_FIELDS.map((f) => [f, this.codec.read('json', row[f])])) as Record<SealedHookField, unknown>;
      const resealed = resealRow(this.cipher, { tenantId: row.tenant_id, hookId: row.id, fields });
      yield* run(
        this.q
          .updateTable('hooks')
          .set(toRow(this.codec, t.hooks, resealed as unknown as Partial<HookRecord>))
          .where('tenant_id', '=', row.tenant_id)
          .where('id', '=', row.id),
      );
    }
    return { count: found.length, last: found.length ? Number(found[found.length - 1].seq) : after };
  }

  // ---- tenants and keys ---------------------------------------------------------------------------

  async createTenant(tenant: TenantRecord): Promise<void> {
    await this.runner.run(run(this.insert(t.tenants, [tenant])));
  }

  async getTenant(id: string): Promise<TenantRecord | undefined> {
    const row = await this.runner.run(first(this.tenantById(id)));
    return row && this.tenantOf(row);
  }

  /** Oldest first (the only list that is). */
  async listTenants(request: PageRequest): Promise<Page<TenantRecord>> {
    return this.runner.run(this.page(this.q.selectFrom('tenants').selectAll(), request, this.tenantOf, true));
  }

  async updateTenant(
    id: string,
    patch: Partial<Pick<TenantRecord, 'name' | 'webhooksEnabled' | 'liveChatAppId'>>,
  ): Promise<TenantRecord | undefined> {
    const { name, webhooksEnabled, liveChatAppId } = patch;
    const set = toRow(this.codec, t.tenants, { name, webhooksEnabled, liveChatAppId });
    if (Object.keys(set).length === 0) return this.getTenant(id);
    const row = await this.runner.run(first(this.q.updateTable('tenants').set(set).where('id', '=', id).returningAll()));
    return row && this.tenantOf(row);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.runner.run(run(this.insert(t.apiKeys, [key])));
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.runner.run(first(this.keyByHash(hash)));
    return row && this.apiKeyOf(row);
  }

  /** tenantId null: every key (admin view). */
  async listApiKeys(tenantId: string | null): Promise<ApiKeyRecord[]> {
    let query = this.q.selectFrom('api_keys').selectAll().orderBy('seq');
    if (tenantId !== null) query = query.where('tenant_id', '=', tenantId);
    return (await this.runner.run(rows(query))).map(this.apiKeyOf);
  }

  /** An already revoked key keeps its first revocation time and still counts as found. */
  async revokeApiKey(tenantId: string | null, id: string, at: number): Promise<boolean> {
    let query = this.q
      .updateTable('api_keys')
      .set({ revoked_at: sql`COALESCE(revoked_at, ${at})` })
      .where('id', '=', id);
    if (tenantId !== null) query = query.where('tenant_id', '=', tenantId);
    return (await this.runner.run(run(query))) > 0;
  }

  async touchApiKey(id: string, at: number): Promise<void> {
    await this.runner.run(run(this.q.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id)));
  }

  // ---- custom event types -------------------------------------------------------------------------

  async putCustomEventType(record: CustomEventTypeRecord): Promise<boolean> {
    return this.runner.transaction(this.putCustomEventTypeWork(record));
  }

  private *putCustomEventTypeWork(record: CustomEventTypeRecord): Work<boolean> {
    const existed = yield* first(
      this.q.selectFrom('custom_event_types').select('type').where('tenant_id', '=', record.tenantId).where('type', '=', record.type),
    );
    yield* run(
      this.q
        .insertInto('custom_event_types')
        .values(toRow(this.codec, t.customEventTypes, record) as any)
        .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'type']).doUpdateSet((eb) => ({
          description: eb.ref('excluded.description'),
          schema: eb.ref('excluded.schema'),
          sample: eb.ref('excluded.sample'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
    );
    return existed === undefined;
  }

  async getCustomEventType(tenantId: string, type: string): Promise<CustomEventTypeRecord | undefined> {
    const row = await this.runner.run(
      first(this.q.selectFrom('custom_event_types').selectAll().where('tenant_id', '=', tenantId).where('type', '=', type)),
    );
    return row && this.customTypeOf(row);
  }

  async listCustomEventTypes(tenantId: string): Promise<CustomEventTypeRecord[]> {
    const found = await this.runner.run(rows(this.q.selectFrom('custom_event_types').selectAll().where('tenant_id', '=', tenantId).orderBy('type')));
    return found.map(this.customTypeOf);
  }

  async deleteCustomEventType(tenantId: string, type: string): Promise<boolean> {
    const deleted = await this.runner.run(
      run(this.q.deleteFrom('custom_event_types').where('tenant_id', '=', tenantId).where('type', '=', type)),
    );
    return deleted > 0;
  }

  // ---- hooks --------------------------------------------------------------------------------------

  async createHook(hook: HookRecord): Promise<void> {
    await this.runner.transaction(this.createHookWork(hook));
  }

  private *createHookWork(hook: HookRecord): Work<void> {
    yield* run(this.insert(t.hooks, [sealHookFields(this.cipher, hook.tenantId, hook.id, hook)]));
    yield* this.syncHookEvents(hook);
  }

  async getHook(tenantId: string, id: string): Promise<HookRecord | undefined> {
    const row = await this.runner.run(this.hookRow(tenantId, id));
    return row && this.hookOf(row);
  }

  private hookRow(tenantId: string, id: string): Work<Row | undefined> {
    return first(this.hookById(tenantId, id));
  }

  async listHooks(query: HookQuery & { tenantId: string }): Promise<Page<HookRecord>> {
    let select = this.q
      .selectFrom('hooks')
      .selectAll()
      .where('tenant_id', '=', query.tenantId)
      .where('deleted_at', query.deleted ? 'is not' : 'is', null);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.brand !== undefined) select = select.where('brand', '=', query.brand);
    // A hook subscribed to `*` receives the event too, so it is listed under it.
    if (query.event !== undefined) select = select.where(this.subscribedTo(query.event));
    return this.runner.run(this.page(select, query, this.hookOf));
  }

  async updateHook(tenantId: string, id: string, patch: HookPatch): Promise<HookRecord | undefined> {
    return this.runner.transaction(this.updateHookWork(tenantId, id, patch));
  }

  /**
   * A hook patch (call it inside a transaction: the hook and its matching rows change together; the
   * engine's completion runs it inside its own). Returns the hook after the change, if there is one.
   */
  *updateHookWork(tenantId: string, id: string, patch: HookPatch): Work<HookRecord | undefined> {
    const { id: _id, tenantId: _tenant, createdAt: _created, ...editable } = sealHookFields(this.cipher, tenantId, id, patch) as Partial<HookRecord>;
    const set = toRow(this.codec, t.hooks, editable);
    const row =
      Object.keys(set).length === 0
        ? yield* this.hookRow(tenantId, id)
        : yield* first(this.q.updateTable('hooks').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll());
    if (!row) return undefined;
    const hook = this.hookOf(row);
    if (MATCHING_FIELDS.some((field) => patch[field] !== undefined)) yield* this.syncHookEvents(hook);
    return hook;
  }

  /**
   * Rewrites the hook's rows in the matching index (hook_events): one per subscribed type, present only
   * while the hook can receive deliveries (active, not deleted).
   */
  private *syncHookEvents(hook: HookRecord): Work<void> {
    yield* run(this.q.deleteFrom('hook_events').where('tenant_id', '=', hook.tenantId).where('hook_id', '=', hook.id));
    if (hook.status !== 'active' || hook.deletedAt !== null || hook.events.length === 0) return;
    const entries = [...new Set(hook.events)].map((type) => ({ tenant_id: hook.tenantId, event_type: type, hook_id: hook.id, brand: hook.brand }));
    yield* run(this.q.insertInto('hook_events').values(entries));
  }

  // ---- events -------------------------------------------------------------------------------------

  async appendEvent(event: EventRecord, plan: (candidates: HookRecord[]) => DeliveryRecord[]): Promise<AppendEventResult> {
    // One event is a batch of one: the outbox is written in one place (each dialect's append-events.ts).
    const [result] = await this.appendEvents([{ event, plan }]);
    return result;
  }

  async getEvent(tenantId: string, id: string): Promise<EventRecord | undefined> {
    const row = await this.runner.run(first(this.q.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)));
    return row && this.eventOf(row);
  }

  /**
   * Hops from one brand to the next in the events' brand index (a loose index scan), so the cost follows
   * the number of brands, not of events; live hooks' brands are added.
   */
  async listBrands(tenantId: string, limit: number): Promise<string[]> {
    const brand = sql.raw(`brand${this.byteOrder}`);
    const found = await this.runner.run(
      rows(
        this.raw(sql`WITH RECURSIVE event_brands(brand, n) AS (
           SELECT (SELECT MIN(${brand}) FROM events WHERE tenant_id = ${tenantId} AND brand IS NOT NULL), 1
           UNION ALL
           SELECT (SELECT MIN(${brand}) FROM events WHERE tenant_id = ${tenantId} AND brand IS NOT NULL AND ${brand} > event_brands.brand),
             event_brands.n + 1
           FROM event_brands WHERE event_brands.brand IS NOT NULL AND event_brands.n < ${limit}
         )
         SELECT brand FROM event_brands WHERE brand IS NOT NULL
         UNION
         SELECT ${brand} FROM hooks WHERE tenant_id = ${tenantId} AND brand IS NOT NULL AND deleted_at IS NULL
         ORDER BY 1 LIMIT ${limit}`),
      ),
    );
    return found.map((row) => row.brand);
  }

  async listEvents(query: PageRequest & { tenantId: string; type?: string }): Promise<Page<EventRecord>> {
    let select = this.q.selectFrom('events').selectAll().where('tenant_id', '=', query.tenantId);
    if (query.type !== undefined) select = select.where('type', '=', query.type);
    return this.runner.run(this.page(select, query, this.eventOf));
  }

  // ---- deliveries ---------------------------------------------------------------------------------

  async insertDeliveries(deliveries: DeliveryRecord[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.runner.transaction(this.insertDeliveriesWork(deliveries));
  }

  private *insertDeliveriesWork(deliveries: DeliveryRecord[]): Work<void> {
    for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) yield* run(this.insert(t.deliveries, deliveries.slice(i, i + INSERT_CHUNK)));
    yield* wake();
  }

  async completeAttempt(input: CompleteAttemptInput): Promise<boolean> {
    return (await this.completeAttempts([input]))[0];
  }

  async getDelivery(tenantId: string, id: string): Promise<{ delivery: DeliveryRecord; attempts: AttemptRecord[] } | undefined> {
    const row = await this.runner.run(first(this.q.selectFrom('deliveries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)));
    if (!row) return undefined;
    const found = await this.runner.run(
      rows(this.q.selectFrom('attempts').selectAll().where('tenant_id', '=', tenantId).where('delivery_id', '=', id).orderBy('number')),
    );
    return { delivery: this.deliveryOf(row), attempts: found.map((attempt) => fromRow(this.codec, t.attempts, attempt)) };
  }

  async listDeliveries(query: DeliveryQuery & { tenantId: string }): Promise<Page<DeliveryRecord>> {
    let select = this.q.selectFrom('deliveries').selectAll().where('tenant_id', '=', query.tenantId);
    if (query.hookId !== undefined) select = select.where('hook_id', '=', query.hookId);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.eventType !== undefined) select = select.where('event_type', '=', query.eventType);
    return this.runner.run(this.page(select, query, this.deliveryOf));
  }

  async requeueDelivery(tenantId: string, id: string, now: number): Promise<DeliveryRecord | undefined> {
    return this.runner.transaction(this.requeueDeliveryWork(tenantId, id, now));
  }

  private *requeueDeliveryWork(tenantId: string, id: string, now: number): Work<DeliveryRecord | undefined> {
    // Already pending: it keeps an earlier due time and its lease (a send in flight finishes first).
    const row = yield* first(
      this.q
        .updateTable('deliveries')
        .set({
          status: 'pending',
          cancel_reason: null,
          next_attempt_at: sql`CASE WHEN status = 'pending' AND next_attempt_at < ${now} THEN next_attempt_at ELSE ${now} END`,
          lease_owner: sql`CASE WHEN status = 'pending' THEN lease_owner END`,
          lease_expires_at: sql`CASE WHEN status = 'pending' THEN lease_expires_at END`,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returningAll(),
    );
    if (!row) return undefined;
    yield* wake();
    return this.deliveryOf(row);
  }

  async requeueFailed(tenantId: string, hookId: string, since: number, now: number, include: RecoverableStatus[] = ['failed']): Promise<number> {
    return this.runner.transaction(this.requeueFailedWork(tenantId, hookId, since, now, include));
  }

  private *requeueFailedWork(tenantId: string, hookId: string, since: number, now: number, include: RecoverableStatus[]): Work<number> {
    const requeued = yield* run(
      this.q
        .updateTable('deliveries')
        .set({ status: 'pending', cancel_reason: null, next_attempt_at: now, lease_owner: null, lease_expires_at: null, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('hook_id', '=', hookId)
        .where('created_at', '>=', since)
        .where((eb) =>
          eb.or([
            ...(include.includes('failed') ? [eb('status', '=', 'failed')] : []),
            // Cancelled deliveries whose event is gone (pruned) have nothing left to send: never re-queued.
            ...(include.includes('cancelled')
              ? [
                  eb.and([
                    eb('status', '=', 'cancelled'),
                    eb(eb.fn.coalesce('cancel_reason', sql.lit('')), '<>', 'event_missing'),
                    eb.exists(
                      eb
                        .selectFrom('events as e')
                        .select(sql.lit(1).as('one'))
                        .whereRef('e.tenant_id', '=', 'deliveries.tenant_id')
                        .whereRef('e.id', '=', 'deliveries.event_id'),
                    ),
                  ]),
                ]
              : []),
          ]),
        ),
    );
    if (requeued > 0) yield* wake();
    return requeued;
  }

  async cancelPending(tenantId: string, hookId: string, now: number, reason: CancelReason = 'hook_deleted'): Promise<number> {
    return this.runner.run(
      run(
        this.q
          .updateTable('deliveries')
          .set({ status: 'cancelled', cancel_reason: reason, next_attempt_at: null, lease_owner: null, lease_expires_at: null, updated_at: now })
          .where('tenant_id', '=', tenantId)
          .where('hook_id', '=', hookId)
          .where('status', '=', 'pending'),
      ),
    );
  }

  async queueStats(_now: number): Promise<{ pending: number; oldestPendingAt: number | null }> {
    const row = await this.runner.run(
      first(
        this.q
          .selectFrom('deliveries')
          .select((eb) => [eb.fn.countAll().as('pending'), eb.fn.min('created_at').as('oldest')])
          .where('status', '=', 'pending'),
      ),
    );
    return { pending: Number(row?.pending ?? 0), oldestPendingAt: row?.oldest ?? null };
  }

  // ---- agent lookups ------------------------------------------------------------------------------

  async createAgentLookup(lookup: AgentLookupRecord): Promise<void> {
    await this.runner.run(run(this.insert(t.agentLookups, [lookup])));
  }

  async getAgentLookup(tenantId: string, id: string): Promise<AgentLookupRecord | undefined> {
    const row = await this.runner.run(first(this.q.selectFrom('agent_lookups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)));
    return row && this.lookupOf(row);
  }

  /** The first answer wins: a second one finds the lookup no longer pending. */
  async answerAgentLookup(
    tenantId: string,
    id: string,
    answer: { agentId: string; via: 'webhook_response' | 'callback'; hookId: string | null },
    now: number,
  ): Promise<{ accepted: boolean; lookup: AgentLookupRecord | undefined }> {
    const row = await this.runner.run(
      first(
        this.q
          .updateTable('agent_lookups')
          .set({ status: 'assigned', agent_id: answer.agentId, answered_via: answer.via, answered_hook_id: answer.hookId })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .where('expires_at', '>', now)
          .returningAll(),
      ),
    );
    if (row) return { accepted: true, lookup: this.lookupOf(row) };
    return { accepted: false, lookup: await this.getAgentLookup(tenantId, id) };
  }

  async finishAgentLookup(tenantId: string, id: string, status: 'no_agents_available'): Promise<void> {
    await this.runner.run(
      run(this.q.updateTable('agent_lookups').set({ status }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending')),
    );
  }

  // ---- inspector captures and stream acks (issue #18) -------------------------------------------

  private captureOf = (row: Row): CaptureRecord => {
    const { method, headers, body, bodyTruncated, ...capture } = fromRow(this.codec, t.captures, row);
    return { ...capture, request: { method, headers, body, bodyTruncated } };
  };

  private ackOf = (row: Row): StreamAck & { id: string } => {
    const { id, ackStatus, ackBody, ackError, ackedAt } = fromRow(this.codec, t.streamAttempts, row);
    return { id, status: ackStatus, body: ackBody, error: ackError, ackedAt: ackedAt! };
  };

  async addCapture(capture: CaptureRecord, keep: number): Promise<void> {
    await this.runner.transaction(this.addCaptureWork(capture, keep));
  }

  /** The capture, then everything at or below the hook's (keep+1)-th newest goes: a hook never holds more than `keep`. */
  private *addCaptureWork({ request, ...capture }: CaptureRecord, keep: number): Work<void> {
    yield* run(this.insert(t.captures, [{ ...capture, ...request }]));
    const ofHook = this.q.selectFrom('captures').where('tenant_id', '=', capture.tenantId).where('hook_id', '=', capture.hookId);
    yield* run(
      this.q
        .deleteFrom('captures')
        .where('tenant_id', '=', capture.tenantId)
        .where('hook_id', '=', capture.hookId)
        .where('seq', '<=', ofHook.select('seq').orderBy('seq', 'desc').limit(1).offset(Math.max(1, keep))),
    );
  }

  /** Newest first. */
  async listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Promise<Page<CaptureRecord>> {
    const select = this.q.selectFrom('captures').selectAll().where('tenant_id', '=', query.tenantId).where('hook_id', '=', query.hookId);
    return this.runner.run(this.page(select, query, this.captureOf));
  }

  async getCapture(tenantId: string, hookId: string, id: string): Promise<CaptureRecord | undefined> {
    const row = await this.runner.run(
      first(this.q.selectFrom('captures').selectAll().where('tenant_id', '=', tenantId).where('hook_id', '=', hookId).where('id', '=', id)),
    );
    return row && this.captureOf(row);
  }

  async clearCaptures(tenantId: string, hookId: string): Promise<number> {
    return this.runner.run(run(this.q.deleteFrom('captures').where('tenant_id', '=', tenantId).where('hook_id', '=', hookId)));
  }

  async openStreamAttempt(attempt: StreamAttemptRecord): Promise<void> {
    await this.runner.run(run(this.insert(t.streamAttempts, [{ ...attempt, ackStatus: null, ackBody: null, ackError: null, ackedAt: null }])));
  }

  /** Lands only on an open attempt of this tenant and hook: not acked yet, not settled, not expired. */
  async ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): Promise<boolean> {
    const landed = await this.runner.run(
      run(
        this.q
          .updateTable('stream_attempts')
          .set({ ack_status: ack.status, ack_body: ack.body, ack_error: ack.error, acked_at: ack.ackedAt })
          .where('id', '=', id)
          .where('tenant_id', '=', tenantId)
          .where('hook_id', '=', hookId)
          .where('acked_at', 'is', null)
          .where('expires_at', '>', ack.ackedAt),
      ),
    );
    return landed > 0;
  }

  /** Deleted as they are read, in one statement: each ack is settled once. */
  async takeStreamAcks(owner: string, ids: string[]): Promise<Array<StreamAck & { id: string }>> {
    if (ids.length === 0) return [];
    const taken = await this.runner.run(
      rows(this.q.deleteFrom('stream_attempts').where('owner', '=', owner).where('id', 'in', ids).where('acked_at', 'is not', null).returningAll()),
    );
    return taken.map(this.ackOf);
  }

  async closeStreamAttempt(id: string): Promise<StreamAck | undefined> {
    const row = await this.runner.run(first(this.q.deleteFrom('stream_attempts').where('id', '=', id).returningAll()));
    if (!row || row.acked_at === null) return undefined;
    const { id: _id, ...ack } = this.ackOf(row);
    return ack;
  }
}
