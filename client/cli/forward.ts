/**
 * Sends one streamed delivery to the developer's local receiver exactly as deskhooks would have posted it:
 * the same method, headers (the Standard Webhooks signature included) and body, byte for byte, without
 * following redirects. Returns the local answer (status and the start of its body) or why there was none.
 */
import { request } from 'undici';
import { networkCode, networkReason } from './errors';

export interface ForwardedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export type ForwardResult =
  | { status: number; body: string; durationMs: number }
  | { error: string; down: boolean; durationMs: number };

/** The start of the local answer sent with the ack: the API keeps its first 2 KiB (and takes up to 64 KiB). */
export const KEPT_BODY_BYTES = 4096;
/** The server's default delivery timeout: an answer later than that could not settle the attempt anyway. */
const LOCAL_TIMEOUT_MS = 15_000;
/** Headers that describe one hop, not the delivery: the local connection sets its own. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection']);
const DOWN_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export async function forwardDelivery(target: string, delivery: ForwardedRequest): Promise<ForwardResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) if (!HOP_HEADERS.has(name.toLowerCase())) headers[name] = value;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const answer = await request(target, {
      method: delivery.method as 'POST',
      headers,
      body: delivery.method === 'GET' || delivery.method === 'HEAD' ? undefined : delivery.body,
      headersTimeout: LOCAL_TIMEOUT_MS,
      bodyTimeout: LOCAL_TIMEOUT_MS,
    });
    const kept: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body) {
      // Keep the start only; read the rest so the connection can be reused.
      if (size < KEPT_BODY_BYTES) kept.push(Buffer.from(chunk as Buffer).subarray(0, KEPT_BODY_BYTES - size));
      size += (chunk as Buffer).length;
    }
    return { status: answer.statusCode, body: Buffer.concat(kept).toString('utf8'), durationMs: elapsed() };
  } catch (error) {
    const code = networkCode(error);
    return { error: networkReason(error), down: code !== undefined && DOWN_CODES.has(code), durationMs: elapsed() };
  }
}
