/**
 * When to try a failed delivery again. `standard` follows the Standard Webhooks schedule (with
 * jitter so a recovering receiver is not hit by every retry at once), `fixed-30m-24h` is EddyDesk's
 * every-30-minutes-for-a-day, `custom` is the hook's own list of delays in seconds.
 */
import type { RetryPolicy } from '../store/store';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const STANDARD_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const FIXED_30M_24H_DELAYS_MS = Array.from({ length: 48 }, () => 30 * MINUTE);

/** ±10 % on the standard schedule. */
export const STANDARD_JITTER = 0.1;

export const CUSTOM_LIMITS = { maxDelays: 50, minDelaySeconds: 1, maxDelaySeconds: 7 * 24 * 3600, maxTotalSeconds: 30 * 24 * 3600 };

export function retryDelaysMs(policy: RetryPolicy): number[] {
  switch (policy.type) {
    case 'fixed-30m-24h':
      return FIXED_30M_24H_DELAYS_MS;
    case 'custom':
      return (policy.delays ?? []).map((seconds) => seconds * SECOND);
    case 'standard':
    default:
      return STANDARD_DELAYS_MS;
  }
}

/** How many attempts a delivery gets in all (the first one plus every retry). */
export function maxAttempts(policy: RetryPolicy): number {
  return retryDelaysMs(policy).length + 1;
}

/**
 * The delay before the next attempt after `attemptsMade` attempts have failed, or null when the
 * policy is spent. `random` returns [0, 1) and is injected so tests see exact times.
 */
export function nextRetryDelayMs(policy: RetryPolicy, attemptsMade: number, random: () => number = Math.random): number | null {
  const delays = retryDelaysMs(policy);
  const base = delays[attemptsMade - 1];
  if (base === undefined) return null;
  if (policy.type !== 'standard' && policy.type !== undefined) return base;
  return Math.round(base * (1 + STANDARD_JITTER * (2 * random() - 1)));
}

/** Problems with a policy's fields, as [pointer suffix, detail] pairs. */
export function retryPolicyProblems(policy: unknown): Array<[string, string]> {
  if (policy === undefined || policy === null) return [];
  if (typeof policy !== 'object' || Array.isArray(policy)) return [['', 'must be an object']];
  const { type, delays } = policy as { type?: unknown; delays?: unknown };
  const problems: Array<[string, string]> = [];
  if (type !== 'standard' && type !== 'fixed-30m-24h' && type !== 'custom') {
    problems.push(['/type', 'must be one of: standard, fixed-30m-24h, custom']);
    return problems;
  }
  if (type !== 'custom') {
    if (delays !== undefined) problems.push(['/delays', `is only used with type custom, not ${type}`]);
    return problems;
  }
  if (!Array.isArray(delays) || delays.length === 0) {
    problems.push(['/delays', 'is required with type custom: a list of delays in seconds']);
    return problems;
  }
  if (delays.length > CUSTOM_LIMITS.maxDelays) problems.push(['/delays', `must have at most ${CUSTOM_LIMITS.maxDelays} delays`]);
  let total = 0;
  delays.forEach((delay, index) => {
    if (!Number.isInteger(delay) || delay < CUSTOM_LIMITS.minDelaySeconds || delay > CUSTOM_LIMITS.maxDelaySeconds) {
      problems.push([`/delays/${index}`, `must be a whole number of seconds from ${CUSTOM_LIMITS.minDelaySeconds} to ${CUSTOM_LIMITS.maxDelaySeconds}`]);
    } else {
      total += delay;
    }
  });
  if (total > CUSTOM_LIMITS.maxTotalSeconds) {
    problems.push(['/delays', `must add up to at most ${CUSTOM_LIMITS.maxTotalSeconds} seconds (30 days); they add up to ${total}`]);
  }
  return problems;
}
