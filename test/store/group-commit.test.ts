/**
 * Group commit (server/src/store/group-commit.ts) on a real SQLite store: appends that arrive
 * together share one transaction, each caller gets its own results once that transaction has
 * committed, and one caller's failure does not fail the others.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GroupCommitter } from '../../server/src/store/group-commit';
import { createSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import type { AppendRequest } from '../../server/src/store/store';
import { event, hook, planAll, tenant } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-group-'));
let store: SqliteStore;
let tenantId: string;
let n = 0;

beforeEach(async () => {
  store = createSqliteStore(path.join(dir, `group-${++n}.db`));
  const t = tenant();
  tenantId = t.id;
  await store.createTenant(t);
  await store.createHook(hook(tenantId));
});
afterEach(async () => store.close());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = (overrides = {}): AppendRequest => {
  const e = event(tenantId, overrides);
  return { event: e, plan: planAll(e) };
};

describe('group commit', () => {
  it('when appends arrive in the same moment, then they share one transaction and each gets its own results, in order', async () => {
    const calls: number[] = [];
    const appendEvents = store.appendEvents.bind(store);
    store.appendEvents = async (requests) => {
      calls.push(requests.length);
      return appendEvents(requests);
    };
    const committer = new GroupCommitter(store);
    const singles = [request(), request(), request()];
    const batch = [request(), request({ idempotencyKey: 'k' }), request({ idempotencyKey: 'k' })];
    const answers = await Promise.all([...singles.map((r) => committer.append([r])), committer.append(batch)]);
    expect(calls).toEqual([6]);
    expect(answers.slice(0, 3).map((results) => results.map((r) => r.event.id))).toEqual(singles.map((r) => [r.event.id]));
    expect(answers[3].map((r) => [r.event.id, r.duplicate])).toEqual([
      [batch[0].event.id, false],
      [batch[1].event.id, false],
      [batch[1].event.id, true],
    ]);
    for (const r of [...singles, batch[0], batch[1]]) expect(await store.getEvent(tenantId, r.event.id)).toBeDefined();
  });

  it('when a caller is answered, then its events are already committed and readable', async () => {
    const committer = new GroupCommitter(store);
    const r = request();
    const [result] = await committer.append([r]);
    expect(result.duplicate).toBe(false);
    expect(await store.getEvent(tenantId, r.event.id)).toEqual({ ...r.event, deliveryCount: 1 });
  });

  it("when one caller's append fails, then the others of its group are still stored and answered", async () => {
    const committer = new GroupCommitter(store);
    const good = request();
    const bad: AppendRequest = {
      event: event(tenantId),
      plan: () => {
        throw new Error('boom');
      },
    };
    const [goodAnswer, badAnswer] = await Promise.allSettled([committer.append([good]), committer.append([bad])]);
    expect(goodAnswer).toMatchObject({ status: 'fulfilled' });
    expect(badAnswer).toMatchObject({ status: 'rejected', reason: new Error('boom') });
    expect(await store.getEvent(tenantId, good.event.id)).toBeDefined();
    expect(await store.getEvent(tenantId, bad.event.id)).toBeUndefined();
  });

  it('when more events wait than one transaction may hold, then they are split into several, each caller kept whole', async () => {
    const calls: number[] = [];
    const appendEvents = store.appendEvents.bind(store);
    store.appendEvents = async (requests) => {
      calls.push(requests.length);
      return appendEvents(requests);
    };
    const committer = new GroupCommitter(store, 4);
    await Promise.all([committer.append([request(), request(), request()]), committer.append([request(), request()]), committer.append([request()])]);
    expect(calls).toEqual([3, 3]);
  });
});
