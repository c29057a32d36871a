/**
 * Body templates (issue 14, item 2): a template is rendered over its triggers' samples when it is
 * saved, so one whose output is not valid for its content type, or that names a variable the sample
 * lacks, is refused with 422; at send time an invalid rendering fails the attempt instead of being
 * sent; and LiquidJS's limits keep any one render from stalling the event loop. Over real HTTP,
 * with a real receiver.
 */
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
  const registered = await server.request('PUT', '/v1/custom-event-types/custom.reading', {
    body: { schema: { type: 'object', required: ['value'], properties: { value: { anyOf: [{ type: 'integer' }, { type: 'string' }] } } }, sample: { value: 1 } },
  });
  expect(registered.status).toBe(201);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

const NESTED_LOOPS = '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';

const templated = (body: string, contentType: 'json' | 'xml' | 'form', events = ['chat.missed']) =>
  server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/t`, events, format: 'template', template: { body, contentType } } });

async function hookCount(): Promise<number> {
  return (await server.request('GET', '/v1/hooks?limit=100')).body.data.length;
}

async function settled(deliveryId: string): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const delivery = (await server.request('GET', `/v1/deliveries/${deliveryId}`)).body;
    if (delivery.status !== 'pending' || Date.now() > deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('checking a template when it is saved', () => {
  it('when a json template renders {"status": missed} (an unquoted string) over the sample, then 422 says the output is not valid JSON and nothing is saved', async () => {
    const before = await hookCount();
    const response = await templated('{"status": {{ data.chat.status }}}', 'json');
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { pointer: '/template/body', location: 'body', detail: expect.stringMatching(/chat\.missed sample.*not valid JSON/) },
    ]);
    expect(await hookCount()).toBe(before);
  });

  it('when a template names a variable the sample does not have, then 422 names the variable', async () => {
    const response = await templated('{"status": "{{ data.chat.statuz }}"}', 'json');
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ pointer: '/template/body', detail: expect.stringContaining('data.chat.statuz') }));
  });

  it('when a template guards an optional field with if or default, and quotes its strings, then it is accepted', async () => {
    // (A field the trigger's schema does not have at all is refused even when guarded: see the flat-tag check.)
    const body = '{"status": "{{ data.chat.status }}"{% if data.chat.name %}, "name": "{{ data.chat.name }}"{% endif %}, "brand": "{{ brand | default: "none" }}"}';
    const response = await templated(body, 'json');
    expect(response.status).toBe(201);
    await server.request('DELETE', `/v1/hooks/${response.body.id}`);
  });

  it.each([
    ['xml', '<chat><status>{{ data.chat.status }}</chat>', /closes <status> with <\/chat>/, '<chat status="{{ data.chat.status }}"><name>{{ data.chat.name }}</name></chat>'],
    ['xml', '<chat/><status>{{ data.chat.status }}</status>', /second root element/, '<?xml version="1.0"?><chat><status>{{ data.chat.status }}</status></chat>'],
    ['form', 'status={{ data.chat.status }}&note=called back today', /must be percent-encoded/, 'status={{ data.chat.status }}&note=called+back+today'],
  ] as const)('when a %s template renders %j, then 422 names the problem; the corrected one is accepted', async (contentType, bad, problem, good) => {
    const refused = await templated(bad, contentType);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toEqual(expect.objectContaining({ pointer: '/template/body', detail: expect.stringMatching(problem) }));
    const accepted = await templated(good, contentType);
    expect(accepted.status).toBe(201);
    await server.request('DELETE', `/v1/hooks/${accepted.body.id}`);
  });

  it('when an edit makes a saved template invalid for its events, then 422 and the hook keeps its template', async () => {
    const created = await templated('{"status": "{{ data.chat.status }}"}', 'json');
    expect(created.status).toBe(201);
    // The chat.missed template does not fit ticket.created's sample (no data.chat).
    const patched = await server.request('PATCH', `/v1/hooks/${created.body.id}`, { body: { events: ['ticket.created'] } });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].detail).toMatch(/data\.chat\.status.*ticket\.created|ticket\.created sample/);
    expect((await server.request('GET', `/v1/hooks/${created.body.id}`)).body.events).toEqual(['chat.missed']);
    await server.request('DELETE', `/v1/hooks/${created.body.id}`);
  });

  it('when a template nests loops a billion iterations deep, then 422 names the render limit within a fraction of a second', async () => {
    const started = Date.now();
    const response = await templated(NESTED_LOOPS, 'json');
    expect(response.status).toBe(422);
    expect(response.body.errors[0].detail).toMatch(/limit exceeded/);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('rendering at send time', () => {
  it('when an event makes a valid template render invalid JSON, then the attempt fails with a clear error and nothing is sent', async () => {
    const hook = await templated('{"value": {{ data.value | raw }}}', 'json', ['custom.reading']);
    expect(hook.status).toBe(201);
    receiver.requests.length = 0;
    const good = await server.request('POST', '/v1/events', { body: { type: 'custom.reading', data: { value: 42 } } });
    const bad = await server.request('POST', '/v1/events', { body: { type: 'custom.reading', data: { value: 'forty two' } } });
    const deliveries = (await server.request('GET', `/v1/hooks/${hook.body.id}/deliveries?limit=10`)).body.data as Array<{ id: string; eventId: string }>;
    const goodDelivery = await settled(deliveries.find((d) => d.eventId === good.body.id)!.id);
    const badDelivery = await settled(deliveries.find((d) => d.eventId === bad.body.id)!.id);

    expect(goodDelivery.status).toBe('succeeded');
    expect(badDelivery).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: null });
    expect(badDelivery.lastError).toMatch(/template's output is not valid JSON.*not sent/);
    expect(receiver.requests.map((r) => JSON.parse(r.body))).toEqual([{ value: 42 }]);
    await server.request('DELETE', `/v1/hooks/${hook.body.id}`);
  });

  it('when a stored template nests loops (saved before these checks), then each delivery fails at the render limit and /healthz is never held for long', async () => {
    const hook = await templated('{"ok": true}', 'json');
    expect(hook.status).toBe(201);
    // As a row written by an older version: straight into the store, past the save-time check.
    await server.store.updateHook('ten_default', hook.body.id, { template: { body: NESTED_LOOPS, contentType: 'json' } });
    const sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
    receiver.requests.length = 0;

    const latencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await server.request('GET', '/healthz', { key: null });
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const published = [];
    for (let i = 0; i < 3; i += 1) published.push((await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: sample } })).body.id);
    const deliveries = (await server.request('GET', `/v1/hooks/${hook.body.id}/deliveries?limit=10`)).body.data as Array<{ id: string }>;
    const finished = await Promise.all(deliveries.map((d) => settled(d.id)));
    probing = false;
    await probe;

    expect(finished).toHaveLength(3);
    for (const delivery of finished) {
      expect(delivery.status).toBe('failed');
      expect(delivery.lastError).toMatch(/render limit exceeded/);
    }
    expect(receiver.requests).toHaveLength(0);
    // On the old 1 s render limit each delivery held /healthz for about a second.
    expect(Math.max(...latencies)).toBeLessThan(300);
  });
});
