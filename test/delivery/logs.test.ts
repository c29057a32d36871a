/**
 * What the engine writes to the pino JSON log: one `delivery attempt` line per attempt with the
 * event and delivery ids, a redirect logged as not followed, and no endpoint credentials.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type RunningServer, startServer } from '../../server/src/server';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { eventually, sample } from './fixtures';

const lines: Array<Record<string, any>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-logs-'));
const apiKey = `dhk_logs_${crypto.randomBytes(16).toString('hex')}`;
let server: RunningServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startServer({
    env: { PORT: '0', DATABASE_URL: path.join(dir, 'deskhooks.db'), DESKHOOKS_API_KEY: apiKey, DESKHOOKS_ALLOW_INSECURE_TARGETS: '1' },
    logger: pino({ level: 'info' }, sink),
    host: '127.0.0.1',
    processMetrics: false,
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await server.close();
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, urlPath: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

test('when the receiver redirects, then the attempt is logged with its ids as a redirect not followed, without the credential', async () => {
  receiver.reply({ status: 302, headers: { location: 'https://elsewhere.example/in' } });
  const token = `tok_${crypto.randomBytes(12).toString('hex')}`;
  const hook = await call('POST', '/v1/hooks', { url: `${receiver.url}/in`, events: ['ticket.created'], auth: { type: 'bearer', token } });
  const event = await call('POST', '/v1/events', { type: 'ticket.created', data: sample('ticket.created') });
  const attempt = await eventually(
    async () => lines.find((line) => line.msg === 'delivery attempt' && line.eventId === event.id),
    (line) => line !== undefined,
  );
  const [delivery] = (await call('GET', `/v1/hooks/${hook.id}/deliveries`)).data;
  expect(attempt).toMatchObject({
    level: 30,
    hookId: hook.id,
    deliveryId: delivery.id,
    eventId: event.id,
    eventType: 'ticket.created',
    attempt: 1,
    outcome: 'redirect',
    status: 'pending',
    responseStatus: 302,
    error: 'redirect not followed: HTTP 302 Found to https://elsewhere.example/in',
  });
  expect(JSON.stringify(lines)).not.toContain(token);
});
