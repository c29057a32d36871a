/**
 * (5) Fan-out: one event to H hooks (all on the shared receiver, one path each); the time from
 * sending `POST /v1/events` until the receiver has all H deliveries.
 */
import { request } from 'undici';
import { authHeaders, startDeskhooks, warmUp } from '../lib/deskhooks';
import { BENCH_EVENT_TYPE, publishBody } from '../lib/envelope';
import { monoMs } from '../lib/rpc';
import { median, round } from '../lib/stats';
import type { ReceiverStats, ScenarioContext } from './context';

export interface FanOutResult {
  hooks: number;
  /** Median over the repeats: publish to the last delivery received. */
  seconds: number;
  runs: number[];
  /** Median time the publish request took (the event and its H deliveries written in one transaction). */
  publishMs: number;
  unsigned: number;
  /** How the hooks were created: through the domain layer, not HTTP (10,000 API calls would dominate the setup). */
  hookSetup: string;
  hookSetupSeconds: number;
}

export async function measureFanOut(context: ScenarioContext, hooks: number): Promise<FanOutResult> {
  const { sizes, receiver } = context;
  const server = await startDeskhooks(context.target, { label: `fanout${hooks}`, startEngine: true, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    const setup = await server.child.call<{ ms: number }>('createHooks', {
      count: hooks,
      urlPrefix: `${receiver.info.url}/fan-out/`,
      events: [BENCH_EVENT_TYPE],
    });
    await warmUp(server, receiver.info.url, sizes.warmUpEvents);
    const runs: number[] = [];
    const publishRuns: number[] = [];
    let unsigned = 0;
    for (let run = 0; run < sizes.fanOutRepeats; run++) {
      await receiver.call('reset', {});
      const started = monoMs();
      const answer = await request(`${server.info.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(server) },
        body: publishBody(run, `evt_fan${hooks}_`),
      });
      const body = (await answer.body.json()) as { deliveries?: number };
      publishRuns.push(monoMs() - started);
      if (answer.statusCode !== 202 || body.deliveries !== hooks) {
        throw new Error(`fan-out publish answered ${answer.statusCode} with ${JSON.stringify(body)}; expected ${hooks} deliveries`);
      }
      const stats = await receiver.call<ReceiverStats>('waitFor', { count: hooks, timeoutMs: 300_000 }, 310_000);
      unsigned += stats.unsigned;
      runs.push(round((stats.lastMs - started) / 1000, 3));
      context.log(`fan-out to ${hooks} hooks, run ${run + 1}: ${runs[runs.length - 1]} s`);
      await server.child.call('waitDrained', { timeoutMs: 120_000, pollMs: 20 }, 130_000);
    }
    return {
      hooks,
      seconds: median(runs),
      runs,
      publishMs: round(median(publishRuns), 1),
      unsigned,
      hookSetup: 'domain createHook (no HTTP)',
      hookSetupSeconds: round(setup.ms / 1000, 1),
    };
  } finally {
    await server.stop();
  }
}
