/**
 * The delivery engine: claims due deliveries with a lease, sends them, records every attempt and
 * schedules retries. It wakes at once when deliveries are created (store.onDeliveriesCreated or
 * wake()), and otherwise sleeps until the next due retry, at most a second, so another node's
 * expired leases and retries are picked up too. Several engines (nodes) can share one store: the
 * lease decides who sends, and completeAttempt only lands while the lease is still held.
 */
import { setMaxListeners } from 'node:events';
import type { AppDeps, DeliveryEngine } from '../app-deps';
import type { ClaimedDelivery, DeliveryUpdate, HookRecord } from '../store/store';
import { publishEvent, toEnvelope } from '../domain/events';
import { createHttpClient, type HttpClient, type OutboundRequest, type OutboundResult } from './http-client';
import { judgeAttempt, type AttemptVerdict } from './outcome';
import { buildRequest, formatContext, redactHeaders, type Envelope } from './request-builder';
import { isBatchFormat } from './plan';
import type { Resolver } from './target-guard';
import { hookDisabledData, type DisableReason } from './hook-disabled';
import type { buildConnector } from 'undici';

export interface EngineOptions {
  /** Replaces the HTTP client (otherwise built from config, `resolve` and `connector`). */
  httpClient?: HttpClient;
  resolve?: Resolver;
  connector?: buildConnector.connector;
  /** [0, 1) for retry jitter. */
  random?: () => number;
  /** Real time for the signature timestamp (receivers compare it with their clock). */
  wallClock?: () => number;
  /** The longest sleep between looks at the queue. */
  maxIdleMs?: number;
  /** The most events one `batch` request carries; more of the same window go in further requests. */
  maxBatchEvents?: number;
}

export interface RunningEngine extends DeliveryEngine {
  /** Resolves once nothing is being sent or claimed (tests await it instead of sleeping). */
  idle(): Promise<void>;
  readonly owner: string;
  /** The engine's outbound client (SSRF guard, pools); the synchronous agent lookup sends through it too. */
  http(): HttpClient;
}

type EngineDeps = Omit<AppDeps, 'engine'> & { engine?: DeliveryEngine };

const LOGGED_BODY_CHARS = 2048;
export const MAX_BATCH_EVENTS = 100;

