/**
 * (3b) Batch ingest: events accepted per second through `POST /v1/events/batch`, `batchEvents` events
 * per request, with one matching hook and the engine stopped (publishing alone, as in (3)). Each run
 * is paired with a run of the single-request baseline just before it: the target is as many events/s
 * through batches as the bare server answers requests/s.
 */
import { closedLoop } from '../lib/load';
import { authHeaders, createHookViaApi, startDeskhooks } from '../lib/deskhooks';
import { BENCH_EVENT_TYPE, sampleData } from '../lib/envelope';
import { median, round } from '../lib/stats';
import { baselineRun, startBaselineServer } from './ingest-baseline';
import type { ScenarioContext } from './context';

/** Batches in flight: each is 100 events, so this is 800 events in flight, against 32 single requests. */
const BATCH_CONCURRENCY = 8;

export interface BatchIngestResult {
  /** Events per request. */
  batchEvents: number;
  /** Events accepted per second (median of runs). */
  eventsPerSecond: number;
  runs: number[];
  /** Median over the runs of (events/s ÷ the baseline's requests/s just before). */
  ratio: number;
  pairedBaselinePerSecond: number[];
  /** Answers other than 200, transport errors, and a stored event that could not be read back. */
  errors: number;
  /** Server CPU per event, ms (median of runs). */
  serverCpuMsPerEvent: number;
}

export async function measureBatchIngest(context: ScenarioContext): Promise<BatchIngestResult> {
  const { sizes, receiver } = context;
  const n = sizes.batchEvents;
  // The same events as publishBody's, with the data serialized once: the load generator shares the cores.
  const data = JSON.stringify(sampleData());
  const eventJson = (id: string) => `{"id":${JSON.stringify(id)},"type":"${BENCH_EVENT_TYPE}","data":${data}}`;
  const baseline = await startBaselineServer();
  const server = await startDeskhooks(context.target, { label: 'batch', startEngine: false, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    await createHookViaApi(server, `${receiver.info.url}/batch`);
    const runs: number[] = [];
    const paired: number[] = [];
    const ratios: number[] = [];
    const cpu: number[] = [];
    let errors = 0;
    for (let run = 0; run < sizes.runs; run++) {
      const base = await baselineRun(baseline, sizes, run);
      paired.push(round(base.result.perSecond, 0));
      const cpuBefore = await server.child.call<number>('cpuMs');
      const result = await closedLoop(
        {
          origin: server.info.url,
          path: '/v1/events/batch',
          headers: { 'content-type': 'application/json', ...authHeaders(server) },
          body: (i) => `{"events":[${Array.from({ length: n }, (_, k) => eventJson(`evt_batch${run}_${i * n + k}`)).join(',')}]}`,
        },
        { concurrency: BATCH_CONCURRENCY, connections: BATCH_CONCURRENCY, durationMs: sizes.ingestSeconds * 1000, warmupMs: sizes.warmupSeconds * 1000 },
      );
      cpu.push(((await server.child.call<number>('cpuMs')) - cpuBefore) / (result.completed * n));
      errors += result.errors + Object.entries(result.statuses).filter(([status]) => status !== '200').reduce((sum, [, count]) => sum + count, 0);
      const eventsPerSecond = result.perSecond * n;
      runs.push(round(eventsPerSecond, 0));
      ratios.push(eventsPerSecond / base.result.perSecond);
      context.log(`batch run ${run + 1}: ${round(eventsPerSecond, 0)} events/s in batches of ${n} (baseline just before: ${round(base.result.perSecond, 0)} req/s)`);
    }
    // Every event of every batch must have been stored: the last run's first batch is read back.
    const check = await fetch(`${server.info.url}/v1/events/evt_batch${sizes.runs - 1}_0`, { headers: authHeaders(server) });
    if (check.status !== 200) errors++;
    return {
      batchEvents: n,
      eventsPerSecond: median(runs),
      runs,
      ratio: round(median(ratios), 3),
      pairedBaselinePerSecond: paired,
      errors,
      serverCpuMsPerEvent: round(median(cpu), 4),
    };
  } finally {
    await server.stop();
    await baseline.stop();
  }
}
