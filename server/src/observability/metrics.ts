import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the queue gauges read at scrape time (the store's queueStats). */
export type QueueStatsSource = () => Promise<{ pending: number; oldestPendingAt: number | null; now: number }>;

/**
 * Prometheus metrics, one registry per app instance (tests start many servers in one process, so
 * nothing is registered on prom-client's global registry). Served at /metrics.
 */
export interface Metrics {
  registry: Registry;
  eventsAccepted: Counter<'type'>;
  /** Finished deliveries by final status (succeeded, failed, cancelled). */
  deliveries: Counter<'status'>;
  /** Every attempt by outcome (succeeded, failed, gone, redirect, timeout, network, refused, throttled). */
  attempts: Counter<'outcome'>;
  /** Attempt latency, from the request start to the end of the (capped) response body. */
  attemptDuration: Histogram<'outcome'>;
  /** Synchronous agent lookups by result (assigned, no_agents_available). */
  agentLookups: Counter<'status'>;
  queueDepth: Gauge;
  oldestPendingAge: Gauge;
  /** Points the queue gauges at the store; until then they read 0. */
  bindQueueStats(source: QueueStatsSource): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const eventsAccepted = new Counter({
    name: 'deskhooks_events_accepted_total',
    help: 'Events accepted by POST /v1/events (duplicates not counted), by event type (every custom type counts as custom).',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'deskhooks_deliveries_total',
    help: 'Deliveries that reached a final state, by status (succeeded, failed, cancelled).',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const attempts = new Counter({
    name: 'deskhooks_delivery_attempts_total',
    help: 'Delivery attempts by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const attemptDuration = new Histogram({
    name: 'deskhooks_delivery_attempt_duration_seconds',
    help: 'Delivery attempt latency in seconds, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    registers: [registry],
  });
  const agentLookups = new Counter({
    name: 'deskhooks_agent_lookups_total',
    help: 'Synchronous agent lookups by result.',
    labelNames: ['status'] as const,
    registers: [registry],
  });

  let source: QueueStatsSource | null = null;
  // One store query serves both gauges of a scrape.
  let pendingRead: Promise<{ pending: number; oldestAgeSeconds: number }> | null = null;
  const readQueue = () => {
    pendingRead ??= (async () => {
      try {
        if (!source) return { pending: 0, oldestAgeSeconds: 0 };
        const stats = await source();
        const age = stats.oldestPendingAt === null ? 0 : Math.max(0, stats.now - stats.oldestPendingAt) / 1000;
        return { pending: stats.pending, oldestAgeSeconds: age };
      } finally {
        setImmediate(() => {
          pendingRead = null;
        });
      }
    })();
    return pendingRead;
  };
  const queueDepth = new Gauge({
    name: 'deskhooks_queue_depth',
    help: 'Pending deliveries (due now or waiting for a retry).',
    registers: [registry],
    async collect() {
      this.set((await readQueue()).pending);
    },
  });
  const oldestPendingAge = new Gauge({
    name: 'deskhooks_queue_oldest_pending_age_seconds',
    help: 'Age of the oldest pending delivery in seconds (0 when none).',
    registers: [registry],
    async collect() {
      this.set((await readQueue()).oldestAgeSeconds);
    },
  });

  return {
    registry,
    eventsAccepted,
    deliveries,
    attempts,
    attemptDuration,
    agentLookups,
    queueDepth,
    oldestPendingAge,
    bindQueueStats(next) {
      source = next;
    },
  };
}
