/**
 * The store conformance suite: written once, run against every Store implementation
 * (test/store/sqlite.test.ts, and the PostgreSQL one). A backend that cannot do something declares
 * it in `capabilities`; the suite then runs the test that documents the difference instead of
 * skipping silently.
 */
import type { CaptureRecord, HookRecord, Store } from '../../server/src/store/store';
import { InvalidCursorError } from '../../server/src/domain/errors';
import {
  T0,
  agentLookup,
  apiKey,
  attempt,
  delivery,
  event,
  hook,
  planAll,
  rid,
  tenant,
} from './fixtures';

export interface StoreCapabilities {
  /**
   * Opens a second handle (another "node") on the same database as `store`, or undefined when the
   * backend cannot share a database between handles.
   */
  openSecondHandle?: (store: Store) => Promise<Store>;
  /**
   * true: onDeliveriesCreated fires on every handle of the database (PostgreSQL LISTEN/NOTIFY).
   * false: only on the handle that committed (SQLite: one process, in-process notification).
   */
  notifiesOtherHandles: boolean;
  /**
   * Reads and writes a hook row's sealed columns (auth, headers, secrets) as stored text, behind the
   * store's back: to check what is at rest and to plant rows an older deskhooks wrote in plain text.
   */
  rawHookColumns?: {
    read(store: Store, tenantId: string, id: string): Promise<Record<'auth' | 'headers' | 'secrets', string>>;
    write(store: Store, tenantId: string, id: string, columns: Record<'auth' | 'headers' | 'secrets', string>): Promise<void>;
  };
}

/**
 * `factory` must return an empty, migrated store; it is called before every test and the store is
 * closed after it.
 */
