/**
 * PG_POOL_MAX is what a node really opens: a burst of requests on one node grows its pool to the
 * setting and never past it (plus the one LISTEN connection), so `nodes × (PG_POOL_MAX + 1)` is a
 * true bound to plan max_connections with.
 */
import { Client } from 'pg';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from './postgres-database';
import { startNode, type ServerNode } from './server-node';

const TENANT_KEY = 'dhk_pool_settings_tenant_key_01';

describeWithPostgres('PostgreSQL pool settings of a node', (serverUrl) => {
  let database: TestDatabase;
  let node: ServerNode | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'deskhooks_pool');
  });

  afterAll(async () => {
    await node?.stop();
    await database?.drop();
  });

  test('when PG_POOL_MAX is 3 and 40 requests arrive at once, then the node holds exactly 3 query connections and 1 listening one', async () => {
    node = await startNode('pool-node', { DATABASE_URL: database.url, DESKHOOKS_API_KEY: TENANT_KEY, PG_POOL_MAX: '3' });
    const started = node;

    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const response = await fetch(`${started.url}/v1/hooks`, { headers: { authorization: `Bearer ${TENANT_KEY}` } });
        await response.arrayBuffer();
        return response.status;
      }),
    );

    expect(new Set(statuses)).toEqual(new Set([200]));
    // Pooled connections stay open while idle (30 s), so the pool's size after the burst is its peak.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ application_name: string; n: number }>(
        `SELECT application_name, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND application_name LIKE 'deskhooks%'
         GROUP BY application_name ORDER BY application_name`,
      );
      expect(rows).toEqual([
        { application_name: 'deskhooks', n: 3 },
        { application_name: 'deskhooks-listen', n: 1 },
      ]);
    } finally {
      await client.end();
    }
  }, 90_000);
});
