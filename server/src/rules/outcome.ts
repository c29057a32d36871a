/**
 * What one attempt's result means for the delivery: its outcome, whether it is done, and when to
 * try again. 2xx succeeds; 3xx fails as "redirect not followed", or succeeds for a hook whose
 * `redirects` is `succeed` (EddyDesk counts 2xx and 3xx as success); 410 is final and removes the hook;
 * 429 and 503 honour Retry-After within bounds; everything else is retried per the hook's policy.
 */
import type { AttemptOutcome, DeliveryStatus, RedirectHandling, RetryPolicy } from '../store/store';
import type { OutboundResult } from '../outbound/http-client';
import { nextRetryDelayMs } from './retry-policy';

/** Retry-After is honoured between these bounds: a receiver cannot make us spin or park a delivery for days. */
export const RETRY_AFTER_MIN_MS = 1000;
export const RETRY_AFTER_MAX_MS = 6 * 60 * 60 * 1000;

export interface AttemptVerdict {
  outcome: AttemptOutcome;
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  responseStatus: number | null;
  error: string | null;
  /** The receiver answered 410: remove the hook. */
  gone: boolean;
}

const REASONS: Record<number, string> = {
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  const reason = REASONS[status];
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface JudgeInput {
  result: OutboundResult;
  /** Attempts made including this one. */
  attempts: number;
  policy: RetryPolicy;
  /** The hook's `redirects`: whether a 3xx counts as success (default `fail`). */
  redirects?: RedirectHandling;
  now: number;
  /** Wall-clock now, for Retry-After HTTP dates. */
  wallNow?: number;
  random?: () => number;
}

export function judgeAttempt({ result, attempts, policy, redirects = 'fail', now, wallNow = Date.now(), random }: JudgeInput): AttemptVerdict {
  const retry = (outcome: AttemptOutcome, responseStatus: number | null, error: string, overrideDelayMs: number | null = null): AttemptVerdict => {
    const policyDelay = nextRetryDelayMs(policy, attempts, random);
    if (policyDelay === null) return { outcome, status: 'failed', nextAttemptAt: null, responseStatus, error, gone: false };
    const delay = overrideDelayMs ?? policyDelay;
    return { outcome, status: 'pending', nextAttemptAt: now + delay, responseStatus, error, gone: false };
  };

  if (result.kind === 'error') return retry(result.outcome, null, result.error);

  const status = result.status;
  const truncatedNote = result.truncated ? ' (response body over the size cap; not read further)' : '';
  if (status >= 200 && status < 300) {
    return { outcome: 'succeeded', status: 'succeeded', nextAttemptAt: null, responseStatus: status, error: result.truncated ? `response body over the size cap; not read further` : null, gone: false };
  }
  if (status >= 300 && status < 400) {
    const location = result.headers.location ? ` to ${result.headers.location}` : '';
    if (redirects === 'succeed') {
      // Still not followed (the target was checked, its Location was not): the answer itself is the success.
      const error = `redirect not followed, counted as success (redirects: succeed): ${statusText(status)}${location}${truncatedNote}`;
      return { outcome: 'succeeded', status: 'succeeded', nextAttemptAt: null, responseStatus: status, error, gone: false };
    }
    return retry('redirect', status, `redirect not followed: ${statusText(status)}${location}${truncatedNote}`);
  }
  if (status === 410) {
    return { outcome: 'gone', status: 'failed', nextAttemptAt: null, responseStatus: status, error: `${statusText(status)}${truncatedNote}`, gone: true };
  }
  if (status === 429 || status === 503) {
    const retryAfter = parseRetryAfter(result.headers['retry-after'], wallNow);
    const bounded = retryAfter === null ? null : Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, retryAfter));
    const note = bounded === null ? '' : `; Retry-After honoured: next attempt in ${Math.round(bounded / 1000)} s`;
    return retry('throttled', status, `${statusText(status)}${note}${truncatedNote}`, bounded);
  }
  return retry('failed', status, `${statusText(status)}${truncatedNote}`);
}
