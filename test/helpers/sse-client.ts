/**
 * A minimal server-sent-events reader for tests: fetch with a streaming body, parsed into events
 * (event, id, data) and comments, so a test can wait for the n-th event as a real consumer would.
 */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

export interface SseClient {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the events once `count` have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, key: string): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const notify = () => {
    for (const waiter of waiters.filter((w) => events.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const parse = (block: string) => {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) events.push({ event, id, data: data.join('\n') });
  };
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          parse(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
        notify();
      }
    } catch {
      // Aborted by close(): the stream just ends.
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    comments,
    ended,
    waitFor(count, timeoutMs = 10_000) {
      if (events.length >= count) return Promise.resolve(events.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${events.length} of ${count} events within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(events.slice());
          },
        });
      });
    },
    close() {
      controller.abort();
    },
  };
}
