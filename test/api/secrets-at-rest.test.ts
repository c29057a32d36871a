/**
 * Secrets at rest (issue 14, item 5): signing secrets, endpoint credentials and secret header values
 * are sealed with AES-256-GCM in the database, secret headers are write-only over the API and redacted
 * in attempt logs, existing plain rows are sealed at start, and keys rotate. Over real HTTP, with the
 * database file read byte for byte behind the server's back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { ConfigError } from '../../server/src/config';
import { startServer } from '../../server/src/server';
import { StoreConfigError } from '../../server/src/store/create-store';
import { sample } from '../delivery/fixtures';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

const PASSWORD = 'pw-PLAIN-0001-basic';
const API_TOKEN = 'hdr-PLAIN-0002-token';
const SEED = 'seed-PLAIN-0003-marked';

let dir: string;
let receiver: Receiver;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-secrets-'));
  receiver = await startReceiver({ status: 204 });
});
afterEach(async () => {
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dbFile = () => path.join(dir, 'deskhooks.db');

/** Every byte SQLite wrote for this database (main file and write-ahead log), as latin1 text to search. */
function databaseBytes(): string {
  return ['', '-wal']
    .map((suffix) => dbFile() + suffix)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString('latin1'))
    .join('\n');
}

function rawHook(id: string): Record<string, string> {
  const db = new Database(dbFile(), { readonly: true });
  try {
    return db.prepare('SELECT auth, headers, secrets FROM hooks WHERE id = ?').get(id) as Record<string, string>;
  } finally {
    db.close();
  }
}

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer({ env: { DATABASE_URL: dbFile(), DESKHOOKS_API_KEY: 'dhk_test_secrets_at_rest_0001', ...env } });
}

