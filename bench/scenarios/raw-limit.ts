/**
 * (1) The machine's own limit: undici keep-alive POSTs of a typical envelope to the minimal receiver,
 * the same receiver deskhooks delivers to. The delivery ratio is measured against this.
 */
import { cpuMs, type Child } from '../lib/rpc';
import { closedLoop } from '../lib/load';
import { DELIVERY_LIKE_HEADERS, envelopeBody } from '../lib/envelope';
import { median, round } from '../lib/stats';
import type { Sizes } from '../lib/options';

export const RAW_CONCURRENCY = 32;
export const RAW_CONNECTIONS = 32;

export interface RawLimitResult {
  perSecond: number;
  runs: number[];
  envelopeBytes: number;
  concurrency: number;
  connections: number;
  errors: number;
  /** CPU time per request of the sending side (this process) and of the receiver, ms: robust to a busy machine. */
  clientCpuMsPerRequest: number;
  receiverCpuMsPerRequest: number;
}

export interface RawLimitRun {
  perSecond: number;
  errors: number;
  clientCpuMs: number;
  receiverCpuMs: number;
}

/** One timed run of (1); the delivery scenario also runs one right before each of its own runs. */
export async function rawLimitRun(receiver: Child<{ url: string }>, sizes: Sizes): Promise<RawLimitRun> {
  await receiver.call('reset', {});
  const cpuBefore = cpuMs();
  const receiverBefore = await receiver.call<number>('cpuMs');
  const result = await closedLoop(
    { origin: receiver.info.url, path: '/raw', headers: DELIVERY_LIKE_HEADERS, body: (i) => envelopeBody(i) },
    { concurrency: RAW_CONCURRENCY, connections: RAW_CONNECTIONS, durationMs: sizes.rawSeconds * 1000, warmupMs: sizes.warmupSeconds * 1000 },
  );
  return {
    perSecond: round(result.perSecond, 0),
    errors: result.errors + Object.entries(result.statuses).filter(([status]) => status !== '204').reduce((sum, [, n]) => sum + n, 0),
    clientCpuMs: (cpuMs() - cpuBefore) / result.completed,
    receiverCpuMs: ((await receiver.call<number>('cpuMs')) - receiverBefore) / result.completed,
  };
}

export async function measureRawLimit(receiver: Child<{ url: string }>, sizes: Sizes): Promise<RawLimitResult> {
  const results: RawLimitRun[] = [];
  for (let run = 0; run < sizes.runs; run++) results.push(await rawLimitRun(receiver, sizes));
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    runs: results.map((r) => r.perSecond),
    envelopeBytes: Buffer.byteLength(envelopeBody(0)),
    concurrency: RAW_CONCURRENCY,
    connections: RAW_CONNECTIONS,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    clientCpuMsPerRequest: round(median(results.map((r) => r.clientCpuMs)), 4),
    receiverCpuMsPerRequest: round(median(results.map((r) => r.receiverCpuMs)), 4),
  };
}
