/**
 * The Zapier app against the real deskhooks server (port 0) and a real target URL (a local receiver
 * standing in for hooks.zapier.com), with no mocks: subscribe, publish, deliver, perform, list, answer
 * an agent lookup, unsubscribe.
 */
import { Catalog } from '../../../server/src/catalog/catalog';
import { type Receiver, startReceiver } from '../../helpers/receiver';
import { type TestServer, startTestServer } from '../../helpers/start-server';
import { App, appTester, deepKeys, errorMessage, rejection } from './zapier-app';

const catalog = new Catalog();

let server: TestServer;
let receiver: Receiver;
let auth: { serverUrl: string; apiKey: string };

beforeAll(async () => {
  // A generous lookup budget: the Zap's answer takes a few app-tester round trips on a busy machine.
  server = await startTestServer({ config: { agentLookupBudgetMs: 30_000 } });
  receiver = await startReceiver({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"success"}' });
  auth = { serverUrl: server.url, apiKey: server.apiKey };
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

/** The parsed bodies of the deliveries that reached the receiver on `path`, once there are `count`. */
async function deliveriesTo(path: string, count: number): Promise<unknown[]> {
  const matching = () => receiver.requests.filter((r) => r.url === path).map((r) => JSON.parse(r.body));
  while (matching().length < count) await receiver.waitFor(receiver.requests.length + 1);
  return matching();
}

describe('the Zapier app end to end against a real deskhooks server', () => {
  it('when the connection is tested, then the real server names the tenant and the label shows it', async () => {
    const me = await appTester(App.authentication.test, { authData: auth });
    const label = await appTester(App.authentication.connectionLabel, { authData: auth, inputData: me });

    expect(typeof me.tenant.name).toBe('string');
    expect(label).toContain(me.tenant.name);
    expect(label).not.toContain(server.apiKey);
  });

  it('when the key is wrong, then the real 401 becomes "the API key was refused"', async () => {
    const error = await rejection(appTester(App.authentication.test, { authData: { ...auth, apiKey: 'dhk_test_not_a_real_key' } }));

    expect(errorMessage(error)).toContain('the API key was refused');
  });

  it('when the target URL is refused, then the real 422 surfaces as the field message', async () => {
    const error = await rejection(
      appTester(App.triggers.chat_missed.operation.performSubscribe, { authData: auth, targetUrl: 'ftp://127.0.0.1/hook' }),
    );

    expect(errorMessage(error)).toMatch(/^url: \S/);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput', status: 422 });
  });

  it('when a Zap subscribes, an event is published and delivered, then perform turns the delivery into the item and unsubscribe deletes the hook', async () => {
    const type = 'chat.missed';
    const trigger = App.triggers.chat_missed;
    const targetPath = '/hooks/standard/1001/missed/';

    const hook = await appTester(trigger.operation.performSubscribe, {
      authData: auth,
      targetUrl: `${receiver.url}${targetPath}`,
      meta: { zap: { id: '1001' } },
    });
    expect(hook).toMatchObject({ url: `${receiver.url}${targetPath}`, events: [type], source: 'zapier', description: 'Zapier: New Missed Chat Session, Zap #1001' });

    const data = catalog.sampleEnvelope(type).data;
    const published = await server.request('POST', '/v1/events', { body: { type, data, brand: 'Harbour IT' } });
    expect(published.status).toBe(202);

    const [delivered] = await deliveriesTo(targetPath, 1);
    const items = await appTester(trigger.operation.perform, { authData: auth, cleanedRequest: delivered });

    expect(items).toEqual([{ id: published.body.id, type, timestamp: expect.any(String), brand: 'Harbour IT', test: false, data }]);

    const listed = await appTester(trigger.operation.performList, { authData: auth });
    expect(listed[0]).toEqual(items[0]);
    expect(deepKeys(listed[0])).toEqual(deepKeys(trigger.operation.sample));

    const unsubscribed = await appTester(trigger.operation.performUnsubscribe, { authData: auth, subscribeData: hook });
    expect(unsubscribed).toEqual({ id: hook.id, deleted: true });
    const deleted = await server.request('GET', '/v1/hooks/deleted');
    expect(deleted.body.data.map((h: { id: string }) => h.id)).toContain(hook.id);

    // Zapier retries unsubscribes; the second one must not fail.
    await expect(appTester(trigger.operation.performUnsubscribe, { authData: auth, subscribeData: hook })).resolves.toEqual({ id: hook.id, deleted: true });
  });

  it('when a custom event type is registered, then the dropdown offers it and its events reach the Zap with their data fields', async () => {
    const type = 'custom.device_offline';
    const schema = {
      type: 'object',
      required: ['deviceId'],
      properties: { deviceId: { type: 'string', title: 'Device ID', description: "The device's id." } },
    };
    const registered = await server.request('PUT', `/v1/custom-event-types/${type}`, {
      body: { description: 'A device went offline.', schema, sample: { deviceId: 'LAPTOP-0042' } },
    });
    expect([200, 201]).toContain(registered.status);

    const choices = await appTester(App.triggers.custom_event_type.operation.perform, { authData: auth });
    expect(choices.map((c: { id: string }) => c.id)).toContain(type);

    const dynamicFields = App.triggers.custom_event.operation.outputFields.find((f: unknown) => typeof f === 'function');
    const fields = await appTester(dynamicFields, { authData: auth, inputData: { eventType: type } });
    expect(fields).toEqual([{ key: 'data__deviceId', label: 'Device ID', type: 'string' }]);
    expect(App.triggers.custom_event.operation.inputFields.map((f: { key: string }) => f.key)).toEqual(['eventType', 'brand']);

    const targetPath = '/hooks/standard/1002/custom/';
    const hook = await appTester(App.triggers.custom_event.operation.performSubscribe, {
      authData: auth,
      inputData: { eventType: type },
      targetUrl: `${receiver.url}${targetPath}`,
    });
    const published = await server.request('POST', '/v1/events', { body: { type, data: { deviceId: 'LAPTOP-0042' } } });
    expect(published.status).toBe(202);

    const [delivered] = await deliveriesTo(targetPath, 1);
    const items = await appTester(App.triggers.custom_event.operation.perform, { authData: auth, inputData: { eventType: type }, cleanedRequest: delivered });
    expect(items).toEqual([{ id: published.body.id, type, timestamp: expect.any(String), brand: null, test: false, data: { deviceId: 'LAPTOP-0042' } }]);

    await appTester(App.triggers.custom_event.operation.performUnsubscribe, { authData: auth, subscribeData: hook });
  });

  it('when a chat looks for an agent, then a Zap on New Chat Agent Lookup can answer it with Respond to Agent Lookup', async () => {
    const trigger = App.triggers.chat_agent_lookup;
    const targetPath = '/hooks/standard/1003/lookup/';
    const hook = await appTester(trigger.operation.performSubscribe, { authData: auth, targetUrl: `${receiver.url}${targetPath}` });

    const { chat, candidateAgents } = catalog.sampleEnvelope('chat.agent_lookup').data as { chat: Record<string, unknown>; candidateAgents: Array<{ userId: string }> };
    const lookup = server.request('POST', `/v1/chats/${encodeURIComponent(String(chat.id))}/agent-lookup`, {
      body: { chat, candidateAgents: candidateAgents.map((a) => a.userId) },
    });

    const [delivered] = await deliveriesTo(targetPath, 1);
    const [item] = await appTester(trigger.operation.perform, { authData: auth, cleanedRequest: delivered });
    const agentId = item.data.candidateAgents[1].userId;
    const answer = await appTester(App.creates.respond_to_agent_lookup.operation.perform, {
      authData: auth,
      inputData: { lookupId: item.data.lookupId, agentId },
    });

    expect(answer).toMatchObject({ lookupId: item.data.lookupId, status: 'assigned', agentId });
    // The live answer has exactly the fields the action advertises.
    expect(deepKeys(answer)).toEqual(deepKeys(App.creates.respond_to_agent_lookup.operation.sample));
    const outcome = await lookup;
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ lookupId: item.data.lookupId, status: 'assigned', agentId, answeredBy: { via: 'callback' } });

    await appTester(trigger.operation.performUnsubscribe, { authData: auth, subscribeData: hook });
  });
});
