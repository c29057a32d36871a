import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../server/src/config';
import { startServer } from '../../server/src/server';
import { startTestServer, type TestServer } from '../helpers/start-server';

const ROOT = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-server-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: './data/deskhooks.db',
      apiKey: null,
      adminKey: null,
      allowInsecureTargets: false,
      logLevel: 'info',
      bodyLimitBytes: 256 * 1024,
      deliveryTimeoutMs: 15000,
      connectTimeoutMs: 5000,
      maxResponseBytes: 65536,
      workerConcurrency: 32,
      leaseMs: 60000,
      batchWindowMs: 2000,
      autoDisableAfterMs: 5 * 24 * 3600 * 1000,
      retentionDays: 30,
      agentLookupBudgetMs: 5000,
      pgPoolMax: 10,
      pgConnectTimeoutMs: 5000,
    });
    expect(config.nodeId).toBe(`${os.hostname()}-${process.pid}`);
  });

  it('when variables are set, then they are used (PUBLIC_URL loses its trailing slash)', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://hooks.example.com/deskhooks/',
      DATABASE_URL: 'postgres://db/deskhooks',
      DESKHOOKS_API_KEY: 'k'.repeat(32),
      DESKHOOKS_ADMIN_KEY: 'a'.repeat(32),
      DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
      LOG_LEVEL: 'DEBUG',
      DESKHOOKS_NODE_ID: 'node-7',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://hooks.example.com/deskhooks',
      databaseUrl: 'postgres://db/deskhooks',
      apiKey: 'k'.repeat(32),
      adminKey: 'a'.repeat(32),
      allowInsecureTargets: true,
      logLevel: 'debug',
      nodeId: 'node-7',
    });
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it('when several variables are wrong, then one error lists every one of them by name', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        PUBLIC_URL: 'hooks.example.com',
        DESKHOOKS_API_KEY: 'short',
        DESKHOOKS_ALLOW_INSECURE_TARGETS: 'yes',
        LOG_LEVEL: 'loud',
        DESKHOOKS_WORKER_CONCURRENCY: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'PUBLIC_URL', 'DESKHOOKS_API_KEY', 'DESKHOOKS_ALLOW_INSECURE_TARGETS', 'LOG_LEVEL', 'DESKHOOKS_WORKER_CONCURRENCY']) {
      expect(problems).toContain(name);
    }
    expect(problems).not.toContain('short');
  });
});

