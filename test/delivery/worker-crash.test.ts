/**
 * At-least-once across a crash: a server process is SIGKILLed while a receiver holds its delivery
 * request open; a new process on the same database takes the delivery over once the lease
 * expires and delivers it, with the same webhook-id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { eventually, sample } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');

interface HeldReceiver {
  url: string;
  requests: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** Holds the first request open (never answers it); answers later ones 200. */
async function startHoldingReceiver(): Promise<HeldReceiver> {
  const requests: HeldReceiver['requests'] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (requests.length === 1) held.push(res);
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      for (const res of held) res.destroy();
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const apiKey = `dhk_crash_${crypto.randomBytes(16).toString('hex')}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-crash-'));
const children: ChildProcess[] = [];
let receiver: HeldReceiver;

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
  await receiver?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('when the worker is killed mid-delivery, then a restarted worker completes the delivery with the same webhook-id', async () => {
  receiver = await startHoldingReceiver();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    DATABASE_URL: path.join(dir, 'deskhooks.db'),
    DESKHOOKS_API_KEY: apiKey,
    DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
    DESKHOOKS_LEASE_MS: '1000',
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
  const event = await call('POST', '/v1/events', { type: 'ticket.created', data: sample('ticket.created') });
  expect(event.status).toBe(202);
  await eventually(async () => receiver.requests.length, (count) => count >= 1);

  first.kill('SIGKILL');
  await exited(first);
  expect(first.signalCode).toBe('SIGKILL');

  const second = startNode({ ...env, DESKHOOKS_NODE_ID: 'node-b' });
  children.push(second);
  await healthy();
  await eventually(async () => receiver.requests.length, (count) => count >= 2, 30000);

  const [held, completed] = receiver.requests;
  expect(completed.headers['webhook-id']).toBe(held.headers['webhook-id']);
  expect(new Webhook(hook.body.secret).verify(completed.body, completed.headers as Record<string, string>)).toMatchObject({ id: event.body.id });
  const deliveries = await eventually(
    () => call('GET', `/v1/hooks/${hook.body.id}/deliveries`),
    (response) => response.body.data[0]?.status === 'succeeded',
  );
  expect(deliveries.body.data).toHaveLength(1);
  expect(deliveries.body.data[0]).toMatchObject({ id: held.headers['webhook-id'], status: 'succeeded', lastResponseStatus: 200 });

  second.kill('SIGTERM');
  await exited(second);
}, 90000);
