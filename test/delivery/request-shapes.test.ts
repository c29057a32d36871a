/**
 * What a receiver gets, over real HTTP: Standard Webhooks signatures (checked with the
 * `standardwebhooks` package), every body format, method, auth kind, filter and URL tag.
 */
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deliveriesOf, deliveryDetail, fakeClock, publish, sample, settle, uniqueBrand } from './fixtures';

const clock = fakeClock();
let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer({ clock, config: { batchWindowMs: 2000 } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  receiver = await startReceiver({ status: 204 });
});
afterEach(async () => {
  await receiver.close();
});

describe('signatures', () => {
  test('when an event is delivered, then the standardwebhooks package verifies it and webhook-id is the delivery id', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    const eventId = await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    const payload = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any;
    expect(payload).toMatchObject({ id: eventId, type: 'ticket.created', brand, data: sample('ticket.created') });
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    expect(request.headers['webhook-id']).toBe(delivery.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastResponseStatus: 204 });
  });

  test('when the secret was rotated with an overlap, then both secrets sign and each verifies on its own', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    const rotated = await server.request('POST', `/v1/hooks/${hook.id}/secret/rotate`, { body: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.body.secret;
    expect(newSecret).not.toBe(hook.secret);
    await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    const signatures = String(request.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const secret of [hook.secret, newSecret]) {
      expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    }
    expect(() => new Webhook(`whsec_${Buffer.from('another secret entirely').toString('base64')}`).verify(request.body, request.headers as Record<string, string>)).toThrow();
  });

  test('when a delivery is retried, then every attempt carries the same webhook-id', async () => {
    const brand = uniqueBrand();
    receiver.reply({ status: 500 });
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, retryPolicy: { type: 'custom', delays: [30] } });
    await publish(server, 'ticket.created', brand);
    await receiver.waitFor(1);
    await settle(server);
    receiver.reply({ status: 200 });
    clock.advance(30_000);
    const [first, second] = await (async () => {
      server.engine.wake();
      return receiver.waitFor(2);
    })();
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(new Webhook(hook.secret).verify(second.body, second.headers as Record<string, string>)).toBeTruthy();
    await settle(server);
  });
});

describe('formats', () => {
  test('when the format is data, then the body is the resource alone', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['chat.missed'], brand, format: 'data' });
    await publish(server, 'chat.missed', brand);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toEqual(sample('chat.missed'));
    expect(request.headers['content-type']).toBe('application/json');
  });

  test('when the format is batch, then events of the window arrive together as one signed JSON array', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['chat.updated', 'chat.missed'], brand, format: 'batch' });
    clock.set(Math.ceil(clock.now() / 2000) * 2000); // the start of a 2-second window
    const first = await publish(server, 'chat.updated', brand);
    clock.advance(1500);
    const second = await publish(server, 'chat.missed', brand);
    await settle(server);
    expect(receiver.requests).toHaveLength(0); // still collecting
    clock.advance(500);
    await settle(server);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const batch = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any[];
    expect(batch.map((e) => [e.id, e.type])).toEqual([
      [first, 'chat.updated'],
      [second, 'chat.missed'],
    ]);
    const deliveries = await deliveriesOf(server, hook.id);
    expect(deliveries.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
  });

  test('when the format is a JSON template, then values are escaped into valid JSON', async () => {
    const brand = uniqueBrand();
    const data = sample('ticket.created') as any;
    data.ticket.summary = 'Printer "HP" on floor 2\nurgent';
    await createHook(server, {
      url: `${receiver.url}/in`,
      events: ['ticket.created'],
      brand,
      format: 'template',
      template: { contentType: 'json', body: '{"text": "{{ data.ticket.summary }}", "id": "{{ data.ticket.id }}", "type": "{{ type }}", "ticket": {{ data.ticket | json | raw }}}' },
    });
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ text: data.ticket.summary, id: String(data.ticket.id), type: 'ticket.created', ticket: data.ticket });
  });

  test('when the format is an XML template, then it is sent as application/xml with text escaped', async () => {
    const brand = uniqueBrand();
    const data = sample('ticket.created') as any;
    data.ticket.summary = 'A <b> & "c"';
    await createHook(server, {
      url: `${receiver.url}/in`,
      events: ['ticket.created'],
      brand,
      format: 'template',
      template: { contentType: 'xml', body: '<ticket id="{{ data.ticket.id }}"><summary>{{ data.ticket.summary }}</summary></ticket>' },
    });
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(request.body).toBe(`<ticket id="${data.ticket.id}"><summary>A &lt;b&gt; &amp; &quot;c&quot;</summary></ticket>`);
  });

  test('when the format is a form template, then it is x-www-form-urlencoded with values encoded', async () => {
    const brand = uniqueBrand();
    const data = sample('ticket.created') as any;
    data.ticket.summary = 'a&b=c d';
    await createHook(server, {
      url: `${receiver.url}/in`,
      events: ['ticket.created'],
      brand,
      format: 'template',
      template: { contentType: 'form', body: 'summary={{ data.ticket.summary }}&id={{ data.ticket.id }}' },
    });
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ summary: 'a&b=c d', id: String(data.ticket.id) });
  });
});

