import nock from 'nock';
import { Catalog } from '../../../server/src/catalog/catalog';
import { API_KEY, App, NOCK_SERVER, appTester, authData, deepKeys, errorMessage, rejection } from './zapier-app';
import { useNock } from './use-nock';

const catalog = new Catalog();
const TYPE = 'chat.missed';
const trigger = App.triggers.chat_missed;
const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/123456/abcdef/';

/** An event as the server delivers or lists it: the catalog sample with its own id and a brand. */
function deliveredEnvelope(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const sample = catalog.sampleEnvelope(TYPE);
  return { ...sample, id, timestamp: '2026-03-02T10:00:00.000Z', brand: 'Harbour IT', ...overrides };
}

const CREATED_HOOK = {
  id: 'hk_01JNQ',
  url: TARGET_URL,
  events: [TYPE],
  description: 'Zapier: New Missed Chat Session, Zap #4242',
  status: 'active',
  enabled: true,
  format: 'envelope',
  source: 'zapier',
  secret: 'whsec_c2VjcmV0',
  deleted: false,
  createdAt: '2026-03-02T09:00:00Z',
  updatedAt: '2026-03-02T09:00:00Z',
};

useNock();

describe('a catalog hook trigger (New Missed Chat Session)', () => {
  it('when a Zap is turned on, then performSubscribe posts the target URL, a description naming the Zap and source zapier', async () => {
    let body: any;
    const scope = nock(NOCK_SERVER, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(`/v1/triggers/${TYPE}/hooks`, (sent) => {
        body = sent;
        return true;
      })
      .reply(201, CREATED_HOOK, { Location: `${NOCK_SERVER}/v1/hooks/hk_01JNQ` });

    const result = await appTester(trigger.operation.performSubscribe, {
      authData: authData(),
      targetUrl: TARGET_URL,
      meta: { zap: { id: '4242' } },
    });

    expect(scope.isDone()).toBe(true);
    expect(body).toEqual({ url: TARGET_URL, description: 'Zapier: New Missed Chat Session, Zap #4242', source: 'zapier' });
    expect(result).toEqual(CREATED_HOOK);
    expect(result.id).toBe('hk_01JNQ');
  });

  it('when the Zap has no id (the editor), then the description still names the trigger', async () => {
    let body: any;
    nock(NOCK_SERVER)
      .post(`/v1/triggers/${TYPE}/hooks`, (sent) => {
        body = sent;
        return true;
      })
      .reply(201, CREATED_HOOK);

    await appTester(trigger.operation.performSubscribe, { authData: authData(), targetUrl: TARGET_URL });

    expect(body.description).toBe('Zapier: New Missed Chat Session');
  });

  it('when the server refuses the target URL (422), then the Zapier error is the field message', async () => {
    nock(NOCK_SERVER)
      .post(`/v1/triggers/${TYPE}/hooks`)
      .reply(
        422,
        {
          type: 'https://deskhooks.dev/problems/validation',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'The hook was refused.',
          errors: [{ pointer: '/url', location: 'body', detail: 'must be an https:// URL on a public address' }],
        },
        { 'Content-Type': 'application/problem+json' },
      );

    const error = await rejection(
      appTester(trigger.operation.performSubscribe, { authData: authData(), targetUrl: 'http://10.0.0.5/hook' }),
    );

    expect(errorMessage(error)).toBe('url: must be an https:// URL on a public address (Unprocessable Content)');
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput', status: 422 });
  });

  it('when a Zap is turned off, then performUnsubscribe deletes the hook named by subscribeData.id', async () => {
    const scope = nock(NOCK_SERVER, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .delete('/v1/hooks/hk_01JNQ')
      .query({ reason: 'unsubscribed' })
      .reply(204);

    const result = await appTester(trigger.operation.performUnsubscribe, {
      authData: authData(),
      subscribeData: CREATED_HOOK,
    });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: 'hk_01JNQ', deleted: true });
  });

  it('when the hook is already gone (404), then unsubscribing still succeeds so the Zap can turn off', async () => {
    const scope = nock(NOCK_SERVER).delete('/v1/hooks/hk_gone').query(true).reply(404, { title: 'Not Found', status: 404 });

    const result = await appTester(trigger.operation.performUnsubscribe, { authData: authData(), subscribeData: { id: 'hk_gone' } });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: 'hk_gone', deleted: true });
  });

  it('when the server fails while unsubscribing, then the error surfaces so Zapier retries', async () => {
    nock(NOCK_SERVER).delete('/v1/hooks/hk_01JNQ').query(true).reply(503, { title: 'Service Unavailable', status: 503 });

    const error = await rejection(appTester(trigger.operation.performUnsubscribe, { authData: authData(), subscribeData: { id: 'hk_01JNQ' } }));

    expect(errorMessage(error)).toContain('The deskhooks server failed (503 Service Unavailable)');
  });

  it('when subscribeData has no id, then unsubscribing fails without calling the server', async () => {
    const error = await rejection(appTester(trigger.operation.performUnsubscribe, { authData: authData(), subscribeData: {} }));

    expect(errorMessage(error)).toContain('no deskhooks hook id');
  });

  it('when one envelope is delivered, then perform returns it as a one-item array with brand and test filled in', async () => {
    const envelope = deliveredEnvelope('evt_one', { brand: undefined });

    const items = await appTester(trigger.operation.perform, { authData: authData(), cleanedRequest: envelope });

    expect(items).toEqual([{ ...envelope, brand: null, test: false }]);
  });

  it('when a batch (a JSON array of envelopes) is delivered, then perform returns one item per event, in order', async () => {
    const batch = [deliveredEnvelope('evt_a'), deliveredEnvelope('evt_b', { test: true }), deliveredEnvelope('evt_c')];

    const items = await appTester(trigger.operation.perform, { authData: authData(), cleanedRequest: batch });

    expect(items.map((item: any) => item.id)).toEqual(['evt_a', 'evt_b', 'evt_c']);
    expect(items.map((item: any) => item.test)).toEqual([false, true, false]);
    expect(items[0].data).toEqual(batch[0].data);
  });

  it('when Zapier hands over the body unparsed, then perform parses the raw content', async () => {
    const envelope = deliveredEnvelope('evt_raw');

    const items = await appTester(trigger.operation.perform, {
      authData: authData(),
      rawRequest: { method: 'POST', headers: {}, content: JSON.stringify(envelope) },
    });

    expect(items.map((item: any) => item.id)).toEqual(['evt_raw']);
  });

  it('when the delivered body is not an envelope, then perform fails instead of triggering on it', async () => {
    const error = await rejection(
      appTester(trigger.operation.perform, { authData: authData(), cleanedRequest: [deliveredEnvelope('evt_ok'), { hello: 'world' }] }),
    );

    expect(errorMessage(error)).toContain('item 1 of the delivered array is not a deskhooks event');
  });

  it('when the trigger is tested, then performList asks for recent events of its type and returns them as items', async () => {
    const events = [deliveredEnvelope('evt_new'), deliveredEnvelope('evt_old', { brand: null })];
    const scope = nock(NOCK_SERVER, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/v1/events')
      .query({ type: TYPE, limit: '3' })
      .reply(200, { data: events, nextCursor: 'cur_2' });

    const items = await appTester(trigger.operation.performList, { authData: authData(), meta: { limit: 3 } });

    expect(scope.isDone()).toBe(true);
    expect(items.map((item: any) => item.id)).toEqual(['evt_new', 'evt_old']);
  });

  it('when the tenant has no events of the type yet, then performList returns nothing (Zapier shows the sample)', async () => {
    nock(NOCK_SERVER).get('/v1/events').query({ type: TYPE, limit: '10' }).reply(200, { data: [], nextCursor: null });

    const items = await appTester(trigger.operation.performList, { authData: authData() });

    expect(items).toEqual([]);
  });

  it('when compared field by field, then performList items, perform items and the sample have the same deep key set', async () => {
    const listed = deliveredEnvelope('evt_listed');
    delete listed.brand;
    nock(NOCK_SERVER).get('/v1/events').query(true).reply(200, { data: [listed], nextCursor: null });

    const [fromList] = await appTester(trigger.operation.performList, { authData: authData() });
    const [fromHook] = await appTester(trigger.operation.perform, { authData: authData(), cleanedRequest: deliveredEnvelope('evt_hook', { test: true }) });
    const sample = trigger.operation.sample;

    expect(deepKeys(fromList)).toEqual(deepKeys(sample));
    expect(deepKeys(fromHook)).toEqual(deepKeys(sample));
    expect(deepKeys(sample)).toEqual(expect.arrayContaining(['id', 'type', 'timestamp', 'brand', 'test', 'data.chat.id']));
  });

  it('when every catalog trigger lists and receives its own sample event, then performList, perform and the sample have the same deep key set', async () => {
    const mismatches: string[] = [];
    for (const type of catalog.types) {
      const operation = App.triggers[type.replace(/[^A-Za-z0-9]+/g, '_')].operation;
      // As the server lists and delivers it: no brand on a single-brand helpdesk, no test flag on a real event.
      const event = { ...catalog.sampleEnvelope(type), id: `evt_${type}` };
      nock(NOCK_SERVER).get('/v1/events').query({ type, limit: '10' }).reply(200, { data: [event], nextCursor: null });

      const [fromList] = await appTester(operation.performList, { authData: authData() });
      const [fromHook] = await appTester(operation.perform, { authData: authData(), cleanedRequest: event });

      for (const [name, item] of [['performList', fromList], ['perform', fromHook]] as const) {
        if (JSON.stringify(deepKeys(item)) !== JSON.stringify(deepKeys(operation.sample))) mismatches.push(`${type}: ${name}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
