import crypto from 'node:crypto';
import { type RequestOptions, startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: 'https://deskhooks.example.com' } });
});
afterAll(async () => {
  await server.close();
});

describe('GET /v1/me', () => {
  it('when a tenant key asks, then it gets its tenant and key name (Zapier connection test and label)', async () => {
    const me = await server.request('GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      tenant: { id: 'ten_default', name: 'Default', webhooksEnabled: true, createdAt: expect.any(String) },
      key: { id: expect.stringMatching(/^key_/), name: 'DESKHOOKS_API_KEY', role: 'tenant', prefix: server.apiKey.slice(0, Math.floor(server.apiKey.length / 4)) },
    });
  });

  it('when the key comes in X-API-Key, then it is accepted too', async () => {
    const me = await server.request('GET', '/v1/me', { key: null, headers: { 'X-API-Key': server.apiKey } });
    expect(me.status).toBe(200);
    expect(me.body.tenant.id).toBe('ten_default');
  });

  it('when the admin key asks, then it has no tenant', async () => {
    const me = await server.request('GET', '/v1/me', { key: server.adminKey });
    expect(me.body).toMatchObject({ tenant: null, key: { role: 'admin', name: 'DESKHOOKS_ADMIN_KEY' } });
  });

  it('when no key, a wrong key or a malformed header is sent, then 401 problem with WWW-Authenticate', async () => {
    const attempts: RequestOptions[] = [
      { key: null },
      { key: 'dhk_not_a_real_key_at_all' },
      { key: null, headers: { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } },
      { key: null, headers: { 'X-API-Key': '' } },
    ];
    for (const options of attempts) {
      const response = await server.request('GET', '/v1/me', options);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('tenants (admin)', () => {
  it('when the admin creates a tenant, then it gets the tenant and a first key that works at once', async () => {
    const created = await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Contoso IT', keyName: 'helpdesk' } });
    expect(created.status).toBe(201);
    const { tenant, apiKey } = created.body;
    expect(created.headers.get('location')).toBe(`https://deskhooks.example.com/v1/tenants/${tenant.id}`);
    expect(apiKey).toMatchObject({ tenantId: tenant.id, name: 'helpdesk', role: 'tenant', revokedAt: null, key: expect.stringMatching(/^dhk_/) });
    // A quarter of the key at most (issue 14): dhk_ and 7 characters of a 47-character key.
    expect(apiKey.prefix).toBe(apiKey.key.slice(0, 11));
    const me = await server.request('GET', '/v1/me', { key: apiKey.key });
    expect(me.body.tenant).toEqual(tenant);
    expect((await server.request('GET', `/v1/tenants/${tenant.id}`, { key: server.adminKey })).body).toEqual(tenant);
  });

  it('when tenants are listed in pages, then all of them appear', async () => {
    for (const name of ['A', 'B']) await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name } });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ name: string }>; nextCursor: string | null } } = await server.request(
        'GET',
        `/v1/tenants?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { key: server.adminKey },
      );
      names.push(...page.body.data.map((t) => t.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(expect.arrayContaining(['Default', 'A', 'B']));
  });

  it('when a tenant key uses a tenant operation, then 403; an unknown tenant is 404; a bad body is 400', async () => {
    expect((await server.request('GET', '/v1/tenants')).status).toBe(403);
    expect((await server.request('POST', '/v1/tenants', { body: { name: 'Sneaky' } })).status).toBe(403);
    expect((await server.request('GET', '/v1/tenants/ten_default')).status).toBe(403);
    expect((await server.request('GET', '/v1/tenants/ten_nope', { key: server.adminKey })).status).toBe(404);
    const bad = await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ pointer: '/name' }));
  });

  it('when the admin key uses a tenant resource, then 403 explains it needs a tenant key', async () => {
    const response = await server.request('GET', '/v1/hooks', { key: server.adminKey });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/tenant API key/);
  });
});

describe('API keys', () => {
  it('when a tenant creates, lists and revokes a key, then the revoked key is refused at once and revoking again is 204', async () => {
    const created = await server.request('POST', '/v1/api-keys', { body: { name: 'zapier' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`https://deskhooks.example.com/v1/api-keys/${created.body.id}`);
    const key = created.body.key as string;
    expect((await server.request('GET', '/v1/me', { key })).body.key.name).toBe('zapier');

    const listed = await server.request('GET', '/v1/api-keys');
    const entry = listed.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toMatchObject({ name: 'zapier', prefix: key.slice(0, 11), revokedAt: null, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    expect((await server.request('DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await server.request('GET', '/v1/me', { key })).status).toBe(401);
    expect((await server.request('DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await server.request('DELETE', '/v1/api-keys/key_nope')).status).toBe(404);
  });

  it('when keys are created, then the database holds only their SHA-256 and prefix, never the key itself', async () => {
    const created = await server.request('POST', '/v1/api-keys', { body: { name: 'at-rest' } });
    const key = created.body.key as string;
    const db = (server.store as unknown as { db: import('better-sqlite3').Database }).db;
    const rows = JSON.stringify(db.prepare('SELECT * FROM api_keys').all());
    for (const plain of [key, server.apiKey, server.adminKey]) {
      expect(rows).not.toContain(plain);
      expect(rows).toContain(crypto.createHash('sha256').update(plain).digest('hex'));
    }
    expect(rows).toContain(key.slice(0, 11));
    expect(rows).not.toContain(key.slice(0, 12));
  });

  it('when the admin creates keys for a tenant, for another admin, and lists a tenant\'s keys, then each lands where asked', async () => {
    const { tenant } = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Keys Inc' } })).body;
    const forTenant = await server.request('POST', '/v1/api-keys', { key: server.adminKey, body: { name: 'ops', tenantId: tenant.id } });
    expect(forTenant.body).toMatchObject({ tenantId: tenant.id, role: 'tenant' });
    const admin = await server.request('POST', '/v1/api-keys', { key: server.adminKey, body: { name: 'second admin' } });
    expect(admin.body).toMatchObject({ tenantId: null, role: 'admin' });
    expect((await server.request('GET', '/v1/tenants', { key: admin.body.key })).status).toBe(200);
    const listed = await server.request('GET', `/v1/api-keys?tenantId=${tenant.id}`, { key: server.adminKey });
    expect(listed.body.data.map((k: { name: string }) => k.name).sort()).toEqual(['default', 'ops']);
    expect((await server.request('POST', '/v1/api-keys', { key: server.adminKey, body: { name: 'x', tenantId: 'ten_nope' } })).status).toBe(404);
    expect((await server.request('DELETE', `/v1/api-keys/${forTenant.body.id}`, { key: server.adminKey })).status).toBe(204);
  });

  it("when a tenant key names another tenant, then 403; another tenant's key id is 404", async () => {
    const other = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Other' } })).body;
    expect((await server.request('POST', '/v1/api-keys', { body: { name: 'x', tenantId: other.tenant.id } })).status).toBe(403);
    expect((await server.request('GET', `/v1/api-keys?tenantId=${other.tenant.id}`)).status).toBe(403);
    expect((await server.request('DELETE', `/v1/api-keys/${other.apiKey.id}`)).status).toBe(404);
    expect((await server.request('GET', '/v1/me', { key: other.apiKey.key })).status).toBe(200);
  });
});

describe('settings', () => {
  it('when the switch is read and flipped, then it follows; a non-boolean is 400', async () => {
    const { apiKey } = (await server.request('POST', '/v1/tenants', { key: server.adminKey, body: { name: 'Switch' } })).body;
    expect((await server.request('GET', '/v1/settings', { key: apiKey.key })).body).toEqual({ webhooksEnabled: true, liveChatAppId: null });
    expect((await server.request('PATCH', '/v1/settings', { key: apiKey.key, body: { webhooksEnabled: false } })).body).toEqual({ webhooksEnabled: false, liveChatAppId: null });
    expect((await server.request('GET', '/v1/settings', { key: apiKey.key })).body).toEqual({ webhooksEnabled: false, liveChatAppId: null });
    const bad = await server.request('PATCH', '/v1/settings', { key: apiKey.key, body: { webhooksEnabled: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ pointer: '/webhooksEnabled', location: 'body' }));
  });
});
