/**
 * The local fair queue on its own: turns between tenants and hooks, per-hook caps, rate spacing,
 * batch windows, and what it hands back to be released (overflow, shutdown).
 */
import { FairQueue } from '../../server/src/delivery/fair-queue';
import type { ClaimedDelivery, HookRecord } from '../../server/src/store/store';
import { delivery, event, hook } from '../store/fixtures';

function item(h: HookRecord, overrides: Partial<ClaimedDelivery['delivery']> = {}): ClaimedDelivery {
  const e = event(h.tenantId);
  return { hook: h, event: e, delivery: delivery(h.tenantId, h.id, e.id, overrides) };
}

function takeAll(queue: FairQueue, now = 0): Array<{ hook: string; size: number; lane: string }> {
  const taken = [];
  for (;;) {
    const next = queue.take(now);
    if (next.kind === 'none') return taken;
    taken.push({ hook: next.unit[0].hook.id, size: next.unit.length, lane: next.lane });
  }
}

test('when two tenants have work, then they are served in turn, whatever the order it arrived in', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 10, maxBatchEvents: 100 });
  const a = hook('tenant-a');
  const b = hook('tenant-b');
  for (let i = 0; i < 4; i++) queue.add(item(a));
  for (let i = 0; i < 2; i++) queue.add(item(b));
  expect(takeAll(queue).map((t) => t.hook)).toEqual([a.id, b.id, a.id, b.id, a.id, a.id]);
});

test("when one tenant has many hooks, then its turn rotates among them and another tenant's turn is not diluted", () => {
  const queue = new FairQueue({ defaultMaxInFlight: 10, maxBatchEvents: 100 });
  const [a1, a2] = [hook('tenant-a'), hook('tenant-a')];
  const b = hook('tenant-b');
  for (let i = 0; i < 2; i++) {
    queue.add(item(a1));
    queue.add(item(a2));
    queue.add(item(b));
  }
  expect(takeAll(queue).map((t) => t.hook)).toEqual([a1.id, b.id, a2.id, b.id, a1.id, a2.id]);
});

test('when a hook reaches its cap, then it gets no more slots until one of its requests is done', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 2, maxBatchEvents: 100 });
  const capped = hook('t', { maxInFlight: 1 });
  const plain = hook('t');
  for (let i = 0; i < 3; i++) queue.add(item(capped));
  for (let i = 0; i < 3; i++) queue.add(item(plain));
  const first = takeAll(queue);
  expect(first.map((t) => t.hook)).toEqual([capped.id, plain.id, plain.id]);
  expect(queue.take(0)).toEqual({ kind: 'none', retryAt: null });
  queue.done(first[0].lane);
  expect(takeAll(queue).map((t) => t.hook)).toEqual([capped.id]);
});

test('when a hook has a rate limit, then its next request waits for its turn and the queue says when', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 10, maxBatchEvents: 100 });
  const limited = hook('t', { rateLimit: { perSecond: 4 } });
  for (let i = 0; i < 3; i++) queue.add(item(limited));
  expect(queue.take(1000).kind).toBe('unit');
  expect(queue.take(1000)).toEqual({ kind: 'none', retryAt: 1250 });
  expect(queue.take(1249).kind).toBe('none');
  expect(queue.take(1250).kind).toBe('unit');
});

test('when a batch hook has a window waiting, then it leaves as one unit of at most maxBatchEvents', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 10, maxBatchEvents: 3 });
  const batch = hook('t', { format: 'batch' });
  for (let i = 0; i < 5; i++) queue.add(item(batch));
  expect(takeAll(queue).map((t) => t.size)).toEqual([3, 2]);
});

test('when more of a hook was claimed than it may hold waiting, then trim hands the excess back, newest first', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 2, maxBatchEvents: 100 });
  const h = hook('t');
  const items = Array.from({ length: 5 }, () => item(h));
  for (const i of items) queue.add(i);
  expect(queue.saturatedHookIds()).toEqual([h.id]);
  expect(queue.trim().map((i) => i.delivery.id)).toEqual(items.slice(2).map((i) => i.delivery.id));
  expect(queue.waiting).toBe(2);
  expect(queue.drain().map((i) => i.delivery.id)).toEqual(items.slice(0, 2).map((i) => i.delivery.id));
  expect(queue.waiting).toBe(0);
});

test('when an ordered hook has work, then it has one request in flight at most, whatever its maxInFlight says', () => {
  const queue = new FairQueue({ defaultMaxInFlight: 10, maxBatchEvents: 100 });
  const h = hook('t', { ordered: true, maxInFlight: 8 });
  queue.add(item(h));
  queue.add(item(h));
  expect(takeAll(queue)).toHaveLength(1);
});
