/**
 * Outbound HTTP for deliveries: undici with keep-alive pools per origin, a connect timeout and a
 * total timeout, a cap on how much of a response is read, and no redirects. Unless insecure
 * targets are allowed (development), the SSRF guard runs before every request and again inside
 * the connector, which dials the very address it checked (TLS still verifies the host name).
 */
import { Agent, buildConnector, request } from 'undici';
import { checkTarget, systemResolver, type Resolver } from './target-guard';

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

export type NetworkOutcome = 'timeout' | 'network' | 'refused';

export type OutboundResult =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string>;
      /** At most maxResponseBytes of the body, decoded as UTF-8. */
      body: string;
      /** True when the body was longer than the cap and was cut off. */
      truncated: boolean;
      durationMs: number;
    }
  | { kind: 'error'; outcome: NetworkOutcome; error: string; durationMs: number };

export interface HttpClientOptions {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
  allowInsecureTargets: boolean;
  resolve?: Resolver;
  /** The low-level connector (tests wrap it to prove that a refused target is never dialled). */
  connector?: buildConnector.connector;
  /** Milliseconds since some origin, for durations (monotonic). */
  monotonicNow?: () => number;
}

export interface HttpClient {
  send(request: OutboundRequest, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<OutboundResult>;
  close(): Promise<void>;
}

export class TargetRefusedError extends Error {
  readonly code = 'DESKHOOKS_TARGET_REFUSED';
  constructor(readonly host: string, readonly reason: string) {
    super(`target refused: host ${host} ${reason}`);
    this.name = 'TargetRefusedError';
  }
}

class TotalTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = 'TotalTimeoutError';
  }
}

function errorCode(error: unknown): string | undefined {
  let current: any = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

/** Maps a thrown request error to a delivery outcome and a short, loggable message. */
export function describeNetworkError(error: unknown): { outcome: NetworkOutcome; error: string } {
  if (error instanceof TargetRefusedError) return { outcome: 'refused', error: error.message };
  if (error instanceof TotalTimeoutError) return { outcome: 'timeout', error: error.message };
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof TargetRefusedError) return { outcome: 'refused', error: cause.message };
  const code = errorCode(error);
  const message = (error as Error)?.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { outcome: 'timeout', error: `connect timeout: ${message}` };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { outcome: 'timeout', error: message };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return { outcome: 'network', error: `connection reset: ${message}` };
  }
  return { outcome: 'network', error: code ? `${code}: ${message}` : message };
}

/** `work`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const resolve = options.resolve ?? systemResolver;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const base = options.connector ?? buildConnector({ timeout: options.connectTimeoutMs });

  const connect: buildConnector.connector = options.allowInsecureTargets
    ? base
    : (connectOptions, callback) => {
        checkTarget(connectOptions.hostname, resolve).then(
          (check) => {
            if (!check.allowed) {
              callback(new TargetRefusedError(connectOptions.hostname, check.reason), null);
              return;
            }
            // Only checked addresses are dialled, in the resolver's order; the next one is tried when
            // one does not connect (a dual-stack name on a host without IPv6 must still be reachable).
            const dial = (index: number): void => {
              base({ ...connectOptions, hostname: check.addresses[index] }, (error, socket) => {
                if (error && index + 1 < check.addresses.length) dial(index + 1);
                else callback(error as Error, socket as null);
              });
            };
            dial(0);
          },
          (error: Error) => callback(error, null),
        );
      };

  const agent = new Agent({
    connect,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    // The total timeout below governs; these only stop undici from giving up earlier on its own.
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  async function send(outbound: OutboundRequest, sendOptions: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<OutboundResult> {
    const started = monotonicNow();
    const elapsed = () => Math.round(monotonicNow() - started);
    const timeoutMs = sendOptions.timeoutMs ?? options.totalTimeoutMs;
    let url: URL;
    try {
      url = new URL(outbound.url);
    } catch {
      return { kind: 'error', outcome: 'refused', error: `not a valid URL: ${outbound.url}`, durationMs: 0 };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowInsecureTargets)) {
      return { kind: 'error', outcome: 'refused', error: `target refused: ${url.protocol} is not allowed, only https`, durationMs: 0 };
    }
    // The total timeout and the caller's signal cover the name lookup too: a resolver that hangs must
    // not hold a worker, or an agent lookup, past its budget.
    const controller = new AbortController();
    // Made only when it fires: an Error captures a stack, which every delivery would pay for.
    let timeout: TotalTimeoutError | null = null;
    const timer = setTimeout(() => {
      timeout = new TotalTimeoutError(timeoutMs);
      controller.abort(timeout);
    }, timeoutMs);
    const onOuterAbort = () => controller.abort(sendOptions.signal?.reason);
    if (sendOptions.signal?.aborted) onOuterAbort();
    else sendOptions.signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      if (!options.allowInsecureTargets) {
        const check = await untilAborted(checkTarget(url.hostname, resolve), controller.signal);
        if (!check.allowed) {
          return { kind: 'error', outcome: 'refused', error: new TargetRefusedError(url.hostname, check.reason).message, durationMs: elapsed() };
        }
      }
      const response = await request(url, {
        method: outbound.method as 'POST',
        headers: outbound.headers,
        body: outbound.body ?? undefined,
        dispatcher: agent,
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        if (size + buffer.length > options.maxResponseBytes) {
          chunks.push(buffer.subarray(0, options.maxResponseBytes - size));
          size = options.maxResponseBytes;
          truncated = true;
          // Stop reading: the rest is not needed and could be unbounded.
          response.body.destroy();
          break;
        }
        chunks.push(buffer);
        size += buffer.length;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { kind: 'response', status: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), truncated, durationMs: elapsed() };
    } catch (error) {
      if (timeout !== null && controller.signal.reason === timeout) {
        return { kind: 'error', outcome: 'timeout', error: (timeout as TotalTimeoutError).message, durationMs: elapsed() };
      }
      return { kind: 'error', ...describeNetworkError(error), durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
      sendOptions.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  return {
    send,
    async close() {
      await agent.close().catch(() => agent.destroy());
    },
  };
}
