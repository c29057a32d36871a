/**
 * A slow receiver holds only its share: each hook has a cap on requests in flight (its own
 * `maxInFlight` or the server default), an optional rate limit spaces its requests, and the engine
 * serves tenants and hooks in turn, so one tenant's hanging receiver does not hold back another's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { eventually, sample } from './fixtures';

interface HoldingReceiver {
  url: string;
  /** Requests that arrived, by path. */
  arrived: Array<{ path: string; at: number }>;
  /** Requests being held open now, by path. */
  open: Map<string, number>;
  /** The most requests held open at once, by path. */
  peak: Map<string, number>;
  /** Answers every held request of `path` (and answers later ones at once). */
  release(path: string): void;
  close(): Promise<void>;
}

/** Holds requests to the paths in `hold` open until released; answers all others 204 at once. */
async function startHoldingReceiver(hold: string[]): Promise<HoldingReceiver> {
  const held = new Map<string, http.ServerResponse[]>();
  const holding = new Set(hold);
  const arrived: HoldingReceiver['arrived'] = [];
  const open = new Map<string, number>();
  const peak = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      arrived.push({ path, at: Date.now() });
      if (!holding.has(path)) {
        res.writeHead(204).end();
        return;
      }
      open.set(path, (open.get(path) ?? 0) + 1);
      peak.set(path, Math.max(peak.get(path) ?? 0, open.get(path)!));
      res.on('close', () => open.set(path, open.get(path)! - 1));
      held.set(path, [...(held.get(path) ?? []), res]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    open,
    peak,
    release(path) {
      holding.delete(path);
      for (const res of held.get(path) ?? []) res.writeHead(204).end();
      held.delete(path);
    },
    close() {
      for (const list of held.values()) for (const res of list) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let server: TestServer;
let receiver: HoldingReceiver;

async function tenantKey(name: string): Promise<string> {
  const created = await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name } });
  expect(created.status).toBe(201);
  return created.body.apiKey.key;
}

async function subscribe(key: string, body: Record<string, unknown>): Promise<string> {
  const created = await server.request('POST', '/v1/hooks', { key, body: { events: ['ticket.created'], ...body } });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function publishMany(key: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await server.request('POST', '/v1/events', { key, body: { type: 'ticket.created', data: sample('ticket.created') } });
    expect(answer.status).toBe(202);
  }
}

const arrivals = (path: string) => receiver.arrived.filter((request) => request.path === path);

afterEach(async () => {
  await server?.close();
  await receiver?.close();
});

test('when a receiver hangs, then the hook has no more requests in flight than its maxInFlight', async () => {
  receiver = await startHoldingReceiver(['/slow']);
  server = await startTestServer({ config: { workerConcurrency: 16 } });
  await subscribe(server.apiKey, { url: `${receiver.url}/slow`, maxInFlight: 3 });
  await publishMany(server.apiKey, 10);

  await eventually(async () => arrivals('/slow').length, (count) => count === 3);
  // Slots are free (16) and deliveries are due, yet the hook stays at its cap.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(arrivals('/slow')).toHaveLength(3);

  receiver.release('/slow');
  await eventually(async () => arrivals('/slow').length, (count) => count === 10);
  expect(receiver.peak.get('/slow')).toBe(3);
});

