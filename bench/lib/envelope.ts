import { getCatalog } from '../../server/src/catalog/catalog';

/** The event type every scenario publishes: its catalog sample makes a ~1.5 KB envelope, a typical size. */
export const BENCH_EVENT_TYPE = 'chat.completed';

export function sampleData(): Record<string, unknown> {
  return getCatalog().sampleEnvelope(BENCH_EVENT_TYPE).data;
}

/** The delivered envelope for event number `i`, as bytes on the wire. */
export function envelopeBody(i: number, prefix = 'evt_bench_'): string {
  const envelope = getCatalog().sampleEnvelope(BENCH_EVENT_TYPE);
  return JSON.stringify({ ...envelope, id: `${prefix}${i}` });
}

/** What the helpdesk posts to `POST /v1/events` for event number `i`. */
export function publishBody(i: number, prefix = 'evt_bench_'): string {
  return JSON.stringify({ id: `${prefix}${i}`, type: BENCH_EVENT_TYPE, data: sampleData() });
}

/** Standard Webhooks headers of the same size as a real delivery's (static: the raw limit signs nothing). */
export const DELIVERY_LIKE_HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  'webhook-id': 'dlv_01JBENCHBENCHBENCHBENCHBENCH',
  'webhook-timestamp': '1767225600',
  'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}`,
  'user-agent': 'deskhooks-bench',
};

/** A type no measured hook subscribes to: warm-up traffic goes to its own hook only. */
export const WARM_UP_EVENT_TYPE = 'ticket.created';

export function warmUpBody(i: number): string {
  return JSON.stringify({ id: `evt_warm_${i}`, type: WARM_UP_EVENT_TYPE, data: getCatalog().sampleEnvelope(WARM_UP_EVENT_TYPE).data });
}
