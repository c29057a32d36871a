import { startTestServer, type TestServer } from '../helpers/start-server';

/** A clock the tests move forward by hand (secret rotation overlap). */
const clock = { t: Date.UTC(2026, 2, 2, 9, 0, 0), now() { return this.t; } };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock, env: { PUBLIC_URL: 'https://deskhooks.example.com/base' } });
});
afterAll(async () => {
  await server.close();
});

const POWER_AUTOMATE_URL =
  'https://prod-27.westeurope.logic.azure.com:443/workflows/5f1e/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=q1W%2Bx%3D';

/** Hooks to 127.0.0.1 port 9 (discard): the engine's attempts fail fast and never reach anything. */
const target = (suffix = '') => `http://127.0.0.1:9/hooks${suffix}`;

async function createHook(body: Record<string, unknown> = {}) {
  const response = await server.request('POST', '/v1/hooks', { body: { url: target(), events: ['chat.missed'], ...body } });
  expect(response.status).toBe(201);
  return response.body;
}

describe('creating hooks', () => {
  it('when a hook is created, then the answer is 201 with an absolute Location under PUBLIC_URL and a whsec_ secret', async () => {
    const response = await server.request('POST', '/v1/hooks', {
      body: { url: target('/a'), events: ['chat.missed', 'chat.callback_requested'], description: 'Missed chats', name: 'On call' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`https://deskhooks.example.com/base/v1/hooks/${response.body.id}`);
    expect(response.body).toMatchObject({
      url: target('/a'),
      events: ['chat.missed', 'chat.callback_requested'],
      description: 'Missed chats',
      name: 'On call',
      status: 'active',
      enabled: true,
      format: 'envelope',
      method: 'POST',
      auth: { type: 'none' },
      retryPolicy: { type: 'standard' },
      source: 'api',
      deleted: false,
    });
    expect(response.body.id).toMatch(/^hook_/);
    expect(Buffer.from(response.body.secret.replace(/^whsec_/, ''), 'base64').length).toBeGreaterThanOrEqual(24);
    const fetched = await server.request('GET', `/v1/hooks/${response.body.id}`);
    expect(fetched.body).toEqual(Object.fromEntries(Object.entries(response.body).filter(([k]) => k !== 'secret')));
  });

  it('when a Power Automate URL with escaped query and :443 is subscribed, then it is stored and returned byte for byte', async () => {
    const created = await server.request('POST', '/v1/triggers/ticket.created/hooks', {
      body: { url: POWER_AUTOMATE_URL, source: 'power-automate' },
    });
    // This server allows insecure targets, so the public name is not resolved (tests may not);
    // what is checked here is that the URL survives untouched.
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(POWER_AUTOMATE_URL);
    expect((await server.request('GET', `/v1/hooks/${created.body.id}`)).body.url).toBe(POWER_AUTOMATE_URL);
    const listed = await server.request('GET', '/v1/hooks?event=ticket.created');
    expect(listed.body.data.map((h: { url: string }) => h.url)).toContain(POWER_AUTOMATE_URL);
  });

  it('when the same URL subscribes to the same event twice, then two separate hooks exist and deleting one keeps the other', async () => {
    const first = await createHook({ url: target('/twice'), events: ['chat.completed'] });
    const second = await createHook({ url: target('/twice'), events: ['chat.completed'] });
    expect(second.id).not.toBe(first.id);
    expect(second.secret).not.toBe(first.secret);
    expect((await server.request('DELETE', `/v1/hooks/${first.id}`)).status).toBe(204);
    expect((await server.request('GET', `/v1/hooks/${second.id}`)).body).toMatchObject({ deleted: false, status: 'active' });
  });

  it('when subscribing per trigger, then the hook has exactly that event type; an unknown type is 404', async () => {
    const created = await server.request('POST', '/v1/triggers/chat.missed/hooks', {
      body: { url: target('/zap'), description: 'Zap: missed chats', source: 'zapier' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ events: ['chat.missed'], source: 'zapier', description: 'Zap: missed chats' });
    expect(created.headers.get('location')).toBe(`https://deskhooks.example.com/base/v1/hooks/${created.body.id}`);
    const unknown = await server.request('POST', '/v1/triggers/chat.unknown_thing/hooks', { body: { url: target() } });
    expect(unknown.status).toBe(404);
    const withEvents = await server.request('POST', '/v1/triggers/chat.missed/hooks', { body: { url: target(), events: ['chat.created'] } });
    expect(withEvents.status).toBe(400);
    expect(withEvents.body.errors).toContainEqual(expect.objectContaining({ pointer: '/events', location: 'body' }));
  });

  it('when a hook is created disabled, with a filter, template and auth, then credentials are never returned', async () => {
    const hook = await createHook({
      enabled: false,
      format: 'template',
      template: { body: '{"text": "{{ data.chat.id }}"}', contentType: 'json' },
      filter: { 'data.chat.type': 'request' },
      auth: { type: 'basic', username: 'deskhooks', password: 'hunter2-secret' },
      headers: { 'X-Team': 'support' },
      retryPolicy: { type: 'custom', delays: [5, 60] },
      ordered: true,
      brand: 'Harbour IT',
    });
    expect(hook).toMatchObject({
      status: 'inactive',
      enabled: false,
      format: 'template',
      auth: { type: 'basic', username: 'deskhooks' },
      headers: { 'X-Team': 'support' },
      filter: { 'data.chat.type': 'request' },
      ordered: true,
      brand: 'Harbour IT',
    });
    expect(JSON.stringify(hook)).not.toContain('hunter2-secret');
    expect(JSON.stringify((await server.request('GET', `/v1/hooks/${hook.id}`)).body)).not.toContain('hunter2-secret');
  });

  it('when events name an unknown type, then 422 names each bad entry; * and catalog types are accepted', async () => {
    const response = await server.request('POST', '/v1/hooks', {
      body: { url: target(), events: ['chat.missed', 'chat.nonexistent', 'custom.not_registered'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/events/1', '/events/2']);
    expect((await createHook({ events: ['*'] })).events).toEqual(['*']);
  });

  it('when delivery settings are invalid, then 422 names every bad field at once', async () => {
    const response = await server.request('POST', '/v1/hooks', {
      body: {
        url: target(),
        events: ['chat.missed'],
        format: 'template',
        headers: { 'Content-Type': 'text/plain', 'X-Ok': 'a\r\nInjected: 1' },
        filter: { $where: 'sleep(1000)' },
      },
    });
    expect(response.status).toBe(422);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/template', '/headers/Content-Type', '/headers/X-Ok', '/filter/$where']));
  });

  it('when the body has unknown or mistyped fields, then 400 names each of them without coercing', async () => {
    const response = await server.request('POST', '/v1/hooks', {
      body: { url: target(), events: ['chat.missed'], enabled: 'true', ordered: 1, colour: 'blue' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/enabled', location: 'body' }),
        expect.objectContaining({ pointer: '/ordered', location: 'body' }),
        expect.objectContaining({ pointer: '/colour', location: 'body', detail: 'is not an allowed property' }),
      ]),
    );
    // Neither url nor destination: well-formed but incomplete (a hook may have either), so 422 naming url.
    const missing = await server.request('POST', '/v1/hooks', { body: { events: ['chat.missed'] } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ pointer: '/url', location: 'body' }));
  });
});

describe('listing hooks', () => {
  it('when hooks are listed with filters and pages, then each page is newest first and the cursor walks them all', async () => {
    const brand = `brand-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createHook({ brand, events: i % 2 ? ['ticket.updated'] : ['*'] })).id);
    await server.request('POST', `/v1/hooks/${ids[0]}/deactivate`);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/hooks?brand=${brand}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await server.request('GET', query);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((h: { id: string }) => h.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const inactive = await server.request('GET', `/v1/hooks?brand=${brand}&status=inactive`);
    expect(inactive.body.data.map((h: { id: string }) => h.id)).toEqual([ids[0]]);
    const updated = await server.request('GET', `/v1/hooks?brand=${brand}&event=ticket.updated`);
    expect(updated.body.data.map((h: { id: string }) => h.id).sort()).toEqual([...ids].sort());
    const created = await server.request('GET', `/v1/hooks?brand=${brand}&event=ticket.created`);
    expect(created.body.data.map((h: { id: string }) => h.id).sort()).toEqual([ids[0], ids[2], ids[4]].sort());
  });

  it('when query values carry unencoded reserved characters (+ for a space, /, :), then they are decoded, not refused', async () => {
    const hook = await createHook({ brand: 'IT/Support Team: Nord' });
    // What URLSearchParams (browsers, Zapier) and people typing into curl send.
    const listed = await server.request('GET', '/v1/hooks?brand=IT/Support+Team:+Nord');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((h: { id: string }) => h.id)).toEqual([hook.id]);
    const params = new URLSearchParams({ reason: 'flow turned off (by Ana)' }).toString();
    expect(params).toContain('+');
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}?${params}`)).status).toBe(204);
    expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.deletedReason).toBe('flow turned off (by Ana)');
  });

  it('when a query parameter is unknown, out of range, or the cursor is forged, then 400 names the parameter', async () => {
    for (const [query, parameter] of [
      ['?colour=blue', 'colour'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?status=sleeping', 'status'],
      ['?cursor=forged', 'cursor'],
    ]) {
      const response = await server.request('GET', `/v1/hooks${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ parameter, location: 'query' }));
    }
  });
});

describe('editing hooks', () => {
  it('when a hook is patched, then only the given fields change (no defaults are applied to the rest)', async () => {
    const hook = await createHook({ method: 'PUT', format: 'data', ordered: true, source: 'zapier', name: 'Keep me' });
    const patched = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { description: 'Weekdays team', events: ['chat.missed', 'chat.created'] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      description: 'Weekdays team',
      events: ['chat.missed', 'chat.created'],
      method: 'PUT',
      format: 'data',
      ordered: true,
      source: 'zapier',
      name: 'Keep me',
      status: 'active',
    });
    const cleared = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { name: null, enabled: false } });
    expect(cleared.body).toMatchObject({ name: null, status: 'inactive', enabled: false, format: 'data' });
  });

  it('when a patch would leave invalid settings, then 422 and nothing changes', async () => {
    const hook = await createHook();
    const response = await server.request('PATCH', `/v1/hooks/${hook.id}`, { body: { format: 'template', events: ['nope.nope'] } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/events/0', '/template']);
    expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.format).toBe('envelope');
  });

  it('when a hook is deactivated and activated, then its status follows and repeating either is harmless', async () => {
    const hook = await createHook();
    for (const [action, status] of [
      ['deactivate', 'inactive'],
      ['deactivate', 'inactive'],
      ['activate', 'active'],
      ['activate', 'active'],
    ]) {
      const response = await server.request('POST', `/v1/hooks/${hook.id}/${action}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status, enabled: status === 'active' });
    }
  });

  it('when a deleted hook is edited, activated or deactivated, then 409 says to restore it first', async () => {
    const hook = await createHook();
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
    for (const [method, path, body] of [
      ['PATCH', `/v1/hooks/${hook.id}`, { description: 'x' }],
      ['POST', `/v1/hooks/${hook.id}/activate`, undefined],
      ['POST', `/v1/hooks/${hook.id}/deactivate`, undefined],
    ] as const) {
      const response = await server.request(method, path, { body });
      expect(response.status).toBe(409);
      expect(response.body.detail).toMatch(/restore/);
    }
  });
});

describe('deleting and restoring hooks', () => {
  it('when a hook is deleted twice, then both answers are 204 and the deleted list records who and why once', async () => {
    const hook = await createHook({ source: 'zapier' });
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}`)).status).toBe(204);
    const first = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(first).toMatchObject({ deleted: true, deletedBy: 'DESKHOOKS_API_KEY', deletedReason: 'unsubscribed' });
    clock.t += 1000;
    expect((await server.request('DELETE', `/v1/hooks/${hook.id}?reason=again`)).status).toBe(204);
    const second = (await server.request('GET', `/v1/hooks/${hook.id}`)).body;
    expect(second).toEqual(first);
    const deleted = await server.request('GET', '/v1/hooks/deleted');
    expect(deleted.body.data.map((h: { id: string }) => h.id)).toContain(hook.id);
    const registered = await server.request('GET', '/v1/hooks?limit=100');
    expect(registered.body.data.map((h: { id: string }) => h.id)).not.toContain(hook.id);
  });

  it('when a hook is deleted with a reason, then the reason is recorded; a manual delete without one says manual', async () => {
    const withReason = await createHook();
    await server.request('DELETE', `/v1/hooks/${withReason.id}?reason=${encodeURIComponent('flow turned off')}`);
    expect((await server.request('GET', `/v1/hooks/${withReason.id}`)).body.deletedReason).toBe('flow turned off');
    const manual = await createHook();
    await server.request('DELETE', `/v1/hooks/${manual.id}`);
    expect((await server.request('GET', `/v1/hooks/${manual.id}`)).body.deletedReason).toBe('manual');
  });

  it('when a deleted hook is restored, then it is back and inactive; restoring a live hook is 409', async () => {
    const hook = await createHook();
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
    const restored = await server.request('POST', `/v1/hooks/${hook.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deleted: false, status: 'inactive', deletedAt: null, deletedBy: null, deletedReason: null });
    expect((await server.request('POST', `/v1/hooks/${hook.id}/restore`)).status).toBe(409);
    expect((await server.request('POST', `/v1/hooks/${hook.id}/activate`)).body.status).toBe('active');
  });

  it('when a hook is deactivated and then deleted, then hook.disabled is published for each, with that reason', async () => {
    const hook = await createHook({ description: 'Watched by a flow' });
    await server.request('POST', `/v1/hooks/${hook.id}/deactivate`);
    await server.request('POST', `/v1/hooks/${hook.id}/deactivate`);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
    await server.request('DELETE', `/v1/hooks/${hook.id}`);
    const events = await server.request('GET', '/v1/events?type=hook.disabled&limit=100');
    const about = events.body.data.filter((e: { data: { hook: { id: string } } }) => e.data.hook.id === hook.id);
    // Newest first; repeating either action announces nothing new.
    expect(about.map((e: { data: { reason: string } }) => e.data.reason)).toEqual(['deleted', 'deactivated']);
    expect(about[0].data.hook).toMatchObject({ id: hook.id, url: hook.url, description: 'Watched by a flow', events: ['chat.missed'] });
  });

  it('when a hook is unknown, then delete, restore and the other operations answer 404', async () => {
    for (const [method, path] of [
      ['GET', '/v1/hooks/hook_missing'],
      ['DELETE', '/v1/hooks/hook_missing'],
      ['POST', '/v1/hooks/hook_missing/restore'],
      ['GET', '/v1/hooks/hook_missing/secret'],
    ]) {
      expect((await server.request(method, path)).status).toBe(404);
    }
  });
});

