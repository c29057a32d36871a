/**
 * The engine's local queue: deliveries this node has claimed (leased) and not yet started, grouped
 * by tenant and hook. `take` hands out the next unit of work round-robin over tenants, then over each
 * tenant's hooks, skipping hooks at their in-flight cap or waiting for their rate limit, so one
 * tenant's slow receiver or flood holds only its share of the request slots. Pure and synchronous:
 * the scheduler owns time, the store and the slots.
 */
import type { ClaimedDelivery, HookRecord } from '../store/store';
import { isBatchFormat } from '../rules/plan';

export interface FairQueueOptions {
  /** Requests in flight per hook when the hook sets none. */
  defaultMaxInFlight: number;
  /** The most deliveries one batch-format request carries. */
  maxBatchEvents: number;
}

interface HookLane {
  key: string;
  hook: HookRecord;
  waiting: ClaimedDelivery[];
  inFlight: number;
}

interface TenantRing {
  lanes: HookLane[];
  /** Round-robin position among this tenant's lanes. */
  cursor: number;
}

/** What `take` returns: a unit to send now, or when to look again. */
export type TakeResult =
  | { kind: 'unit'; unit: ClaimedDelivery[]; lane: string }
  | { kind: 'none'; retryAt: number | null };

const laneKey = (hook: HookRecord) => `${hook.tenantId}\u0000${hook.id}`;

export class FairQueue {
  private readonly lanes = new Map<string, HookLane>();
  private readonly tenants = new Map<string, TenantRing>();
  /** Round-robin order of tenants with lanes; `tenantCursor` points at the next to serve. */
  private tenantOrder: string[] = [];
  private tenantCursor = 0;
  private waitingTotal = 0;
  /** Rate-limited hooks: the earliest time each may start its next request (kept while the lane comes and goes). */
  private readonly nextStartAt = new Map<string, number>();

  constructor(private readonly options: FairQueueOptions) {}

  /** Deliveries claimed and not yet started. */
  get waiting(): number {
    return this.waitingTotal;
  }

  /** Deliveries waiting for hooks that send one per request (a batch hook's window leaves together). */
  get waitingOutsideBatches(): number {
    let inBatches = 0;
    for (const lane of this.lanes.values()) if (isBatchFormat(lane.hook.format)) inBatches += lane.waiting.length;
    return this.waitingTotal - inBatches;
  }

  /** The in-flight cap of a hook: its own, or the default; ordered hooks send one at a time. */
  maxInFlight(hook: HookRecord): number {
    if (hook.ordered) return 1;
    return hook.maxInFlight ?? this.options.defaultMaxInFlight;
  }

  /**
   * How many deliveries of a hook may wait here beyond those in flight: enough to refill its slots
   * (and gather a batch window), few enough that a rate-limited hook's leases never run out waiting.
   */
  capacity(hook: HookRecord): number {
    const cap = this.maxInFlight(hook);
    let room = cap;
    if (isBatchFormat(hook.format)) room = Math.max(room, this.options.maxBatchEvents);
    if (hook.rateLimit) room = Math.max(1, Math.min(room, Math.floor(hook.rateLimit.perSecond)));
    return room;
  }

