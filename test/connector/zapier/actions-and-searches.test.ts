/**
 * The Zapier app's actions and search against the real deskhooks server (port 0), with no mocks:
 * Publish Custom Event (inputs from the type's schema, $refs resolved), Find Recent Event, Send Test
 * Delivery to a real receiver, and the connection errors a zap builder meets (server down, URL with /v1).
 */
import net from 'node:net';
import { Catalog } from '../../../server/src/catalog/catalog';
import { type Receiver, startReceiver } from '../../helpers/receiver';
import { type TestServer, startTestServer } from '../../helpers/start-server';
import { App, appTester, deepKeys, errorMessage, rejection } from './zapier-app';

const catalog = new Catalog();

let server: TestServer;
let receiver: Receiver;
let auth: { serverUrl: string; apiKey: string };

const ASSET_TYPE = 'custom.asset_moved';
const ASSET_SCHEMA = {
  type: 'object',
  required: ['assetId', 'to'],
  additionalProperties: false,
  $defs: {
    site: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', title: 'Site Name', description: 'The name of the site.' },
        floor: { type: 'integer', title: 'Floor' },
      },
    },
  },
  properties: {
    assetId: { type: 'string', title: 'Asset ID', description: 'The asset.' },
    kind: { type: 'string', enum: ['laptop', 'printer'], title: 'Kind' },
    critical: { type: 'boolean', title: 'Critical' },
    tags: { type: 'array', items: { type: 'string' }, title: 'Tags' },
    from: { $ref: '#/$defs/site', title: 'From' },
    to: { $ref: '#/$defs/site', title: 'To' },
  },
};

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 204 });
  auth = { serverUrl: server.url, apiKey: server.apiKey };
  const registered = await server.request('PUT', `/v1/custom-event-types/${ASSET_TYPE}`, {
    body: { description: 'An asset moved to another site.', schema: ASSET_SCHEMA, sample: { assetId: 'A-1', to: { name: 'Auckland' } } },
  });
  expect(registered.status).toBe(201);
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('Publish Custom Event against a real server', () => {
  const action = App.creates.publish_custom_event;
  const dynamicInputs = action.operation.inputFields.find((f: unknown) => typeof f === 'function');

  it('when the Event Type dropdown opens, then it offers the custom type by name', async () => {
    const choices = await appTester(App.triggers.custom_event_type.operation.perform, { authData: auth });

    expect(choices).toContainEqual({ id: ASSET_TYPE, name: 'Asset Moved (An asset moved to another site.)', type: ASSET_TYPE, description: 'An asset moved to another site.' });
  });

  it('when a type is chosen, then its fields (through $ref) become typed, labelled inputs', async () => {
    const fields = await appTester(dynamicInputs, { authData: auth, inputData: { eventType: ASSET_TYPE } });

    expect(fields).toEqual([
      { key: 'data__assetId', label: 'Asset ID', required: true, type: 'string', helpText: 'The asset.' },
      { key: 'data__kind', label: 'Kind', required: false, choices: [
        { value: 'laptop', label: 'laptop', sample: 'laptop' },
        { value: 'printer', label: 'printer', sample: 'printer' },
      ] },
      { key: 'data__critical', label: 'Critical', required: false, type: 'boolean' },
      { key: 'data__tags', label: 'Tags', required: false, type: 'string', list: true },
      { key: 'data__from__name', label: 'From Site Name', required: false, type: 'string', helpText: 'The name of the site.' },
      { key: 'data__from__floor', label: 'From Floor', required: false, type: 'integer' },
      { key: 'data__to__name', label: 'To Site Name', required: true, type: 'string', helpText: 'The name of the site.' },
      { key: 'data__to__floor', label: 'To Floor', required: false, type: 'integer' },
    ]);
  });

  it('when the Zap runs, then the event is published with data typed as the schema says, and the answer matches the sample', async () => {
    const inputData = {
      eventType: ASSET_TYPE,
      data__assetId: 'A-7',
      data__kind: 'printer',
      data__critical: 'yes',
      data__tags: ['floor-3', 'colour'],
      data__to__name: 'Wellington',
      data__to__floor: '3',
      data__from__name: '',
      brand: 'Harbour IT',
      eventId: 'zap-run-123',
    };
    const answer = await appTester(action.operation.perform, { authData: auth, inputData });

    expect(answer).toEqual({ id: 'zap-run-123', type: ASSET_TYPE, deliveries: 0, duplicate: false });
    expect(deepKeys(answer)).toEqual(deepKeys(action.operation.sample));
    const stored = await server.request('GET', '/v1/events/zap-run-123');
    expect(stored.body).toMatchObject({
      type: ASSET_TYPE,
      brand: 'Harbour IT',
      data: { assetId: 'A-7', kind: 'printer', critical: true, tags: ['floor-3', 'colour'], to: { name: 'Wellington', floor: 3 } },
    });
    expect(stored.body.data.from).toBeUndefined();

    // Zapier replays a run (the same inputs): the same Event ID publishes nothing new.
    const again = await appTester(action.operation.perform, { authData: auth, inputData });
    expect(again).toMatchObject({ id: 'zap-run-123', duplicate: true });
    // The same Event ID with other data is another event: refused, never silently dropped.
    const other = await rejection(appTester(action.operation.perform, { authData: auth, inputData: { ...inputData, data__assetId: 'A-9' } }));
    expect(errorMessage(other)).toContain('was already used for a different event');
  });

  it('when a value is not what the schema wants, then the error names the field and nothing is published', async () => {
    const notInteger = await rejection(
      appTester(action.operation.perform, { authData: auth, inputData: { eventType: ASSET_TYPE, data__assetId: 'A-8', data__to__name: 'X', data__to__floor: 'third' } }),
    );
    expect(errorMessage(notInteger)).toBe('To Floor: "third" is not an integer.');

    const missing = await rejection(appTester(action.operation.perform, { authData: auth, inputData: { eventType: ASSET_TYPE, data__assetId: 'A-8' } }));
    expect(errorMessage(missing)).toMatch(/^data\.to: is required/);

    const events = await server.request('GET', `/v1/events?type=${ASSET_TYPE}`);
    expect(events.body.data.map((e: { data: { assetId: string } }) => e.data.assetId)).not.toContain('A-8');
  });

  it('when the type was deleted meanwhile, then the error says so', async () => {
    const error = await rejection(appTester(action.operation.perform, { authData: auth, inputData: { eventType: 'custom.gone', data__x: '1' } }));

    expect(errorMessage(error)).toContain('The custom event type custom.gone does not exist');
  });
});

