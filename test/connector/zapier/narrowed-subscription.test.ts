/**
 * A Zap narrowed by brand and by a catalog filter field, against the real deskhooks server (port 0) and
 * a real target URL: the inputs become the hook's `brand` and `filter`, only matching events are
 * delivered, and the Zap editor's recent events are narrowed the same way.
 */
import { Catalog } from '../../../server/src/catalog/catalog';
import { type Receiver, startReceiver } from '../../helpers/receiver';
import { type TestServer, startTestServer } from '../../helpers/start-server';
import { App, appTester } from './zapier-app';

const catalog = new Catalog();
const TYPE = 'chat.missed';
const trigger = App.triggers.chat_missed;

let server: TestServer;
let receiver: Receiver;
let auth: { serverUrl: string; apiKey: string };

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
  auth = { serverUrl: server.url, apiKey: server.apiKey };
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

const sample = catalog.get(TYPE)!.sample as { chat: Record<string, unknown> };
const pushChat = { ...sample, chat: { ...sample.chat, type: 'push' } };

async function publish(data: unknown, brand: string | null): Promise<{ id: string; deliveries: number }> {
  const response = await server.request('POST', '/v1/events', { body: { type: TYPE, data, brand } });
  expect(response.status).toBe(202);
  return response.body;
}

describe('a Zap narrowed by brand and filter fields, against a real server', () => {
  it('when the trigger is shown, then it offers a Brand dropdown and the catalog filter fields, enums as choices', () => {
    const inputs = trigger.operation.inputFields;

    expect(inputs).toEqual([
      expect.objectContaining({ key: 'brand', label: 'Brand', required: false, dynamic: 'brand.id.name' }),
      {
        key: 'filter__chat__type',
        label: 'Chat Type',
        required: false,
        helpText: catalog.filterFields(TYPE)[0].description,
        choices: [
          { value: 'request', label: 'Request', sample: 'request' },
          { value: 'push', label: 'Push', sample: 'push' },
        ],
      },
    ]);
    expect(App.triggers.ticket_created.operation.inputFields.map((f: { key: string }) => f.key)).toEqual([
      'brand',
      'filter__ticket__status',
      'filter__ticket__priority',
      'filter__ticket__board',
    ]);
  });

  it('when the tenant has published branded events, then the Brand dropdown lists each brand once', async () => {
    await publish(sample, 'Harbour IT');
    await publish(sample, 'Contoso');
    await publish(sample, 'Harbour IT');

    const brands = await appTester(App.triggers.brand.operation.perform, { authData: auth });

    expect(brands).toEqual([
      { id: 'Contoso', name: 'Contoso' },
      { id: 'Harbour IT', name: 'Harbour IT' },
    ]);
  });

  it('when a Zap subscribes with a brand and a Chat Type, then the hook carries them and only matching events reach the Zap', async () => {
    const targetPath = '/hooks/standard/2001/narrowed/';
    const inputData = { brand: 'Harbour IT', filter__chat__type: 'push' };

    const hook = await appTester(trigger.operation.performSubscribe, { authData: auth, inputData, targetUrl: `${receiver.url}${targetPath}` });

    expect(hook).toMatchObject({ events: [TYPE], brand: 'Harbour IT', filter: { 'data.chat.type': 'push' }, source: 'zapier' });
    expect((await publish(sample, 'Harbour IT')).deliveries).toBe(0);
    expect((await publish(pushChat, 'Contoso')).deliveries).toBe(0);
    expect((await publish(pushChat, null)).deliveries).toBe(0);
    const matching = await publish(pushChat, 'Harbour IT');
    expect(matching.deliveries).toBe(1);

    await receiver.waitFor(1);
    const delivered = receiver.requests.filter((r) => r.url === targetPath).map((r) => JSON.parse(r.body));
    expect(delivered.map((body) => body.id)).toEqual([matching.id]);
    const items = await appTester(trigger.operation.perform, { authData: auth, inputData, cleanedRequest: delivered[0] });
    expect(items).toEqual([expect.objectContaining({ id: matching.id, brand: 'Harbour IT', data: pushChat })]);

    // The editor's recent events follow the same narrowing: only the matching event, not the newer others.
    await publish(sample, 'Harbour IT');
    const listed = await appTester(trigger.operation.performList, { authData: auth, inputData });
    expect(listed.map((item: { id: string }) => item.id)).toEqual([matching.id]);

    await appTester(trigger.operation.performUnsubscribe, { authData: auth, subscribeData: hook });
  });

  it('when the inputs are left empty, then the hook is not narrowed at all', async () => {
    const hook = await appTester(trigger.operation.performSubscribe, {
      authData: auth,
      inputData: { brand: '', filter__chat__type: '' },
      targetUrl: `${receiver.url}/hooks/standard/2002/all/`,
    });

    expect(hook).toMatchObject({ brand: null, filter: null });
    await appTester(trigger.operation.performUnsubscribe, { authData: auth, subscribeData: hook });
  });
});
