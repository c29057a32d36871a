/**
 * Group commit for event appends. Every publish asks to append; the requests that arrive during one
 * turn of the event loop (and, while a commit is in flight, all that arrive until it ends) go to the
 * store in one Store.appendEvents call: one transaction for all of them. Each caller is answered only
 * once its own transaction has committed. Under light load a group is one event and nothing waits
 * for a timer; under heavy load the cost of a commit is shared by everything that arrived meanwhile.
 */
import type { AppendEventResult, AppendRequest, Store } from './store';

/** Events per transaction at most: bounds the time one commit holds the write lock. */
export const MAX_GROUP_EVENTS = 1_000;

interface Pending {
  requests: AppendRequest[];
  resolve(results: AppendEventResult[]): void;
  reject(error: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private committing = false;

  constructor(
    private readonly store: Store,
    private readonly maxEvents = MAX_GROUP_EVENTS,
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
    // setImmediate runs after the I/O of this loop turn: every request read meanwhile joins the group.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
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
