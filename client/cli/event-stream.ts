/**
 * Reads a server-sent event stream over fetch (eventsource-parser does the framing: multi-line data,
 * CRLF, comments). Not the browser's EventSource, which cannot send the Authorization header the API
 * needs. Resolves when the server ends the stream and rejects when the connection fails or the answer is
 * not a stream; the caller decides whether to reconnect.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { DeskhooksError, type Schema } from '../deskhooks-client';

export interface StreamOptions {
  url: string;
  apiKey: string;
  signal: AbortSignal;
  onEvent(message: EventSourceMessage): void;
}

/** A bound on one SSE field: a delivery event carries one request body (the server bounds those). */
const MAX_BUFFERED_CHARS = 8 * 1024 * 1024;

export async function readEventStream(options: StreamOptions): Promise<void> {
  const response = await fetch(options.url, {
    headers: { Authorization: `Bearer ${options.apiKey}`, Accept: 'text/event-stream' },
    signal: options.signal,
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let problem: Schema<'Problem'> | undefined;
    try {
      problem = JSON.parse(text) as Schema<'Problem'>;
    } catch {
      problem = undefined;
    }
    throw new DeskhooksError(response.status, problem, response.statusText || 'the stream was refused');
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) throw new Error(`the server answered ${type || 'no content type'} instead of an event stream`);
  if (!response.body) throw new Error('the server answered without a body');

  let pending = 0;
  const parser = createParser({
    onEvent(message) {
      pending = 0;
      options.onEvent(message);
    },
    onComment() {
      pending = 0;
    },
  });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = decoder.decode(value, { stream: true });
    pending += text.length;
    if (pending > MAX_BUFFERED_CHARS) {
      await reader.cancel();
      throw new Error(`an event of the stream exceeded ${MAX_BUFFERED_CHARS} characters`);
    }
    parser.feed(text);
  }
}