describe('methods and URL tags', () => {
  test.each(['PUT', 'PATCH', 'DELETE'])('when the method is %s, then the signed envelope is sent with it', async (method) => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, method });
    await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    expect(request.method).toBe(method);
    expect((new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any).type).toBe('ticket.created');
  });

  test('when the method is GET, then no body is sent, a form template goes to the query and the empty body is signed', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, {
      url: `${receiver.url}/notify?source=deskhooks`,
      events: ['ticket.created'],
      brand,
      method: 'GET',
      format: 'template',
      template: { contentType: 'form', body: 'ticket={{ data.ticket.id }}&status={{ data.ticket.status }}' },
    });
    const data = sample('ticket.created') as any;
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.method).toBe('GET');
    expect(request.body).toBe('');
    const query = new URLSearchParams(request.url.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ source: 'deskhooks', ticket: String(data.ticket.id), status: data.ticket.status });
    expect(() => new Webhook(hook.secret).verify('', request.headers as Record<string, string>)).not.toThrow();
  });

  test('when the URL has Liquid tags, then they are rendered URL-encoded', async () => {
    const brand = uniqueBrand();
    const data = sample('ticket.created') as any;
    data.ticket.summary = 'a/b c?d';
    await createHook(server, { url: `${receiver.url}/tickets/{{ data.ticket.id }}/notes?about={{ data.ticket.summary }}&type={{ type }}`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.url).toBe(`/tickets/${encodeURIComponent(String(data.ticket.id))}/notes?about=a%2Fb%20c%3Fd&type=ticket.created`);
  });
});

describe('endpoint auth and headers', () => {
  test.each([
    [{ type: 'basic', username: 'zap', password: 's3cret' }, 'authorization', `Basic ${Buffer.from('zap:s3cret').toString('base64')}`, 'Basic [redacted]'],
    [{ type: 'bearer', token: 'tok-123' }, 'authorization', 'Bearer tok-123', 'Bearer [redacted]'],
    [{ type: 'api_key', headerName: 'X-Api-Key', value: 'k-456' }, 'x-api-key', 'k-456', '[redacted]'],
  ])('when auth is %j, then the receiver gets the credential and the attempt log does not', async (auth, header, expected, logged) => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, auth, headers: { 'X-Team': 'service-desk' } });
    await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    expect(request.headers[header]).toBe(expected);
    expect(request.headers['x-team']).toBe('service-desk');
    await settle(server);
    const [delivery] = await deliveriesOf(server, hook.id);
    const detail = await deliveryDetail(server, delivery.id);
    const loggedHeaders = Object.fromEntries(Object.entries(detail.attemptLog[0].requestHeaders as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    expect(loggedHeaders[header]).toBe(logged);
    expect(loggedHeaders['x-team']).toBe('service-desk');
    expect(JSON.stringify(detail)).not.toContain(expected.split(' ').pop());
  });

  test('when no auth is set, then no Authorization header is sent', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
    await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    expect(request.headers.authorization).toBeUndefined();
  });
});

describe('filters', () => {
  test('when hooks filter on the envelope, then only matching events are delivered to each', async () => {
    const brand = uniqueBrand();
    const contacts = await startReceiver();
    try {
      await createHook(server, { url: `${receiver.url}/missed`, events: ['chat.updated', 'chat.missed'], brand, filter: { 'data.chat.status': 'missed' } });
      await createHook(server, { url: `${contacts.url}/contacts`, events: ['message.created'], brand, filter: { 'data.message.author.kind': 'contact' } });
      const missed = sample('chat.missed') as any;
      const updated = sample('chat.updated') as any;
      updated.chat.status = 'handled';
      const fromContact = sample('message.created') as any;
      const fromMember = JSON.parse(JSON.stringify(fromContact));
      fromContact.message.author.kind = 'contact';
      fromMember.message.author.kind = 'member';
      const missedId = await publish(server, 'chat.missed', brand, missed);
      await publish(server, 'chat.updated', brand, updated);
      const contactId = await publish(server, 'message.created', brand, fromContact);
      await publish(server, 'message.created', brand, fromMember);
      await settle(server);
      expect(receiver.requests.map((r) => JSON.parse(r.body).id)).toEqual([missedId]);
      expect(contacts.requests.map((r) => JSON.parse(r.body).id)).toEqual([contactId]);
    } finally {
      await contacts.close();
    }
  });
});
