/**
 * The seed systems' own body shapes as built-in formats, over real HTTP: the live-chat server's
 * `{trigger, appId, data, created_at}` (appId from the tenant's setting) and DeskDirector's chat
 * payload, a bare JSON array of chat sessions per batch window, byte for byte the seed's example.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deliveriesOf, fakeClock, publish, sample, settle, uniqueBrand } from './fixtures';

const SEED_PAYLOAD_TEXT = fs.readFileSync(path.resolve(__dirname, '../catalog/fixtures/deskdirector-chat-payload.json'), 'utf8');

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

describe('format: deskdirector', () => {
  test("when the seed's chat session is published as chat.handled, then the receiver gets the seed's example payload byte for byte", async () => {
    const brand = uniqueBrand();
    const seed = JSON.parse(SEED_PAYLOAD_TEXT) as Array<Record<string, unknown>>;
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['chat.handled'], brand, format: 'deskdirector' });
    clock.set(Math.ceil(clock.now() / 2000) * 2000);
    await publish(server, 'chat.handled', brand, { chat: seed[0] });
    clock.advance(2000);
    await settle(server);
    const [request] = await receiver.waitFor(1);
    // The seed prints its example indented; the bytes on the wire are the same JSON, compact.
    expect(request.body).toBe(JSON.stringify(seed));
    expect(request.headers['content-type']).toBe('application/json');
    expect(new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>)).toEqual(seed);
  });

  test('when several chat events fall in one window, then one request carries their chat sessions in event order', async () => {
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['chat.created', 'chat.assignee_changed'], brand, format: 'deskdirector' });
    clock.set(Math.ceil(clock.now() / 2000) * 2000);
    const created = sample('chat.created');
    const assigned = sample('chat.assignee_changed');
    await publish(server, 'chat.created', brand, created);
    clock.advance(1000);
    await publish(server, 'chat.assignee_changed', brand, assigned);
    await settle(server);
    expect(receiver.requests).toHaveLength(0);
    clock.advance(1000);
    await settle(server);
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0].body)).toEqual([created.chat, assigned.chat]);
    expect((await deliveriesOf(server, hook.id)).map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
  });

  test('when a ticket event goes to a deskdirector hook, then the array holds the bare ticket', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, format: 'deskdirector' });
    await publish(server, 'ticket.created', brand);
    clock.advance(2000);
    await settle(server);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toEqual([sample('ticket.created').ticket]);
  });
});

describe('format: livechat', () => {
  test('when the tenant has no live-chat appId, then a livechat hook is refused, naming the setting to set', async () => {
    const response = await server.request('POST', '/v1/hooks', { body: { url: `${receiver.url}/in`, events: ['chat.created'], format: 'livechat' } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/format', detail: expect.stringContaining('PATCH /v1/settings {"liveChatAppId"') })]);
  });

  test('when the appId is set, then each event arrives as {trigger, appId, data, created_at} with the mapped trigger name', async () => {
    const settings = await server.request('PATCH', '/v1/settings', { body: { liveChatAppId: 'app_5f1e29' } });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ webhooksEnabled: true, liveChatAppId: 'app_5f1e29' });
    const brand = uniqueBrand();
    const hook = await createHook(server, { url: `${receiver.url}/in`, events: ['chat.created', 'message.created', 'chat.completed', 'ticket.created'], brand, format: 'livechat' });
    const received = sample('message.created') as any;
    received.message.direction = 'received';
    const ids = [
      await publish(server, 'chat.created', brand),
      await publish(server, 'message.created', brand, received),
      await publish(server, 'chat.completed', brand),
      await publish(server, 'ticket.created', brand),
    ];
    const requests = await receiver.waitFor(4);
    const bodies = requests.map((request) => new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any);
    const byId = new Map<string, any>();
    for (const id of ids) byId.set(id, (await server.request('GET', `/v1/events/${id}`)).body);
    const expected = ids.map((id) => {
      const event = byId.get(id);
      return { appId: 'app_5f1e29', data: event.data, created_at: Math.floor(Date.parse(event.timestamp) / 1000) };
    });
    const sorted = [...bodies].sort((a, b) => ['chat_created', 'message_received', 'chat_closed', 'ticket.created'].indexOf(a.trigger) - ['chat_created', 'message_received', 'chat_closed', 'ticket.created'].indexOf(b.trigger));
    expect(sorted.map((body) => body.trigger)).toEqual(['chat_created', 'message_received', 'chat_closed', 'ticket.created']);
    sorted.forEach((body, index) => expect(body).toEqual({ trigger: body.trigger, ...expected[index] }));
    // The seed's field order: trigger, appId, data, created_at (unix seconds).
    expect(Object.keys(bodies[0])).toEqual(['trigger', 'appId', 'data', 'created_at']);
    expect(Number.isInteger(bodies[0].created_at)).toBe(true);
  });

  test('when the tenant changes its appId, then the next delivery carries the new one', async () => {
    const brand = uniqueBrand();
    await createHook(server, { url: `${receiver.url}/in`, events: ['chat.created'], brand, format: 'livechat' });
    expect((await server.request('PATCH', '/v1/settings', { body: { liveChatAppId: 'app_new_7' } })).status).toBe(200);
    await publish(server, 'chat.created', brand);
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.body)).toMatchObject({ trigger: 'chat_created', appId: 'app_new_7' });
  });

  test('when livechat hooks are registered, then removing the appId is refused and nothing changes', async () => {
    const response = await server.request('PATCH', '/v1/settings', { body: { liveChatAppId: null } });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ pointer: '/liveChatAppId', detail: expect.stringContaining('livechat format hooks') });
    expect((await server.request('GET', '/v1/settings')).body.liveChatAppId).toBe('app_new_7');
  });

  test('when the appId holds a control character or is empty, then the settings change is refused', async () => {
    for (const liveChatAppId of ['', 'app\n1']) {
      const response = await server.request('PATCH', '/v1/settings', { body: { liveChatAppId } });
      expect(response.status).toBe(400);
    }
    expect((await server.request('GET', '/v1/settings')).body.liveChatAppId).toBe('app_new_7');
  });
});
