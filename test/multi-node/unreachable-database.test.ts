import net from 'node:net';
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

    expect(code).toBe(78);
    expect(server.output()).toContain(`cannot connect to PostgreSQL at postgres://deskhooks@127.0.0.1:${port}/deskhooks`);
    expect(server.output()).not.toContain('n0t-for-logs');
    expect(server.output()).not.toContain('deskhooks is running');
    // An operator mistake gets one line, not a stack trace.
    expect(server.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  test('when the database accepts the connection but never answers, then the start gives up after PG_CONNECT_TIMEOUT_MS with a clear message', async () => {
    // A peer that accepts TCP and stays silent, like a firewall that swallows packets or a stuck server.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const server = spawnServer({
        PORT: '0',
        DATABASE_URL: `postgres://deskhooks:n0t-for-logs@127.0.0.1:${port}/deskhooks`,
        PG_CONNECT_TIMEOUT_MS: '500',
        DESKHOOKS_API_KEY: 'dhk_multinode_tenant_key_0001',
      });

      const code = await server.exited;

      expect(code).toBe(78);
      expect(server.output()).toContain(`cannot connect to PostgreSQL at postgres://deskhooks@127.0.0.1:${port}/deskhooks: `);
      expect(server.output()).toMatch(/timeout/i);
      expect(server.output()).not.toContain('n0t-for-logs');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 60_000);
});
