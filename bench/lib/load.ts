/** Load generators on undici keep-alive pools: closed loop (as fast as answered) and open loop (fixed rate). */
import { Pool } from 'undici';
import { monoMs } from './rpc';

export interface PostTarget {
  /** http://127.0.0.1:<port> */
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The body of request number `i` (0-based). */
  body: (i: number) => string;
}

export interface ClosedLoopResult {
  /** Answers within the measured window. */
  requests: number;
  /** Every answer, warm-up included (for CPU time per request). */
  completed: number;
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  elapsedMs: number;
  perSecond: number;
}

export function createPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 120_000 });
}

/**
 * `concurrency` requests in flight over `connections` keep-alive connections for `durationMs` (after
 * `warmupMs` not counted); every finished request is replaced at once.
 */
export async function closedLoop(
  target: PostTarget,
  options: { concurrency: number; connections: number; durationMs: number; warmupMs: number; maxRequests?: number },
): Promise<ClosedLoopResult> {
  const pool = createPool(target.origin, options.connections);
  const statuses: Record<string, number> = {};
  let issued = 0;
  let counted = 0;
  let completed = 0;
  let errors = 0;
  const start = monoMs();
  const measureFrom = start + options.warmupMs;
  const deadline = measureFrom + options.durationMs;
  let lastEnd = 0;
  const limit = options.maxRequests ?? Number.POSITIVE_INFINITY;

  const worker = async (): Promise<void> => {
    while (issued < limit) {
      const now = monoMs();
      if (now >= deadline) return;
      const i = issued++;
      try {
        const answer = await pool.request({ origin: target.origin, path: target.path, method: 'POST', headers: target.headers, body: target.body(i) });
        await answer.body.dump();
        completed++;
        const end = monoMs();
        if (end >= measureFrom && end <= deadline) {
          counted++;
          lastEnd = end;
          statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
        }
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    await pool.close();
  }
  // Until the deadline, or until the last answer when maxRequests ended the run earlier.
  const elapsedMs = counted ? (issued >= limit ? lastEnd : deadline) - measureFrom : 0;
  return { requests: counted, completed, errors, statuses, elapsedMs, perSecond: elapsedMs ? (counted * 1000) / elapsedMs : 0 };
}

export interface OpenLoopResult {
  sent: number;
  errors: number;
  statuses: Record<string, number>;
  /** When each request was sent (monotonic ms), by index. */
  sentAt: number[];
  elapsedMs: number;
  /** The rate actually sent. */
  perSecond: number;
  /** How far the sender fell behind its schedule at worst (ms). */
  maxLagMs: number;
}

/** Sends at a steady `rate` per second for `durationMs`, whatever the answers' speed (up to `maxInFlight`). */
export async function openLoop(
  target: PostTarget,
  options: { rate: number; durationMs: number; connections: number; maxInFlight: number },
): Promise<OpenLoopResult> {
  const pool = createPool(target.origin, options.connections);
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const sentAt: number[] = new Array(total);
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let inFlight = 0;
  let maxLagMs = 0;
  const inFlightDone: Array<Promise<void>> = [];
  const start = monoMs();

  const send = (i: number): Promise<void> => {
    inFlight++;
    sentAt[i] = monoMs();
    return pool
      .request({ origin: target.origin, path: target.path, method: 'POST', headers: target.headers, body: target.body(i) })
      .then(async (answer) => {
        statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
        await answer.body.dump();
      })
      .catch(() => {
        errors++;
      })
      .finally(() => {
        inFlight--;
      });
  };

  while (sent < total) {
    const now = monoMs();
    const due = Math.min(total, Math.floor(((now - start) * options.rate) / 1000) + 1);
    if (due > sent) maxLagMs = Math.max(maxLagMs, now - (start + (sent * 1000) / options.rate));
    while (sent < due && inFlight < options.maxInFlight) inFlightDone.push(send(sent++));
    // Sleep until the next request is due; setTimeout's ~1 ms granularity is finer than the 1 ms spacing at 1,000/s matters.
    const nextDue = start + (sent * 1000) / options.rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - monoMs())));
  }
  await Promise.all(inFlightDone);
  await pool.close();
  const elapsedMs = monoMs() - start;
  const sendingMs = sent > 1 ? sentAt[sent - 1] - sentAt[0] : 0;
  return { sent, errors, statuses, sentAt, elapsedMs, perSecond: sendingMs ? ((sent - 1) * 1000) / sendingMs : 0, maxLagMs };
}
