/**
 * The delivery engine, assembled: the scheduler (claim, track, wake, idle) feeds units to the
 * delivery pipeline (prepare → send → judge → record), whose attempts are group-committed by the
 * completion recorder. Several engines (nodes) can share one store: the lease decides who sends,
 * and an attempt is recorded only while its lease is still held. A delivery's path, in order:
 * scheduler.ts → fair-queue.ts → pipeline.ts → completion-recorder.ts → the store's complete-attempts.
 */
import { setMaxListeners } from 'node:events';
import type { buildConnector } from 'undici';
import type { AppDeps, DeliveryEngine } from '../app-deps';
import { createCompletionRecorder } from './completion-recorder';
import { createHttpClient, type HttpClient } from '../outbound/http-client';
import { createPipeline, type OperationalEvents } from './pipeline';
import { createScheduler } from './scheduler';
import { createStreamHub, type StreamHub } from '../outbound/stream-hub';
import type { Resolver } from '../outbound/target-guard';

export type { OperationalEvents };

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
  /** Resolves once nothing is being sent, claimed or waiting locally (tests await it instead of sleeping). */
  idle(): Promise<void>;
  readonly owner: string;
  /** The engine's outbound client (SSRF guard, pools); the synchronous agent lookup sends through it too. */
  http(): HttpClient;
  /** Where operational events go (hook.disabled); server.ts connects it once the app exists. */
  setOperationalEvents(events: OperationalEvents): void;
  /** This node's stream consumers (GET /v1/hooks/{id}/stream) and the deliveries waiting for their acks. */
  streams(): StreamHub;
}

type EngineDeps = Omit<AppDeps, 'engine'>;

export const MAX_BATCH_EVENTS = 100;

export function createDeliveryEngine(deps: EngineDeps, options: EngineOptions = {}): RunningEngine {
  const { config, store, clock, logger, metrics } = deps;
  const owner = `${config.nodeId}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const log = logger.child({ component: 'delivery-engine', owner });

  let http: HttpClient | null = options.httpClient ?? null;
  let running = false;
  let unsubscribe: (() => void) | null = null;
  let stopController = new AbortController();
  let events: OperationalEvents = {
    hookDisabled: async (hook) => log.warn({ hookId: hook.id }, 'hook.disabled not announced: no operational-events port is connected'),
  };

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

  const recorder = createCompletionRecorder(store);
  const streams = createStreamHub({
    store,
    owner,
    now: () => clock.now(),
    onError: (error) => log.warn({ err: error }, 'could not look for stream acks; trying again'),
  });
  let unsubscribeStreams: (() => void) | null = null;
  const pipeline = createPipeline({
    store,
    clock,
    metrics,
    log,
    recorder,
    http: client,
    events: { hookDisabled: (...args) => events.hookDisabled(...args) },
    owner,
    autoDisableAfterMs: config.autoDisableAfterMs,
    random: options.random ?? Math.random,
    wallClock: options.wallClock ?? Date.now,
    signal: () => stopController.signal,
    inspectorCaptures: config.inspectorCaptures,
    streams,
    streamAckTimeoutMs: config.deliveryTimeoutMs,
  });
  const scheduler = createScheduler({
    store,
    clock,
    log,
    owner,
    leaseMs: config.leaseMs,
    concurrency: config.workerConcurrency,
    hookMaxInFlight: config.hookMaxInFlight,
    maxBatchEvents: Math.max(1, options.maxBatchEvents ?? MAX_BATCH_EVENTS),
    maxIdleMs: options.maxIdleMs ?? 1000,
    run: pipeline.run,
    streamHookIds: () => streams.hookIds(),
  });

  const engine: RunningEngine = {
    owner,
    http: client,
    streams: () => streams,
    setOperationalEvents(next) {
      events = next;
    },
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      // Every request in flight listens to this signal; the default limit of 10 would warn of a leak.
      setMaxListeners(config.workerConcurrency + 10, stopController.signal);
      unsubscribe = store.onDeliveriesCreated(() => scheduler.wake());
      // A consumer connecting makes its hook's waiting deliveries claimable here.
      unsubscribeStreams = streams.onConnect(() => scheduler.wake());
      metrics.bindQueueStats(async () => ({ ...(await store.queueStats(clock.now())), now: clock.now() }));
      scheduler.start();
    },
    /**
     * Drains: claims nothing more, gives back what waits locally, lets attempts in flight finish and
     * be recorded within DESKHOOKS_SHUTDOWN_GRACE_MS, then cuts the rest (their leases are given back,
     * so they are sent again: the only deliveries a clean stop may repeat).
     */
    async stop() {
      if (!running) return;
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      unsubscribeStreams?.();
      unsubscribeStreams = null;
      // Consumers are let go first: their unacknowledged deliveries are given back, not failed.
      streams.closeAll();
      const finished = await scheduler.stop(config.shutdownGraceMs);
      if (!finished) {
        log.warn({ inFlight: scheduler.inFlight(), graceMs: config.shutdownGraceMs }, 'shutdown grace ran out; cutting the attempts still in flight');
        stopController.abort(new Error('the delivery engine is stopping'));
        await scheduler.settle();
      }
      await recorder.flush();
      try {
        await store.releaseLeases(owner);
      } catch (error) {
        log.warn({ err: error }, 'could not release leases; they expire on their own');
      }
      if (http && !options.httpClient) await http.close();
      http = options.httpClient ?? null;
    },
    wake: () => scheduler.wake(),
    idle: () => scheduler.idle(),
  };
  return engine;
}
