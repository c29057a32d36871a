import type { Store } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RetentionOptions {
  store: Pick<Store, 'prune'>;
  /** Attempts and events older than this many days are deleted; 0 or less keeps everything. */
  retentionDays: number;
  /** Rows per table per prune call: small batches keep each transaction (and its locks) short. */
  batchSize?: number;
  /** How often a run starts. Default one hour. */
  intervalMs?: number;
  /**
   * When the first run starts after the job does. Default one minute (or the interval, if shorter):
   * a node restarted more often than the interval (rolling deploys, autoscaling) must still prune.
   */
  firstRunAfterMs?: number;
  /** Batches per run at most; whatever is left waits for the next run. Default 200. */
  maxBatchesPerRun?: number;
  now?: () => number;
  logger?: RetentionLogger;
}

export interface RetentionResult {
  attempts: number;
  events: number;
  batches: number;
  /** True when the run stopped at maxBatchesPerRun with rows possibly left. */
  truncated: boolean;
}

export interface RetentionJob {
  /** Runs one pass now (or joins the one under way). */
  runOnce(): Promise<RetentionResult>;
  /** Stops the schedule and waits for a pass under way to finish its current batch. */
  stop(): Promise<void>;
}

export const RETENTION_DEFAULTS = { batchSize: 500, intervalMs: 60 * 60 * 1000, firstRunAfterMs: 60 * 1000, maxBatchesPerRun: 200 } as const;

/**
 * Deletes everything older than the cut-off, one small batch after another, yielding to the event
 * loop between batches so request handling and deliveries on this node are not starved. A batch
 * that comes back short means that table is done.
 */
export async function pruneOlderThan(
  store: Pick<Store, 'prune'>,
  before: number,
  options: { batchSize: number; maxBatches: number; shouldStop?: () => boolean },
): Promise<RetentionResult> {
  const result: RetentionResult = { attempts: 0, events: 0, batches: 0, truncated: false };
  while (!options.shouldStop?.()) {
    if (result.batches >= options.maxBatches) {
      result.truncated = true;
      break;
    }
    const pruned = await store.prune(before, options.batchSize);
    result.batches += 1;
    result.attempts += pruned.attempts;
    result.events += pruned.events;
    if (pruned.attempts < options.batchSize && pruned.events < options.batchSize) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

/**
 * The retention job every node runs. Several nodes pruning at once is safe (each batch skips rows
 * another node is deleting); it only repeats work that is cheap when there is nothing left.
 */
export function startRetention(options: RetentionOptions): RetentionJob {
  const batchSize = options.batchSize ?? RETENTION_DEFAULTS.batchSize;
  const intervalMs = options.intervalMs ?? RETENTION_DEFAULTS.intervalMs;
  const maxBatches = options.maxBatchesPerRun ?? RETENTION_DEFAULTS.maxBatchesPerRun;
  const firstRunAfterMs = options.firstRunAfterMs ?? Math.min(intervalMs, RETENTION_DEFAULTS.firstRunAfterMs);
  const now = options.now ?? Date.now;
  const empty: RetentionResult = { attempts: 0, events: 0, batches: 0, truncated: false };
  let stopped = false;
  let running: Promise<RetentionResult> | null = null;

  const runOnce = (): Promise<RetentionResult> => {
    if (options.retentionDays <= 0 || stopped) return Promise.resolve(empty);
    if (running) return running;
    const before = now() - options.retentionDays * DAY_MS;
    running = pruneOlderThan(options.store, before, { batchSize, maxBatches, shouldStop: () => stopped })
      .then((result) => {
        if (result.attempts || result.events) {
          options.logger?.info({ ...result, before: new Date(before).toISOString() }, 'retention: pruned old attempts and events');
        }
        return result;
      })
      .catch((error: unknown) => {
        // A failed pass is retried at the next interval; it must never take the node down.
        options.logger?.warn({ err: error }, 'retention: pruning failed');
        return empty;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  // Timers never keep the process alive: retention is housekeeping, not a reason to stay up.
  let interval: NodeJS.Timeout | null = null;
  const first =
    options.retentionDays > 0
      ? setTimeout(() => {
          void runOnce();
          if (stopped) return;
          interval = setInterval(() => void runOnce(), intervalMs);
          interval.unref();
        }, firstRunAfterMs)
      : null;
  first?.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (interval) clearInterval(interval);
      if (running) await running;
    },
  };
}
