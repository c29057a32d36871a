import { createPostgresStore, type PostgresStore } from '../../server/src/store/postgres/postgres-store';
import { CANDIDATE_HOOKS_SQL } from '../../server/src/store/postgres/candidate-hooks';
import { CLAIM_SQL } from '../../server/src/store/postgres/claim-deliveries';
import { COMPLETE_ATTEMPTS_SQL } from '../../server/src/store/postgres/complete-attempts';
import { loadMigrations, migrate } from '../../server/src/store/postgres/migrate';
import { pruneOlderThan, startRetention } from '../../server/src/store/retention';
import type { DeliveryRecord, Store } from '../../server/src/store/store';
import { closedPort, createTestDatabase, describeWithPostgres, type TestDatabase } from '../multi-node/postgres-database';
import { createSecretCipher } from '../../server/src/store/secret-box';
import { describeStoreConformance } from './conformance';
import { T0, attempt, event, hook, planAll, tenant } from './fixtures';

/** One key for every handle of a test database, as every node of a deployment shares DESKHOOKS_ENCRYPTION_KEY. */
const cipher = createSecretCipher([{ id: 'test', key: Buffer.alloc(32, 7) }]);
const POOL = { poolMax: 4, connectTimeoutMs: 5000, cipher };

describe('PostgreSQL store start-up', () => {
  test('when the database port is closed, then creating the store fails with a clear message that hides the password', async () => {
    const port = await closedPort();
    const url = `postgres://deskhooks:s3cret-pw@127.0.0.1:${port}/deskhooks`;
    const failure = await createPostgresStore(url, { poolMax: 2, connectTimeoutMs: 2000, cipher }).then(
      () => new Error('the store was created'),
      (error: Error) => error,
    );
    expect(failure.name).toBe('DatabaseUnreachableError');
    expect(failure.message).toContain(`cannot connect to PostgreSQL at postgres://deskhooks@127.0.0.1:${port}/deskhooks`);
    expect(failure.message).toContain('ECONNREFUSED');
    expect(failure.message).not.toContain('s3cret-pw');
  });
});