describe('starting', () => {
  it('when the database is new and no key is set, then the default tenant is created with a generated key, once', async () => {
    const env = { PORT: '0', DATABASE_URL: path.join(tmp, 'fresh.db'), LOG_LEVEL: 'silent' };
    const options = { env, host: '127.0.0.1', logger: pino({ level: 'silent' }), processMetrics: false };
    const first = await startServer(options);
    let key: string | null;
    try {
      key = first.generatedApiKey;
      expect(key).toMatch(/^dhk_[A-Za-z0-9_-]{43}$/);
      const me = await fetch(`${first.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(((await me.json()) as { tenant: unknown }).tenant).toMatchObject({ id: 'ten_default', name: 'Default' });
    } finally {
      await first.close();
    }
    const second = await startServer(options);
    try {
      expect(second.generatedApiKey).toBeNull();
      expect((await fetch(`${second.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('when DESKHOOKS_API_KEY changes between starts, then the new value works and the old one is revoked', async () => {
    const base = { PORT: '0', DATABASE_URL: path.join(tmp, 'rotate.db'), LOG_LEVEL: 'silent' };
    const start = (apiKey: string) =>
      startServer({ env: { ...base, DESKHOOKS_API_KEY: apiKey }, host: '127.0.0.1', logger: pino({ level: 'silent' }), processMetrics: false });
    const oldKey = 'dhk_old_value_for_testing_0001';
    const newKey = 'dhk_new_value_for_testing_0002';
    const first = await start(oldKey);
    expect(first.generatedApiKey).toBeNull();
    await first.close();
    const second = await start(newKey);
    try {
      const status = async (key: string) => (await fetch(`${second.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status;
      expect(await status(newKey)).toBe(200);
      expect(await status(oldKey)).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('when two servers start at once on one new SQLite file, then both start, exactly one generates the key, and it works on both', async () => {
    const env = { PORT: '0', DATABASE_URL: path.join(tmp, 'together.db'), LOG_LEVEL: 'silent' };
    const options = { env, host: '127.0.0.1', logger: pino({ level: 'silent' }), processMetrics: false };
    const started = await Promise.allSettled([startServer(options), startServer(options)]);
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
      const keys = servers.map((server) => server.generatedApiKey).filter((key): key is string => key !== null);
      expect(keys).toHaveLength(1);
      for (const server of servers) {
        const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${keys[0]}` } });
        expect(((await me.json()) as { tenant: { id: string } }).tenant.id).toBe('ten_default');
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('when two servers start at once on one new SQLite file with the same keys set, then both start and both keys work on both', async () => {
    const apiKey = 'dhk_together_tenant_key_0001';
    const adminKey = 'dhk_together_admin_key_00001';
    const env = { PORT: '0', DATABASE_URL: path.join(tmp, 'together-keys.db'), LOG_LEVEL: 'silent', DESKHOOKS_API_KEY: apiKey, DESKHOOKS_ADMIN_KEY: adminKey };
    const options = { env, host: '127.0.0.1', logger: pino({ level: 'silent' }), processMetrics: false };
    const started = await Promise.allSettled([startServer(options), startServer(options)]);
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
      for (const server of servers) {
        expect(server.generatedApiKey).toBeNull();
        const asTenant = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
        expect(((await asTenant.json()) as { tenant: { id: string } }).tenant.id).toBe('ten_default');
        const asAdmin = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${adminKey}` } });
        expect(((await asAdmin.json()) as { key: { role: string } }).key.role).toBe('admin');
      }
      // One key record per variable, not one per node.
      const keys = await servers[0].store.listApiKeys(null);
      expect(keys.map((key) => key.name).sort()).toEqual(['DESKHOOKS_ADMIN_KEY', 'DESKHOOKS_API_KEY']);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('when the configuration is invalid, then startServer rejects before opening anything', async () => {
    const file = path.join(tmp, 'never.db');
    await expect(startServer({ env: { PORT: '-1', DATABASE_URL: file } })).rejects.toBeInstanceOf(ConfigError);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('when DATABASE_URL is a postgres URL and no PostgreSQL store can be reached, then starting fails with a clear error', async () => {
    // 127.0.0.1:1 refuses at once; nothing leaves the machine.
    await expect(
      startServer({ env: { PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PG_CONNECT_TIMEOUT_MS: '500', LOG_LEVEL: 'silent' }, logger: pino({ level: 'silent' }) }),
    ).rejects.toThrow();
  });
});

describe('insecure targets and shutdown', () => {
  /** A logger that keeps its JSON lines, to read what the server warned about. */
  function recordingLogger() {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    return { logger, lines };
  }

  it.each([
    ['1', true],
    ['0', false],
  ])('when DESKHOOKS_ALLOW_INSECURE_TARGETS=%s, then a warning about it is logged: %s', async (value, warned) => {
    const { logger, lines } = recordingLogger();
    const env = { PORT: '0', DATABASE_URL: path.join(tmp, `insecure-${value}.db`), DESKHOOKS_ALLOW_INSECURE_TARGETS: value };
    const running = await startServer({ env, host: '127.0.0.1', logger, processMetrics: false, startEngine: false });
    await running.close();
    const warnings = lines.filter((line) => line.level === 40 && /DESKHOOKS_ALLOW_INSECURE_TARGETS/.test(line.msg));
    expect(warnings.length > 0).toBe(warned);
  });

  it('when the server is closed while a request is in flight, then that request still gets its answer', async () => {
    // The agent lookup holds its request open for its whole budget: an in-flight request to wait for.
    const server = await startTestServer({ env: { DESKHOOKS_AGENT_LOOKUP_BUDGET_MS: '1000' }, startEngine: false });
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi/generated/openapi.json'), 'utf8'));
    const body = doc.paths['/v1/chats/{chatId}/agent-lookup'].post.requestBody.content['application/json'].example;
    const inFlight = server.request('POST', `/v1/chats/${body.chat.id}/agent-lookup`, { body });
    // Closing starts once the lookup is stored, i.e. while its request is open.
    while ((await server.store.listEvents({ tenantId: 'ten_default', type: 'chat.agent_lookup', limit: 1 })).items.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const closed = server.close();
    const response = await inFlight;
    await closed;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'no_agents_available' });
  });
});

describe('operations endpoints', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL: 'https://deskhooks.example.com' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('when health, readiness and metrics are asked without a key, then they answer', async () => {
    expect((await server.request('GET', '/healthz', { key: null })).body).toMatchObject({ status: 'ok' });
    expect((await server.request('GET', '/readyz', { key: null })).body).toMatchObject({ status: 'ok', store: 'sqlite' });
    await server.request('POST', '/v1/events', {
      body: { type: 'chat.missed', data: (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data },
    });
    const metrics = await server.request('GET', '/metrics', { key: null });
    expect(metrics.body).toMatch(/deskhooks_events_accepted_total\{type="chat.missed"\} 1/);
  });

  it('when the OpenAPI document is fetched, then it is the generated contract with this server as its server', async () => {
    const doc = await server.request('GET', '/openapi.json', { key: null });
    const generated = JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi/generated/openapi.json'), 'utf8'));
    expect(doc.body.servers).toEqual([{ url: 'https://deskhooks.example.com', description: expect.any(String) }]);
    expect({ ...doc.body, servers: generated.servers }).toEqual(generated);
  });

  it('when the store is closed, then readiness answers 503 problem while health still answers 200', async () => {
    const own = await startTestServer();
    try {
      await own.store.close();
      const ready = await own.request('GET', '/readyz', { key: null });
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await own.request('GET', '/healthz', { key: null })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('npm start (server/src/main.ts)', () => {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

  function run(env: Record<string, string>) {
    const child = spawn(tsx, ['server/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => ({ stdout, stderr }) };
  }

  it('when started on a fresh database, then it prints the URLs and the key once, and exits 0 on SIGTERM', async () => {
    const proc = run({ PORT: '0', DATABASE_URL: path.join(tmp, 'main.db') });
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => (/dhk_[A-Za-z0-9_-]{43}/.test(proc.output().stdout) ? resolve() : undefined);
        proc.child.stdout.on('data', check);
        proc.exited.then(() => reject(new Error(`exited early: ${JSON.stringify(proc.output())}`)));
      });
      const { stdout } = proc.output();
      const base = /API:\s+(http:\/\/localhost:\d+)\/v1/.exec(stdout)![1];
      expect(stdout).toContain(`Docs:     ${base}/docs`);
      expect(stdout).toContain(`OpenAPI:  ${base}/openapi.json`);
      expect(stdout).toContain(`Admin:    ${base}/admin`);
      const key = /(dhk_[A-Za-z0-9_-]{43})/.exec(stdout)![1];
      const port = new URL(base).port;
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
    } finally {
      proc.child.kill('SIGTERM');
    }
    expect(await proc.exited).toBe(0);
  });

  it('when the configuration is invalid, then it names every bad variable and exits non-zero', async () => {
    const proc = run({ PORT: 'eighty', DESKHOOKS_ALLOW_INSECURE_TARGETS: 'maybe', DATABASE_URL: path.join(tmp, 'bad.db') });
    const code = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.output().stderr).toMatch(/PORT must be an integer/);
    expect(proc.output().stderr).toMatch(/DESKHOOKS_ALLOW_INSECURE_TARGETS must be 1 or 0/);
  });
});
