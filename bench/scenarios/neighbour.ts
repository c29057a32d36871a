/**
 * (7) Neighbour: one tenant's receiver must not slow another's. Tenant B publishes at a steady rate
 * (50 events/s) to a receiver that answers at once, and B's publish→receive latency is measured twice
 * in the same server: alone, then while tenant A's receiver hangs (never answers before the delivery
 * timeout) with a deep queue of A's deliveries due. The target: B's p99 with A hanging within 2× of
 * its p99 alone.
 */
import { openLoop } from '../lib/load';
import { authHeaders, closedLoopPublish, createHookViaApi, createTenantViaApi, startDeskhooks, warmUp, type Deskhooks } from '../lib/deskhooks';
import { publishBody } from '../lib/envelope';
import { percentile, round } from '../lib/stats';
import type { ScenarioContext } from './context';

export interface NeighbourResult {
  /** B's steady publish rate, events/s. */
  rate: number;
  /** A's deliveries queued behind its hanging receiver when B's measured phase began. */
  neighbourQueued: number;
  /** A's requests held open by its receiver during B's measured phase. */
  neighbourInFlight: number;
  aloneP50Ms: number;
  aloneP99Ms: number;
  withNeighbourP50Ms: number;
  withNeighbourP99Ms: number;
  /** B's events not received within the wait, both phases together. */
  lost: number;
}

const RATE = 50;
const NEIGHBOUR_EVENTS = 128;

async function measureB(context: ScenarioContext, server: Deskhooks, keyB: string, prefix: string, seconds: number) {
  const { receiver } = context;
  await receiver.call('reset', { record: true });
  const sent = await openLoop(
    { origin: server.info.url, path: '/v1/events', headers: { 'content-type': 'application/json', ...authHeaders(server, keyB) }, body: (i) => publishBody(i, prefix) },
    { rate: RATE, durationMs: seconds * 1000, connections: 8, maxInFlight: 256 },
  );
  await receiver.call('waitFor', { count: sent.sent, timeoutMs: 30_000 }, 40_000).catch(() => undefined);
  const { ids, times } = await receiver.call<{ ids: string[]; times: number[] }>('records');
  const receivedAt = new Map<number, number>();
  ids.forEach((id, k) => {
    if (id.startsWith(prefix)) receivedAt.set(Number(id.slice(prefix.length)), times[k]);
  });
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < sent.sent; i++) {
    const at = receivedAt.get(i);
    if (at === undefined) lost++;
    else latencies.push(at - sent.sentAt[i]);
  }
  return { p50: round(percentile(latencies, 50), 2), p99: round(percentile(latencies, 99), 2), lost };
}

export async function measureNeighbour(context: ScenarioContext): Promise<NeighbourResult> {
  const { receiver, sizes } = context;
  const seconds = Math.max(1, sizes.latencySeconds / 2);
  const server = await startDeskhooks(context.target, { label: 'neighbour', startEngine: true, cpuProfDir: context.cpuProfDir, logLevel: context.logLevel });
  try {
    const keyB = await createTenantViaApi(server, 'Tenant B');
    await createHookViaApi(server, `${receiver.info.url}/hang-a`);
    await createHookViaApi(server, `${receiver.info.url}/tenant-b`, undefined, {}, keyB);
    await warmUp(server, receiver.info.url, sizes.warmUpEvents);

    const alone = await measureB(context, server, keyB, 'evt_nb_alone_', seconds);

    // A floods its hanging receiver: its cap of requests hang, the rest of its deliveries wait, due.
    await closedLoopPublish(server, NEIGHBOUR_EVENTS, 'evt_na_');
    const deadline = Date.now() + 10_000;
    let hanging = await receiver.call<{ received: number; open: number }>('hanging');
    while (hanging.open === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      hanging = await receiver.call<{ received: number; open: number }>('hanging');
    }
    const queue = await server.child.call<{ pending: number }>('queue');
    const crowded = await measureB(context, server, keyB, 'evt_nb_with_', seconds);
    hanging = await receiver.call<{ received: number; open: number }>('hanging');
    context.log(`neighbour: B p99 ${alone.p99} ms alone, ${crowded.p99} ms with A hanging (${hanging.open} of A's requests held, ${queue.pending} pending)`);
    return {
      rate: RATE,
      neighbourQueued: queue.pending,
      neighbourInFlight: hanging.open,
      aloneP50Ms: alone.p50,
      aloneP99Ms: alone.p99,
      withNeighbourP50Ms: crowded.p50,
      withNeighbourP99Ms: crowded.p99,
      lost: alone.lost + crowded.lost,
    };
  } finally {
    await receiver.call('reset', {});
    await server.stop();
  }
}
