/**
 * The store interface. SQLite (embedded default) and PostgreSQL (several nodes, one database) both
 * implement it and both pass test/store/conformance.ts. Times are epoch milliseconds; the HTTP edge
 * turns them into ISO strings. Every read and write of a tenant's resource takes the tenant id, so
 * isolation is enforced here and not only in the routes.
 */

export type HookStatus = 'active' | 'inactive' | 'disabled';
export type HookFormat = 'envelope' | 'data' | 'batch' | 'template' | 'livechat' | 'deskdirector';
/** What a 3xx answer means: `fail` (retried as "redirect not followed") or `succeed` (EddyDesk: 2xx and 3xx succeed). */
export type RedirectHandling = 'fail' | 'succeed';
export type HttpMethod = 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';
/**
 * Why a delivery was cancelled: its hook was deleted, removed on 410 Gone, auto-disabled after failing
 * too long or switched off, or its event was pruned before it could be sent. Recover can bring back
 * every one of them but `event_missing` (nothing left to send).
 */
export type CancelReason = 'hook_deleted' | 'hook_gone' | 'hook_disabled' | 'hook_inactive' | 'event_missing';
/** What `recover` may re-queue. */
export type RecoverableStatus = 'failed' | 'cancelled';
export type AttemptOutcome = 'succeeded' | 'failed' | 'gone' | 'redirect' | 'timeout' | 'network' | 'refused' | 'throttled';

export interface TenantRecord {
  id: string;
  name: string;
  /** The tenant's global switch: off, events are stored but create no deliveries. */
  webhooksEnabled: boolean;
  /** The live-chat server's `appId`, sent by `livechat` format hooks; null until set. */
  liveChatAppId: string | null;
  createdAt: number;
}

export interface ApiKeyRecord {
  id: string;
  /** null for admin keys. */
  tenantId: string | null;
  name: string;
  role: 'tenant' | 'admin';
  /** The first characters of the key, shown to people to recognise it. */
  prefix: string;
  /** SHA-256 (hex) of the key; the key itself is never stored. */
  hash: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface HookSecret {
  secret: string;
  createdAt: number;
  /** null for the current secret; set on older ones while they overlap a rotation. */
  expiresAt: number | null;
}

export type HookAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'api_key'; headerName: string; value: string };

export interface RetryPolicy {
  type: 'standard' | 'fixed-30m-24h' | 'custom';
  /** Seconds, for `custom`. */
  delays?: number[];
}

export interface LastDelivery {
  deliveryId: string;
  status: DeliveryStatus;
  responseStatus: number | null;
  at: number;
}

/**
 * Where a hook's requests go: posted to its `url`, kept as captures by the built-in inspector, or
 * handed to a consumer of its SSE stream (issue #18). The request is built and signed the same way.
 */
export type HookDestination = 'url' | 'inspector' | 'stream';

