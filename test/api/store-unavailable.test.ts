/**
 * Database trouble (issue 14, item 7): a store that is busy or down answers 503 problem+json with
 * Retry-After, quickly, instead of freezing the process or answering 500; a database file that cannot
 * be written at start is a one-line message and exit code 78. Over real HTTP. The PostgreSQL half is
 * in test/multi-node/database-outage.test.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sample } from '../delivery/fixtures';
import { startTestServer, type TestServer } from '../helpers/start-server';

const ROOT = path.resolve(__dirname, '../..');
const KEY = `test:${Buffer.alloc(32, 3).toString('base64')}`;

describe('SQLite locked by another process', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test('when another connection holds the write lock, then a publish answers 503 with Retry-After within the busy timeout, stores nothing, and succeeds once the lock is gone', async () => {
    const publish = () => server.request('POST', '/v1/events', { body: { type: 'ticket.created', data: sample('ticket.created') } });
    // Once, so the key's last-used time is fresh and the locked publish does exactly one write.
    expect((await publish()).status).toBe(202);
    const before = (await server.request('GET', '/v1/events?limit=100')).body.data.length;

    const other = new Database(server.config.databaseUrl);
    other.exec('BEGIN EXCLUSIVE');
    let refused;
    let elapsed: number;
    try {
      // The event loop stays responsive meanwhile: a health check sent alongside is answered too.
      const started = performance.now();
      const [answer, health] = await Promise.all([publish(), server.request('GET', '/healthz', { key: null })]);
      elapsed = performance.now() - started;
      refused = answer;
      expect(health.status).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }

    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(refused.body.detail).toMatch(/busy/);
    // The default busy timeout is 200 ms; 5 s (the old wait) would fail this by far.
    expect(elapsed).toBeLessThan(1500);

    expect((await server.request('GET', '/v1/events?limit=100')).body.data.length).toBe(before);
    expect((await publish()).status).toBe(202);
  });
});

describe('npm start on a database file it cannot write', () => {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-ro-'));
  });
  afterEach(() => {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs main.ts; as root (where file modes do not bind), as the unprivileged `nobody`. */
  function run(env: Record<string, string>) {
    const asRoot = process.getuid?.() === 0;
    const child = spawn(tsx, ['server/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), LOG_LEVEL: 'warn', PORT: '0', DESKHOOKS_ENCRYPTION_KEY: KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  test('when the database file and its directory are read-only, then it prints one line naming the file and exits 78', async () => {
    const file = path.join(dir, 'deskhooks.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE placeholder (x INTEGER)');
    db.close();
    fs.chmodSync(file, 0o444);
    fs.chmodSync(dir, 0o555);

    const proc = run({ DATABASE_URL: file });
    const code = await proc.exited;

    expect(code).toBe(78);
    expect(proc.output()).toContain(`deskhooks: cannot open the SQLite database ${file}: `);
    expect(proc.output()).toMatch(/read-only|writable/);
    expect(proc.output()).not.toMatch(/\n\s+at /);
    expect(proc.output().trim().split('\n')).toHaveLength(1);
  }, 120_000);

  test('when the database path runs through a regular file, then it prints one line and exits 78', async () => {
    const blocker = path.join(dir, 'not-a-directory');
    fs.writeFileSync(blocker, 'x');
    fs.chmodSync(dir, 0o755);
    const proc = run({ DATABASE_URL: path.join(blocker, 'deskhooks.db') });
    const code = await proc.exited;

    expect(code).toBe(78);
    expect(proc.output()).toContain('deskhooks: cannot open the SQLite database');
    expect(proc.output()).not.toMatch(/\n\s+at /);
  }, 120_000);
});
