/**
 * What the built-in inspector keeps of a request it would have sent (issue #18): the method, the headers
 * as sent with secret values redacted the way attempt logs redact them, and the exact body, cut at
 * CAPTURE_BODY_LIMIT_BYTES so that no tenant's template can make a capture row arbitrarily large.
 */
import { prefixedId } from '../domain/ids';
import type { OutboundRequest } from '../outbound/http-client';
import type { CaptureRecord, HookRecord } from '../store/store';

export const CAPTURE_BODY_LIMIT_BYTES = 256 * 1024;

/** The URL an inspector or stream hook's requests carry (and their attempts log): `inspector:` / `stream:`. */
export function destinationUrl(hook: Pick<HookRecord, 'destination' | 'url'>): string {
  return hook.destination === 'url' ? hook.url : `${hook.destination}:`;
}

/** The body cut to at most `limit` UTF-8 bytes, never inside a character. */
export function cutBody(body: string, limit: number = CAPTURE_BODY_LIMIT_BYTES): { body: string; truncated: boolean } {
  if (body.length * 3 <= limit || Buffer.byteLength(body, 'utf8') <= limit) return { body, truncated: false };
  const bytes = Buffer.from(body, 'utf8');
  let end = limit;
  // Back up to the start of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return { body: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

export function newCapture(input: {
  tenantId: string;
  hookId: string;
  deliveryId: string;
  attempt: number;
  events: Array<{ id: string; type: string }>;
  request: OutboundRequest;
  /** The request's headers, redacted (rules/request-builder.ts redactHeaders). */
  headers: Record<string, string>;
  now: number;
}): CaptureRecord {
  const cut = cutBody(input.request.body ?? '');
  return {
    id: prefixedId('cap', input.now),
    tenantId: input.tenantId,
    hookId: input.hookId,
    deliveryId: input.deliveryId,
    attempt: input.attempt,
    eventIds: input.events.map((e) => e.id),
    eventTypes: [...new Set(input.events.map((e) => e.type))],
    capturedAt: input.now,
    request: { method: input.request.method, headers: input.headers, body: cut.body, bodyTruncated: cut.truncated },
  };
}

/** Whether a captured header value is a redaction (replays leave such headers out). */
export function isRedactedValue(value: string): boolean {
  return value === '[redacted]' || /^\S+ \[redacted\]$/.test(value);
}