  add(item: ClaimedDelivery): void {
    const key = laneKey(item.hook);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { key, hook: item.hook, waiting: [], inFlight: 0 };
      this.lanes.set(key, lane);
      let ring = this.tenants.get(item.hook.tenantId);
      if (!ring) {
        ring = { lanes: [], cursor: 0 };
        this.tenants.set(item.hook.tenantId, ring);
        this.tenantOrder.push(item.hook.tenantId);
      }
      ring.lanes.push(lane);
    } else if (item.hook.updatedAt >= lane.hook.updatedAt) {
      // The newest copy of the hook's settings wins (the claim read it after an edit).
      lane.hook = item.hook;
    }
    lane.waiting.push(item);
    this.waitingTotal += 1;
  }

  /** Hooks that should not be claimed for now: their local queue is full. */
  saturatedHookIds(): string[] {
    const ids: string[] = [];
    for (const lane of this.lanes.values()) {
      if (lane.waiting.length >= this.capacity(lane.hook)) ids.push(lane.hook.id);
    }
    return ids;
  }

  /**
   * The next unit to send at `now`, fairly: tenants in turn, and within a tenant its hooks in turn.
   * A batch hook's waiting deliveries leave together (up to maxBatchEvents), others one by one.
   */
  take(now: number): TakeResult {
    let retryAt: number | null = null;
    if (this.nextStartAt.size > 1024) {
      for (const [key, at] of this.nextStartAt) if (at <= now) this.nextStartAt.delete(key);
    }
    const tenantCount = this.tenantOrder.length;
    for (let t = 0; t < tenantCount; t++) {
      const tenantIndex = (this.tenantCursor + t) % tenantCount;
      const ring = this.tenants.get(this.tenantOrder[tenantIndex])!;
      for (let h = 0; h < ring.lanes.length; h++) {
        const laneIndex = (ring.cursor + h) % ring.lanes.length;
        const lane = ring.lanes[laneIndex];
        if (lane.waiting.length === 0 || lane.inFlight >= this.maxInFlight(lane.hook)) continue;
        const startAt = lane.hook.rateLimit ? (this.nextStartAt.get(lane.key) ?? 0) : 0;
        if (startAt > now) {
          retryAt = retryAt === null ? startAt : Math.min(retryAt, startAt);
          continue;
        }
        const size = isBatchFormat(lane.hook.format) ? this.batchSize(lane) : 1;
        const unit = lane.waiting.splice(0, size);
        this.waitingTotal -= unit.length;
        lane.inFlight += 1;
        if (lane.hook.rateLimit) this.nextStartAt.set(lane.key, Math.max(now, startAt) + 1000 / lane.hook.rateLimit.perSecond);
        ring.cursor = (laneIndex + 1) % ring.lanes.length;
        this.tenantCursor = (tenantIndex + 1) % tenantCount;
        return { kind: 'unit', unit, lane: lane.key };
      }
    }
    return { kind: 'none', retryAt };
  }

  /** A unit taken from `lane` is finished: its slot is free again. */
  done(laneKeyOfUnit: string): void {
    const lane = this.lanes.get(laneKeyOfUnit);
    if (!lane) return;
    lane.inFlight = Math.max(0, lane.inFlight - 1);
    this.forgetIfIdle(lane);
  }

  /** Takes back what waits beyond each hook's capacity (newest first out), so it can be released. */
  trim(): ClaimedDelivery[] {
    const excess: ClaimedDelivery[] = [];
    for (const lane of this.lanes.values()) {
      const room = this.capacity(lane.hook);
      if (lane.waiting.length <= room) continue;
      excess.push(...lane.waiting.splice(room));
    }
    this.waitingTotal -= excess.length;
    return excess;
  }

  /** Empties the queue (shutdown): the deliveries returned were never started and can be released. */
  drain(): ClaimedDelivery[] {
    const all: ClaimedDelivery[] = [];
    for (const lane of this.lanes.values()) {
      all.push(...lane.waiting);
      lane.waiting = [];
      this.forgetIfIdle(lane);
    }
    this.waitingTotal = 0;
    return all;
  }

  /** Requests in flight, all hooks together. */
  inFlight(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.inFlight;
    return total;
  }

  private batchSize(lane: HookLane): number {
    // Test deliveries are single requests even on batch hooks: they leave alone, at the front.
    if (lane.waiting[0].delivery.test) return 1;
    let size = 0;
    while (size < lane.waiting.length && size < this.options.maxBatchEvents && !lane.waiting[size].delivery.test) size++;
    return size;
  }

  /** A lane with nothing waiting or in flight is dropped, so the rings hold only hooks with work. */
  private forgetIfIdle(lane: HookLane): void {
    if (lane.waiting.length > 0 || lane.inFlight > 0) return;
    this.lanes.delete(lane.key);
    const ring = this.tenants.get(lane.hook.tenantId);
    if (!ring) return;
    const index = ring.lanes.indexOf(lane);
    if (index >= 0) {
      ring.lanes.splice(index, 1);
      if (ring.cursor > index) ring.cursor -= 1;
      if (ring.cursor >= ring.lanes.length) ring.cursor = 0;
    }
    if (ring.lanes.length === 0) {
      this.tenants.delete(lane.hook.tenantId);
      const tenantIndex = this.tenantOrder.indexOf(lane.hook.tenantId);
      this.tenantOrder.splice(tenantIndex, 1);
      if (this.tenantCursor > tenantIndex) this.tenantCursor -= 1;
      if (this.tenantCursor >= this.tenantOrder.length) this.tenantCursor = 0;
    }
  }
}
