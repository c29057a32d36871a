import { closedPort } from './postgres-database';
import { spawnServer } from './server-node';

describe('a node whose PostgreSQL is unreachable', () => {
  test('when DATABASE_URL points at a closed port, then the server refuses to start, naming the database without its password', async () => {
    const port = await closedPort();
    const server = spawnServer({
      PORT: '0',
      DATABASE_URL: `postgres://deskhooks:n0t-for-logs@127.0.0.1:${port}/deskhooks`,
      PG_CONNECT_TIMEOUT_MS: '2000',
      DESKHOOKS_API_KEY: 'dhk_multinode_tenant_key_0001',
    });

    const code = await server.exited;

    expect(code).not.toBe(0);
    expect(server.output()).toContain(`cannot connect to PostgreSQL at postgres://deskhooks@127.0.0.1:${port}/deskhooks`);
    expect(server.output()).not.toContain('n0t-for-logs');
    expect(server.output()).not.toContain('deskhooks is running');
  }, 60_000);
});
