/**
 * (4) Latency: events published at a steady rate (open loop: the schedule does not wait for answers),
 * and for each the time from sending `POST /v1/events` to the receiver reading the delivery. Both
 * timestamps come from the system's monotonic clock, so they compare across processes.
 */
import { openLoop } from '../lib/load';
import { authHeaders, createHookViaApi, startDeskhooks, warmUp } from '../lib/deskhooks';
import { publishBody } from '../lib/envelope';
import { percentile, round } from '../lib/stats';
import type { ScenarioContext } from './context';

export interface LatencyResult {
  /** Events per second asked for, and actually sent. */
  rate: number;
  sentPerSecond: number;
  /** Events measured (the first warm-up second is left out). */
  events: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Events never received within the wait. */
  lost: number;
  /** Publish answers other than 202, and transport errors. */
  errors: number;
  /** How far the sender fell behind its schedule at worst: a large value means the figures are suspect. */
  senderMaxLagMs: number;
}

const PREFIX = 'evt_lat_';

export async function measureLatency(context: ScenarioContext, rate: number): Promise<LatencyResult> {
  const { sizes, receiver } = context;
  const server = await startDeskhooks(context.target, { label: `latency${rate}`, startEngine: true, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    await createHookViaApi(server, `${receiver.info.url}/latency`);
    await warmUp(server, receiver.info.url, sizes.warmUpEvents);
    await receiver.call('reset', { record: true });
    const sent = await openLoop(
      {
        origin: server.info.url,
        path: '/v1/events',
        headers: { 'content-type': 'application/json', ...authHeaders(server) },
        body: (i) => publishBody(i, PREFIX),
      },
      { rate, durationMs: sizes.latencySeconds * 1000, connections: 32, maxInFlight: 1024 },
    );
    // Whatever has not arrived by then counts as lost (and fails the target).
    const waitMs = sizes.latencyWaitSeconds * 1000;
    await receiver.call('waitFor', { count: sent.sent, timeoutMs: waitMs }, waitMs + 10_000).catch(() => undefined);
    const { ids, times } = await receiver.call<{ ids: string[]; times: number[] }>('records');
    const receivedAt = new Map<number, number>();
    for (let k = 0; k < ids.length; k++) {
      if (ids[k].startsWith(PREFIX)) receivedAt.set(Number(ids[k].slice(PREFIX.length)), times[k]);
    }
    const measureFrom = sent.sentAt[0] + sizes.latencyWarmupSeconds * 1000;
    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < sent.sent; i++) {
      if (sent.sentAt[i] < measureFrom) continue;
      const at = receivedAt.get(i);
      if (at === undefined) lost++;
      else latencies.push(at - sent.sentAt[i]);
    }
    const errors = sent.errors + Object.entries(sent.statuses).filter(([status]) => status !== '202').reduce((sum, [, n]) => sum + n, 0);
    return {
      rate,
      sentPerSecond: round(sent.perSecond, 0),
      events: latencies.length,
      p50Ms: round(percentile(latencies, 50), 2),
      p95Ms: round(percentile(latencies, 95), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(Math.max(...latencies), 2),
      lost,
      errors,
      senderMaxLagMs: round(sent.maxLagMs, 1),
    };
  } finally {
    await server.stop();
  }
}