test('when a hook sets no cap, then the server default (DESKHOOKS_HOOK_MAX_IN_FLIGHT) applies', async () => {
  receiver = await startHoldingReceiver(['/default']);
  server = await startTestServer({ config: { workerConcurrency: 16, hookMaxInFlight: 2 } });
  const hookId = await subscribe(server.apiKey, { url: `${receiver.url}/default` });
  expect((await server.request('GET', `/v1/hooks/${hookId}`)).body.maxInFlight).toBeNull();
  await publishMany(server.apiKey, 5);

  await eventually(async () => arrivals('/default').length, (count) => count === 2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(arrivals('/default')).toHaveLength(2);
  receiver.release('/default');
  await eventually(async () => arrivals('/default').length, (count) => count === 5);
});

test("when one tenant's receiver hangs with a deep queue, then another tenant's deliveries still go out at once", async () => {
  receiver = await startHoldingReceiver(['/tenant-a']);
  server = await startTestServer({ config: { workerConcurrency: 8, hookMaxInFlight: 4 } });
  const keyA = await tenantKey('Tenant A');
  const keyB = await tenantKey('Tenant B');
  await subscribe(keyA, { url: `${receiver.url}/tenant-a` });
  await subscribe(keyB, { url: `${receiver.url}/tenant-b` });
  await publishMany(keyA, 40);
  await eventually(async () => arrivals('/tenant-a').length, (count) => count === 4);

  // All of A's requests hang and 36 more of its deliveries are due; B still gets through, every time.
  await publishMany(keyB, 5);
  await eventually(async () => arrivals('/tenant-b').length, (count) => count === 5, 5000);
  expect(arrivals('/tenant-a')).toHaveLength(4);

  receiver.release('/tenant-a');
  await eventually(async () => arrivals('/tenant-a').length, (count) => count === 40);
});

test('when several hooks have due work, then request slots are shared between them in turn', async () => {
  receiver = await startHoldingReceiver(['/one', '/two', '/three']);
  server = await startTestServer({ config: { workerConcurrency: 6, hookMaxInFlight: 6 } });
  for (const path of ['/one', '/two', '/three']) await subscribe(server.apiKey, { url: `${receiver.url}${path}` });
  // Every event goes to all three hooks: 30 due deliveries, 6 slots.
  await publishMany(server.apiKey, 10);
  await eventually(async () => receiver.arrived.length, (count) => count === 6);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(['/one', '/two', '/three'].map((path) => arrivals(path).length)).toEqual([2, 2, 2]);
  for (const path of ['/one', '/two', '/three']) receiver.release(path);
  await eventually(async () => receiver.arrived.length, (count) => count === 30);
});

test('when a hook has a rate limit, then its requests are spaced by it and none is dropped', async () => {
  receiver = await startHoldingReceiver([]);
  server = await startTestServer();
  const hookId = await subscribe(server.apiKey, { url: `${receiver.url}/limited`, rateLimit: { perSecond: 5 } });
  expect((await server.request('GET', `/v1/hooks/${hookId}`)).body.rateLimit).toEqual({ perSecond: 5 });
  await publishMany(server.apiKey, 6);

  await eventually(async () => arrivals('/limited').length, (count) => count === 6, 10000);
  const times = arrivals('/limited').map((request) => request.at);
  const gaps = times.slice(1).map((at, i) => at - times[i]);
  // 5 per second: starts 200 ms apart, so six arrivals span at least a second (less some network
  // jitter on a busy machine), and no two arrive as a burst.
  expect(times[5] - times[0]).toBeGreaterThanOrEqual(900);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
  await eventually(
    async () => (await server.request('GET', `/v1/hooks/${hookId}/deliveries?status=succeeded`)).body.data.length,
    (count) => count === 6,
  );
});

test('when maxInFlight or rateLimit is out of range, then the hook is refused with a problem naming the field', async () => {
  receiver = await startHoldingReceiver([]);
  server = await startTestServer();
  for (const [body, pointer] of [
    [{ maxInFlight: 0 }, '/maxInFlight'],
    [{ maxInFlight: 5000 }, '/maxInFlight'],
    [{ rateLimit: { perSecond: 0 } }, '/rateLimit'],
    [{ rateLimit: { perMinute: 5 } }, '/rateLimit'],
  ] as const) {
    const answer = await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/x`, events: ['ticket.created'], ...body } });
    // The contract refuses these shapes (400, as for every body that breaks the schema).
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.errors)).toContain(pointer);
  }
  expect((await server.request('GET', '/v1/hooks')).body.data).toHaveLength(0);
});
