/**
 * Group commit for event appends. Every publish asks to append; the requests that arrive until the
 * next commit may start go to the store together, in one Store.appendEvents call: one transaction for
 * all of them. A commit starts at most once a millisecond (GROUP_INTERVAL_MS), and never while the
 * previous one is in flight. Each caller is answered only once its own transaction has committed.
 * Under light load an event commits at once, alone (nothing waits for a timer); under heavy load one
 * commit a millisecond carries everything that arrived meanwhile.
 */
import type { AppendEventResult, AppendRequest, Store } from './store';

/** Events per transaction at most: bounds the time one commit holds the write lock. */
export const MAX_GROUP_EVENTS = 1_000;

/** At most one commit starts per this many ms; below one event per interval nothing waits. */
export const GROUP_INTERVAL_MS = 1;

interface Pending {
  requests: AppendRequest[];
  resolve(results: AppendEventResult[]): void;
  reject(error: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private committing = false;
  private lastStart = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly maxEvents = MAX_GROUP_EVENTS,
    private readonly intervalMs = GROUP_INTERVAL_MS,
  ) {}

  /** Appends `requests` (kept together in one transaction), resolving with their results in order. */
  append(requests: AppendRequest[]): Promise<AppendEventResult[]> {
    if (requests.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ requests, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.committing) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.drain();
    };
    const wait = this.lastStart + this.intervalMs - performance.now();
    // setImmediate runs after the I/O of this loop turn: every request read meanwhile joins the group.
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }

  private async drain(): Promise<void> {
    this.committing = true;
    try {
      while (this.queue.length > 0) {
        const group: Pending[] = [];
        let events = 0;
        while (this.queue.length > 0 && (group.length === 0 || events + this.queue[0].requests.length <= this.maxEvents)) {
          const next = this.queue.shift()!;
          group.push(next);
          events += next.requests.length;
        }
        this.lastStart = performance.now();
        await this.commit(group);
      }
    } finally {
      this.committing = false;
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    let results: AppendEventResult[];
    try {
      results = await this.store.appendEvents(group.flatMap((pending) => pending.requests));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      // One caller's failure (a plan that throws) must not fail the others: each goes again alone.
      for (const pending of group) {
        try {
          pending.resolve(await this.store.appendEvents(pending.requests));
        } catch (own) {
          pending.reject(own);
        }
      }
      return;
    }
    let at = 0;
    for (const pending of group) {
      pending.resolve(results.slice(at, at + pending.requests.length));
      at += pending.requests.length;
    }
  }
}

const committers = new WeakMap<Store, GroupCommitter>();

/** The one committer of a store: every publish path of the process shares it, so they share commits. */
export function groupCommitterFor(store: Store): GroupCommitter {
  let committer = committers.get(store);
  if (!committer) {
    committer = new GroupCommitter(store);
    committers.set(store, committer);
  }
  return committer;
}