describeWithPostgres('PostgreSQL store', (serverUrl) => {
  let database: TestDatabase;
  const opened: PostgresStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
  });

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await database?.drop();
  });

  // The shared suite: every test gets a fresh schema (a clean, migrated database as far as the store
  // can tell); a second handle is a second node on that same schema.
  const urlOf = new WeakMap<Store, string>();
  describeStoreConformance(
    'postgres',
    async () => {
      const url = await database.createSchema();
      const store = await createPostgresStore(url, POOL);
      urlOf.set(store, url);
      await store.migrate();
      return store;
    },
    {
      openSecondHandle: async (store) => createPostgresStore(urlOf.get(store)!, POOL),
      notifiesOtherHandles: true,
      rawHookColumns: {
        async read(store, tenantId, id) {
          const { rows } = await (store as PostgresStore).pool.query(
            'SELECT auth::text AS auth, headers::text AS headers, secrets::text AS secrets FROM hooks WHERE tenant_id = $1 AND id = $2',
            [tenantId, id],
          );
          return rows[0];
        },
        async write(store, tenantId, id, columns) {
          await (store as PostgresStore).pool.query('UPDATE hooks SET auth = $3, headers = $4, secrets = $5 WHERE tenant_id = $1 AND id = $2', [
            tenantId,
            id,
            columns.auth,
            columns.headers,
            columns.secrets,
          ]);
        },
      },
    },
  );

  /** `count` stores (nodes) on one fresh, migrated schema. */
  async function nodes(count: number, options = POOL): Promise<PostgresStore[]> {
    const url = await database.createSchema();
    const stores = await Promise.all(Array.from({ length: count }, () => createPostgresStore(url, options)));
    opened.push(...stores);
    await stores[0].migrate();
    return stores;
  }

  /** A tenant, one hook and `count` due deliveries for it, written through `store`. */
  async function seedDeliveries(store: PostgresStore, count: number, hookOverrides = {}) {
    const t = tenant();
    await store.createTenant(t);
    const h = hook(t.id, hookOverrides);
    await store.createHook(h);
    const deliveries: DeliveryRecord[] = [];
    for (let i = 0; i < count; i++) {
      const e = event(t.id);
      const result = await store.appendEvent(e, planAll(e));
      deliveries.push(...result.deliveries);
    }
    return { tenant: t, hook: h, deliveries };
  }

  describe('migrations', () => {
    test('when several nodes migrate one empty schema at the same moment, then every migration is applied exactly once', async () => {
      const url = await database.createSchema();
      const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(url, POOL)));
      opened.push(...stores);

      await Promise.all(stores.map((store) => store.migrate()));

      const { rows } = await stores[0].pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
      await stores[1].migrate();
      const again = await stores[1].pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(again.rows[0].n).toBe(loadMigrations().length);
    });

    test('when a new numbered migration ships, then a migrated database gets only it, and a failing one leaves nothing behind', async () => {
      const [store] = await nodes(1);
      const shipped = loadMigrations();
      const next = shipped[shipped.length - 1].version + 1;
      const added = { version: next, name: `${next}_add_note.sql`, sql: 'ALTER TABLE hooks ADD COLUMN note text' };
      const broken = { version: next + 1, name: `${next + 1}_broken.sql`, sql: 'CREATE TABLE half_done (x int); SELECT no_such_function()' };

      expect(await migrate(store.pool, [...shipped, added])).toEqual([next]);
      await expect(migrate(store.pool, [...shipped, added, broken])).rejects.toThrow(`PostgreSQL migration ${broken.name} failed`);

      const { rows } = await store.pool.query(
        `SELECT (SELECT max(version) FROM schema_migrations) AS version, to_regclass('half_done') IS NULL AS rolled_back,
                EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                        AND table_name = 'hooks' AND column_name = 'note') AS noted`,
      );
      expect(rows[0]).toEqual({ version: next, rolled_back: true, noted: true });
    });

    test('when the database was migrated by a newer build, then an older node refuses to run against it', async () => {
      const [store] = await nodes(1);
      await store.pool.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`);

      await expect(store.migrate()).rejects.toThrow(/schema is at version 9999, newer than this deskhooks build knows/);
    });
  });

  describe('claiming across nodes', () => {
    test('when three nodes claim the same due deliveries at once, then each delivery is leased to exactly one of them', async () => {
      const stores = await nodes(3);
      const { deliveries } = await seedDeliveries(stores[0], 150);

      const claimedBy = new Map<string, string[]>();
      await Promise.all(
        stores.map(async (store, index) => {
          const owner = `node-${index}`;
          for (;;) {
            const batch = await store.claimDeliveries({ owner, leaseMs: 60_000, limit: 7, now: T0 });
            if (batch.length === 0) break;
            for (const claimed of batch) {
              claimedBy.set(claimed.delivery.id, [...(claimedBy.get(claimed.delivery.id) ?? []), owner]);
            }
          }
        }),
      );

      expect([...claimedBy.keys()].sort()).toEqual(deliveries.map((d) => d.id).sort());
      expect([...claimedBy.values()].filter((owners) => owners.length > 1)).toEqual([]);
    });

    test('when a node stops before its lease runs out, then another node takes the delivery over after expiry and the first node can no longer complete it', async () => {
      const [a, b] = await nodes(2);
      const { deliveries } = await seedDeliveries(a, 1);
      const [first] = await a.claimDeliveries({ owner: 'node-a', leaseMs: 30_000, limit: 10, now: T0 });
      expect(first.delivery).toMatchObject({ id: deliveries[0].id, leaseOwner: 'node-a', leaseExpiresAt: T0 + 30_000 });

      expect(await b.claimDeliveries({ owner: 'node-b', leaseMs: 30_000, limit: 10, now: T0 + 29_999 })).toEqual([]);
      const [takenOver] = await b.claimDeliveries({ owner: 'node-b', leaseMs: 30_000, limit: 10, now: T0 + 30_000 });
      expect(takenOver.delivery).toMatchObject({ id: deliveries[0].id, leaseOwner: 'node-b' });

      const update = {
        status: 'succeeded' as const,
        attempts: 1,
        nextAttemptAt: null,
        lastAttemptAt: T0 + 30_001,
        lastResponseStatus: 200,
        lastError: null,
      };
      expect(await a.completeAttempt({ owner: 'node-a', attempt: attempt(first.delivery), update })).toBe(false);
      expect(await b.completeAttempt({ owner: 'node-b', attempt: attempt(takenOver.delivery), update })).toBe(true);
      const stored = await a.getDelivery(first.delivery.tenantId, first.delivery.id);
      expect(stored?.delivery).toMatchObject({ status: 'succeeded', leaseOwner: null, attempts: 1 });
      expect(stored?.attempts).toHaveLength(1);
    });

    test('when three nodes claim a mix of ordered and unordered hooks at once, then each ordered hook has only its oldest leased and every other delivery is leased once', async () => {
      const stores = await nodes(3);
      const ordered = await Promise.all([1, 2, 3, 4].map(() => seedDeliveries(stores[0], 5, { ordered: true })));
      const unordered = await Promise.all([1, 2].map(() => seedDeliveries(stores[0], 40)));

      const claimedBy = new Map<string, string[]>();
      await Promise.all(
        stores.map(async (store, index) => {
          const owner = `node-${index}`;
          for (;;) {
            const batch = await store.claimDeliveries({ owner, leaseMs: 60_000, limit: 3, now: T0 });
            if (batch.length === 0) break;
            for (const claimed of batch) claimedBy.set(claimed.delivery.id, [...(claimedBy.get(claimed.delivery.id) ?? []), owner]);
          }
        }),
      );

      const expected = [...ordered.map((seeded) => seeded.deliveries[0]), ...unordered.flatMap((seeded) => seeded.deliveries)];
      expect([...claimedBy.keys()].sort()).toEqual(expected.map((d) => d.id).sort());
      expect([...claimedBy.values()].filter((owners) => owners.length > 1)).toEqual([]);
    });

    test('when two nodes claim deliveries of one ordered hook, then only its oldest is ever in flight', async () => {
      const [a, b] = await nodes(2);
      const { deliveries } = await seedDeliveries(a, 3, { ordered: true });

      const firstA = await a.claimDeliveries({ owner: 'node-a', leaseMs: 60_000, limit: 10, now: T0 });
      const firstB = await b.claimDeliveries({ owner: 'node-b', leaseMs: 60_000, limit: 10, now: T0 });
      expect(firstA.map((c) => c.delivery.id)).toEqual([deliveries[0].id]);
      expect(firstB).toEqual([]);

      const done = { status: 'succeeded' as const, attempts: 1, nextAttemptAt: null, lastAttemptAt: T0, lastResponseStatus: 200, lastError: null };
      await a.completeAttempt({ owner: 'node-a', attempt: attempt(firstA[0].delivery), update: done });
      const second = await b.claimDeliveries({ owner: 'node-b', leaseMs: 60_000, limit: 10, now: T0 });
      expect(second.map((c) => c.delivery.id)).toEqual([deliveries[1].id]);
    });

    test('when an ordered hook has a delivery in flight, then the next due time skips the deliveries queued behind it', async () => {
      const [store] = await nodes(1);
      await seedDeliveries(store, 3, { ordered: true });
      await store.claimDeliveries({ owner: 'node-a', leaseMs: 60_000, limit: 10, now: T0 });

      // Not T0: nothing is claimable before the lease of the one in flight runs out.
      expect(await store.nextDueAt()).toBe(T0 + 60_000);
    });
  });

  describe('wake-ups', () => {
    test('when deliveries are committed on one node, then an idle listener on another node is woken', async () => {
      const [a, b] = await nodes(2);
      const woken = new Promise<void>((resolve) => b.onDeliveriesCreated(resolve));
      await b.whenListening();

      await seedDeliveries(a, 1);

      await woken;
      const claimed = await b.claimDeliveries({ owner: 'node-b', leaseMs: 60_000, limit: 10, now: T0 });
      expect(claimed).toHaveLength(1);
    });

    test('when the listening connection is killed, then the node reconnects and hears the next deliveries', async () => {
      const [a, b] = await nodes(2);
      let wakeUps = 0;
      let onWake: () => void = () => undefined;
      b.onDeliveriesCreated(() => {
        wakeUps += 1;
        onWake();
      });
      await b.whenListening();
      const killed = await a.pool.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE $1`,
        [`LISTEN "${b.channel}"%`],
      );
      expect(killed.rows).toEqual([{ done: true }]);

      // Reconnecting wakes the listener once (it may have missed notifications), then new work wakes it.
      await new Promise<void>((resolve) => {
        onWake = () => wakeUps >= 1 && resolve();
        if (wakeUps >= 1) resolve();
      });
      await b.whenListening();
      const before = wakeUps;
      const next = new Promise<void>((resolve) => {
        onWake = () => wakeUps > before && resolve();
      });
      await seedDeliveries(a, 1);
      await next;
      expect(wakeUps).toBeGreaterThan(before);
    });

    test('when stores live in different schemas of one database, then their wake-up channels differ', async () => {
      const [a] = await nodes(1);
      const [b] = await nodes(1);
      expect(a.channel).not.toBe(b.channel);
    });
  });

  describe('indexes', () => {
    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    }
    const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];
    let store: PostgresStore;

    /** The plan PostgreSQL picks for a query with these parameters, as a flat list of nodes. */
    async function plan(text: string, values: unknown[]): Promise<PlanNode[]> {
      const { rows } = await store.pool.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
      return flatten(rows[0]['QUERY PLAN'][0].Plan);
    }
    const seqScans = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    const indexes = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter(Boolean);

    /** The statement (text and values) the store sends to the pool while running `work`. */
    async function sent(work: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }> {
      const spy = jest.spyOn(store.pool, 'query');
      try {
        await work();
        const [text, values] = spy.mock.calls[spy.mock.calls.length - 1] as unknown as [string, unknown[]];
        return { text, values };
      } finally {
        spy.mockRestore();
      }
    }

    beforeAll(async () => {
      [store] = await nodes(1);
      // A grown installation: 200 tenants, 20,000 hooks over 50 event types (1% of them ordered), 60,000
      // deliveries (2% pending, some failed) and their events.
      await store.pool.query(`
        INSERT INTO hooks (tenant_id, id, url, events, description, status, format, method, auth, headers, retry_policy,
                           ordered, source, secrets, created_at, updated_at)
        SELECT 'ten_' || (g % 200), 'hook_' || g, 'https://example.com/h', ARRAY['type.' || (g % 50)], '', 'active',
               'envelope', 'POST', '{"type":"none"}', '{}', '{"type":"standard"}', g % 100 = 0, 'api', '[]', g, g
        FROM generate_series(1, 20000) g;
        INSERT INTO hook_events (tenant_id, event_type, hook_id) SELECT tenant_id, events[1], id FROM hooks;
        INSERT INTO events (tenant_id, id, type, data, "timestamp", test, delivery_count, created_at)
        SELECT 'ten_' || (g % 200), 'evt_' || g, 'type.' || (g % 50), '{}', g, false, 1, g FROM generate_series(1, 60000) g;
        INSERT INTO deliveries (tenant_id, id, hook_id, event_id, event_type, status, attempts, next_attempt_at, test,
                                created_at, updated_at)
        SELECT 'ten_' || (g % 200), 'msg_' || g, 'hook_' || (g % 20000 + 1), 'evt_' || g, 'type.' || (g % 50),
               CASE WHEN g % 50 = 0 THEN 'pending' WHEN g % 7 = 0 THEN 'failed' ELSE 'succeeded' END, 1,
               CASE WHEN g % 50 = 0 THEN g END, false, g, g
        FROM generate_series(1, 60000) g;
        ANALYZE hooks, hook_events, events, deliveries;
      `);
    });

    test('when an event is matched in a grown installation, then its candidates are read through the hook_events index', async () => {
      const nodes = await plan(CANDIDATE_HOOKS_SQL, ['ten_7', 'type.7', null]);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toContain('hook_events_pkey');
    });

    test('when deliveries are claimed in a grown installation, then the due ones are found through the pending-due index', async () => {
      const nodes = await plan(CLAIM_SQL, [1_000_000, 32, 'node-a', 1_060_000, ['hook_excluded'], ['hook_streamed']]);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toContain('deliveries_due');
    });

    test('when attempts are group-committed in a grown installation, then each delivery is found by its key, never by a scan', async () => {
      const array = (value: unknown) => [value, value];
      const nodes = await plan(COMPLETE_ATTEMPTS_SQL, [
        array('t'), ['d1', 'd2'], array('node-a'), array('succeeded'), array(1), array(null), array(1), array(200), array(null),
        array(2), array(1), array(1), array(1), array('https://x'), array('POST'), array('{}'), array(200), array(null), array(null), array('succeeded'),
      ]);

      expect(seqScans(nodes).filter((table) => table === 'deliveries' || table === 'hooks')).toEqual([]);
      // By its key or by its lease owner: either way an index, whatever the table's size.
      expect(indexes(nodes).some((name) => name === 'deliveries_pkey' || name === 'deliveries_by_lease_owner')).toBe(true);
    });

    test('when claiming in a grown installation, then ordered hooks are visited through their own index, one oldest delivery each', async () => {
      const nodes = await plan(CLAIM_SQL, [1_000_000, 32, 'node-a', 1_060_000, ['hook_excluded'], ['hook_streamed']]);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toEqual(expect.arrayContaining(['hooks_ordered', 'deliveries_pending_by_hook', 'deliveries_leased']));
    });

    test('when the next due time is asked in a grown installation, then it is read from indexes, never by scanning the pending deliveries', async () => {
      const query = await sent(() => store.nextDueAt());
      const nodes = await plan(query.text, query.values);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toEqual(
        expect.arrayContaining(['deliveries_due', 'deliveries_leased', 'hooks_ordered', 'deliveries_pending_by_hook']),
      );
    });

    test("when a tenant's failure log is read in a grown installation, then it is an index range on tenant and status", async () => {
      const query = await sent(() => store.listDeliveries({ tenantId: 'ten_7', status: 'failed', limit: 50 }));
      const nodes = await plan(query.text, query.values);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toContain('deliveries_page_by_status');
    });

    test("when a tenant's events are listed in a grown installation, then the page is an index range", async () => {
      const query = await sent(() => store.listEvents({ tenantId: 'ten_7', limit: 50 }));
      const nodes = await plan(query.text, query.values);

      expect(seqScans(nodes)).toEqual([]);
      expect(indexes(nodes)).toContain('events_page');
    });
  });

  describe('retention', () => {
    async function oldHistory(store: PostgresStore, count: number, pendingCount: number) {
      const t = tenant();
      await store.createTenant(t);
      const h = hook(t.id);
      await store.createHook(h);
      for (let i = 0; i < count; i++) {
        const e = event(t.id, { createdAt: T0 - 40 * 86_400_000 });
        const { deliveries } = await store.appendEvent(e, planAll(e));
        const [claimed] = await store.claimDeliveries({ owner: 'w', leaseMs: 1000, limit: 1, now: T0 });
        const pending = i < pendingCount;
        await store.completeAttempt({
          owner: 'w',
          attempt: attempt(claimed.delivery, { startedAt: T0 - 40 * 86_400_000 }),
          update: {
            status: pending ? 'pending' : 'succeeded',
            attempts: 1,
            nextAttemptAt: pending ? T0 + 86_400_000 : null,
            lastAttemptAt: T0 - 40 * 86_400_000,
            lastResponseStatus: pending ? 500 : 200,
            lastError: null,
          },
        });
        expect(deliveries).toHaveLength(1);
      }
      return t;
    }

    test('when old history exceeds one batch, then the job prunes it batch by batch and keeps events whose deliveries are still pending', async () => {
      const [store] = await nodes(1);
      const t = await oldHistory(store, 25, 3);

      const result = await pruneOlderThan(store, T0 - 30 * 86_400_000, { batchSize: 10, maxBatches: 100 });

      // Attempts of pruned events' deliveries go with them, uncounted: only what is left is exact.
      expect(result).toMatchObject({ events: 22, truncated: false });
      expect(result.batches).toBeGreaterThanOrEqual(3);
      const left = await store.listEvents({ tenantId: t.id, limit: 100 });
      expect(left.items).toHaveLength(3);
      const counts = await store.pool.query(
        `SELECT (SELECT count(*) FROM deliveries)::int AS deliveries, (SELECT count(*) FROM attempts)::int AS attempts`,
      );
      expect(counts.rows[0]).toEqual({ deliveries: 3, attempts: 0 });
    });

    test('when the retention job runs with a 30-day period, then only history older than 30 days by its clock goes', async () => {
      const [store] = await nodes(1);
      const t = await oldHistory(store, 2, 0);
      const recent = event(t.id, { createdAt: T0 - 29 * 86_400_000 });
      await store.appendEvent(recent, planAll(recent));

      const job = startRetention({ store, retentionDays: 30, batchSize: 1, intervalMs: 3_600_000, now: () => T0 });
      const result = await job.runOnce();
      await job.stop();

      expect(result).toMatchObject({ attempts: 2, events: 2 });
      const left = await store.listEvents({ tenantId: t.id, limit: 100 });
      expect(left.items.map((e) => e.id)).toEqual([recent.id]);
    });
  });
});
