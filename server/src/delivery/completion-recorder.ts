/**
 * Group commit for finished attempts: completions that arrive while the store is busy (or within the
 * same turn of the event loop) are written together in one transaction, so a delivery costs a share
 * of a commit instead of a commit. Each caller still learns whether its own attempt landed (its lease
 * was still held), and only after the commit that holds it.
 */
import type { CompleteAttemptInput, Store } from '../store/store';

interface Pending {
  input: CompleteAttemptInput;
  resolve: (landed: boolean) => void;
  reject: (error: unknown) => void;
}

export interface CompletionRecorder {
  record(input: CompleteAttemptInput): Promise<boolean>;
  /** Resolves once everything recorded so far is committed (or has failed). */
  flush(): Promise<void>;
}

export function createCompletionRecorder(store: Pick<Store, 'completeAttempts'>, options: { maxBatch?: number } = {}): CompletionRecorder {
  const maxBatch = Math.max(1, options.maxBatch ?? 512);
  let queue: Pending[] = [];
  let writing: Promise<void> | null = null;
  let scheduled = false;

  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const landed = await store.completeAttempts(batch.map((p) => p.input));
        batch.forEach((p, i) => p.resolve(landed[i] ?? false));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }

  function start(): void {
    scheduled = false;
    if (writing || queue.length === 0) return;
    writing = writeAll().finally(() => {
      writing = null;
      // Completions that came in during the last write were picked up by its loop; none are left here.
      if (queue.length > 0) start();
    });
  }

  return {
    record(input) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // setImmediate, not a timer: everything that finished in this poll of the event loop joins
        // the same commit, and a lone completion is not held back.
        if (!scheduled && !writing) {
          scheduled = true;
          setImmediate(start);
        }
      });
    },
    async flush() {
      while (writing || queue.length > 0) {
        if (!writing) start();
        await writing;
      }
    },
  };
}