describe('signing secrets', () => {
  it('when the secret is rotated, then the old one keeps signing for the overlap and then drops out', async () => {
    const hook = await createHook();
    const before = await server.request('GET', `/v1/hooks/${hook.id}/secret`);
    expect(before.body).toEqual({ secret: hook.secret, secrets: [{ secret: hook.secret, createdAt: expect.any(String), expiresAt: null }] });

    const rotated = await server.request('POST', `/v1/hooks/${hook.id}/secret/rotate`, { body: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(rotated.body.secrets).toEqual([
      { secret: rotated.body.secret, createdAt: new Date(clock.t).toISOString(), expiresAt: null },
      { secret: hook.secret, createdAt: expect.any(String), expiresAt: new Date(clock.t + 3600_000).toISOString() },
    ]);

    clock.t += 3600_000 - 1;
    expect((await server.request('GET', `/v1/hooks/${hook.id}/secret`)).body.secrets).toHaveLength(2);
    clock.t += 1;
    expect((await server.request('GET', `/v1/hooks/${hook.id}/secret`)).body).toEqual({
      secret: rotated.body.secret,
      secrets: [expect.objectContaining({ secret: rotated.body.secret })],
    });
  });

  it('when rotating without a body, then the overlap is 24 hours; with 0 the old secret stops at once', async () => {
    const hook = await createHook();
    const rotated = await server.request('POST', `/v1/hooks/${hook.id}/secret/rotate`);
    expect(rotated.body.secrets[1]).toEqual(expect.objectContaining({ secret: hook.secret, expiresAt: new Date(clock.t + 86400_000).toISOString() }));
    const again = await server.request('POST', `/v1/hooks/${hook.id}/secret/rotate`, { body: { overlapSeconds: 0 } });
    expect(again.body.secrets).toHaveLength(1);
    expect(again.body.secret).not.toBe(rotated.body.secret);
  });

  it('when the overlap is not an integer in range, then 400 names it (a string is not coerced)', async () => {
    const hook = await createHook();
    for (const overlapSeconds of ['3600', -1, 604801, 1.5]) {
      const response = await server.request('POST', `/v1/hooks/${hook.id}/secret/rotate`, { body: { overlapSeconds } });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: '/overlapSeconds' }));
    }
  });
});
