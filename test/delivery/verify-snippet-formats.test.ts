/**
 * The console's verification snippet against real deliveries of every body format (JSON, XML, form,
 * and the empty body of a GET): it verifies the raw bytes and then parses them by Content-Type,
 * where the `standardwebhooks` package, which parses JSON after checking, refuses a genuine XML body.
 */
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, publish, sample, uniqueBrand } from './fixtures';

const SNIPPET = path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js');
const { verifyWebhook, parseWebhookBody } = require(SNIPPET) as {
  verifyWebhook(secret: string, headers: Record<string, string>, rawBody: string | Buffer | undefined, now?: number): string;
  parseWebhookBody(headers: Record<string, string>, body: string): unknown;
};

let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer();
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

async function deliverOne(hook: Record<string, unknown>) {
  const brand = uniqueBrand();
  const created = await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, ...hook });
  const data = sample('ticket.created') as any;
  data.ticket.summary = 'Printer <HP> & "scanner" on floor 2';
  await publish(server, 'ticket.created', brand, data);
  const [request] = await receiver.waitFor(1);
  return { secret: created.secret as string, request, headers: request.headers as Record<string, string>, raw: Buffer.from(request.body, 'utf8'), data };
}

test('when an XML template delivery arrives, then the snippet verifies its raw body and hands back the XML text', async () => {
  const { secret, headers, raw, data } = await deliverOne({
    format: 'template',
    template: { contentType: 'xml', body: '<ticket><id>{{ data.ticket.id }}</id><summary>{{ data.ticket.summary }}</summary></ticket>' },
  });
  expect(headers['content-type']).toBe('application/xml; charset=utf-8');
  const body = verifyWebhook(secret, headers, raw);
  expect(parseWebhookBody(headers, body)).toBe(`<ticket><id>${data.ticket.id}</id><summary>Printer &lt;HP&gt; &amp; &quot;scanner&quot; on floor 2</summary></ticket>`);
  // Why the README's standardwebhooks receiver is not enough here: it parses the verified body as JSON.
  expect(() => new Webhook(secret).verify(raw.toString(), headers)).toThrow();
  // And the snippet still refuses a body altered in transit.
  expect(() => verifyWebhook(secret, headers, raw.toString().replace('floor 2', 'floor 3'))).toThrow('no valid signature');
});

test('when a form template delivery arrives, then the snippet verifies it and parses the fields', async () => {
  const { secret, headers, raw, data } = await deliverOne({
    format: 'template',
    template: { contentType: 'form', body: 'ticket={ticket_id}&summary={{ data.ticket.summary }}&who={requester_email}' },
  });
  expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
  const fields = parseWebhookBody(headers, verifyWebhook(secret, headers, raw));
  expect(fields).toEqual({ ticket: data.ticket.id, summary: data.ticket.summary, who: data.ticket.contact.email });
  expect(() => new Webhook(secret).verify(raw.toString(), headers)).toThrow();
});

test('when a JSON delivery arrives, then the snippet parses it to the envelope', async () => {
  const { secret, headers, raw, data } = await deliverOne({});
  expect(parseWebhookBody(headers, verifyWebhook(secret, headers, raw))).toMatchObject({ type: 'ticket.created', data });
});

test('when a GET delivery arrives with no body, then the snippet verifies the empty body', async () => {
  const { secret, request, headers } = await deliverOne({ method: 'GET', format: 'template', template: { contentType: 'form', body: 'ticket={ticket_id}' } });
  expect(request.method).toBe('GET');
  expect(request.body).toBe('');
  expect(verifyWebhook(secret, headers, undefined)).toBe('');
  expect(verifyWebhook(secret, headers, Buffer.alloc(0))).toBe('');
});

test('when a receiver passes an already-parsed body, then the snippet says to keep the raw body', () => {
  expect(() => verifyWebhook('whsec_c2VjcmV0', { 'webhook-id': 'msg_1', 'webhook-timestamp': '1' }, { a: 1 } as unknown as string)).toThrow('not a parsed object');
});
