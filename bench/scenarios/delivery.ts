/**
 * (2) Delivery throughput: N events published through the API while the engine is stopped, then the
 * engine is started and the time until every one has reached the receiver, signed, and is recorded
 * as succeeded (nothing pending) gives deliveries per second. One hook, the shared receiver. Each run
 * is paired with a raw-limit run just before it, for the ratio.
 */
import { closedLoop } from '../lib/load';
import { authHeaders, createHookViaApi, startDeskhooks } from '../lib/deskhooks';
import { publishBody } from '../lib/envelope';
import { median, round } from '../lib/stats';
import { meterDatabaseCpu } from '../lib/database-cpu';
import { rawLimitRun } from './raw-limit';
import type { ReceiverStats, ScenarioContext } from './context';

export interface DeliveryResult {
  perSecond: number;
  /**
   * Median over the runs of (this run's deliveries/s ÷ the raw limit measured just before it): paired,
   * so that a busy moment on the shared machine weighs on both sides of the ratio.
   */
  ratio: number;
  runs: number[];
  /** The raw limit measured right before each run. */
  pairedRawPerSecond: number[];
  events: number;
  /** Requests that reached the receiver without a Standard Webhooks signature (should be 0). */
  unsigned: number;
  /** Requests beyond one per event (should be 0). */
  extra: number;
  /** How fast the N events were accepted with the engine stopped (publish only), events/s. */
  publishPerSecond: number;
  /**
   * Server CPU time per event published (engine stopped: ingest alone) and per delivery (the drain:
   * delivery alone), ms. Robust to a busy machine; compare with the raw limit's client CPU per request.
   */
  publishCpuMs: number;
  deliveryCpuMs: number;
  /** PostgreSQL's own CPU (its backends) per delivery during the drain, ms; null on SQLite (in-process). */
  databaseCpuMs: number | null;
}

export async function measureDelivery(context: ScenarioContext): Promise<DeliveryResult> {
  const { sizes, receiver } = context;
  const events = sizes.deliveryEvents;
  const runs: number[] = [];
  const pairedRaw: number[] = [];
  const ratios: number[] = [];
  const publishRuns: number[] = [];
  const publishCpu: number[] = [];
  const deliveryCpu: number[] = [];
  const databaseCpu: number[] = [];
  let unsigned = 0;
  let extra = 0;
  for (let run = 0; run < sizes.runs; run++) {
    const server = await startDeskhooks(context.target, { label: `delivery${run}`, startEngine: false, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
    try {
      // 32 requests in flight, as every contender of the comparison is given.
      await createHookViaApi(server, `${receiver.info.url}/delivery`, undefined, { maxInFlight: 32 });
      const cpuBeforePublish = await server.child.call<number>('cpuMs');
      const published = await closedLoop(
        {
          origin: server.info.url,
          path: '/v1/events',
          headers: { 'content-type': 'application/json', ...authHeaders(server) },
          body: (i) => publishBody(i, `evt_dlv${run}_`),
        },
        { concurrency: 32, connections: 32, durationMs: 600_000, warmupMs: 0, maxRequests: events },
      );
      if (published.statuses['202'] !== events) {
        throw new Error(`publishing ${events} events: ${JSON.stringify(published.statuses)}, ${published.errors} errors`);
      }
      publishRuns.push(published.perSecond);
      publishCpu.push(((await server.child.call<number>('cpuMs')) - cpuBeforePublish) / events);
      // The server is idle now (engine stopped): measure the raw limit next to this run.
      const raw = await rawLimitRun(receiver, sizes);
      pairedRaw.push(raw.perSecond);
      const cpuBeforeDrain = await server.child.call<number>('cpuMs');
      await receiver.call('reset', {});
      const dbMeter = context.target.kind === 'postgres' ? await meterDatabaseCpu(server.db.url) : null;
      const startedAt = await server.child.call<number>('startEngine');
      await receiver.call('waitFor', { count: events, timeoutMs: 300_000 }, 310_000);
      const drainedAt = await server.child.call<number>('waitDrained', { timeoutMs: 120_000, pollMs: 10 }, 130_000);
      deliveryCpu.push(((await server.child.call<number>('cpuMs')) - cpuBeforeDrain) / events);
      if (dbMeter) databaseCpu.push((await dbMeter.stop()) / events);
      const stats = await receiver.call<ReceiverStats>('stats');
      unsigned += stats.unsigned;
      extra += stats.count - events;
      const seconds = (Math.max(stats.lastMs, drainedAt) - startedAt) / 1000;
      runs.push(round(events / seconds, 0));
      ratios.push(events / seconds / raw.perSecond);
      context.log(`delivery run ${run + 1}: ${round(events / seconds, 0)} deliveries/s (raw limit just before: ${raw.perSecond} req/s)`);
    } finally {
      await server.stop();
    }
  }
  const perSecond = median(runs);
  return {
    perSecond,
    ratio: round(median(ratios), 3),
    runs,
    pairedRawPerSecond: pairedRaw,
    events,
    unsigned,
    extra,
    publishPerSecond: round(median(publishRuns), 0),
    publishCpuMs: round(median(publishCpu), 4),
    deliveryCpuMs: round(median(deliveryCpu), 4),
    databaseCpuMs: databaseCpu.length > 0 ? round(median(databaseCpu), 4) : null,
  };
}