export interface HookRecord {
  id: string;
  tenantId: string;
  /** Kept byte for byte as given; empty for inspector and stream hooks. */
  url: string;
  destination: HookDestination;
  /** Event types, or `*` for all. */
  events: string[];
  name: string | null;
  description: string;
  brand: string | null;
  status: HookStatus;
  disabledReason: string | null;
  format: HookFormat;
  template: { body: string; contentType: 'json' | 'xml' | 'form' } | null;
  method: HttpMethod;
  auth: HookAuth;
  headers: Record<string, string>;
  /**
   * Header names marked secret by the tenant; names that look like credentials are secret anyway
   * (rules/header-rules.ts). Secret values are write-only and redacted in attempt logs.
   */
  secretHeaders: string[];
  /** A Mongo-style query over the envelope, or null. */
  filter: Record<string, unknown> | null;
  retryPolicy: RetryPolicy;
  /** Whether a 3xx answer counts as success; redirects are never followed either way. */
  redirects: RedirectHandling;
  ordered: boolean;
  /** Requests in flight to this hook at most; null: the server's default (DESKHOOKS_HOOK_MAX_IN_FLIGHT). */
  maxInFlight: number | null;
  /** Requests per second at most, evenly spaced; excess waits in the queue. null: no limit. */
  rateLimit: { perSecond: number } | null;
  source: 'api' | 'zapier' | 'power-automate' | 'admin';
  /** Newest first; the first one is the current secret. */
  secrets: HookSecret[];
  /** When the current run of consecutive failures began, or null. */
  failingSince: number | null;
  lastDelivery: LastDelivery | null;
  deletedAt: number | null;
  deletedBy: string | null;
  deletedReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CustomEventTypeRecord {
  tenantId: string;
  type: string;
  description: string;
  schema: Record<string, unknown>;
  sample: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface EventRecord {
  id: string;
  tenantId: string;
  type: string;
  brand: string | null;
  data: Record<string, unknown>;
  /** When the event happened (the envelope's timestamp). */
  timestamp: number;
  idempotencyKey: string | null;
  test: boolean;
  /** How many deliveries it created when accepted. */
  deliveryCount: number;
  createdAt: number;
}

export interface DeliveryRecord {
  /** Also the `webhook-id` header on every attempt. */
  id: string;
  tenantId: string;
  hookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  /** Set while the delivery is cancelled. */
  cancelReason: CancelReason | null;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  test: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface AttemptRecord {
  deliveryId: string;
  tenantId: string;
  number: number;
  startedAt: number;
  durationMs: number;
  url: string;
  method: string;
  /** Secrets redacted. */
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  /** Truncated. */
  responseBody: string | null;
  error: string | null;
  outcome: AttemptOutcome;
}

export interface AgentLookupRecord {
  id: string;
  tenantId: string;
  chatId: string;
  status: 'pending' | 'assigned' | 'no_agents_available';
  agentId: string | null;
  answeredVia: 'webhook_response' | 'callback' | null;
  answeredHookId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HookQuery extends PageRequest {
  /** true: the deleted list; false: registered hooks. */
  deleted: boolean;
  status?: HookStatus;
  event?: string;
  brand?: string;
}

export interface DeliveryQuery extends PageRequest {
  hookId?: string;
  status?: DeliveryStatus;
  eventType?: string;
}

export interface AppendEventResult {
  event: EventRecord;
  deliveries: DeliveryRecord[];
  /** true when an event with the same id or idempotency key already existed; nothing was written. */
  duplicate: boolean;
}

/** One event to append, with the plan that turns its candidate hooks into deliveries (see Store.appendEvent). */
export interface AppendRequest {
  event: EventRecord;
  plan: (candidates: HookRecord[]) => DeliveryRecord[];
}

export interface ClaimedDelivery {
  delivery: DeliveryRecord;
  hook: HookRecord;
  event: EventRecord;
}

/** What an attempt changes on its delivery. */
export type DeliveryUpdate = Pick<
  DeliveryRecord,
  'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastResponseStatus' | 'lastError'
>;

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  limit: number;
  now: number;
  /** Hooks this node cannot send to now (at their in-flight cap with work queued locally): skip their deliveries. */
  excludeHookIds?: string[];
  /**
   * Stream hooks with a consumer connected to this node. A stream hook's deliveries are claimable only
   * when it is listed: with no consumer anywhere they stay pending, and on several nodes only a node
   * holding a consumer takes them. Other hooks are not affected.
   */
  streamHookIds?: string[];
}

/** What an inspector hook would have sent (one attempt), kept instead of sending it. */
export interface CaptureRecord {
  id: string;
  tenantId: string;
  hookId: string;
  deliveryId: string;
  attempt: number;
  eventIds: string[];
  eventTypes: string[];
  capturedAt: number;
  request: {
    method: string;
    /** As sent, secret values redacted as in attempt logs. */
    headers: Record<string, string>;
    body: string;
    bodyTruncated: boolean;
  };
}

/** A delivery handed to a stream consumer, waiting for its acknowledgement (which may reach any node). */
export interface StreamAttemptRecord {
  id: string;
  tenantId: string;
  hookId: string;
  deliveryId: string;
  /** The engine (node) that sent it and settles the attempt. */
  owner: string;
  createdAt: number;
  /** After this an ack is refused: the attempt has timed out. */
  expiresAt: number;
}

/** A consumer's answer: its local receiver's status and body, or why the receiver could not be reached. */
export interface StreamAck {
  status: number | null;
  body: string | null;
  error: string | null;
  ackedAt: number;
}

export interface CompleteAttemptInput {
  owner: string;
  attempt: AttemptRecord;
  update: DeliveryUpdate;
  hookPatch?: Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies numbered migrations; safe when several nodes start at once. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

  createTenant(tenant: TenantRecord): Promise<void>;
  getTenant(id: string): Promise<TenantRecord | undefined>;
  listTenants(page: PageRequest): Promise<Page<TenantRecord>>;
  updateTenant(id: string, patch: Partial<Pick<TenantRecord, 'name' | 'webhooksEnabled' | 'liveChatAppId'>>): Promise<TenantRecord | undefined>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** Revoked keys are returned too; the caller refuses them. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(tenantId: string | null): Promise<ApiKeyRecord[]>;
  /** tenantId null: any key (admin). Returns false when no such key in that scope. */
  revokeApiKey(tenantId: string | null, id: string, at: number): Promise<boolean>;
  touchApiKey(id: string, at: number): Promise<void>;

  /** Returns true when created, false when replaced. */
  putCustomEventType(record: CustomEventTypeRecord): Promise<boolean>;
  getCustomEventType(tenantId: string, type: string): Promise<CustomEventTypeRecord | undefined>;
  listCustomEventTypes(tenantId: string): Promise<CustomEventTypeRecord[]>;
  deleteCustomEventType(tenantId: string, type: string): Promise<boolean>;

  createHook(hook: HookRecord): Promise<void>;
  /** Deleted hooks included. */
  getHook(tenantId: string, id: string): Promise<HookRecord | undefined>;
  /** Newest first. */
  listHooks(query: HookQuery & { tenantId: string }): Promise<Page<HookRecord>>;
  updateHook(tenantId: string, id: string, patch: Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>): Promise<HookRecord | undefined>;

  /**
   * The transactional outbox. In one transaction: if an event with the same (tenant, id) or
   * (tenant, idempotencyKey) exists, return it with `duplicate: true` and write nothing; else insert
   * the event, load the candidate hooks (same tenant, not deleted, status active, subscribed to the
   * type or `*`, brand null or equal to the event's) through an index, call `plan` with them
   * (filters are evaluated there, synchronously) and insert the deliveries it returns.
   * Cost grows with the number of candidate hooks, not with all hooks.
   */
  appendEvent(event: EventRecord, plan: (candidates: HookRecord[]) => DeliveryRecord[]): Promise<AppendEventResult>;
  /**
   * appendEvent for many events in one transaction (group commit: the single publish path and
   * batch publishing both go through it). Results are in the order of `requests`. An event whose id
   * or idempotency key matches an earlier request of the same call, or an event already stored, is a
   * duplicate of that event and writes nothing. All or nothing: a failure rolls back every request.
   */
  appendEvents(requests: AppendRequest[]): Promise<AppendEventResult[]>;
  getEvent(tenantId: string, id: string): Promise<EventRecord | undefined>;
  /**
   * The distinct brands of the tenant's events and live hooks, in name order, at most `limit`. Reads the
   * events' brand index one brand at a time, so the cost follows the number of brands, not of events.
   */
  listBrands(tenantId: string, limit: number): Promise<string[]>;
  /** Newest first. */
  listEvents(query: PageRequest & { tenantId: string; type?: string }): Promise<Page<EventRecord>>;

  /** Inserts deliveries outside appendEvent (test deliveries, operational events). */
  insertDeliveries(deliveries: DeliveryRecord[]): Promise<void>;
  /**
   * Claims up to `limit` pending deliveries due at `now` whose lease is free or expired, setting
   * leaseOwner/leaseExpiresAt. For an ordered hook only its oldest unfinished delivery is claimable,
   * and none while another of its deliveries is leased.
   */
  claimDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt and applies the delivery's new state, only while `owner` still holds the
   * lease (returns false otherwise: another worker took it over); clears the lease. `hookPatch`
   * (lastDelivery, failingSince, status…) is applied in the same transaction.
   */
  completeAttempt(input: CompleteAttemptInput): Promise<boolean>;
  /**
   * completeAttempt for many attempts in one transaction (the engine's group commit); result[i] tells
   * whether inputs[i] landed. Hook patches of one hook are merged in input order and written once.
   */
  completeAttempts(inputs: CompleteAttemptInput[]): Promise<boolean[]>;
  /** Gives back the leases `owner` holds: all of them (shutdown), or only these deliveries (claimed, never sent). */
  releaseLeases(owner: string, deliveries?: Array<{ tenantId: string; id: string }>): Promise<number>;
  getDelivery(tenantId: string, id: string): Promise<{ delivery: DeliveryRecord; attempts: AttemptRecord[] } | undefined>;
  /** Newest first. */
  listDeliveries(query: DeliveryQuery & { tenantId: string }): Promise<Page<DeliveryRecord>>;
  /** Puts a delivery back to pending, due now, keeping its id. */
  requeueDelivery(tenantId: string, id: string, now: number): Promise<DeliveryRecord | undefined>;
  /**
   * Re-queues the hook's deliveries created at or after `since` whose status is in `include`
   * (default failed only); cancelled ones come back unless their event is gone. Returns how many.
   */
  requeueFailed(tenantId: string, hookId: string, since: number, now: number, include?: RecoverableStatus[]): Promise<number>;
  /** Cancels the hook's pending deliveries (hook deleted, gone or disabled), recording why; returns how many. */
  cancelPending(tenantId: string, hookId: string, now: number, reason?: CancelReason): Promise<number>;
  /** The earliest nextAttemptAt among pending deliveries, or null: when to wake next. */
  nextDueAt(): Promise<number | null>;
  queueStats(now: number): Promise<{ pending: number; oldestPendingAt: number | null }>;

  createAgentLookup(lookup: AgentLookupRecord): Promise<void>;
  getAgentLookup(tenantId: string, id: string): Promise<AgentLookupRecord | undefined>;
  /** Sets the answer only while pending and not expired; returns the record after. */
  answerAgentLookup(
    tenantId: string,
    id: string,
    answer: { agentId: string; via: 'webhook_response' | 'callback'; hookId: string | null },
    now: number,
  ): Promise<{ accepted: boolean; lookup: AgentLookupRecord | undefined }>;
  finishAgentLookup(tenantId: string, id: string, status: 'no_agents_available'): Promise<void>;

  /**
   * Stores an inspector capture and deletes the hook's older ones beyond the newest `keep`, in one
   * transaction, so a hook never holds more than `keep`.
   */
  addCapture(capture: CaptureRecord, keep: number): Promise<void>;
  /** Newest first. */
  listCaptures(query: PageRequest & { tenantId: string; hookId: string }): Promise<Page<CaptureRecord>>;
  getCapture(tenantId: string, hookId: string, id: string): Promise<CaptureRecord | undefined>;
  /** Deletes every capture of the hook; returns how many. */
  clearCaptures(tenantId: string, hookId: string): Promise<number>;

  /** Records a delivery handed to a stream consumer, before it is sent. */
  openStreamAttempt(attempt: StreamAttemptRecord): Promise<void>;
  /**
   * Writes a consumer's ack, only on an attempt of this tenant and hook that is still open (not acked,
   * not settled, not expired at `ack.ackedAt`). false: unknown or already settled.
   */
  ackStreamAttempt(tenantId: string, hookId: string, id: string, ack: StreamAck): Promise<boolean>;
  /** The acked attempts among `ids` that `owner` sent, removed as they are returned (each is settled once). */
  takeStreamAcks(owner: string, ids: string[]): Promise<Array<StreamAck & { id: string }>>;
  /** Removes an attempt that is being settled; returns its ack if one landed meanwhile. */
  closeStreamAttempt(id: string): Promise<StreamAck | undefined>;

  /**
   * Deletes attempts and events (with their finished deliveries) older than `before`, at most
   * `batchSize` rows a table; inspector captures and stream attempts older than `before` go too.
   */
  prune(before: number, batchSize: number): Promise<{ attempts: number; events: number }>;

  /**
   * Called (on every node, for PostgreSQL) soon after deliveries are committed, so idle workers wake
   * without polling. Returns an unsubscribe function.
   */
  onDeliveriesCreated(listener: () => void): () => void;
}
