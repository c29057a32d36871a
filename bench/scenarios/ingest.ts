/**
 * (3) Ingest throughput: `POST /v1/events` accepted per second with one matching hook and the engine
 * running (deliveries may lag), the same load as the baseline. Each run is paired with a baseline run
 * just before it, for the ratio. Between runs the queue is drained so every run starts alike.
 */
import { authHeaders, createHookViaApi, startDeskhooks } from '../lib/deskhooks';
import { median, round } from '../lib/stats';
import { baselineRun, ingestRun, startBaselineServer, summarizeIngest, type IngestLoadResult } from './ingest-baseline';
import type { ReceiverStats, ScenarioContext } from './context';

export interface IngestResult extends IngestLoadResult {
  /** Median over the runs of (this run's events/s ÷ the baseline run just before it). */
  ratio: number;
  /** The baseline measured right before each run. */
  pairedBaselinePerSecond: number[];
  /** Deliveries that reached the receiver during the measured runs, per second: how far they lag. */
  deliveredPerSecond: number;
}

export async function measureIngest(context: ScenarioContext): Promise<IngestResult> {
  const { sizes, receiver } = context;
  const baseline = await startBaselineServer();
  const server = await startDeskhooks(context.target, { label: 'ingest', startEngine: true, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    await createHookViaApi(server, `${receiver.info.url}/ingest`);
    const results = [];
    const delivered: number[] = [];
    const cpu: number[] = [];
    const pairedBaseline: number[] = [];
    const ratios: number[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      const base = await baselineRun(baseline, sizes, run);
      pairedBaseline.push(round(base.result.perSecond, 0));
      await receiver.call('reset', {});
      const cpuBefore = await server.child.call<number>('cpuMs');
      const result = await ingestRun(server.info.url, authHeaders(server), sizes, `evt_ing${run}_`);
      // Per event accepted, with whatever delivery work the engine did meanwhile in the same process.
      cpu.push(((await server.child.call<number>('cpuMs')) - cpuBefore) / result.completed);
      const stats = await receiver.call<ReceiverStats>('stats');
      results.push(result);
      delivered.push(stats.count / (sizes.ingestSeconds + sizes.warmupSeconds));
      ratios.push(result.perSecond / base.result.perSecond);
      context.log(`ingest run ${run + 1}: ${round(result.perSecond, 0)} events/s (baseline just before: ${round(base.result.perSecond, 0)} req/s)`);
      await server.child.call('waitDrained', { timeoutMs: 300_000, pollMs: 50 }, 310_000);
    }
    const summary = summarizeIngest(results);
    return {
      ...summary,
      serverCpuMsPerRequest: round(median(cpu), 4),
      ratio: round(median(ratios), 3),
      pairedBaselinePerSecond: pairedBaseline,
      deliveredPerSecond: round(median(delivered), 0),
    };
  } finally {
    await server.stop();
    await baseline.stop();
  }
}
