/**
 * The ingest baseline: the same `POST /v1/events` requests, same load generator, against a minimal
 * node:http server that only parses and answers. The ingest ratio is measured against this.
 */
import { spawnChild, type Child } from '../lib/rpc';
import { closedLoop } from '../lib/load';
import { publishBody } from '../lib/envelope';
import { median, round } from '../lib/stats';
import type { Sizes } from '../lib/options';

export const INGEST_CONCURRENCY = 32;
export const INGEST_CONNECTIONS = 32;

export interface IngestLoadResult {
  perSecond: number;
  runs: number[];
  /** Answers other than 202, and transport errors: a run with any is suspect. */
  errors: number;
  statuses: Record<string, number>;
  /** Server CPU time per request, ms (median of runs): robust to a busy machine. */
  serverCpuMsPerRequest?: number;
}

/** Runs the ingest load (closed loop) against `origin` once; shared by the baseline and deskhooks. */
export async function ingestRun(origin: string, headers: Record<string, string>, sizes: Sizes, idPrefix: string) {
  return closedLoop(
    { origin, path: '/v1/events', headers: { 'content-type': 'application/json', ...headers }, body: (i) => publishBody(i, idPrefix) },
    { concurrency: INGEST_CONCURRENCY, connections: INGEST_CONNECTIONS, durationMs: sizes.ingestSeconds * 1000, warmupMs: sizes.warmupSeconds * 1000 },
  );
}

export function summarizeIngest(results: Array<Awaited<ReturnType<typeof ingestRun>>>): IngestLoadResult {
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (const result of results) {
    errors += result.errors;
    for (const [status, n] of Object.entries(result.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + n;
      if (status !== '202') errors += n;
    }
  }
  const runs = results.map((r) => round(r.perSecond, 0));
  return { perSecond: median(runs), runs, errors, statuses };
}

export function startBaselineServer(): Promise<Child<{ url: string }>> {
  return spawnChild<{ url: string }>('baseline-server');
}

/** One timed baseline run; the ingest scenario runs one next to each of its own runs. */
export async function baselineRun(server: Child<{ url: string }>, sizes: Sizes, run: number) {
  const before = await server.call<number>('cpuMs');
  const result = await ingestRun(server.info.url, { authorization: 'Bearer dk_bench' }, sizes, `evt_base${run}_`);
  return { result, cpuMs: ((await server.call<number>('cpuMs')) - before) / result.completed };
}

export async function measureIngestBaseline(sizes: Sizes): Promise<IngestLoadResult> {
  const server = await startBaselineServer();
  try {
    const runs = [];
    for (let run = 0; run < sizes.runs; run++) runs.push(await baselineRun(server, sizes, run));
    return { ...summarizeIngest(runs.map((r) => r.result)), serverCpuMsPerRequest: round(median(runs.map((r) => r.cpuMs)), 4) };
  } finally {
    await server.stop();
  }
}
