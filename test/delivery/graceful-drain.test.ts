/**
 * A deploy does not re-send: on SIGTERM the server claims nothing more, lets the attempts in flight
 * finish (within DESKHOOKS_SHUTDOWN_GRACE_MS) and records them, and gives back what it claimed but
 * never started. A restarted server then sends only what was left, so no delivery arrives twice.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startNode, type ServerNode } from '../multi-node/server-node';
import { eventually, sample } from './fixtures';
const SLOW_MS = 15_000;

interface SlowReceiver {
  url: string;
  /** webhook-id of every request that arrived, in order. */
  ids: string[];
  close(): Promise<void>;
}

/** Answers every request 200 after `delayMs`, as a slow receiver would. */
async function startSlowReceiver(delayMs: number): Promise<SlowReceiver> {
  const ids: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      ids.push(String(req.headers['webhook-id']));
      setTimeout(() => res.writeHead(200).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ids,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const apiKey = `dhk_drain_${crypto.randomBytes(16).toString('hex')}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-drain-'));
const nodes: ServerNode[] = [];
let receiver: SlowReceiver;

afterAll(async () => {
  for (const node of nodes) {
    if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node.exited;
  }
  await receiver?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('when SIGTERM arrives while 15 s receivers hold requests, then they finish and are recorded, and a restart sends none of them again', async () => {
  receiver = await startSlowReceiver(SLOW_MS);
  let base = '';
  const env = {
    DATABASE_URL: path.join(dir, 'deskhooks.db'),
    DESKHOOKS_API_KEY: apiKey,
    DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
    // The receivers answer within the delivery timeout; the grace (default: timeout + 5 s) covers them.
    DESKHOOKS_DELIVERY_TIMEOUT_MS: String(SLOW_MS + 5000),
    DESKHOOKS_WORKER_CONCURRENCY: '4',
    DESKHOOKS_HOOK_MAX_IN_FLIGHT: '4',
    // Leases longer than an attempt (as they must be). Were the stopped node to leave its unstarted
    // deliveries leased, the restart could not send them for 30 s.
    DESKHOOKS_LEASE_MS: '30000',
    LOG_LEVEL: 'error',
  };
  const call = async (method: string, urlPath: string, body?: unknown) => {
    const response = await fetch(`${base}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const first = await startNode('node-a', env);
  nodes.push(first);
  base = first.url;
  const hook = await call('POST', '/v1/hooks', { url: `${receiver.url}/in`, events: ['ticket.created'] });
  expect(hook.status).toBe(201);
  for (let i = 0; i < 6; i++) {
    expect((await call('POST', '/v1/events', { type: 'ticket.created', data: sample('ticket.created') })).status).toBe(202);
  }
  // 4 requests in flight (the cap), 2 deliveries waiting.
  await eventually(async () => receiver.ids.length, (count) => count === 4);

  const stoppedAt = Date.now();
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  // It waited for the slow answers rather than cutting them.
  expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(SLOW_MS - 2000);
  expect(receiver.ids).toHaveLength(4);

  const second = await startNode('node-b', env);
  nodes.push(second);
  base = second.url;
  // The two deliveries the first node claimed but never started were given back: sent at once.
  await eventually(async () => receiver.ids.length, (count) => count === 6, 5000);
  const deliveries = await eventually(
    () => call('GET', `/v1/hooks/${hook.body.id}/deliveries`),
    (response) => response.body.data.length === 6 && response.body.data.every((d: any) => d.status === 'succeeded'),
    40000,
  );
  expect(receiver.ids).toHaveLength(6);
  expect(new Set(receiver.ids).size).toBe(6);
  expect(deliveries.body.data.every((d: any) => d.attempts === 1)).toBe(true);

  await second.stop();
}, 120000);
