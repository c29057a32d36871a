import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '../../server/src/store/create-store';
import { CLAIMABLE_SQL } from '../../server/src/store/sqlite/claim-deliveries';
import { COMPLETE_DELIVERY_SQL } from '../../server/src/store/sqlite/complete-attempts';
import { readMigrations } from '../../server/src/store/sqlite/migrate';
import { SqliteStore, createSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { describeStoreConformance } from './conformance';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-sqlite-'));
let n = 0;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeStoreConformance('sqlite', async () => createSqliteStore(path.join(dir, `store-${++n}.db`)), {
  // A second better-sqlite3 connection on the same file: what two processes on one machine would do.
  openSecondHandle: async (store) => createSqliteStore((store as SqliteStore).filename),
  notifiesOtherHandles: false,
  rawHookColumns: {
    async read(store, tenantId, id) {
      return (store as SqliteStore).db.prepare('SELECT auth, headers, secrets FROM hooks WHERE tenant_id = ? AND id = ?').get(tenantId, id) as any;
    },
    async write(store, tenantId, id, columns) {
      (store as SqliteStore).db
        .prepare('UPDATE hooks SET auth = @auth, headers = @headers, secrets = @secrets WHERE tenant_id = @tenantId AND id = @id')
        .run({ ...columns, tenantId, id });
    },
  },
});

describe('SQLite specifics', () => {
  it('when the store opens a file, then it runs in WAL mode and records the applied migrations', async () => {
    const store = createSqliteStore(path.join(dir, 'pragmas.db'));
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
      expect(versions.map((v) => v.version)).toEqual(readMigrations().map((m) => m.version));
    } finally {
      await store.close();
    }
  });

  it('when createStore gets a file: URL in a missing directory, then it creates the directory and an SQLite store', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'x.db');
    const store = await createStore(`file:${file}`);
    try {
      expect(store.kind).toBe('sqlite');
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('when createStore gets a URL of another scheme, then it refuses with a configuration error', async () => {
    await expect(createStore('mysql://user:pw@127.0.0.1/db')).rejects.toThrow(/DATABASE_URL must be an SQLite path.*mysql:\/\/user:\*\*\*@/);
  });

  it('when an event matches, then the candidate query reads the hook_events index, not every hook', async () => {
    const store = createSqliteStore(':memory:');
    try {
      const plan = store.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT h.* FROM hook_events he JOIN hooks h ON h.id = he.hook_id
           WHERE he.tenant_id = 't' AND he.event_type IN ('chat.missed', '*') AND (he.brand IS NULL OR he.brand = 'b')`,
        )
        .all() as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/SEARCH he USING PRIMARY KEY/);
      expect(details).not.toMatch(/SCAN h\b/);
    } finally {
      await store.close();
    }
  });

  it("when the engine claims, then the store's own claim statement walks the due index, skipped hooks and stream hooks included", async () => {
    const store = new SqliteStore(':memory:');
    try {
      const plan = store.db
        .prepare(`EXPLAIN QUERY PLAN ${CLAIMABLE_SQL}`)
        .all({ now: 1, limit: 32, excluded: '["hook_a"]', streams: '["hook_s"]' }) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/SEARCH d USING INDEX deliveries_due/);
      expect(details).not.toMatch(/SCAN d\b/);
      expect(details).not.toMatch(/SCAN h\b/);
    } finally {
      await store.close();
    }
  });

  it("when attempts are recorded, then the store's own completion statement finds each delivery by its key", async () => {
    const store = new SqliteStore(':memory:');
    try {
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${COMPLETE_DELIVERY_SQL}`).all({
        id: 'dlv', owner: 'n', status: 'succeeded', attempts: 1, next_attempt_at: null, last_attempt_at: 1,
        last_response_status: 200, last_error: null, updated_at: 1,
      }) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_1 \(id=\?\)/);
    } finally {
      await store.close();
    }
  });
});
