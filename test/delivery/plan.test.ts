import type { HookRecord } from '../../server/src/store/store';
import { hook as storedHook } from '../store/fixtures';
import { planDeliveries } from '../../server/src/rules/plan';
import { judgeAttempt, parseRetryAfter } from '../../server/src/rules/outcome';
import { nextRetryDelayMs, maxAttempts } from '../../server/src/rules/retry-policy';

/** Hooks of tenant ten_1; the planner never looks at the tenant, only at the hook's own settings. */
const hook = (overrides: Partial<HookRecord>): HookRecord => storedHook('ten_1', overrides);

const envelope = {
  id: 'evt_1',
  type: 'chat.missed',
  timestamp: '2026-03-02T09:14:05Z',
  brand: 'contoso',
  data: { chat: { status: 'missed' }, author: { kind: 'contact' } },
};

describe('planDeliveries', () => {
  test('when hooks differ in type, brand and filter, then only the matching ones get a pending delivery due now', () => {
    const now = 1_700_000_000_000;
    const deliveries = planDeliveries(
      envelope,
      [
        hook({ id: 'h_all', events: ['*'] }),
        hook({ id: 'h_type' }),
        hook({ id: 'h_other_type', events: ['chat.created'] }),
        hook({ id: 'h_brand', brand: 'contoso' }),
        hook({ id: 'h_other_brand', brand: 'fabrikam' }),
        hook({ id: 'h_filter_yes', filter: { 'data.chat.status': 'missed', 'data.author.kind': 'contact' } }),
        hook({ id: 'h_filter_no', filter: { 'data.author.kind': 'member' } }),
        hook({ id: 'h_inactive', status: 'inactive' }),
      ],
      now,
      { batchWindowMs: 2000 },
    );
    expect(deliveries.map((d) => d.hookId)).toEqual(['h_all', 'h_type', 'h_brand', 'h_filter_yes']);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now, eventId: 'evt_1', eventType: 'chat.missed', tenantId: 'ten_1', test: false });
      expect(delivery.id).toMatch(/^msg_[0-9A-Z]{26}$/);
    }
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(4);
  });

  test('when the hook is a batch hook, then its delivery waits for the end of the current window', () => {
    const due = (now: number) => planDeliveries(envelope, [hook({ format: 'batch' })], now, { batchWindowMs: 2500 })[0].nextAttemptAt;
    // Events of one window share a due time (so they leave together); the next window's come later.
    expect([due(0), due(1000), due(2499), due(2500), due(4999)]).toEqual([2500, 2500, 2500, 5000, 5000]);
  });

  test('when hook.disabled is about a hook, then that hook does not receive it but others do', () => {
    const disabled = { id: 'evt_2', type: 'hook.disabled', timestamp: '2026-03-02T09:14:05Z', data: { hook: { id: 'h_gone' } } };
    const deliveries = planDeliveries(disabled, [hook({ id: 'h_gone', events: ['*'] }), hook({ id: 'h_watch', events: ['hook.disabled'] })], 0, { batchWindowMs: 0 });
    expect(deliveries.map((d) => d.hookId)).toEqual(['h_watch']);
  });

  test('when the envelope is a test, then the delivery is marked as a test', () => {
    const [delivery] = planDeliveries({ ...envelope, test: true }, [hook({})], 0, { batchWindowMs: 0 });
    expect(delivery.test).toBe(true);
  });
});

describe('retry policy', () => {
  test('when the policy is standard, then delays follow 5s, 5m, 30m, 2h, 5h, 10h, 10h within ±10 % jitter', () => {
    const policy = { type: 'standard' as const };
    const bases = [5e3, 3e5, 1.8e6, 7.2e6, 1.8e7, 3.6e7, 3.6e7];
    bases.forEach((base, index) => {
      expect(nextRetryDelayMs(policy, index + 1, () => 0)).toBe(Math.round(base * 0.9));
      expect(nextRetryDelayMs(policy, index + 1, () => 0.5)).toBe(base);
    });
    expect(nextRetryDelayMs(policy, 8, () => 0.5)).toBeNull();
    expect(maxAttempts(policy)).toBe(8);
  });

  test('when the policy is fixed-30m-24h, then it retries every 30 minutes 48 times', () => {
    const policy = { type: 'fixed-30m-24h' as const };
    expect(nextRetryDelayMs(policy, 1)).toBe(1_800_000);
    expect(nextRetryDelayMs(policy, 48)).toBe(1_800_000);
    expect(nextRetryDelayMs(policy, 49)).toBeNull();
  });

  test('when the policy is custom, then its delays are used exactly', () => {
    const policy = { type: 'custom' as const, delays: [1, 60] };
    expect([1, 2, 3].map((n) => nextRetryDelayMs(policy, n))).toEqual([1000, 60000, null]);
  });
});

describe('judging an attempt', () => {
  const response = (status: number, headers: Record<string, string> = {}) => ({ kind: 'response' as const, status, headers, body: '', truncated: false, durationMs: 1 });

  test('when Retry-After is an HTTP date, then the wait runs until that date', () => {
    const wallNow = Date.parse('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:02:00 GMT', wallNow)).toBe(120_000);
    expect(parseRetryAfter('soon', wallNow)).toBeNull();
  });

  test('when Retry-After is below the floor, then the wait is one second', () => {
    const verdict = judgeAttempt({ result: response(429, { 'retry-after': '0' }), attempts: 1, policy: { type: 'standard' }, now: 1000 });
    expect(verdict).toMatchObject({ outcome: 'throttled', status: 'pending', nextAttemptAt: 2000 });
  });

  test('when a throttled delivery has no retries left, then it fails whatever Retry-After says', () => {
    const verdict = judgeAttempt({ result: response(503, { 'retry-after': '5' }), attempts: 2, policy: { type: 'custom', delays: [1] }, now: 0 });
    expect(verdict).toMatchObject({ outcome: 'throttled', status: 'failed', nextAttemptAt: null });
  });

  test('when the receiver answers 410, then the delivery fails for good and the hook is gone', () => {
    expect(judgeAttempt({ result: response(410), attempts: 1, policy: { type: 'standard' }, now: 0 })).toMatchObject({ outcome: 'gone', status: 'failed', gone: true, nextAttemptAt: null });
  });
});
