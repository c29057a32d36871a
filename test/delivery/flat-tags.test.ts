/**
 * Tags as EddyDesk admins write them, over real HTTP: flat tags (`{parent_ticket_id}`,
 * `{{ link_staff }}`) in URLs and bodies are rendered per event, unknown or unavailable tags are
 * refused when the hook is saved (422 naming the tag), and the README's sub-request example works
 * exactly as written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deleteAllHooks, publish, sample, settle, uniqueBrand } from './fixtures';

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
  await deleteAllHooks(server);
  await receiver.close();
});

const variant = (type: string, name: string) => JSON.parse(JSON.stringify(getCatalog().get(type)!.variants[name]));

async function refused(body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST', target = '/v1/hooks') {
  const response = await server.request(method, target, { body });
  expect(response.status).toBe(422);
  return response.body.errors as Array<{ pointer: string; detail: string }>;
}

describe('flat tags in URLs and bodies', () => {
  test("when a URL and a JSON template use EddyDesk's single-brace tags, then each is rendered from the event", async () => {
    const brand = uniqueBrand();
    await createHook(server, {
      url: `${receiver.url}/api/v2/tickets/{parent_ticket_id}/comments/`,
      events: ['ticket.reply_added'],
      brand,
      method: 'PUT',
      format: 'template',
      template: { contentType: 'json', body: '{"parse_mode": "html", "chat_id": "12345", "text": "link for request: {link_staff} ({ticket_subject})"}' },
    });
    const data = variant('ticket.reply_added', 'subrequest');
    await publish(server, 'ticket.reply_added', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(`/api/v2/tickets/${data.ticket.parentTicketId}/comments/`);
    expect(JSON.parse(request.body)).toEqual({ parse_mode: 'html', chat_id: '12345', text: `link for request: ${data.ticket.staffUrl} (${data.ticket.summary})` });
  });

  test('when tags are written {{ like_this }}, with filters, in an XML template, then they render and are escaped for XML', async () => {
    const brand = uniqueBrand();
    await createHook(server, {
      url: `${receiver.url}/in?ticket={{ ticket_id }}`,
      events: ['ticket.created'],
      brand,
      format: 'template',
      template: { contentType: 'xml', body: '<ticket id="{{ ticket_id }}"><who>{{ requester_name | upcase }}</who><status>{status}</status><company>{{ company_name }}</company></ticket>' },
    });
    const data = sample('ticket.created') as any;
    data.ticket.company.name = 'Kiwi & Co <NZ>';
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.url).toBe(`/in?ticket=${data.ticket.id}`);
    expect(request.body).toBe(
      `<ticket id="${data.ticket.id}"><who>${data.ticket.contact.name.toUpperCase().replace("'", '&apos;')}</who><status>${data.ticket.status}</status><company>Kiwi &amp; Co &lt;NZ&gt;</company></ticket>`,
    );
  });

  test('when a ticket has no parent, then {parent_ticket_id} renders empty rather than literally', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.updated'], brand, format: 'template', template: { contentType: 'form', body: 'id={ticket_id}&parent={parent_ticket_id}' } });
    await publish(server, 'ticket.updated', brand);
    const [request] = await receiver.waitFor(1);
    expect(request.body).toBe(`id=${(sample('ticket.updated') as any).ticket.id}&parent=`);
  });

  test('when braces must be sent literally, then {{ "{word}" }} sends them and is not taken for a tag', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, format: 'template', template: { contentType: 'json', body: '{"text": "{{ "{word}" }} {ticket_id}"}' } });
    await publish(server, 'ticket.created', brand);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toEqual({ text: `{word} ${(sample('ticket.created') as any).ticket.id}` });
  });

  test('when GET /v1/triggers/{type} is read, then it lists the flat tags the trigger offers with the path each reads', async () => {
    const reply = (await server.request('GET', '/v1/triggers/ticket.reply_added')).body;
    expect(reply.tags).toEqual(
      expect.arrayContaining([
        { name: 'ticket_id', title: 'Ticket ID', path: 'data.ticket.id' },
        { name: 'parent_ticket_id', title: 'Parent Ticket ID', path: 'data.ticket.parentTicketId' },
        { name: 'link_staff', title: 'Staff Link', path: 'data.ticket.staffUrl' },
        { name: 'link_client', title: 'Client Link', path: 'data.ticket.url' },
        { name: 'status', title: 'Status', path: 'data.ticket.status' },
        { name: 'requester_email', title: 'Requester Email', path: 'data.ticket.contact.email' },
        { name: 'reply_author_kind', title: 'Reply Author Kind', path: 'data.reply.author.kind' },
      ]),
    );
    const chat = (await server.request('GET', '/v1/triggers/chat.status_changed')).body;
    expect(chat.tags.map((tag: { name: string }) => tag.name)).toEqual(expect.arrayContaining(['chat_id', 'status', 'previous_status', 'requester_name']));
    expect(chat.tags.map((tag: { name: string }) => tag.name)).not.toContain('link_staff');
    expect(chat.tags.find((tag: { name: string }) => tag.name === 'status').path).toBe('data.status');
  });
});

describe('tags refused when the hook is saved', () => {
  test('when a URL uses a tag that does not exist, then the hook is refused naming it and nothing is saved', async () => {
    const errors = await refused({ url: `${receiver.url}/api/v2/tickets/{parent_ticket}/comments/`, events: ['ticket.reply_added'] });
    expect(errors).toEqual([{ pointer: '/url', location: 'body', detail: expect.stringContaining('uses {parent_ticket}, which is not a known tag') }]);
    expect(errors[0].detail).toContain('parent_ticket_id');
    expect((await server.request('GET', '/v1/hooks?limit=100')).body.data).toHaveLength(0);
  });

  test('when a template uses a tag its event does not have, then the hook is refused naming the tag and the event', async () => {
    const errors = await refused({
      url: `${receiver.url}/in`,
      events: ['chat.created'],
      format: 'template',
      template: { contentType: 'json', body: '{"text": "{{ link_staff }}"}' },
    });
    expect(errors).toEqual([{ pointer: '/template/body', location: 'body', detail: expect.stringMatching(/uses \{\{ link_staff \}\}, a tag chat\.created does not have/) }]);
  });

  test('when a template reads a data field the event does not have, then the hook is refused naming the path', async () => {
    const errors = await refused({
      url: `${receiver.url}/in`,
      events: ['ticket.reply_added'],
      format: 'template',
      template: { contentType: 'json', body: '{"parent": "{{ data.ticket.parentTicketid }}", "ok": "{{ data.reply.author.kind }}"}' },
    });
    expect(errors).toEqual([{ pointer: '/template/body', location: 'body', detail: expect.stringContaining('{{ data.ticket.parentTicketid }}, which is not a field of ticket.reply_added') }]);
  });

  test('when a variable is neither the envelope, a tag nor assigned in the template, then it is refused', async () => {
    const errors = await refused({ url: `${receiver.url}/in`, events: ['ticket.created'], format: 'template', template: { contentType: 'form', body: 'a={{ tiket_id }}' } });
    expect(errors[0]).toMatchObject({ pointer: '/template/body', detail: expect.stringContaining('uses {{ tiket_id }}, which is not a known tag') });
  });

  test('when a template assigns and loops over its own variables, then they are not taken for unknown tags', async () => {
    const brand = uniqueBrand();
    await createHook(server, {
      url: `${receiver.url}/in`,
      events: ['ticket.created', 'chat.created'],
      brand,
      format: 'template',
      template: { contentType: 'json', body: '{% assign who = data.ticket.contact.name %}{"who": "{{ who }}", "tags": [{% for t in data.ticket.tags %}"{{ t }}"{% unless forloop.last %},{% endunless %}{% endfor %}], "chat": "{{ chat_id }}", "n": {{ data.ticket.tags.size | default: 0 }}}' },
    });
    const data = sample('ticket.created') as any;
    await publish(server, 'ticket.created', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toEqual({ who: data.ticket.contact.name, tags: data.ticket.tags, chat: 'null', n: data.ticket.tags.length });
  });

  test("when a hook's events change so that its URL's tag no longer exists, then the change is refused and the hook is kept", async () => {
    const hook = await createHook(server, { url: `${receiver.url}/tickets/{ticket_id}`, events: ['ticket.created'] });
    const errors = await refused({ events: ['chat.created'] }, 'PATCH', `/v1/hooks/${hook.id}`);
    expect(errors[0]).toMatchObject({ pointer: '/url', detail: expect.stringContaining('uses {ticket_id}, a tag chat.created does not have') });
    expect((await server.request('GET', `/v1/hooks/${hook.id}`)).body.events).toEqual(['ticket.created']);
  });
});

describe("the README's sub-request example (EddyDesk seed, second example)", () => {
  /** The example hook exactly as README.md shows it, pointed at the local receiver. */
  function readmeExample(): Record<string, any> {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const match = /<!-- example: eddydesk-subrequest -->\s*```json\n([\s\S]*?)```/.exec(readme);
    if (!match) throw new Error('README.md has no eddydesk-subrequest example');
    return JSON.parse(match[1].replace('https://acme.eddydesk.com', receiver.url));
  }

  test('when a sub-request gets a reply from its end user, then an internal note is posted to the parent ticket with basic auth', async () => {
    const example = readmeExample();
    const brand = uniqueBrand();
    await createHook(server, { ...example, brand });
    const data = variant('ticket.reply_added', 'subrequest');
    expect(data.reply.author.kind).toBe('contact');
    await publish(server, 'ticket.reply_added', brand, data);
    const [request] = await receiver.waitFor(1);
    expect(request.method).toBe(example.method);
    expect(request.url).toBe(`/api/v2/tickets/${data.ticket.parentTicketId}/comments/`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${example.auth.username}:${example.auth.password}`).toString('base64')}`);
    const note = JSON.parse(request.body);
    expect(JSON.stringify(note)).toContain(data.reply.body);
    expect(JSON.stringify(note)).toContain(data.ticket.id);
  });

  test('when the reply comes from an agent, or the ticket has no parent, then nothing is posted', async () => {
    const brand = uniqueBrand();
    await createHook(server, { ...readmeExample(), brand });
    const fromAgent = variant('ticket.reply_added', 'subrequest');
    fromAgent.reply.author = variant('ticket.reply_added', 'member').reply.author;
    await publish(server, 'ticket.reply_added', brand, fromAgent);
    await publish(server, 'ticket.reply_added', brand, sample('ticket.reply_added'));
    await settle(server);
    expect(receiver.requests).toHaveLength(0);
  });
});
