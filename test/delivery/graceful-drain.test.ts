/**
 * A deploy does not re-send: on SIGTERM the server claims nothing more, lets the attempts in flight
 * finish (within DESKHOOKS_SHUTDOWN_GRACE_MS) and records them, and gives back what it claimed but
 * never started. A restarted server then sends only what was left, so no delivery arrives twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually, sample } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
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

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function startNode(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const apiKey = `dhk_drain_${crypto.randomBytes(16).toString('hex')}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-drain-'));
const children: ChildProcess[] = [];
let receiver: SlowReceiver;

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
  await receiver?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('when SIGTERM arrives while 15 s receivers hold requests, then they finish and are recorded, and a restart sends none of them again', async () => {
  receiver = await startSlowReceiver(SLOW_MS);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
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
  const healthy = () =>
    eventually(
      () => fetch(`${base}/healthz`).then((r) => r.status, () => 0),
      (status) => status === 200,
      30000,
    );

  const first = startNode({ ...env, DESKHOOKS_NODE_ID: 'node-a' });
  children.push(first);
  await healthy();
  const hook = await call('POST', '/v1/hooks', { url: `${receiver.url}/in`, events: ['ticket.created'] });
  expect(hook.status).toBe(201);
  for (let i = 0; i < 6; i++) {
    expect((await call('POST', '/v1/events', { type: 'ticket.created', data: sample('ticket.created') })).status).toBe(202);
  }
  // 4 requests in flight (the cap), 2 deliveries waiting.
  await eventually(async () => receiver.ids.length, (count) => count === 4);

  const stoppedAt = Date.now();
  first.kill('SIGTERM');
  expect(await exited(first)).toBe(0);
  // It waited for the slow answers rather than cutting them.
  expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(SLOW_MS - 2000);
  expect(receiver.ids).toHaveLength(4);

  const second = startNode({ ...env, DESKHOOKS_NODE_ID: 'node-b' });
  children.push(second);
  await healthy();
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

  second.kill('SIGTERM');
  await exited(second);
}, 120000);