export function describeStoreConformance(
  name: string,
  factory: () => Promise<Store>,
  capabilities: StoreCapabilities = { notifiesOtherHandles: false },
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    const extra: Store[] = [];

    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      for (const handle of extra.splice(0)) await handle.close();
      await store.close();
    });

    async function newTenant(): Promise<string> {
      const t = tenant();
      await store.createTenant(t);
      return t.id;
    }

    async function newHook(tenantId: string, overrides: Partial<HookRecord> = {}): Promise<HookRecord> {
      const h = hook(tenantId, overrides);
      await store.createHook(h);
      return h;
    }

    /** An event with one pending delivery to `hookId`; returns the delivery. */
    async function queued(tenantId: string, hookId: string, overrides: Parameters<typeof delivery>[3] = {}) {
      const e = event(tenantId);
      const result = await store.appendEvent(e, () => [delivery(tenantId, hookId, e.id, overrides)]);
      return result.deliveries[0];
    }

    describe('lifecycle', () => {
      it('when migrate runs again on a migrated store, then it changes nothing and the store answers ping', async () => {
        const id = await newTenant();
        await store.migrate();
        await store.migrate();
        await expect(store.ping()).resolves.toBeUndefined();
        expect(await store.getTenant(id)).toMatchObject({ id });
      });

      it('when asked its kind, then it names its backend', () => {
        expect(['sqlite', 'postgres']).toContain(store.kind);
      });
    });

    describe('tenants', () => {
      it('when a tenant is created, then get returns it field for field and an unknown id returns undefined', async () => {
        const t = tenant({ webhooksEnabled: false });
        await store.createTenant(t);
        expect(await store.getTenant(t.id)).toEqual(t);
        expect(await store.getTenant('ten_unknown')).toBeUndefined();
      });

      it('when tenants are listed in pages, then every tenant appears exactly once', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 5; i++) ids.add(await newTenant());
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.listTenants({ limit: 2, cursor });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((t) => t.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen.sort()).toEqual([...ids].sort());
      });

      it('when a tenant is updated, then only the given fields change', async () => {
        const t = tenant({ name: 'Before', webhooksEnabled: true });
        await store.createTenant(t);
        expect(await store.updateTenant(t.id, { webhooksEnabled: false })).toEqual({ ...t, webhooksEnabled: false });
        expect(await store.updateTenant(t.id, { name: 'After' })).toEqual({ ...t, name: 'After', webhooksEnabled: false });
        expect(await store.updateTenant(t.id, { liveChatAppId: 'app_5f1e' })).toEqual({ ...t, name: 'After', webhooksEnabled: false, liveChatAppId: 'app_5f1e' });
        expect(await store.getTenant(t.id)).toEqual({ ...t, name: 'After', webhooksEnabled: false, liveChatAppId: 'app_5f1e' });
        expect(await store.updateTenant(t.id, { liveChatAppId: null })).toEqual({ ...t, name: 'After', webhooksEnabled: false, liveChatAppId: null });
        expect(await store.updateTenant('ten_unknown', { name: 'x' })).toBeUndefined();
      });
    });

    describe('API keys', () => {
      it('when a key is created, then it is found by its hash, listed for its tenant and not for another', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const key = apiKey({ tenantId: a });
        await store.createApiKey(key);
        await store.createApiKey(apiKey({ tenantId: b }));
        expect(await store.findApiKeyByHash(key.hash)).toEqual(key);
        expect(await store.findApiKeyByHash('0'.repeat(64))).toBeUndefined();
        expect((await store.listApiKeys(a)).map((k) => k.id)).toEqual([key.id]);
        const all = await store.listApiKeys(null);
        expect(all.map((k) => k.id)).toContain(key.id);
        expect(all.length).toBeGreaterThanOrEqual(2);
      });

      it("when a tenant revokes another tenant's key, then it is refused; its own key is revoked once", async () => {
        const a = await newTenant();
        const b = await newTenant();
        const key = apiKey({ tenantId: a });
        await store.createApiKey(key);
        expect(await store.revokeApiKey(b, key.id, T0 + 1)).toBe(false);
        expect((await store.findApiKeyByHash(key.hash))!.revokedAt).toBeNull();
        expect(await store.revokeApiKey(a, key.id, T0 + 2)).toBe(true);
        expect(await store.revokeApiKey(a, key.id, T0 + 3)).toBe(true);
        expect((await store.findApiKeyByHash(key.hash))!.revokedAt).toBe(T0 + 2);
        expect(await store.revokeApiKey(a, 'key_unknown', T0)).toBe(false);
      });

      it('when the admin scope (null) revokes any key, then it is revoked', async () => {
        const a = await newTenant();
        const key = apiKey({ tenantId: a });
        const admin = apiKey({ role: 'admin', tenantId: null });
        await store.createApiKey(key);
        await store.createApiKey(admin);
        expect(await store.revokeApiKey(null, key.id, T0 + 5)).toBe(true);
        expect((await store.findApiKeyByHash(key.hash))!.revokedAt).toBe(T0 + 5);
        expect(await store.findApiKeyByHash(admin.hash)).toEqual(admin);
      });

      it('when a key is touched, then lastUsedAt is recorded', async () => {
        const key = apiKey({ tenantId: await newTenant() });
        await store.createApiKey(key);
        await store.touchApiKey(key.id, T0 + 60000);
        expect((await store.findApiKeyByHash(key.hash))!.lastUsedAt).toBe(T0 + 60000);
      });
    });

    describe('custom event types', () => {
      const record = (tenantId: string, type = 'custom.device_offline') => ({
        tenantId,
        type,
        description: 'A device went offline.',
        schema: { type: 'object', required: ['deviceId'], properties: { deviceId: { type: 'string' } } },
        sample: { deviceId: 'LAPTOP-0042' },
        createdAt: T0,
        updatedAt: T0,
      });

      it('when a type is put twice, then the first put creates and the second replaces, keeping createdAt', async () => {
        const a = await newTenant();
        expect(await store.putCustomEventType(record(a))).toBe(true);
        const replaced = { ...record(a), description: 'changed', createdAt: T0 + 999, updatedAt: T0 + 1000 };
        expect(await store.putCustomEventType(replaced)).toBe(false);
        expect(await store.getCustomEventType(a, 'custom.device_offline')).toEqual({ ...replaced, createdAt: T0 });
      });

      it("when types are listed and deleted, then only the tenant's own are seen and deleted", async () => {
        const a = await newTenant();
        const b = await newTenant();
        await store.putCustomEventType(record(a, 'custom.zeta'));
        await store.putCustomEventType(record(a, 'custom.alpha'));
        await store.putCustomEventType(record(b, 'custom.alpha'));
        expect((await store.listCustomEventTypes(a)).map((r) => r.type)).toEqual(['custom.alpha', 'custom.zeta']);
        expect(await store.getCustomEventType(b, 'custom.zeta')).toBeUndefined();
        expect(await store.deleteCustomEventType(b, 'custom.zeta')).toBe(false);
        expect(await store.deleteCustomEventType(a, 'custom.zeta')).toBe(true);
        expect(await store.deleteCustomEventType(a, 'custom.zeta')).toBe(false);
        expect((await store.listCustomEventTypes(b)).map((r) => r.type)).toEqual(['custom.alpha']);
      });
    });

    describe('hooks', () => {
      it('when a hook is created, then get returns every field unchanged, the URL byte for byte', async () => {
        const a = await newTenant();
        const h = hook(a, {
          url: 'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbC%2B%3D',
          events: ['chat.missed', 'ticket.created'],
          name: 'Flow',
          brand: 'Harbour IT',
          format: 'template',
          template: { body: '{"text": "{{ data.chat.id }}"}', contentType: 'json' },
          method: 'PUT',
          auth: { type: 'api_key', headerName: 'X-Token', value: 's3cret' },
          headers: { 'X-Env': 'prod' },
          filter: { 'data.chat.type': 'request' },
          retryPolicy: { type: 'custom', delays: [5, 60] },
          redirects: 'succeed',
          ordered: true,
          source: 'power-automate',
          lastDelivery: { deliveryId: 'msg_1', status: 'succeeded', responseStatus: 200, at: T0 },
          failingSince: T0 - 5,
        });
        await store.createHook(h);
        expect(await store.getHook(a, h.id)).toEqual(h);
      });

      it("when another tenant asks for a hook, then it is not found and not listed, and cannot be updated", async () => {
        const a = await newTenant();
        const b = await newTenant();
        const h = await newHook(a);
        expect(await store.getHook(b, h.id)).toBeUndefined();
        expect((await store.listHooks({ tenantId: b, deleted: false, limit: 100 })).items).toEqual([]);
        expect(await store.updateHook(b, h.id, { description: 'hijacked' })).toBeUndefined();
        expect((await store.getHook(a, h.id))!.description).toBe('test hook');
      });

      it('when hooks are listed in pages, then they come newest first, each exactly once', async () => {
        const a = await newTenant();
        const created: string[] = [];
        for (let i = 0; i < 5; i++) created.push((await newHook(a, { createdAt: T0 + i })).id);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.listHooks({ tenantId: a, deleted: false, limit: 2, cursor });
          seen.push(...page.items.map((h) => h.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual([...created].reverse());
      });

      it('when hooks are listed with filters, then status, event (with *), brand and the deleted list select', async () => {
        const a = await newTenant();
        const missed = await newHook(a, { events: ['chat.missed'] });
        const all = await newHook(a, { events: ['*'], brand: 'Harbour IT' });
        const inactive = await newHook(a, { events: ['ticket.created'], status: 'inactive' });
        const deleted = await newHook(a, { deletedAt: T0, deletedBy: 'default', deletedReason: 'manual' });
        const ids = async (q: Partial<Parameters<Store['listHooks']>[0]>) =>
          (await store.listHooks({ tenantId: a, deleted: false, limit: 100, ...q })).items.map((h) => h.id).sort();
        expect(await ids({})).toEqual([missed.id, all.id, inactive.id].sort());
        expect(await ids({ status: 'inactive' })).toEqual([inactive.id]);
        expect(await ids({ event: 'chat.missed' })).toEqual([missed.id, all.id].sort());
        expect(await ids({ event: 'ticket.created' })).toEqual([all.id, inactive.id].sort());
        expect(await ids({ brand: 'Harbour IT' })).toEqual([all.id]);
        expect(await ids({ deleted: true })).toEqual([deleted.id]);
      });

      it('when a cursor was not issued by the store, then listing throws InvalidCursorError', async () => {
        const a = await newTenant();
        await expect(store.listHooks({ tenantId: a, deleted: false, limit: 10, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.listEvents({ tenantId: a, limit: 10, cursor: '%%%' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('when a hook is updated, then the patched fields change and the rest stay', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const updated = await store.updateHook(a, h.id, {
          description: 'new',
          events: ['*'],
          filter: { 'data.chat.status': 'missed' },
          redirects: 'succeed',
          format: 'deskdirector',
          updatedAt: T0 + 10,
        });
        expect(updated).toEqual({ ...h, description: 'new', events: ['*'], filter: { 'data.chat.status': 'missed' }, redirects: 'succeed', format: 'deskdirector', updatedAt: T0 + 10 });
        expect(await store.getHook(a, h.id)).toEqual(updated);
        expect(await store.updateHook(a, 'hook_unknown', { description: 'x' })).toBeUndefined();
      });
    });

    describe('listBrands', () => {
      it("when events and hooks carry brands, then each of the tenant's brands is listed once in byte order, deleted hooks and other tenants left out", async () => {
        const a = await newTenant();
        const b = await newTenant();
        for (const brand of ['contoso', 'Harbour IT', 'contoso', null, 'Zeta', 'contoso']) {
          const e = event(a, { brand });
          await store.appendEvent(e, () => []);
        }
        await newHook(a, { brand: 'fabrikam' });
        await newHook(a, { brand: 'Harbour IT' });
        await newHook(a, { brand: 'gone', deletedAt: T0, deletedBy: 'x', deletedReason: 'manual' });
        await store.appendEvent(event(b, { brand: 'other tenant' }), () => []);

        expect(await store.listBrands(a, 100)).toEqual(['Harbour IT', 'Zeta', 'contoso', 'fabrikam']);
        expect(await store.listBrands(a, 2)).toEqual(['Harbour IT', 'Zeta']);
        expect(await store.listBrands(await newTenant(), 100)).toEqual([]);
      });
    });

    describe('appendEvent (the outbox)', () => {
      it('when an event is appended, then it and its planned deliveries are stored together', async () => {
        const a = await newTenant();
        const h1 = await newHook(a);
        const h2 = await newHook(a);
        const e = event(a);
        const result = await store.appendEvent(e, planAll(e));
        expect(result.duplicate).toBe(false);
        expect(result.event).toEqual({ ...e, deliveryCount: 2 });
        expect(result.deliveries.map((d) => d.hookId).sort()).toEqual([h1.id, h2.id].sort());
        expect(await store.getEvent(a, e.id)).toEqual({ ...e, deliveryCount: 2 });
        for (const d of result.deliveries) expect((await store.getDelivery(a, d.id))!.delivery).toEqual(d);
      });

      it('when candidates are loaded, then only active, undeleted hooks of the tenant for the type or * and the brand are given', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const byType = await newHook(a, { events: ['chat.missed', 'chat.completed'] });
        const star = await newHook(a, { events: ['*'] });
        const both = await newHook(a, { events: ['chat.missed', '*'] });
        const brandMatch = await newHook(a, { brand: 'Harbour IT' });
        await newHook(a, { brand: 'Other Brand' });
        await newHook(a, { events: ['ticket.created'] });
        await newHook(a, { status: 'inactive' });
        await newHook(a, { status: 'disabled' });
        await newHook(a, { deletedAt: T0, deletedBy: 'x', deletedReason: 'manual' });
        await newHook(b, { events: ['*'] });

        const seen: HookRecord[][] = [];
        const branded = event(a, { brand: 'Harbour IT' });
        await store.appendEvent(branded, planAll(branded, seen));
        expect(seen[0].map((h) => h.id).sort()).toEqual([byType.id, star.id, both.id, brandMatch.id].sort());
        expect(seen[0].find((h) => h.id === byType.id)).toEqual(byType);

        const unbranded = event(a);
        await store.appendEvent(unbranded, planAll(unbranded, seen));
        expect(seen[1].map((h) => h.id).sort()).toEqual([byType.id, star.id, both.id].sort());
      });

      it('when a hook changes after creation, then the candidate index follows its events, status and deletion', async () => {
        const a = await newTenant();
        const h = await newHook(a, { events: ['ticket.created'] });
        const candidates = async (type = 'chat.missed') => {
          const seen: HookRecord[][] = [];
          const e = event(a, { type });
          await store.appendEvent(e, planAll(e, seen));
          return seen[0].map((c) => c.id);
        };
        expect(await candidates()).toEqual([]);
        await store.updateHook(a, h.id, { events: ['chat.missed'] });
        expect(await candidates()).toEqual([h.id]);
        await store.updateHook(a, h.id, { status: 'inactive' });
        expect(await candidates()).toEqual([]);
        await store.updateHook(a, h.id, { status: 'active' });
        expect(await candidates()).toEqual([h.id]);
        await store.updateHook(a, h.id, { brand: 'Harbour IT' });
        expect(await candidates()).toEqual([]);
        await store.updateHook(a, h.id, { brand: null, deletedAt: T0, deletedBy: 'k', deletedReason: 'manual' });
        expect(await candidates()).toEqual([]);
        await store.updateHook(a, h.id, { deletedAt: null, deletedBy: null, deletedReason: null });
        expect(await candidates()).toEqual([h.id]);
      });

      it('when the same event id is appended again, then the first result returns, marked duplicate, and nothing is written', async () => {
        const a = await newTenant();
        await newHook(a);
        const e = event(a);
        const first = await store.appendEvent(e, planAll(e));
        await newHook(a);
        const plan = jest.fn(planAll(e));
        const again = await store.appendEvent({ ...e, data: { other: true }, createdAt: T0 + 5 }, plan);
        expect(plan).not.toHaveBeenCalled();
        expect(again.duplicate).toBe(true);
        expect(again.event).toEqual(first.event);
        expect(again.deliveries.map((d) => d.id)).toEqual(first.deliveries.map((d) => d.id));
        expect((await store.listDeliveries({ tenantId: a, limit: 100 })).items).toHaveLength(1);
        expect((await store.listEvents({ tenantId: a, limit: 100 })).items).toHaveLength(1);
      });

      it('when the same idempotency key is appended with a new id, then the first event returns, marked duplicate', async () => {
        const a = await newTenant();
        const e = event(a, { idempotencyKey: 'req-1' });
        await store.appendEvent(e, planAll(e));
        const again = await store.appendEvent(event(a, { idempotencyKey: 'req-1' }), () => {
          throw new Error('plan must not run for a duplicate');
        });
        expect(again).toMatchObject({ duplicate: true, event: { id: e.id } });
        expect((await store.listEvents({ tenantId: a, limit: 100 })).items).toHaveLength(1);
      });

      it('when two tenants use the same event id and key, then both events are stored, each in its tenant', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const ea = event(a, { id: 'evt_shared', idempotencyKey: 'k' });
        const eb = event(b, { id: 'evt_shared', idempotencyKey: 'k', data: { b: true } });
        expect((await store.appendEvent(ea, planAll(ea))).duplicate).toBe(false);
        expect((await store.appendEvent(eb, planAll(eb))).duplicate).toBe(false);
        expect((await store.getEvent(a, 'evt_shared'))!.data).toEqual(ea.data);
        expect((await store.getEvent(b, 'evt_shared'))!.data).toEqual({ b: true });
      });

      it('when plan throws, then nothing is written', async () => {
        const a = await newTenant();
        await newHook(a);
        const e = event(a);
        await expect(
          store.appendEvent(e, () => {
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.getEvent(a, e.id)).toBeUndefined();
      });
    });

    describe('appendEvents (group commit)', () => {
      it('when several events are appended in one call, then each is stored with its deliveries and the results follow the order', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const ha = await newHook(a, { events: ['chat.missed', 'ticket.created'] });
        const hb = await newHook(b, { events: ['*'] });
        const events = [event(a), event(b, { type: 'ticket.created' }), event(a, { type: 'ticket.created', brand: 'Harbour IT' }), event(a, { type: 'chat.completed' })];
        const seen: HookRecord[][] = [];
        const results = await store.appendEvents(events.map((e) => ({ event: e, plan: planAll(e, seen) })));
        expect(results.map((r) => [r.event.id, r.duplicate, r.deliveries.length])).toEqual([
          [events[0].id, false, 1],
          [events[1].id, false, 1],
          [events[2].id, false, 1],
          [events[3].id, false, 0],
        ]);
        expect(seen.map((list) => list.map((h) => h.id))).toEqual([[ha.id], [hb.id], [ha.id], []]);
        expect(seen[0][0]).toEqual(ha);
        for (const [i, e] of events.entries()) {
          expect(await store.getEvent(e.tenantId, e.id)).toEqual({ ...e, deliveryCount: results[i].deliveries.length });
          for (const d of results[i].deliveries) expect((await store.getDelivery(e.tenantId, d.id))!.delivery).toEqual(d);
        }
      });

      it('when a call repeats an id or an idempotency key, or meets a stored event, then those are duplicates of the first and write nothing', async () => {
        const a = await newTenant();
        await newHook(a);
        const stored = event(a, { idempotencyKey: 'stored-key' });
        const before = await store.appendEvent(stored, planAll(stored));
        const first = event(a, { idempotencyKey: 'k1' });
        const sameId = { ...first, data: { other: true } };
        const sameKey = event(a, { idempotencyKey: 'k1' });
        const storedAgain = event(a, { idempotencyKey: 'stored-key' });
        const mustNotPlan = () => {
          throw new Error('plan must not run for a duplicate');
        };
        const results = await store.appendEvents([
          { event: first, plan: planAll(first) },
          { event: sameId, plan: mustNotPlan },
          { event: sameKey, plan: mustNotPlan },
          { event: storedAgain, plan: mustNotPlan },
        ]);
        expect(results.map((r) => [r.event.id, r.duplicate])).toEqual([
          [first.id, false],
          [first.id, true],
          [first.id, true],
          [stored.id, true],
        ]);
        expect(results[1].deliveries.map((d) => d.id)).toEqual(results[0].deliveries.map((d) => d.id));
        expect(results[3].deliveries.map((d) => d.id)).toEqual(before.deliveries.map((d) => d.id));
        expect((await store.getEvent(a, first.id))!.data).toEqual(first.data);
        expect((await store.listEvents({ tenantId: a, limit: 100 })).items).toHaveLength(2);
        expect((await store.listDeliveries({ tenantId: a, limit: 100 })).items).toHaveLength(2);
      });

      it('when one plan of the call throws, then nothing of the call is written', async () => {
        const a = await newTenant();
        await newHook(a);
        const good = event(a);
        const bad = event(a);
        await expect(
          store.appendEvents([
            { event: good, plan: planAll(good) },
            {
              event: bad,
              plan: () => {
                throw new Error('boom');
              },
            },
          ]),
        ).rejects.toThrow('boom');
        expect(await store.getEvent(a, good.id)).toBeUndefined();
        expect((await store.listDeliveries({ tenantId: a, limit: 100 })).items).toHaveLength(0);
      });

      it('when a call appends deliveries, then listeners are told once it is committed; an empty call is a no-op', async () => {
        const a = await newTenant();
        await newHook(a);
        expect(await store.appendEvents([])).toEqual([]);
        const heard = new Promise<void>((resolve) => {
          const off = store.onDeliveriesCreated(() => {
            off();
            resolve();
          });
        });
        const e = event(a);
        await store.appendEvents([{ event: e, plan: planAll(e) }]);
        await heard;
      });
    });

    describe('events', () => {
      it('when events are listed, then newest first, filtered by type, paged, and only the tenant’s', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const ids: string[] = [];
        for (let i = 0; i < 4; i++) {
          const e = event(a, { type: i % 2 ? 'ticket.created' : 'chat.missed', createdAt: T0 + i });
          ids.push(e.id);
          await store.appendEvent(e, planAll(e));
        }
        const other = event(b);
        await store.appendEvent(other, planAll(other));
        const first = await store.listEvents({ tenantId: a, limit: 3 });
        expect(first.items.map((e) => e.id)).toEqual([ids[3], ids[2], ids[1]]);
        const second = await store.listEvents({ tenantId: a, limit: 3, cursor: first.nextCursor });
        expect(second.items.map((e) => e.id)).toEqual([ids[0]]);
        expect(second.nextCursor).toBeNull();
        expect((await store.listEvents({ tenantId: a, type: 'ticket.created', limit: 10 })).items.map((e) => e.id)).toEqual([
          ids[3],
          ids[1],
        ]);
        expect(await store.getEvent(a, other.id)).toBeUndefined();
      });
    });

    describe('deliveries', () => {
      it('when deliveries are inserted directly, then they are listed newest first with filters, only for the tenant', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const h1 = await newHook(a);
        const h2 = await newHook(a);
        const e = event(a);
        await store.appendEvent(e, () => []);
        const d1 = delivery(a, h1.id, e.id, { status: 'failed', test: true });
        const d2 = delivery(a, h2.id, e.id, { eventType: 'ticket.created' });
        await store.insertDeliveries([d1, d2]);
        const ids = async (q: Partial<Parameters<Store['listDeliveries']>[0]>, tenantId = a) =>
          (await store.listDeliveries({ tenantId, limit: 10, ...q })).items.map((d) => d.id);
        expect(await ids({})).toEqual([d2.id, d1.id]);
        expect(await ids({ hookId: h1.id })).toEqual([d1.id]);
        expect(await ids({ status: 'failed' })).toEqual([d1.id]);
        expect(await ids({ eventType: 'ticket.created' })).toEqual([d2.id]);
        expect(await ids({}, b)).toEqual([]);
        expect(await store.getDelivery(b, d1.id)).toBeUndefined();
        expect(await store.getDelivery(a, d1.id)).toEqual({ delivery: d1, attempts: [] });
      });

      it('when deliveries are claimed, then only due, unleased ones are leased to the owner, up to the limit', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const due1 = await queued(a, h.id, { nextAttemptAt: T0 });
        const due2 = await queued(a, h.id, { nextAttemptAt: T0 + 10 });
        await queued(a, h.id, { nextAttemptAt: T0 + 60000 });
        await queued(a, h.id, { status: 'succeeded', nextAttemptAt: null });

        const claimed = await store.claimDeliveries({ owner: 'node-a', leaseMs: 30000, limit: 1, now: T0 + 100 });
        expect(claimed.map((c) => c.delivery.id)).toEqual([due1.id]);
        expect(claimed[0].delivery).toMatchObject({ leaseOwner: 'node-a', leaseExpiresAt: T0 + 30100 });
        expect(claimed[0].hook).toEqual(h);
        expect(claimed[0].event.id).toBe(due1.eventId);

        const rest = await store.claimDeliveries({ owner: 'node-b', leaseMs: 30000, limit: 10, now: T0 + 100 });
        expect(rest.map((c) => c.delivery.id)).toEqual([due2.id]);
        expect(await store.claimDeliveries({ owner: 'node-c', leaseMs: 30000, limit: 10, now: T0 + 200 })).toEqual([]);
      });

      it('when a lease expires, then another owner claims the delivery and the first owner can no longer complete it', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const d = await queued(a, h.id);
        await store.claimDeliveries({ owner: 'node-a', leaseMs: 1000, limit: 10, now: T0 });
        expect(await store.claimDeliveries({ owner: 'node-b', leaseMs: 1000, limit: 10, now: T0 + 999 })).toEqual([]);
        const taken = await store.claimDeliveries({ owner: 'node-b', leaseMs: 1000, limit: 10, now: T0 + 1000 });
        expect(taken.map((c) => c.delivery.id)).toEqual([d.id]);

        const update = { status: 'succeeded' as const, attempts: 1, nextAttemptAt: null, lastAttemptAt: T0 + 1000, lastResponseStatus: 200, lastError: null };
        expect(await store.completeAttempt({ owner: 'node-a', attempt: attempt(d), update })).toBe(false);
        expect((await store.getDelivery(a, d.id))!.attempts).toEqual([]);
        expect(await store.completeAttempt({ owner: 'node-b', attempt: attempt(d), update })).toBe(true);
      });

      it('when an attempt completes, then it is recorded, the delivery updated, the lease cleared and the hook patched', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const d = await queued(a, h.id);
        await store.claimDeliveries({ owner: 'node-a', leaseMs: 1000, limit: 10, now: T0 });
        const failed = attempt(d, { responseStatus: 500, responseBody: 'oops', outcome: 'failed' });
        const ok = await store.completeAttempt({
          owner: 'node-a',
          attempt: failed,
          update: { status: 'pending', attempts: 1, nextAttemptAt: T0 + 5000, lastAttemptAt: T0 + 1000, lastResponseStatus: 500, lastError: 'HTTP 500' },
          hookPatch: { failingSince: T0 + 1000, lastDelivery: { deliveryId: d.id, status: 'pending', responseStatus: 500, at: T0 + 1000 } },
        });
        expect(ok).toBe(true);
        const stored = (await store.getDelivery(a, d.id))!;
        expect(stored.attempts).toEqual([failed]);
        expect(stored.delivery).toMatchObject({
          status: 'pending',
          attempts: 1,
          nextAttemptAt: T0 + 5000,
          lastResponseStatus: 500,
          lastError: 'HTTP 500',
          leaseOwner: null,
          leaseExpiresAt: null,
        });
        expect(await store.getHook(a, h.id)).toMatchObject({ failingSince: T0 + 1000, lastDelivery: { deliveryId: d.id, responseStatus: 500 } });
        expect(await store.claimDeliveries({ owner: 'node-a', leaseMs: 1000, limit: 10, now: T0 + 4999 })).toEqual([]);
        expect(await store.claimDeliveries({ owner: 'node-a', leaseMs: 1000, limit: 10, now: T0 + 5000 })).toHaveLength(1);
      });

      it('when a hook patch disables the hook, then it stops being a candidate for new events', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const d = await queued(a, h.id);
        await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 });
        await store.completeAttempt({
          owner: 'n',
          attempt: attempt(d, { outcome: 'gone', responseStatus: 410 }),
          update: { status: 'failed', attempts: 1, nextAttemptAt: null, lastAttemptAt: T0, lastResponseStatus: 410, lastError: 'gone' },
          hookPatch: { status: 'disabled', disabledReason: 'gone' },
        });
        const seen: HookRecord[][] = [];
        const e = event(a);
        await store.appendEvent(e, planAll(e, seen));
        expect(seen[0]).toEqual([]);
      });

      it('when a hook is ordered, then only its oldest pending delivery is claimable, and none while one is leased', async () => {
        const a = await newTenant();
        const ordered = await newHook(a, { ordered: true });
        const free = await newHook(a);
        const o1 = await queued(a, ordered.id);
        const o2 = await queued(a, ordered.id);
        const f1 = await queued(a, free.id);
        const f2 = await queued(a, free.id);

        const first = await store.claimDeliveries({ owner: 'n1', leaseMs: 1000, limit: 10, now: T0 });
        expect(first.map((c) => c.delivery.id).sort()).toEqual([o1.id, f1.id, f2.id].sort());
        expect(await store.claimDeliveries({ owner: 'n2', leaseMs: 1000, limit: 10, now: T0 + 1 })).toEqual([]);

        await store.completeAttempt({
          owner: 'n1',
          attempt: attempt(o1),
          update: { status: 'succeeded', attempts: 1, nextAttemptAt: null, lastAttemptAt: T0, lastResponseStatus: 200, lastError: null },
        });
        const next = await store.claimDeliveries({ owner: 'n2', leaseMs: 1000, limit: 10, now: T0 + 2 });
        expect(next.map((c) => c.delivery.id)).toEqual([o2.id]);
      });

      it('when the oldest delivery of an ordered hook is waiting for a retry, then the later ones wait too', async () => {
        const a = await newTenant();
        const ordered = await newHook(a, { ordered: true });
        await queued(a, ordered.id, { nextAttemptAt: T0 + 60000 });
        await queued(a, ordered.id, { nextAttemptAt: T0 });
        expect(await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 })).toEqual([]);
      });

      it('when several attempts complete in one call, then each lands only under its own lease and a hook is patched once, in order', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const other = await newHook(a);
        const [d1, d2, d3] = [await queued(a, h.id), await queued(a, h.id), await queued(a, other.id)];
        await store.claimDeliveries({ owner: 'node-a', leaseMs: 60000, limit: 10, now: T0 });
        const update = (status: 'succeeded' | 'pending', code: number) => ({
          status,
          attempts: 1,
          nextAttemptAt: status === 'pending' ? T0 + 5000 : null,
          lastAttemptAt: T0 + 10,
          lastResponseStatus: code,
          lastError: status === 'pending' ? `HTTP ${code}` : null,
        });
        const last = (d: { id: string }, code: number) => ({ deliveryId: d.id, status: 'succeeded' as const, responseStatus: code, at: T0 + 20 });
        const landed = await store.completeAttempts([
          { owner: 'node-a', attempt: attempt(d1, { responseStatus: 500, outcome: 'failed' }), update: update('pending', 500), hookPatch: { failingSince: T0 + 10, lastDelivery: last(d1, 500) } },
          { owner: 'node-b', attempt: attempt(d3), update: update('succeeded', 200), hookPatch: { lastDelivery: last(d3, 200) } },
          { owner: 'node-a', attempt: attempt(d2), update: update('succeeded', 200), hookPatch: { failingSince: null, lastDelivery: last(d2, 200) } },
        ]);
        expect(landed).toEqual([true, false, true]);
        expect((await store.getDelivery(a, d1.id))!.delivery).toMatchObject({ status: 'pending', leaseOwner: null, lastResponseStatus: 500 });
        expect((await store.getDelivery(a, d2.id))!.delivery).toMatchObject({ status: 'succeeded', leaseOwner: null });
        expect((await store.getDelivery(a, d3.id))!).toMatchObject({ delivery: { status: 'pending', leaseOwner: 'node-a' }, attempts: [] });
        // The later patch of the same hook wins: the failure run d1 started ended with d2.
        expect(await store.getHook(a, h.id)).toMatchObject({ failingSince: null, lastDelivery: { deliveryId: d2.id, responseStatus: 200 } });
        expect((await store.getHook(a, other.id))!.lastDelivery).toBeNull();
        expect(await store.completeAttempts([])).toEqual([]);
      });

      it('when a claim names hooks to skip, then their due deliveries stay unleased and others are claimed', async () => {
        const a = await newTenant();
        const busy = await newHook(a);
        const free = await newHook(a);
        const skipped = await queued(a, busy.id, { nextAttemptAt: T0 });
        const taken = await queued(a, free.id, { nextAttemptAt: T0 + 1 });
        const claimed = await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 + 10, excludeHookIds: [busy.id] });
        expect(claimed.map((c) => c.delivery.id)).toEqual([taken.id]);
        expect((await store.getDelivery(a, skipped.id))!.delivery.leaseOwner).toBeNull();
        expect((await store.claimDeliveries({ owner: 'm', leaseMs: 1000, limit: 10, now: T0 + 10 })).map((c) => c.delivery.id)).toEqual([skipped.id]);
      });

      it('when an owner gives back some of its leases, then only those are claimable by others', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const [d1, d2] = [await queued(a, h.id), await queued(a, h.id)];
        await store.claimDeliveries({ owner: 'leaving', leaseMs: 60000, limit: 10, now: T0 });
        expect(await store.releaseLeases('someone-else', [d1])).toBe(0);
        expect(await store.releaseLeases('leaving', [d1])).toBe(1);
        expect(await store.releaseLeases('leaving', [])).toBe(0);
        expect((await store.claimDeliveries({ owner: 'staying', leaseMs: 60000, limit: 10, now: T0 + 1 })).map((c) => c.delivery.id)).toEqual([d1.id]);
        expect((await store.getDelivery(a, d2.id))!.delivery.leaseOwner).toBe('leaving');
      });

      it('when an owner releases its leases, then its deliveries are claimable at once by others', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        await queued(a, h.id);
        await queued(a, h.id);
        await store.claimDeliveries({ owner: 'leaving', leaseMs: 60000, limit: 10, now: T0 });
        expect(await store.releaseLeases('someone-else')).toBe(0);
        expect(await store.releaseLeases('leaving')).toBe(2);
        expect(await store.claimDeliveries({ owner: 'staying', leaseMs: 60000, limit: 10, now: T0 + 1 })).toHaveLength(2);
      });

      it('when a delivery is requeued, then it is pending and due now with the same id; other tenants cannot', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const h = await newHook(a);
        const d = await queued(a, h.id, { status: 'failed', attempts: 3, nextAttemptAt: null });
        expect(await store.requeueDelivery(b, d.id, T0 + 100)).toBeUndefined();
        const requeued = await store.requeueDelivery(a, d.id, T0 + 100);
        expect(requeued).toMatchObject({ id: d.id, status: 'pending', nextAttemptAt: T0 + 100, attempts: 3 });
        expect((await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 + 100 })).map((c) => c.delivery.id)).toEqual([d.id]);
        expect(await store.requeueDelivery(a, 'msg_unknown', T0)).toBeUndefined();
      });

      it('when failed deliveries are recovered since a time, then only those of the hook since then are requeued', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const h = await newHook(a);
        const other = await newHook(a);
        await queued(a, h.id, { status: 'failed', createdAt: T0 - 1000, nextAttemptAt: null });
        const recent = await queued(a, h.id, { status: 'failed', createdAt: T0 + 1000, nextAttemptAt: null });
        await queued(a, h.id, { status: 'succeeded', createdAt: T0 + 1000, nextAttemptAt: null });
        await queued(a, other.id, { status: 'failed', createdAt: T0 + 1000, nextAttemptAt: null });
        expect(await store.requeueFailed(b, h.id, T0, T0 + 5000)).toBe(0);
        expect(await store.requeueFailed(a, h.id, T0, T0 + 5000)).toBe(1);
        expect((await store.getDelivery(a, recent.id))!.delivery).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 5000 });
      });

      it('when a hook with credentials is stored, then its secrets are sealed at rest and read back whole; a plain row from before encryption is sealed by migrate', async () => {
        const raw = capabilities.rawHookColumns;
        if (!raw) throw new Error('the conformance suite needs rawHookColumns to check secrets at rest');
        const a = await newTenant();
        const h = hook(a, {
          auth: { type: 'bearer', token: 'tok-PLAIN-conformance' },
          headers: { 'X-Api-Key': 'key-PLAIN-conformance', 'X-Team': 'support' },
          secrets: [{ secret: 'whsec_PLAINconformance', createdAt: T0, expiresAt: null }],
        });
        await store.createHook(h);
        const stored = await raw.read(store, a, h.id);
        expect(JSON.stringify(stored)).not.toMatch(/PLAIN/);
        for (const column of Object.values(stored)) expect(column).toMatch(/^"v1\./);
        expect(await store.getHook(a, h.id)).toEqual(h);
        const e = event(a);
        const seen: HookRecord[][] = [];
        const appended = await store.appendEvent(e, planAll(e, seen));
        expect(seen[0].find((c) => c.id === h.id)).toEqual(h);
        expect(appended.deliveries).toHaveLength(1);
        const [claimed] = await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 });
        expect(claimed.hook).toEqual(h);
        const patched = await store.updateHook(a, h.id, { headers: { 'X-Api-Key': 'key-PLAIN-changed' } });
        expect(patched!.headers).toEqual({ 'X-Api-Key': 'key-PLAIN-changed' });
        expect(JSON.stringify(await raw.read(store, a, h.id))).not.toMatch(/PLAIN/);
        expect((await store.listHooks({ tenantId: a, deleted: false, limit: 10 })).items[0].headers).toEqual({ 'X-Api-Key': 'key-PLAIN-changed' });

        // As an older deskhooks wrote it: plain JSON documents.
        await raw.write(store, a, h.id, {
          auth: JSON.stringify(h.auth),
          headers: JSON.stringify(h.headers),
          secrets: JSON.stringify(h.secrets),
        });
        expect((await store.getHook(a, h.id))!.auth).toEqual(h.auth);
        await store.migrate();
        const sealed = await raw.read(store, a, h.id);
        expect(JSON.stringify(sealed)).not.toMatch(/PLAIN/);
        expect(await store.getHook(a, h.id)).toMatchObject({ auth: h.auth, headers: h.headers, secrets: h.secrets });
        await store.migrate();
        expect(await raw.read(store, a, h.id)).toEqual(sealed);
      });

      it('when pending deliveries are cancelled with a reason, then the reason is kept and recover with cancelled brings them back, except those whose event is gone', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const first = await queued(a, h.id, { createdAt: T0 + 10 });
        const second = await queued(a, h.id, { createdAt: T0 + 20 });
        const old = await queued(a, h.id, { createdAt: T0 - 1000 });
        const failed = await queued(a, h.id, { status: 'failed', nextAttemptAt: null, createdAt: T0 + 30 });
        expect(await store.cancelPending(a, h.id, T0 + 100, 'hook_disabled')).toBe(3);
        expect((await store.getDelivery(a, first.id))!.delivery).toMatchObject({ status: 'cancelled', cancelReason: 'hook_disabled' });

        // Default: failed only, as before.
        expect(await store.requeueFailed(a, h.id, T0, T0 + 200)).toBe(1);
        expect((await store.getDelivery(a, failed.id))!.delivery).toMatchObject({ status: 'pending', cancelReason: null });
        expect(await store.requeueFailed(a, h.id, T0, T0 + 300, ['cancelled'])).toBe(2);
        for (const d of [first, second]) {
          expect((await store.getDelivery(a, d.id))!.delivery).toMatchObject({ status: 'pending', cancelReason: null, nextAttemptAt: T0 + 300 });
        }
        expect((await store.getDelivery(a, old.id))!.delivery).toMatchObject({ status: 'cancelled', cancelReason: 'hook_disabled' });

        // A cancelled delivery whose event no longer exists has nothing to send: recover leaves it.
        const orphan = await queued(a, h.id, { eventId: 'evt_gone', createdAt: T0 + 40, nextAttemptAt: T0 });
        const other = await newHook(a);
        const stray = await queued(a, other.id, { eventId: 'evt_gone_too', createdAt: T0 + 40, nextAttemptAt: T0 });
        await store.cancelPending(a, h.id, T0 + 400, 'hook_gone');
        expect(await store.requeueFailed(a, h.id, T0, T0 + 500, ['failed', 'cancelled'])).toBe(3);
        expect((await store.getDelivery(a, orphan.id))!.delivery).toMatchObject({ status: 'cancelled', cancelReason: 'hook_gone' });
        // A pending one is cancelled by the claim as event_missing.
        const claimed = await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 + 600 });
        expect(claimed.map((c) => c.delivery.id)).not.toContain(stray.id);
        expect((await store.getDelivery(a, stray.id))!.delivery).toMatchObject({ status: 'cancelled', cancelReason: 'event_missing' });
        expect(await store.requeueFailed(a, other.id, T0, T0 + 700, ['cancelled'])).toBe(0);
      });

      it('when pending deliveries of a hook are cancelled, then they are never claimed and a worker holding one cannot complete it', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const h = await newHook(a);
        const leased = await queued(a, h.id);
        await store.claimDeliveries({ owner: 'n', leaseMs: 60000, limit: 1, now: T0 });
        await queued(a, h.id);
        await queued(a, h.id, { status: 'succeeded', nextAttemptAt: null });
        expect(await store.cancelPending(b, h.id, T0 + 1)).toBe(0);
        expect(await store.cancelPending(a, h.id, T0 + 1)).toBe(2);
        expect((await store.listDeliveries({ tenantId: a, status: 'cancelled', limit: 10 })).items).toHaveLength(2);
        expect(await store.claimDeliveries({ owner: 'm', leaseMs: 1000, limit: 10, now: T0 + 120000 })).toEqual([]);
        const update = { status: 'succeeded' as const, attempts: 1, nextAttemptAt: null, lastAttemptAt: T0, lastResponseStatus: 200, lastError: null };
        expect(await store.completeAttempt({ owner: 'n', attempt: attempt(leased), update })).toBe(false);
      });

      it('when deliveries are queued, then nextDueAt and queueStats describe the pending ones', async () => {
        expect(await store.nextDueAt()).toBeNull();
        expect(await store.queueStats(T0)).toEqual({ pending: 0, oldestPendingAt: null });
        const a = await newTenant();
        const h = await newHook(a);
        await queued(a, h.id, { nextAttemptAt: T0 + 5000, createdAt: T0 - 50 });
        await queued(a, h.id, { nextAttemptAt: T0 + 2000, createdAt: T0 - 10 });
        await queued(a, h.id, { status: 'failed', nextAttemptAt: null, createdAt: T0 - 100 });
        expect(await store.nextDueAt()).toBe(T0 + 2000);
        expect(await store.queueStats(T0)).toEqual({ pending: 2, oldestPendingAt: T0 - 50 });
      });

      it('when the only due delivery is leased, then nextDueAt is its lease expiry, not a past time nobody can claim', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        await queued(a, h.id, { nextAttemptAt: T0 });
        await store.claimDeliveries({ owner: 'n', leaseMs: 30000, limit: 10, now: T0 + 5 });
        expect(await store.nextDueAt()).toBe(T0 + 30005);
      });

      it('when a due delivery has no stored event, then claiming cancels it instead of handing it out or leaving it due', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const orphan = delivery(a, h.id, 'evt_never_stored');
        await store.insertDeliveries([orphan]);
        expect(await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 })).toEqual([]);
        expect((await store.getDelivery(a, orphan.id))!.delivery).toMatchObject({ status: 'cancelled', leaseOwner: null, nextAttemptAt: null });
        expect(await store.nextDueAt()).toBeNull();
      });
    });

    describe('notifications', () => {
      it('when deliveries are committed, then every listener is called; an unsubscribed one is not', async () => {
        const a = await newTenant();
        await newHook(a);
        const removed = jest.fn();
        const unsubscribe = store.onDeliveriesCreated(removed);
        unsubscribe();
        const called = new Promise<void>((resolve) => store.onDeliveriesCreated(resolve));
        const e = event(a);
        await store.appendEvent(e, planAll(e));
        await called;
        expect(removed).not.toHaveBeenCalled();
      });

      it('when deliveries are inserted outside appendEvent, then listeners are called too', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const e = event(a);
        await store.appendEvent(e, () => []);
        const called = new Promise<void>((resolve) => store.onDeliveriesCreated(resolve));
        await store.insertDeliveries([delivery(a, h.id, e.id)]);
        await called;
      });
    });

    describe('agent lookups', () => {
      it('when a lookup is answered twice, then the first answer wins and the second is refused', async () => {
        const a = await newTenant();
        const l = agentLookup(a);
        await store.createAgentLookup(l);
        expect(await store.getAgentLookup(a, l.id)).toEqual(l);
        const first = await store.answerAgentLookup(a, l.id, { agentId: 'dd~m~12', via: 'callback', hookId: null }, T0 + 100);
        expect(first).toEqual({
          accepted: true,
          lookup: { ...l, status: 'assigned', agentId: 'dd~m~12', answeredVia: 'callback', answeredHookId: null },
        });
        const second = await store.answerAgentLookup(a, l.id, { agentId: 'dd~m~31', via: 'webhook_response', hookId: 'hook_x' }, T0 + 200);
        expect(second.accepted).toBe(false);
        expect(second.lookup!.agentId).toBe('dd~m~12');
      });

      it('when a lookup has expired, belongs to another tenant or was finished, then answers are refused', async () => {
        const a = await newTenant();
        const b = await newTenant();
        const expired = agentLookup(a);
        const finished = agentLookup(a);
        await store.createAgentLookup(expired);
        await store.createAgentLookup(finished);
        const answer = { agentId: 'dd~m~12', via: 'callback' as const, hookId: null };
        expect((await store.answerAgentLookup(a, expired.id, answer, expired.expiresAt)).accepted).toBe(false);
        expect(await store.answerAgentLookup(b, finished.id, answer, T0)).toEqual({ accepted: false, lookup: undefined });
        expect(await store.getAgentLookup(b, finished.id)).toBeUndefined();
        await store.finishAgentLookup(a, finished.id, 'no_agents_available');
        expect((await store.answerAgentLookup(a, finished.id, answer, T0)).accepted).toBe(false);
        expect((await store.getAgentLookup(a, finished.id))!.status).toBe('no_agents_available');
      });
    });

    describe('hook destinations, captures and stream attempts (issue #18)', () => {
      const capture = (tenantId: string, hookId: string, overrides: Partial<CaptureRecord> = {}): CaptureRecord => ({
        id: rid('cap'),
        tenantId,
        hookId,
        deliveryId: rid('msg'),
        attempt: 1,
        eventIds: [rid('evt')],
        eventTypes: ['chat.missed'],
        capturedAt: T0,
        request: { method: 'POST', headers: { 'webhook-id': 'msg_1', 'content-type': 'application/json' }, body: '{"é":"✓"}', bodyTruncated: false },
        ...overrides,
      });

      it('when a hook is stored with a destination, then it reads back with it, and a patch can switch it', async () => {
        const a = await newTenant();
        const h = await newHook(a, { url: '', destination: 'inspector' });
        expect((await store.getHook(a, h.id))!.destination).toBe('inspector');
        const patched = await store.updateHook(a, h.id, { destination: 'url', url: 'https://example.com/x' });
        expect(patched).toMatchObject({ destination: 'url', url: 'https://example.com/x' });
      });

      it("when captures are added beyond `keep`, then only the hook's newest stay, newest first, paged, and other hooks' are untouched", async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const other = await newHook(a);
        const otherCapture = capture(a, other.id);
        await store.addCapture(otherCapture, 2);
        const added: CaptureRecord[] = [];
        for (let i = 0; i < 4; i++) {
          const c = capture(a, h.id, { capturedAt: T0 + i });
          added.push(c);
          await store.addCapture(c, 2);
        }
        const page = await store.listCaptures({ tenantId: a, hookId: h.id, limit: 1 });
        expect(page.items).toEqual([added[3]]);
        const next = await store.listCaptures({ tenantId: a, hookId: h.id, limit: 1, cursor: page.nextCursor });
        expect(next).toEqual({ items: [added[2]], nextCursor: null });
        expect(await store.getCapture(a, h.id, added[0].id)).toBeUndefined();
        expect(await store.getCapture(a, h.id, added[3].id)).toEqual(added[3]);
        expect(await store.getCapture(a, other.id, otherCapture.id)).toEqual(otherCapture);
        // Another tenant's id for the same hook finds nothing.
        expect(await store.getCapture(await newTenant(), h.id, added[3].id)).toBeUndefined();
        expect(await store.clearCaptures(a, h.id)).toBe(2);
        expect((await store.listCaptures({ tenantId: a, hookId: h.id, limit: 10 })).items).toEqual([]);
        expect((await store.listCaptures({ tenantId: a, hookId: other.id, limit: 10 })).items).toHaveLength(1);
      });

      it('when a stream hook has a pending delivery, then only a claim naming the hook takes it, and other hooks are claimed as before', async () => {
        const a = await newTenant();
        const streamed = await newHook(a, { url: '', destination: 'stream' });
        const ordered = await newHook(a, { url: '', destination: 'stream', ordered: true });
        const plain = await newHook(a);
        const s1 = await queued(a, streamed.id);
        const s2 = await queued(a, ordered.id);
        const p1 = await queued(a, plain.id);
        const without = await store.claimDeliveries({ owner: 'x', leaseMs: 60000, limit: 10, now: T0 });
        expect(without.map((c) => c.delivery.id)).toEqual([p1.id]);
        const withStreams = await store.claimDeliveries({ owner: 'y', leaseMs: 60000, limit: 10, now: T0, streamHookIds: [streamed.id, ordered.id] });
        expect(withStreams.map((c) => c.delivery.id).sort()).toEqual([s1.id, s2.id].sort());
      });

      it('when a stream attempt is acknowledged, then the owner takes the ack once; an unknown, foreign, expired or settled attempt refuses it', async () => {
        const a = await newTenant();
        const h = await newHook(a, { url: '', destination: 'stream' });
        const open = (id: string, expiresAt = T0 + 1000) =>
          store.openStreamAttempt({ id, tenantId: a, hookId: h.id, deliveryId: rid('msg'), owner: 'node-a', createdAt: T0, expiresAt });
        await open('sat_1');
        await open('sat_2', T0 + 10);
        await open('sat_3');
        const ack = { status: 200, body: 'ok', error: null, ackedAt: T0 + 100 };
        expect(await store.ackStreamAttempt(await newTenant(), h.id, 'sat_1', ack)).toBe(false);
        expect(await store.ackStreamAttempt(a, 'hook_other', 'sat_1', ack)).toBe(false);
        expect(await store.ackStreamAttempt(a, h.id, 'sat_nope', ack)).toBe(false);
        expect(await store.ackStreamAttempt(a, h.id, 'sat_2', ack)).toBe(false);
        expect(await store.ackStreamAttempt(a, h.id, 'sat_1', ack)).toBe(true);
        expect(await store.ackStreamAttempt(a, h.id, 'sat_1', ack)).toBe(false);
        expect(await store.takeStreamAcks('node-b', ['sat_1'])).toEqual([]);
        expect(await store.takeStreamAcks('node-a', ['sat_1', 'sat_3'])).toEqual([{ id: 'sat_1', ...ack }]);
        expect(await store.takeStreamAcks('node-a', ['sat_1'])).toEqual([]);
        // Closing an attempt that was acked meanwhile hands over the ack; an unacked one gives nothing.
        const failed = { status: null, body: null, error: 'ECONNREFUSED', ackedAt: T0 + 200 };
        expect(await store.ackStreamAttempt(a, h.id, 'sat_3', failed)).toBe(true);
        expect(await store.closeStreamAttempt('sat_3')).toEqual(failed);
        expect(await store.closeStreamAttempt('sat_2')).toBeUndefined();
        expect(await store.ackStreamAttempt(a, h.id, 'sat_3', ack)).toBe(false);
      });

      it('when pruning, then old captures and old stream attempts go too', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const old = capture(a, h.id, { capturedAt: T0 - 40 * 86400000 });
        const fresh = capture(a, h.id, { capturedAt: T0 });
        await store.addCapture(old, 10);
        await store.addCapture(fresh, 10);
        await store.openStreamAttempt({ id: 'sat_old', tenantId: a, hookId: h.id, deliveryId: 'msg_x', owner: 'gone', createdAt: 0, expiresAt: 1 });
        await store.prune(T0 - 30 * 86400000, 100);
        expect((await store.listCaptures({ tenantId: a, hookId: h.id, limit: 10 })).items).toEqual([fresh]);
        expect(await store.closeStreamAttempt('sat_old')).toBeUndefined();
        expect(await store.ackStreamAttempt(a, h.id, 'sat_old', { status: 200, body: null, error: null, ackedAt: 0 })).toBe(false);
      });
    });

    describe('prune', () => {
      it('when pruning, then old attempts and old finished events go, pending work stays, at most batchSize a table', async () => {
        const a = await newTenant();
        const h = await newHook(a);
        const old = T0 - 40 * 86400000;
        const oldDone = event(a, { createdAt: old });
        await store.appendEvent(oldDone, () => [delivery(a, h.id, oldDone.id, { createdAt: old })]);
        const oldPending = event(a, { createdAt: old });
        await store.appendEvent(oldPending, () => [delivery(a, h.id, oldPending.id, { createdAt: old })]);
        const fresh = event(a, { createdAt: T0 });
        await store.appendEvent(fresh, () => []);
        const oldDoneDelivery = (await store.listDeliveries({ tenantId: a, limit: 10 })).items.find((d) => d.eventId === oldDone.id)!;
        await store.claimDeliveries({ owner: 'n', leaseMs: 1000, limit: 10, now: T0 });
        await store.completeAttempt({
          owner: 'n',
          attempt: attempt(oldDoneDelivery, { startedAt: old }),
          update: { status: 'succeeded', attempts: 1, nextAttemptAt: null, lastAttemptAt: old, lastResponseStatus: 200, lastError: null },
        });
        await store.releaseLeases('n');

        const extraOld = event(a, { createdAt: old });
        await store.appendEvent(extraOld, () => []);
        const first = await store.prune(T0 - 30 * 86400000, 1);
        expect(first).toEqual({ attempts: 1, events: 1 });
        const second = await store.prune(T0 - 30 * 86400000, 100);
        expect(second.events).toBe(1);
        expect(await store.getEvent(a, oldDone.id)).toBeUndefined();
        expect(await store.getEvent(a, extraOld.id)).toBeUndefined();
        expect(await store.getDelivery(a, oldDoneDelivery.id)).toBeUndefined();
        expect(await store.getEvent(a, oldPending.id)).toBeDefined();
        expect(await store.getEvent(a, fresh.id)).toBeDefined();
        expect(await store.prune(T0 - 30 * 86400000, 100)).toEqual({ attempts: 0, events: 0 });
      });
    });

    describe('several handles on one database', () => {
      if (!capabilities.openSecondHandle) {
        it('when the backend cannot share a database, then it says so in its capabilities', () => {
          expect(capabilities.openSecondHandle).toBeUndefined();
        });
        return;
      }
      const openSecond = capabilities.openSecondHandle;

      it("when two handles claim at once, then no delivery is leased to both, and each sees the other's writes", async () => {
        const second = await openSecond(store);
        extra.push(second);
        const a = await newTenant();
        const h = await newHook(a);
        for (let i = 0; i < 10; i++) await queued(a, h.id);
        expect((await second.getHook(a, h.id))!.id).toBe(h.id);
        const [x, y] = await Promise.all([
          store.claimDeliveries({ owner: 'x', leaseMs: 60000, limit: 6, now: T0 }),
          second.claimDeliveries({ owner: 'y', leaseMs: 60000, limit: 6, now: T0 }),
        ]);
        const ids = [...x, ...y].map((c) => c.delivery.id);
        expect(ids).toHaveLength(10);
        expect(new Set(ids).size).toBe(10);
      });

      it('when two handles append the same event at once, then one stores it with its deliveries and the other gets the duplicate', async () => {
        const second = await openSecond(store);
        extra.push(second);
        const a = await newTenant();
        await newHook(a);
        const e = event(a, { idempotencyKey: 'retry-1' });
        const retried = { ...e, id: rid('evt') };
        const results = await Promise.all([store.appendEvent(e, planAll(e)), second.appendEvent(retried, planAll(retried))]);
        expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
        expect(results[0].event.id).toBe(results[1].event.id);
        expect(results[0].deliveries.map((d) => d.id)).toEqual(results[1].deliveries.map((d) => d.id));
        expect((await store.listEvents({ tenantId: a, limit: 10 })).items).toHaveLength(1);
        expect((await second.listDeliveries({ tenantId: a, limit: 10 })).items).toHaveLength(1);
      });

      if (capabilities.notifiesOtherHandles) {
        it('when deliveries are committed on one handle, then listeners on the other handle are called', async () => {
          const second = await openSecond(store);
          extra.push(second);
          const a = await newTenant();
          await newHook(a);
          const called = new Promise<void>((resolve) => second.onDeliveriesCreated(resolve));
          const e = event(a);
          await store.appendEvent(e, planAll(e));
          await called;
        });
      } else {
        it('when deliveries are committed on one handle, then only that handle notifies (declared: notifiesOtherHandles false)', async () => {
          const second = await openSecond(store);
          extra.push(second);
          const a = await newTenant();
          await newHook(a);
          const other = jest.fn();
          second.onDeliveriesCreated(other);
          const own = new Promise<void>((resolve) => store.onDeliveriesCreated(resolve));
          const e = event(a);
          await store.appendEvent(e, planAll(e));
          await own;
          expect(other).not.toHaveBeenCalled();
        });
      }
    });
  });
}