async function createSecretHook(server: TestServer) {
  const response = await server.request('POST', '/v1/hooks', {
    body: {
      url: `${receiver.url}/in`,
      events: ['ticket.created'],
      auth: { type: 'basic', username: 'deskhooks', password: PASSWORD },
      headers: { 'X-Api-Token': API_TOKEN, 'X-Seed': SEED, 'X-Team': 'support' },
      secretHeaders: ['X-Seed'],
    },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; secret: string } & Record<string, any>;
}

async function publishAndReceive(server: TestServer, count: number) {
  const response = await server.request('POST', '/v1/events', { body: { type: 'ticket.created', data: sample('ticket.created') } });
  expect(response.status).toBe(202);
  const requests = await receiver.waitFor(count);
  return requests[count - 1];
}

describe('secrets at rest', () => {
  test('when a hook with credentials and secret headers is saved, then no secret is in the database file in plain text, and deliveries still carry them', async () => {
    const server = await start();
    try {
      const hook = await createSecretHook(server);
      const request = await publishAndReceive(server, 1);
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`deskhooks:${PASSWORD}`).toString('base64')}`);
      expect(request.headers['x-api-token']).toBe(API_TOKEN);
      expect(request.headers['x-seed']).toBe(SEED);
      expect(() => new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();

      const bytes = databaseBytes();
      for (const secret of [PASSWORD, API_TOKEN, SEED, hook.secret.replace(/^whsec_/, '')]) expect(bytes).not.toContain(secret);
      const row = rawHook(hook.id);
      for (const column of ['auth', 'headers', 'secrets']) expect(row[column]).toMatch(/^"v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\./);

      // Without DESKHOOKS_ENCRYPTION_KEY the key lives beside the database, readable by its owner only.
      const keyFile = `${dbFile()}.key`;
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
    }
  });

  test('when a hook is read, then secret header values come back as ******** and are redacted in the attempt log, other headers as given', async () => {
    const server = await start();
    try {
      const hook = await createSecretHook(server);
      const shown = { 'X-Api-Token': '********', 'X-Seed': '********', 'X-Team': 'support' };
      expect(hook.headers).toEqual(shown);
      expect(hook.secretHeaders).toEqual(['X-Api-Token', 'X-Seed']);
      expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body).toMatchObject({ headers: shown, auth: { type: 'basic', username: 'deskhooks' } });
      const listed = (await server.request('GET', '/v1/hooks')).body.data.find((h: { id: string }) => h.id === hook.id);
      expect(listed.headers).toEqual(shown);
      expect(JSON.stringify(listed)).not.toContain(PASSWORD);

      await publishAndReceive(server, 1);
      await server.engine.idle();
      const [delivery] = (await server.request('GET', `/v1/hooks/${hook.id}/deliveries`)).body.data;
      const detail = (await server.request('GET', `/v1/deliveries/${delivery.id}`)).body;
      const logged = detail.attemptLog[0].requestHeaders;
      expect(logged['X-Seed']).toBe('[redacted]');
      expect(logged['X-Api-Token']).toBe('[redacted]');
      expect(logged['X-Team']).toBe('support');
      expect(JSON.stringify(detail)).not.toContain(SEED);
    } finally {
      await server.close();
    }
  });

  test('when a PATCH sends ******** for a secret header, then the stored value is kept; a marker with nothing behind it is refused with 422', async () => {
    const server = await start();
    try {
      const hook = await createSecretHook(server);
      const patched = await server.request('PATCH', `/v1/hooks/${hook.id}`, {
        body: { headers: { 'X-Api-Token': '********', 'X-Seed': '********', 'X-Team': 'sales' } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.headers).toEqual({ 'X-Api-Token': '********', 'X-Seed': '********', 'X-Team': 'sales' });
      const request = await publishAndReceive(server, 1);
      expect(request.headers).toMatchObject({ 'x-api-token': API_TOKEN, 'x-seed': SEED, 'x-team': 'sales' });

      const refused = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { headers: { 'X-New-Secret': '********' } } });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/headers/X-New-Secret' })]);
      const unknownMark = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { secretHeaders: ['X-Missing'] } });
      expect(unknownMark.status).toBe(422);
      expect(unknownMark.body.errors).toEqual([expect.objectContaining({ pointer: '/secretHeaders/0' })]);
      // Refusals change nothing.
      expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.secretHeaders).toEqual(['X-Api-Token', 'X-Seed']);
    } finally {
      await server.close();
    }
  });

  test('when a database holds hook secrets in plain text (written before encryption), then the next start seals them and deliveries still work', async () => {
    let server = await start();
    const hook = await createSecretHook(server);
    await server.close();
    // Put the row back the way an older deskhooks stored it.
    const signing = `whsec_${crypto.randomBytes(24).toString('base64')}`;
    const db = new Database(dbFile());
    db.prepare('UPDATE hooks SET auth = ?, headers = ?, secrets = ? WHERE id = ?').run(
      JSON.stringify({ type: 'basic', username: 'deskhooks', password: PASSWORD }),
      JSON.stringify({ 'X-Api-Token': API_TOKEN, 'X-Seed': SEED }),
      JSON.stringify([{ secret: signing, createdAt: Date.now(), expiresAt: null }]),
      hook.id,
    );
    db.close();
    expect(databaseBytes()).toContain(PASSWORD);

    server = await start();
    try {
      const row = rawHook(hook.id);
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      expect(JSON.stringify(row)).not.toContain(signing.slice(6));
      const request = await publishAndReceive(server, 1);
      expect(request.headers['x-seed']).toBe(SEED);
      expect(() => new Webhook(signing).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    } finally {
      await server.close();
    }
  });

  test('when DESKHOOKS_ENCRYPTION_KEY names a new key first, then the next start re-seals every secret under it, and a start without the key that sealed them is refused', async () => {
    let server = await start();
    const hook = await createSecretHook(server);
    await server.close();

    const newKey = crypto.randomBytes(32).toString('base64');
    // The key file's key still opens what it sealed; the start re-seals under the new key.
    server = await start({ DESKHOOKS_ENCRYPTION_KEY: `k2:${newKey}` });
    await server.close();
    for (const value of Object.values(rawHook(hook.id))) expect(value.startsWith('"v1.k2.')).toBe(true);

    fs.rmSync(`${dbFile()}.key`);
    server = await start({ DESKHOOKS_ENCRYPTION_KEY: `k2:${newKey}` });
    try {
      const request = await publishAndReceive(server, 1);
      expect(request.headers['x-api-token']).toBe(API_TOKEN);
    } finally {
      await server.close();
    }

    const wrong = `k3:${crypto.randomBytes(32).toString('base64')}`;
    const failure = await startServer({
      env: { PORT: '0', DATABASE_URL: dbFile(), DESKHOOKS_ENCRYPTION_KEY: wrong, LOG_LEVEL: 'silent' },
      logger: pino({ level: 'silent' }),
    }).then(
      async (running) => {
        await running.close();
        return new Error('the server started');
      },
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(StoreConfigError);
    expect(failure.message).toMatch(/sealed with key "k2", which DESKHOOKS_ENCRYPTION_KEY does not hold/);
  });
});

describe('encryption key configuration', () => {
  test('when DESKHOOKS_ENCRYPTION_KEY is not 32 bytes, then the configuration is refused naming the variable, never the key', async () => {
    const failure = await startServer({ env: { PORT: '0', DATABASE_URL: dbFile(), DESKHOOKS_ENCRYPTION_KEY: 'c2hvcnQta2V5' } }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toContain('DESKHOOKS_ENCRYPTION_KEY key 1 must be 32 bytes');
    expect((failure as Error).message).not.toContain('c2hvcnQta2V5');
    expect(fs.existsSync(dbFile())).toBe(false);
  });

  test('when PostgreSQL is configured without DESKHOOKS_ENCRYPTION_KEY, then the start is refused with a message saying why, before connecting', async () => {
    const failure = await startServer({
      env: { PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' },
      logger: pino({ level: 'silent' }),
    }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(StoreConfigError);
    expect((failure as Error).message).toContain('DESKHOOKS_ENCRYPTION_KEY is required with PostgreSQL');
  });
});
