/**
 * The retention job every node runs (server.ts starts it): its schedule and its batches, against a real
 * SQLite store. The PostgreSQL specifics (several nodes pruning at once) are in postgres.test.ts.
 */
import { startRetention, type RetentionJob } from '../../server/src/store/retention';
import { createSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import type { Store } from '../../server/src/store/store';
import { T0, attempt, event, hook, planAll, tenant } from './fixtures';

const DAY = 86_400_000;

describe('the retention job', () => {
  let store: SqliteStore;
  let job: RetentionJob | undefined;
  /** prune calls as the job made them: (before, batchSize) and what each deleted. */
  let calls: Array<{ before: number; batchSize: number; attempts: number; events: number }>;
  let onCall: () => void;
  /** The real store's prune, observed. */
  let observed: Pick<Store, 'prune'>;

  beforeEach(() => {
    store = createSqliteStore(':memory:');
    calls = [];
    onCall = () => undefined;
    observed = {
      prune: async (before, batchSize) => {
        const result = await store.prune(before, batchSize);
        calls.push({ before, batchSize, ...result });
        onCall();
        return result;
      },
    };
  });

  afterEach(async () => {
    await job?.stop();
    job = undefined;
    await store.close();
  });

  /** `count` events created `ageDays` before T0, each delivered once (one attempt). */
  async function history(tenantId: string, hookId: string, count: number, ageDays: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = T0 - ageDays * DAY;
      const e = event(tenantId, { createdAt: at });
      await store.appendEvent(e, planAll(e, [], at));
      const [claimed] = await store.claimDeliveries({ owner: 'w', leaseMs: 1000, limit: 1, now: T0 });
      await store.completeAttempt({
        owner: 'w',
        attempt: attempt(claimed.delivery, { startedAt: at }),
        update: { status: 'succeeded', attempts: 1, nextAttemptAt: null, lastAttemptAt: at, lastResponseStatus: 200, lastError: null },
      });
      ids.push(e.id);
    }
    return ids;
  }

  async function seed() {
    const t = tenant();
    await store.createTenant(t);
    const h = hook(t.id);
    await store.createHook(h);
    const old = await history(t.id, h.id, 5, 31);
    const recent = await history(t.id, h.id, 2, 29);
    return { tenantId: t.id, old, recent };
  }

  const calledAtLeast = (n: number) =>
    new Promise<void>((resolve) => {
      onCall = () => calls.length >= n && resolve();
      if (calls.length >= n) resolve();
    });

  test('when the job starts, then its first pass runs after firstRunAfterMs rather than a whole interval later, and passes repeat every interval', async () => {
    const { tenantId, recent } = await seed();

    // An interval far longer than the test: only the first-run delay can start the first pass.
    job = startRetention({ store: observed, retentionDays: 30, batchSize: 100, intervalMs: 3_600_000, firstRunAfterMs: 1, now: () => T0 });
    await calledAtLeast(1);

    expect(calls[0]).toMatchObject({ before: T0 - 30 * DAY, batchSize: 100, events: 5 });
    expect((await store.listEvents({ tenantId, limit: 100 })).items.map((e) => e.id).sort()).toEqual([...recent].sort());

    await job.stop();
    job = startRetention({ store: observed, retentionDays: 30, batchSize: 100, intervalMs: 5, firstRunAfterMs: 1, now: () => T0 });
    await calledAtLeast(3);
  });

  test('when old history exceeds one batch, then a pass deletes it in batches of batchSize and keeps what is younger than the period', async () => {
    const { tenantId, recent } = await seed();
    job = startRetention({ store: observed, retentionDays: 30, batchSize: 2, intervalMs: 3_600_000, firstRunAfterMs: 3_600_000, now: () => T0 });

    const result = await job.runOnce();

    expect(result).toMatchObject({ events: 5, truncated: false });
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(call.batchSize).toBe(2);
      expect(call.events).toBeLessThanOrEqual(2);
      expect(call.attempts).toBeLessThanOrEqual(2);
    }
    expect((await store.listEvents({ tenantId, limit: 100 })).items.map((e) => e.id).sort()).toEqual([...recent].sort());
  });

  test('when a pass stops at maxBatchesPerRun, then it says so and the next pass carries on', async () => {
    const { tenantId, recent } = await seed();
    job = startRetention({ store: observed, retentionDays: 30, batchSize: 1, maxBatchesPerRun: 2, intervalMs: 3_600_000, firstRunAfterMs: 3_600_000, now: () => T0 });

    expect(await job.runOnce()).toMatchObject({ batches: 2, truncated: true });
    let passes = 1;
    while ((await job.runOnce()).truncated) passes += 1;

    expect(passes).toBeGreaterThan(1);
    expect((await store.listEvents({ tenantId, limit: 100 })).items.map((e) => e.id).sort()).toEqual([...recent].sort());
  });

  test('when a pass fails, then the job logs a warning instead of throwing, and the next pass prunes', async () => {
    const { tenantId, recent } = await seed();
    const warnings: string[] = [];
    let failNext = true;
    const flaky: Pick<Store, 'prune'> = {
      prune: async (before, batchSize) => {
        if (failNext) {
          failNext = false;
          throw new Error('database is locked');
        }
        return observed.prune(before, batchSize);
      },
    };
    job = startRetention({
      store: flaky,
      retentionDays: 30,
      intervalMs: 3_600_000,
      firstRunAfterMs: 3_600_000,
      now: () => T0,
      logger: { info: () => undefined, warn: (_details, message) => warnings.push(message) },
    });

    expect(await job.runOnce()).toMatchObject({ events: 0, batches: 0 });
    expect(warnings).toEqual(['retention: pruning failed']);
    expect(await job.runOnce()).toMatchObject({ events: 5 });
    expect((await store.listEvents({ tenantId, limit: 100 })).items.map((e) => e.id).sort()).toEqual([...recent].sort());
  });

  test('when the job is stopped, then no pass starts any more', async () => {
    await seed();
    job = startRetention({ store: observed, retentionDays: 30, intervalMs: 3_600_000, firstRunAfterMs: 3_600_000, now: () => T0 });

    await job.stop();

    expect(await job.runOnce()).toEqual({ attempts: 0, events: 0, batches: 0, truncated: false });
    expect(calls).toEqual([]);
  });
});
