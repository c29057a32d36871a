/**
 * (6) Backlog: a database seeded with N due pending deliveries (10 hooks on the shared receiver, N/10
 * events), then a fresh server on it: the time to claim one batch (the engine's batch size, engine
 * stopped so nothing else runs), then the engine started and the server's resident memory sampled
 * while it works through the backlog. On PostgreSQL the claims are timed once before and then after
 * ANALYZE: right after a bulk insert the planner has no statistics yet.
 */
import { spawnChild } from '../lib/rpc';
import { startDeskhooks } from '../lib/deskhooks';
import { median, percentile, round } from '../lib/stats';
import type { ReceiverStats, ScenarioContext } from './context';

export const BACKLOG_FAN_OUT = 10;

export interface BacklogResult {
  pending: number;
  seedSeconds: number;
  /** The claim batch size (the engine's DESKHOOKS_WORKER_CONCURRENCY). */
  batch: number;
  claimMedianMs: number;
  claimP95Ms: number;
  claims: number[];
  /**
   * PostgreSQL only: the median claim right after the bulk insert, before the planner has statistics
   * (the figures above are after ANALYZE, as autovacuum would have run while a real backlog built up).
   */
  claimMedianMsStaleStats?: number;
  /** Resident memory before the engine starts, and its peak while the engine works the backlog. */
  idleRssMb: number;
  peakRssMb: number;
  workSeconds: number;
  /** Deliveries received while the engine worked the backlog, per second. */
  deliveredPerSecond: number;
}

export async function measureBacklog(context: ScenarioContext, pending: number): Promise<BacklogResult> {
  const { sizes, receiver } = context;
  const db = await context.target.fresh(`backlog${pending}`);
  let seed: { pending: number; seconds: number };
  try {
    const seeder = await spawnChild('seeder');
    try {
      seed = await seeder.call('seedBacklog', {
        databaseUrl: db.url,
        pending,
        fanOut: BACKLOG_FAN_OUT,
        urlPrefix: `${receiver.info.url}/backlog/`,
      }, 3_600_000);
    } finally {
      await seeder.stop();
    }
    if (seed.pending !== pending) throw new Error(`seeded ${seed.pending} pending deliveries, wanted ${pending}`);
    context.log(`backlog of ${pending} seeded in ${round(seed.seconds, 1)} s`);
  } catch (error) {
    await db.drop();
    throw error;
  }

  const server = await startDeskhooks(context.target, { label: `backlog${pending}`, db, startEngine: false, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    const batch = server.info.workerConcurrency;
    let claimMedianMsStaleStats: number | undefined;
    if (db.analyze) {
      const stale = await server.child.call<{ times: number[] }>('claimTimes', { count: Math.min(5, sizes.backlogClaims), limit: batch });
      claimMedianMsStaleStats = round(median(stale.times), 2);
      context.log(`backlog of ${pending}: claim before ANALYZE ${claimMedianMsStaleStats} ms`);
      await db.analyze();
    }
    // One claim first, not counted: it warms the statement and the page cache, as a running server's would be.
    await server.child.call('claimTimes', { count: 1, limit: batch });
    const { times } = await server.child.call<{ times: number[]; claimed: number }>('claimTimes', { count: sizes.backlogClaims, limit: batch });
    const idle = await server.child.call<{ rssMb: number }>('memory');
    await server.child.call('sampleMemory');
    await receiver.call('reset', {});
    const workSeconds = sizes.backlogWorkSeconds;
    await server.child.call('startEngine');
    await new Promise((resolve) => setTimeout(resolve, workSeconds * 1000));
    const memory = await server.child.call<{ rssMb: number; peakRssMb: number }>('memory');
    const stats = await receiver.call<ReceiverStats>('stats');
    return {
      pending,
      seedSeconds: round(seed.seconds, 1),
      batch,
      claimMedianMs: round(median(times), 2),
      claimP95Ms: round(percentile(times, 95), 2),
      claims: times.map((t) => round(t, 2)),
      ...(claimMedianMsStaleStats !== undefined ? { claimMedianMsStaleStats } : {}),
      idleRssMb: round(idle.rssMb, 0),
      peakRssMb: round(memory.peakRssMb, 0),
      workSeconds,
      deliveredPerSecond: round(stats.count / workSeconds, 0),
    };
  } finally {
    await server.stop();
  }
}
