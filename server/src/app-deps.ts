import type pino from 'pino';
import type { Catalog } from './catalog/catalog';
import type { Config } from './config';
import type { Metrics } from './observability/metrics';
import type { HttpClient } from './outbound/http-client';
import type { StreamHub } from './outbound/stream-hub';
import type { Store } from './store/store';

/** Time as epoch milliseconds; injectable so tests control retries, leases and expiry. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The delivery engine as the rest of the app sees it (server/src/delivery/engine.ts). */
export interface DeliveryEngine {
  start(): void;
  stop(): Promise<void>;
  /** Something was queued: look for due deliveries now instead of at the next timer. */
  wake(): void;
  /** The engine's outbound client (SSRF guard, pools), which the synchronous agent lookup shares. */
  http?(): HttpClient;
  /** This node's stream consumers (issue #18); absent when there is no engine to deliver to them. */
  streams?(): StreamHub;
}

/** Everything a route or service needs, built once in server.ts. */
export interface AppDeps {
  config: Config;
  store: Store;
  catalog: Catalog;
  clock: Clock;
  logger: pino.Logger;
  metrics: Metrics;
  engine: DeliveryEngine;
}