describe('Find Recent Event against a real server', () => {
  const search = App.searches.find_recent_event;
  const ticket = catalog.get('ticket.created')!.sample as { ticket: Record<string, unknown> };
  const withId = (id: string, summary: string) => ({ ...ticket, ticket: { ...ticket.ticket, id, summary } });

  it('when the Event Type dropdown opens, then it offers every type by its title', async () => {
    const choices = await appTester(App.triggers.event_type.operation.perform, { authData: auth });

    expect(choices).toContainEqual({ id: 'ticket.created', name: 'Ticket is created', type: 'ticket.created', group: 'ticket' });
    expect(choices).toContainEqual(expect.objectContaining({ id: ASSET_TYPE, group: 'custom' }));
  });

  it('when a type is chosen, then the Field dropdown offers its scalar data fields by label', async () => {
    const fieldInput = search.operation.inputFields.find((f: unknown) => typeof f === 'function');

    const [field] = await appTester(fieldInput, { authData: auth, inputData: { eventType: 'ticket.created' } });
    expect(field.choices).toContainEqual({ value: 'ticket.id', label: 'Ticket ID', sample: 'ticket.id' });
    expect(field.choices.every((c: { value: string }) => !c.value.includes('[]'))).toBe(true);

    const [custom] = await appTester(fieldInput, { authData: auth, inputData: { eventType: ASSET_TYPE } });
    expect(custom.choices).toContainEqual({ value: 'to.name', label: 'To Site Name', sample: 'to.name' });
  });

  it('when events of the type exist, then it finds the most recent whose field has the value, and nothing when none has', async () => {
    for (const [id, summary] of [['90001', 'first'], ['90002', 'other'], ['90001', 'second']]) {
      expect((await server.request('POST', '/v1/events', { body: { type: 'ticket.created', data: withId(id, summary) } })).status).toBe(202);
    }

    const found = await appTester(search.operation.perform, { authData: auth, inputData: { eventType: 'ticket.created', field: 'ticket.id', value: '90001' } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'ticket.created', data: { ticket: { id: '90001', summary: 'second' } } });
    expect(deepKeys(found[0])).toEqual(deepKeys(search.operation.sample));

    // The Zapier key form of a field works as well as its path.
    const byKey = await appTester(search.operation.perform, { authData: auth, inputData: { eventType: 'ticket.created', field: 'data__ticket__id', value: '90002' } });
    expect(byKey[0].data.ticket.summary).toBe('other');

    const none = await appTester(search.operation.perform, { authData: auth, inputData: { eventType: 'ticket.created', field: 'ticket.id', value: 'no-such-ticket' } });
    expect(none).toEqual([]);
  });

  it('when the type is a custom one, then its output fields come from its schema', async () => {
    const dynamic = search.operation.outputFields.find((f: unknown) => typeof f === 'function');

    const fields = await appTester(dynamic, { authData: auth, inputData: { eventType: ASSET_TYPE } });

    expect(fields).toContainEqual({ key: 'data__to__name', label: 'To Site Name', type: 'string' });
    expect(fields).toContainEqual({ key: 'id', label: 'Event ID', type: 'string' });
  });
});

