/**
 * (3) Ingest: `POST /v1/events` accepted per second with one matching hook, the same load as the
 * baseline. The engine is stopped, so the figures (events/s, server CPU per event) are those of
 * publishing alone: with delivery in the same process, ingest would be measured against whatever
 * share of the CPU the deliveries take (the latency scenario measures the two together). Each run is
 * paired with a baseline run just before it, for the ratio.
 */
import { authHeaders, createHookViaApi, startDeskhooks } from '../lib/deskhooks';
import { median, round } from '../lib/stats';
import { baselineRun, ingestRun, startBaselineServer, summarizeIngest, type IngestLoadResult } from './ingest-baseline';
import type { ScenarioContext } from './context';

export interface IngestResult extends IngestLoadResult {
  /** Median over the runs of (this run's events/s ÷ the baseline run just before it). */
  ratio: number;
  /** The baseline measured right before each run. */
  pairedBaselinePerSecond: number[];
  /** The baseline's server CPU per request in the same runs, ms (median). */
  baselineCpuMsPerRequest: number;
}

export async function measureIngest(context: ScenarioContext): Promise<IngestResult> {
  const { sizes, receiver } = context;
  const baseline = await startBaselineServer();
  const server = await startDeskhooks(context.target, { label: 'ingest', startEngine: false, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    await createHookViaApi(server, `${receiver.info.url}/ingest`);
    const results = [];
    const cpu: number[] = [];
    const baselineCpu: number[] = [];
    const pairedBaseline: number[] = [];
    const ratios: number[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      const base = await baselineRun(baseline, sizes, run);
      pairedBaseline.push(round(base.result.perSecond, 0));
      baselineCpu.push(base.cpuMs);
      const cpuBefore = await server.child.call<number>('cpuMs');
      const result = await ingestRun(server.info.url, authHeaders(server), sizes, `evt_ing${run}_`);
      cpu.push(((await server.child.call<number>('cpuMs')) - cpuBefore) / result.completed);
      results.push(result);
      ratios.push(result.perSecond / base.result.perSecond);
      context.log(`ingest run ${run + 1}: ${round(result.perSecond, 0)} events/s (baseline just before: ${round(base.result.perSecond, 0)} req/s)`);
    }
    return {
      ...summarizeIngest(results),
      serverCpuMsPerRequest: round(median(cpu), 4),
      baselineCpuMsPerRequest: round(median(baselineCpu), 4),
      ratio: round(median(ratios), 3),
      pairedBaselinePerSecond: pairedBaseline,
    };
  } finally {
    await server.stop();
    await baseline.stop();
  }
}
