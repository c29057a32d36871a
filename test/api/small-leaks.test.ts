/**
 * Small leaks (issue 14, item 8): the public /metrics endpoint never names a tenant's custom event
 * types, and an API key's stored and shown prefix is never more than a quarter of the key, also for
 * keys stored by an older version (migration 030). Over real HTTP.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrations } from '../../server/src/store/migrations';
import { MIGRATIONS_DIR, migrateSqlite } from '../../server/src/store/sqlite/sqlite-store';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ startEngine: false });
});
afterAll(async () => {
  await server.close();
});

describe('/metrics', () => {
  it("when a tenant publishes a custom event type, then /metrics counts it as custom and never shows the type's name", async () => {
    const type = 'custom.acquisition_project_zebra';
    expect((await server.request('PUT', `/v1/custom-event-types/${type}`, { body: { schema: { type: 'object' }, sample: {} } })).status).toBe(201);
    expect((await server.request('POST', '/v1/events', { body: { type, data: {} } })).status).toBe(202);
    const sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
    expect((await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample } })).status).toBe(202);

    const metrics = await server.request('GET', '/metrics', { key: null });
    expect(metrics.status).toBe(200);
    expect(metrics.body).not.toContain('acquisition_project_zebra');
    expect(metrics.body).toMatch(/deskhooks_events_accepted_total\{type="custom"\} 1\b/);
    // Catalog types are the same for everyone and keep their names.
    expect(metrics.body).toMatch(/deskhooks_events_accepted_total\{type="chat\.missed"\} 1\b/);
  });
});

describe('API key prefixes', () => {
  const quarter = (key: string) => Math.floor(key.length / 4);

  it('when keys are created, listed and used, then every prefix shown is the start of its key and at most a quarter of it', async () => {
    const created = await server.request('POST', '/v1/api-keys', { body: { name: 'prefix-check' } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key.startsWith(created.body.prefix)).toBe(true);
    expect(created.body.prefix.length).toBeLessThanOrEqual(quarter(key));

    const me = await server.request('GET', '/v1/me', { key });
    expect(me.body.key.prefix).toBe(created.body.prefix);
    const listed = (await server.request('GET', '/v1/api-keys')).body.data as Array<{ name: string; prefix: string }>;
    expect(listed.find((k) => k.name === 'prefix-check')!.prefix).toBe(created.body.prefix);
    // The environment's key (41 characters here) shows 10 at most, not the 12 it used to.
    const envKey = listed.find((k) => k.name === 'DESKHOOKS_API_KEY')!;
    expect(envKey.prefix).toBe(server.apiKey.slice(0, quarter(server.apiKey)));
  });

  it('when a database written by an older version holds 12-character prefixes, then after the upgrade none is longer than a quarter of its key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-prefix-'));
    const file = path.join(dir, 'old.db');
    const generated = `dhk_${'A'.repeat(43)}`; // a generated key's length: 47
    const envKey = 'sixteen-chars-ok'; // the shortest key DESKHOOKS_API_KEY takes
    try {
      const db = new Database(file);
      migrateSqlite(db, readMigrations(MIGRATIONS_DIR).filter((m) => m.version < 30));
      const insert = db.prepare(
        `INSERT INTO api_keys (id, tenant_id, name, role, prefix, hash, created_at, revoked_at, last_used_at)
         VALUES (?, NULL, ?, 'admin', ?, ?, 0, NULL, NULL)`,
      );
      insert.run('key_old_generated', 'ops', generated.slice(0, 12), 'a'.repeat(64));
      insert.run('key_old_env', 'DESKHOOKS_ADMIN_KEY', envKey.slice(0, 12), 'b'.repeat(64));
      db.close();

      const upgraded = await startTestServer({ startEngine: false, env: { DATABASE_URL: file } });
      try {
        const keys = (await upgraded.request('GET', '/v1/api-keys', { key: upgraded.adminKey })).body.data as Array<{ id: string; prefix: string }>;
        const prefixOf = (id: string) => keys.find((k) => k.id === id)!.prefix;
        expect(prefixOf('key_old_generated')).toBe(generated.slice(0, quarter(generated)));
        expect(prefixOf('key_old_env')).toBe(envKey.slice(0, quarter(envKey)));
      } finally {
        await upgraded.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