export function createDeliveryEngine(deps: EngineDeps, options: EngineOptions = {}): RunningEngine {
  const { config, store, clock, logger, metrics } = deps;
  const owner = `${config.nodeId}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const random = options.random ?? Math.random;
  const wallClock = options.wallClock ?? Date.now;
  const maxIdleMs = options.maxIdleMs ?? 1000;
  const maxBatchEvents = Math.max(1, options.maxBatchEvents ?? MAX_BATCH_EVENTS);
  const log = logger.child({ component: 'delivery-engine', owner });

  let http: HttpClient | null = options.httpClient ?? null;
  let running = false;
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopController = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];

  const client = (): HttpClient => {
    http ??= createHttpClient({
      connectTimeoutMs: config.connectTimeoutMs,
      totalTimeoutMs: config.deliveryTimeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      allowInsecureTargets: config.allowInsecureTargets,
      resolve: options.resolve,
      connector: options.connector,
    });
    return http;
  };

  function settleIdle(): void {
    if (pumping || inFlight.size > 0 || again) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function scheduleTimer(delayMs: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      wake();
    }, Math.max(0, delayMs));
  }

  async function nextSleepMs(): Promise<number> {
    if (inFlight.size >= config.workerConcurrency) return maxIdleMs;
    const due = await store.nextDueAt();
    if (due === null) return maxIdleMs;
    const delay = due - clock.now();
    // Due but not claimable (leased elsewhere, or an ordered hook busy): look again soon, not in a spin.
    if (delay <= 0) return Math.min(maxIdleMs, 250);
    return Math.min(maxIdleMs, delay);
  }

  function wake(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    void pump();
  }

  async function pump(): Promise<void> {
    pumping = true;
    let sleep = maxIdleMs;
    try {
      do {
        again = false;
        await claimRound();
      } while (again && running);
      sleep = await nextSleepMs();
    } catch (error) {
      log.error({ err: error }, 'claiming deliveries failed; retrying shortly');
    } finally {
      pumping = false;
      if (again && running) {
        // Woken while reading the next due time: go again now rather than at the timer.
        void pump();
      } else {
        scheduleTimer(sleep);
        settleIdle();
      }
    }
  }

  /**
   * Claims what is due while request slots are free. Concurrency counts requests, not deliveries, and
   * a batch hook's deliveries are gathered over the whole round before its request leaves, so a
   * window with more events than free slots still goes out as one request (up to maxBatchEvents).
   */
  async function claimRound(): Promise<void> {
    const batches = new BatchCollector(maxBatchEvents);
    try {
      while (running) {
        const free = config.workerConcurrency - inFlight.size - batches.requests();
        if (free <= 0) break;
        const claimed = await store.claimDeliveries({ owner, leaseMs: config.leaseMs, limit: free, now: clock.now() });
        if (claimed.length === 0) break;
        for (const item of claimed) {
          if (!batches.add(item)) track(processUnit([item]));
        }
      }
    } finally {
      // Claimed means leased: whatever happened above, the gathered batches are sent.
      for (const unit of batches.units()) track(processUnit(unit));
    }
  }

  // A claim costs a store round trip whatever its size, so a completion triggers one only once a
  // few slots are free (or nothing is in flight); new events and the timer still claim at once.
  const claimBatch = Math.max(1, Math.min(16, Math.floor(config.workerConcurrency / 4)));

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      if (inFlight.size === 0 || config.workerConcurrency - inFlight.size >= claimBatch) wake();
      settleIdle();
    });
  }

  async function processUnit(unit: ClaimedDelivery[]): Promise<void> {
    try {
      await deliver(unit);
    } catch (error) {
      // A bug or a store outage: the lease runs out and the delivery is tried again.
      log.error({ err: error, deliveryIds: unit.map((c) => c.delivery.id) }, 'delivery processing failed');
    }
  }

  async function deliver(unit: ClaimedDelivery[]): Promise<void> {
    const { hook } = unit[0];
    const isTest = unit.every((c) => c.delivery.test);
    if (hook.deletedAt !== null || (hook.status !== 'active' && !isTest)) {
      const cancelled = await store.cancelPending(hook.tenantId, hook.id, clock.now());
      if (cancelled > 0) metrics.deliveries.inc({ status: 'cancelled' }, cancelled);
      log.info({ tenantId: hook.tenantId, hookId: hook.id, cancelled }, `hook is ${hook.deletedAt !== null ? 'deleted' : hook.status}; pending deliveries cancelled`);
      return;
    }

    const envelopes: Envelope[] = unit.map((c) => toEnvelope(c.event));
    const msgId = unit[0].delivery.id;
    const startedAt = clock.now();
    let request: OutboundRequest | null = null;
    let result: OutboundResult;
    const context = await formatContext(store, hook); // issue 15: the tenant's live-chat appId for livechat hooks
    try {
      request = buildRequest(hook, envelopes, { msgId, signedAt: new Date(wallClock()), now: startedAt, ...context });
    } catch (error) {
      result = { kind: 'error', outcome: 'network', error: `the request could not be built: ${(error as Error).message}`, durationMs: 0 };
    }
    if (request) {
      result = await client().send(request, { signal: stopController.signal });
      // Stopping: leave the delivery as it was; the released lease lets any node send it again.
      if (stopController.signal.aborted) return;
    }
    const now = clock.now();
    const attempts = unit[0].delivery.attempts + 1;
    let verdict = judgeAttempt({ result: result!, attempts, policy: hook.retryPolicy, redirects: hook.redirects, now, wallNow: wallClock(), random });
    // A request that cannot be built (a template that fails on this event) will not build next time either.
    if (!request) verdict = { ...verdict, outcome: 'failed', status: 'failed', nextAttemptAt: null };

    // A failure is judged against the hook as it is now, not as claimed: another attempt may have
    // removed or disabled it meanwhile, or someone deactivated it (no second hook.disabled, no override).
    // A test is a real request to the receiver, so it shows as the hook's last delivery, but it never
    // changes the hook's failure state (failingSince, auto-disable, removal on 410).
    const current = isTest || verdict.outcome === 'succeeded' ? hook : ((await store.getHook(hook.tenantId, hook.id)) ?? hook);
    const hookPatch = isTest ? lastDeliveryPatch(verdict, msgId, now) : hookPatchFor(current, verdict, msgId, startedAt, now);
    const durationMs = result!.durationMs;
    let landed = false;
    for (const [index, claimed] of unit.entries()) {
      const update: DeliveryUpdate = {
        status: verdict.status,
        attempts: claimed.delivery.attempts + 1,
        nextAttemptAt: verdict.nextAttemptAt,
        lastAttemptAt: startedAt,
        lastResponseStatus: verdict.responseStatus,
        lastError: verdict.error,
      };
      const ok = await store.completeAttempt({
        owner,
        attempt: {
          deliveryId: claimed.delivery.id,
          tenantId: claimed.delivery.tenantId,
          number: claimed.delivery.attempts + 1,
          startedAt,
          durationMs,
          url: request?.url ?? hook.url,
          method: request?.method ?? hook.method,
          requestHeaders: request ? redactHeaders(hook, request.headers) : {},
          responseStatus: verdict.responseStatus,
          responseBody: result!.kind === 'response' ? result!.body.slice(0, LOGGED_BODY_CHARS) : null,
          error: verdict.error,
          outcome: verdict.outcome,
        },
        update,
        hookPatch: index === 0 ? hookPatch : undefined,
      });
      if (!ok) {
        log.warn({ deliveryId: claimed.delivery.id, eventId: claimed.event.id }, 'lease lost before the attempt was recorded; another worker owns the delivery');
        continue;
      }
      landed = true;
      if (verdict.status !== 'pending') metrics.deliveries.inc({ status: verdict.status });
      log.info(
        {
          tenantId: claimed.delivery.tenantId,
          hookId: hook.id,
          deliveryId: claimed.delivery.id,
          eventId: claimed.event.id,
          eventType: claimed.event.type,
          attempt: update.attempts,
          outcome: verdict.outcome,
          status: verdict.status,
          responseStatus: verdict.responseStatus,
          durationMs,
          nextAttemptAt: verdict.nextAttemptAt,
          error: verdict.error ?? undefined,
        },
        'delivery attempt',
      );
    }
    metrics.attempts.inc({ outcome: verdict.outcome });
    metrics.attemptDuration.observe({ outcome: verdict.outcome }, durationMs / 1000);
    if (!landed || isTest) return;

    if (hookPatch.deletedReason === 'gone') await retire(current, 'gone', verdict, now);
    else if (hookPatch.status === 'disabled') await retire(current, 'failing', verdict, now, hookPatch.failingSince ?? null);
  }

  function lastDeliveryPatch(verdict: AttemptVerdict, deliveryId: string, now: number): Partial<HookRecord> {
    return { lastDelivery: { deliveryId, status: verdict.status, responseStatus: verdict.responseStatus, at: now } };
  }

  function hookPatchFor(hook: HookRecord, verdict: AttemptVerdict, deliveryId: string, startedAt: number, now: number): Partial<HookRecord> {
    const patch = lastDeliveryPatch(verdict, deliveryId, now);
    if (verdict.outcome === 'succeeded') {
      if (hook.failingSince !== null) patch.failingSince = null;
      return patch;
    }
    if (hook.deletedAt !== null) return patch;
    if (verdict.gone) {
      Object.assign(patch, { deletedAt: now, deletedBy: 'system', deletedReason: 'gone', disabledReason: 'gone: the receiver answered 410 Gone' });
      return patch;
    }
    const failingSince = hook.failingSince ?? startedAt;
    if (hook.failingSince === null) patch.failingSince = failingSince;
    if (now - failingSince >= config.autoDisableAfterMs && hook.status === 'active') {
      patch.status = 'disabled';
      patch.failingSince = failingSince;
      patch.disabledReason = `failing: deliveries kept failing since ${new Date(failingSince).toISOString()}`;
    }
    return patch;
  }

  /** After 410 Gone or too long failing: cancel what is queued and tell the tenant's other hooks. */
  async function retire(hook: HookRecord, reason: DisableReason, verdict: AttemptVerdict, now: number, failingSince: number | null = null): Promise<void> {
    const cancelled = await store.cancelPending(hook.tenantId, hook.id, now);
    if (cancelled > 0) metrics.deliveries.inc({ status: 'cancelled' }, cancelled);
    log.warn({ tenantId: hook.tenantId, hookId: hook.id, reason, cancelled }, reason === 'gone' ? 'hook removed: receiver answered 410 Gone' : 'hook disabled: failing for too long');
    try {
      await publishEvent({ ...deps, engine: deps.engine ?? api }, hook.tenantId, {
        type: 'hook.disabled',
        data: hookDisabledData(hook, reason, {
          at: now,
          failingSince,
          lastStatus: verdict.responseStatus,
          lastError: verdict.error,
          autoDisableAfterMs: config.autoDisableAfterMs,
          knownTypes: deps.catalog.types,
        }),
      });
    } catch (error) {
      log.error({ err: error, hookId: hook.id }, 'could not emit hook.disabled');
    }
  }

  const api: RunningEngine = {
    owner,
    http: client,
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      // Every request in flight listens to this signal; the default limit of 10 would warn of a leak.
      setMaxListeners(config.workerConcurrency + 10, stopController.signal);
      unsubscribe = store.onDeliveriesCreated(() => wake());
      metrics.bindQueueStats(async () => ({ ...(await store.queueStats(clock.now())), now: clock.now() }));
      wake();
    },
    async stop() {
      if (!running) return;
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      if (timer) clearTimeout(timer);
      timer = null;
      stopController.abort(new Error('the delivery engine is stopping'));
      await Promise.allSettled([...inFlight]);
      while (pumping) await new Promise((resolve) => setTimeout(resolve, 5));
      try {
        await store.releaseLeases(owner);
      } catch (error) {
        log.warn({ err: error }, 'could not release leases; they expire on their own');
      }
      if (http && !options.httpClient) await http.close();
      http = options.httpClient ?? null;
      settleIdle();
    },
    wake,
    idle() {
      if (!pumping && inFlight.size === 0 && !again) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
  return api;
}

/** Gathers a batch hook's claimed deliveries into requests of at most `max` events each. */
export class BatchCollector {
  private readonly open = new Map<string, ClaimedDelivery[]>();
  private readonly all: ClaimedDelivery[][] = [];

  constructor(private readonly max: number) {}

  /** Takes the delivery when it belongs in a batch request (false: it goes out on its own). */
  add(item: ClaimedDelivery): boolean {
    if (!isBatchFormat(item.hook.format) || item.delivery.test) return false;
    const key = `${item.hook.tenantId}\u0000${item.hook.id}`;
    let batch = this.open.get(key);
    if (!batch || batch.length >= this.max) {
      batch = [];
      this.open.set(key, batch);
      this.all.push(batch);
    }
    batch.push(item);
    return true;
  }

  /** How many requests the gathered deliveries make. */
  requests(): number {
    return this.all.length;
  }

  units(): ClaimedDelivery[][] {
    return this.all;
  }
}
