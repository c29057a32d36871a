/**
 * PostgreSQL going away under a running node (issue 14, item 7): requests answer 503 problem+json with
 * Retry-After, never 500, and the node serves again once the database is back. The node reaches the
 * database through a local TCP relay that the test cuts and restores, so the outage is real (refused
 * connections, dropped sockets) without touching the shared PostgreSQL server; a second case kills the
 * node's backends with pg_terminate_backend.
 */
import net from 'node:net';
import { Client } from 'pg';
import { sample } from '../delivery/fixtures';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from './postgres-database';
import { TEST_ENCRYPTION_KEY } from './server-node';

/** A TCP relay from a loopback port to the database; `cut` refuses and drops, `restore` relays again on the same port. */
async function startRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  const relay = () =>
    net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
  let server = relay();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    async cut() {
      if (!server.listening) return;
      server.close();
      for (const socket of sockets) socket.destroy();
    },
    async restore() {
      if (server.listening) return;
      server = relay();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      await this.cut();
    },
  };
}

describeWithPostgres('a node whose PostgreSQL goes away', (serverUrl) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'deskhooks_outage');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const publish = (server: TestServer) => server.request('POST', '/v1/events', { body: { type: 'ticket.created', data: sample('ticket.created') } });

  test('when the database stops answering after start, then publishes answer 503 with Retry-After, and 202 again once it is back', async () => {
    const target = new URL(database.url);
    const relay = await startRelay(target);
    const viaRelay = new URL(database.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const server = await startTestServer({
      env: { DATABASE_URL: viaRelay.toString(), DESKHOOKS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PG_CONNECT_TIMEOUT_MS: '1000' },
    });
    try {
      expect((await publish(server)).status).toBe(202);

      await relay.cut();
      const started = performance.now();
      const refused = await publish(server);
      const elapsed = performance.now() - started;
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(elapsed).toBeLessThan(3000);
      const listed = await server.request('GET', '/v1/hooks');
      expect(listed.status).toBe(503);

      await relay.restore();
      const back = await publish(server);
      expect(back.status).toBe(202);
    } finally {
      await relay.restore();
      await server.close();
      await relay.close();
    }
  }, 60_000);

  test("when the node's database connections are terminated, then no request answers 500 and the node recovers on its own", async () => {
    const server = await startTestServer({ env: { DATABASE_URL: database.url, DESKHOOKS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } });
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      expect((await publish(server)).status).toBe(202);
      const statuses: number[] = [];
      for (let round = 0; round < 5; round++) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        const answers = await Promise.all([publish(server), publish(server), server.request('GET', '/v1/hooks')]);
        statuses.push(...answers.map((a) => a.status));
        for (const answer of answers.filter((a) => a.status === 503)) expect(answer.headers.get('retry-after')).toBeTruthy();
      }
      expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
      expect((await publish(server)).status).toBe(202);
    } finally {
      await admin.end();
      await server.close();
    }
  }, 60_000);
});