describe('Send Test Delivery against a real server', () => {
  const action = App.creates.send_test_delivery;

  it('when the Zap sends a test to a subscription chosen from the dropdown, then the receiver gets the type sample marked as a test', async () => {
    const created = await server.request('POST', '/v1/hooks', {
      body: { url: `${receiver.url}/test-target`, events: ['chat.missed', 'ticket.created'], description: 'Ops board' },
    });
    expect(created.status).toBe(201);

    const hooks = await appTester(App.triggers.hook.operation.perform, { authData: auth, meta: { page: 0 } });
    expect(hooks).toContainEqual({ id: created.body.id, name: 'Ops board (chat.missed, ticket.created)', status: 'active' });

    const delivery = await appTester(action.operation.perform, { authData: auth, inputData: { hookId: created.body.id, eventType: 'ticket.created' } });
    expect(delivery).toMatchObject({ hookId: created.body.id, eventType: 'ticket.created', test: true });
    expect(delivery.id).toMatch(/^msg_/);
    // The live answer, the sample and the output fields name the same fields.
    expect(deepKeys(delivery)).toEqual(deepKeys(action.operation.sample));
    expect(action.operation.outputFields.map((f: { key: string }) => f.key).sort()).toEqual(Object.keys(delivery).sort());

    await receiver.waitFor(1);
    const body = JSON.parse(receiver.requests.find((r) => r.url === '/test-target')!.body);
    expect(body).toMatchObject({ type: 'ticket.created', test: true, data: catalog.get('ticket.created')!.sample });
  });

  it('when the subscription does not exist, then the error says it was not found', async () => {
    const error = await rejection(appTester(action.operation.perform, { authData: auth, inputData: { hookId: 'hk_missing' } }));

    expect(errorMessage(error)).toMatch(/^Not found on the deskhooks server/);
  });
});

describe('connection errors a zap builder meets', () => {
  it('when the Server URL ends with /v1 (as the start banner prints it), then the connection works', async () => {
    const me = await appTester(App.authentication.test, { authData: { ...auth, serverUrl: `${server.url}/v1/` } });

    expect(typeof me.tenant.name).toBe('string');
  });

  it('when nothing listens at the Server URL, then the error says the connection was refused and what to check, not a bare ECONNREFUSED', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });

    const error = await rejection(appTester(App.authentication.test, { authData: { ...auth, serverUrl: `http://127.0.0.1:${port}` } }));

    expect(errorMessage(error)).toBe(
      `Could not reach the deskhooks server at http://127.0.0.1:${port}: the connection was refused: nothing is listening at that address and port (ECONNREFUSED). Check the Server URL of the connection and that the server is running.`,
    );
  });
});
