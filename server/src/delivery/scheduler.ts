/**
 * The engine's scheduler: claims due deliveries from the store in batches into the local fair queue
 * (claim), starts units from it while request slots are free (track), looks again when something is
 * queued, a slot frees up or a retry falls due (wake), and otherwise sleeps until the next due time
 * (idle). On stop it claims nothing more, gives back what it claimed but never started, and lets the
 * attempts in flight finish within the grace period.
 */
import type pino from 'pino';
import type { Clock } from '../app-deps';
import type { ClaimedDelivery, Store } from '../store/store';
import { FairQueue } from './fair-queue';

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  log: pino.Logger;
  owner: string;
  leaseMs: number;
  /** Requests in flight at most, all hooks together. */
  concurrency: number;
  /** Requests in flight per hook when the hook sets none. */
  hookMaxInFlight: number;
  maxBatchEvents: number;
  /** The longest sleep between looks at the queue. */
  maxIdleMs: number;
  /** Sends one unit (one request); resolves when its attempt is recorded. */
  run: (unit: ClaimedDelivery[]) => Promise<void>;
  /** Stream hooks with a consumer on this node: the only stream hooks whose deliveries it claims. */
  streamHookIds?: () => string[];
}

/** The most rows one claim statement takes. */
const MAX_CLAIM = 256;

export function createScheduler(options: SchedulerOptions) {
  const { store, clock, log, owner, leaseMs, concurrency, maxIdleMs } = options;
  const queue = new FairQueue({ defaultMaxInFlight: options.hookMaxInFlight, maxBatchEvents: options.maxBatchEvents });
  // Deliveries claimed ahead of free slots: a claim is a round trip whatever its size, so the queue
  // holds up to a slot-full and is refilled once half of that has left (a claim brings ~half a
  // slot-full). A batch hook's window does not count: it leaves as one request, bounded by its own capacity.
  const localTarget = concurrency;
  const lowWater = Math.max(1, Math.ceil(concurrency / 2));

  let running = false;
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let rateTimer: NodeJS.Timeout | null = null;
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];

  function isIdle(): boolean {
    return !pumping && !again && inFlight.size === 0 && queue.waiting === 0;
  }

  function settleIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function scheduleTimer(delayMs: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      wake();
    }, Math.max(0, delayMs));
  }

  function scheduleDispatch(at: number): void {
    if (rateTimer || !running) return;
    rateTimer = setTimeout(() => {
      rateTimer = null;
      dispatch();
    }, Math.max(1, at - clock.now()));
  }

  async function nextSleepMs(): Promise<number> {
    if (inFlight.size >= concurrency) return maxIdleMs;
    const due = await store.nextDueAt();
    if (due === null) return maxIdleMs;
    const delay = due - clock.now();
    // Due but not claimable (leased elsewhere, an ordered hook busy, a hook at its cap): look again soon, not in a spin.
    if (delay <= 0) return Math.min(maxIdleMs, 250);
    return Math.min(maxIdleMs, delay);
  }

  function wake(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    void pump();
  }

  async function pump(): Promise<void> {
    pumping = true;
    let sleep = maxIdleMs;
    try {
      let claimed = 0;
      do {
        again = false;
        claimed += await claim();
        dispatch();
      } while (again && running);
      // While work flows, completions wake the engine again anyway: the due-time query (one more
      // statement per wake-up) is only worth it once the queue went quiet.
      if (claimed === 0) sleep = await nextSleepMs();
    } catch (error) {
      log.error({ err: error }, 'claiming deliveries failed; retrying shortly');
    } finally {
      pumping = false;
      if (again && running) void pump();
      else {
        scheduleTimer(sleep);
        settleIdle();
      }
    }
  }

  /** Fills the local queue: claims while there is room and the store has more. Answers how many it claimed. */
  async function claim(): Promise<number> {
    let total = 0;
    while (running) {
      const room = localTarget - queue.waitingOutsideBatches;
      if (room <= 0) return total;
      const limit = Math.min(room, MAX_CLAIM);
      const claimed = await store.claimDeliveries({ owner, leaseMs, limit, now: clock.now(), excludeHookIds: queue.saturatedHookIds(), streamHookIds: options.streamHookIds?.() });
      for (const item of claimed) queue.add(item);
      total += claimed.length;
      await giveBackOverflow();
      // Claim again only while it may pay: the store had more, and no hook is full here (a claim
      // that must skip a full hook walks past its due deliveries).
      if (claimed.length < limit || queue.saturatedHookIds().length > 0) return total;
    }
    return total;
  }

  /**
   * One claim can bring more of a hook than it may hold waiting (the claim cannot count per hook):
   * the excess goes back at once, so no lease runs out while it waits behind a slow receiver.
   */
  async function giveBackOverflow(): Promise<void> {
    const overflow = queue.trim();
    if (overflow.length === 0) return;
    await store.releaseLeases(owner, overflow.map((item) => item.delivery));
  }

  /** Starts units while slots are free, in the fair queue's order. */
  function dispatch(): void {
    while (running && inFlight.size < concurrency) {
      const next = queue.take(clock.now());
      if (next.kind === 'none') {
        if (next.retryAt !== null) scheduleDispatch(next.retryAt);
        return;
      }
      // A delivery that waited here until its lease is nearly out is left for the next claim.
      const fresh = next.unit.filter((item) => (item.delivery.leaseExpiresAt ?? Infinity) - clock.now() > leaseMs / 4);
      if (fresh.length < next.unit.length) log.warn({ stale: next.unit.length - fresh.length }, 'claimed deliveries waited too long; left for a later claim');
      if (fresh.length === 0) {
        queue.done(next.lane);
        continue;
      }
      track(fresh, next.lane);
    }
  }

  function track(unit: ClaimedDelivery[], lane: string): void {
    const work = options.run(unit).catch((error: unknown) => {
      // A bug or a store outage: the lease runs out and the delivery is tried again.
      log.error({ err: error, deliveryIds: unit.map((c) => c.delivery.id) }, 'delivery processing failed');
    });
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      queue.done(lane);
      dispatch();
      if (queue.waiting < lowWater || inFlight.size === 0) wake();
      settleIdle();
    });
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      wake();
    },
    wake,
    /** Requests in flight. */
    inFlight: () => inFlight.size,
    idle(): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    /**
     * Stops claiming and gives back every delivery claimed but not started; then waits up to `graceMs`
     * for the attempts in flight. Resolves true when they all finished, false when the grace ran out.
     */
    async stop(graceMs: number): Promise<boolean> {
      running = false;
      if (timer) clearTimeout(timer);
      if (rateTimer) clearTimeout(rateTimer);
      timer = rateTimer = null;
      while (pumping) await new Promise((resolve) => setTimeout(resolve, 5));
      const unstarted = queue.drain();
      if (unstarted.length > 0) {
        try {
          await store.releaseLeases(owner, unstarted.map((item) => item.delivery));
        } catch (error) {
          log.warn({ err: error }, 'could not give back unstarted deliveries; their leases expire on their own');
        }
      }
      let graceTimer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => {
          graceTimer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      return finished;
    },
    /** After the grace ran out and the attempts were aborted: waits for them to unwind. */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight]);
      settleIdle();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
