import nock from 'nock';
import { App, NOCK_SERVER, appTester, authData, deepKeys, errorMessage, rejection } from './zapier-app';
import { useNock } from './use-nock';

const trigger = App.triggers.custom_event;
const dropdown = App.triggers.custom_event_type;
const TYPE = 'custom.device_offline';

const CUSTOM_TYPES = {
  data: [
    {
      type: TYPE,
      description: 'A device in a customer fleet went offline.',
      schema: {
        type: 'object',
        required: ['deviceId'],
        properties: {
          deviceId: { type: 'string', title: 'Device ID', description: "The device's id." },
          lastSeen: { type: 'string', format: 'date-time', title: 'Last Seen' },
        },
      },
      sample: { deviceId: 'LAPTOP-0042', lastSeen: '2026-03-02T09:00:00Z' },
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
    },
    {
      type: 'custom.backup_failed',
      description: '',
      schema: { type: 'object' },
      sample: {},
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
    },
  ],
};

function customEnvelope(id: string): Record<string, unknown> {
  return { id, type: TYPE, timestamp: '2026-03-02T09:14:05Z', brand: 'Harbour IT', data: { deviceId: 'LAPTOP-0042', lastSeen: '2026-03-02T09:00:00Z' } };
}

useNock();

describe('the New Custom Event trigger', () => {
  it('when the Event Type dropdown opens, then the hidden list trigger offers the tenant custom event types by name, valued by type', async () => {
    nock(NOCK_SERVER)
      .get('/v1/triggers')
      .query({ group: 'custom' })
      .reply(200, {
        data: [
          { type: TYPE, title: 'Device Offline (custom event)', group: 'custom', noun: 'Device Offline', description: 'A device in a customer fleet went offline.', custom: true },
          { type: 'custom.backup_failed', title: 'Backup Failed (custom event)', group: 'custom', noun: 'Backup Failed', description: 'The custom event custom.backup_failed was published.', custom: true },
        ],
      });

    const choices = await appTester(dropdown.operation.perform, { authData: authData() });

    expect(choices).toEqual([
      { id: TYPE, name: 'Device Offline (A device in a customer fleet went offline.)', type: TYPE, description: 'A device in a customer fleet went offline.' },
      { id: 'custom.backup_failed', name: 'Backup Failed', type: 'custom.backup_failed', description: 'The custom event custom.backup_failed was published.' },
    ]);
    expect(dropdown.display.hidden).toBe(true);
    expect(trigger.operation.inputFields[0]).toMatchObject({ key: 'eventType', required: true, dynamic: 'custom_event_type.id.name' });
  });

  it('when a Zap on a custom event is turned on, then it subscribes to the chosen type', async () => {
    let body: any;
    const scope = nock(NOCK_SERVER)
      .post(`/v1/triggers/${TYPE}/hooks`, (sent) => {
        body = sent;
        return true;
      })
      .reply(201, { id: 'hk_custom', url: 'https://hooks.zapier.com/hooks/standard/1/2/', events: [TYPE] });

    const hook = await appTester(trigger.operation.performSubscribe, {
      authData: authData(),
      inputData: { eventType: TYPE },
      targetUrl: 'https://hooks.zapier.com/hooks/standard/1/2/',
      meta: { zap: { id: '77' } },
    });

    expect(scope.isDone()).toBe(true);
    expect(body).toEqual({ url: 'https://hooks.zapier.com/hooks/standard/1/2/', description: 'Zapier: New Custom Event, Zap #77', source: 'zapier' });
    expect(hook.id).toBe('hk_custom');
  });

  it('when no Event Type was chosen, then subscribing fails without calling the server', async () => {
    const error = await rejection(appTester(trigger.operation.performSubscribe, { authData: authData(), inputData: {}, targetUrl: 'https://hooks.zapier.com/x' }));

    expect(errorMessage(error)).toContain('Choose an Event Type');
  });

  it('when the type is chosen, then the output fields add the type data fields, labelled from its schema', async () => {
    nock(NOCK_SERVER).get(`/v1/custom-event-types/${TYPE}`).reply(200, CUSTOM_TYPES.data[0]);
    const dynamic = trigger.operation.outputFields.find((f: unknown) => typeof f === 'function');

    const fields = await appTester(dynamic, { authData: authData(), inputData: { eventType: TYPE } });

    expect(fields).toEqual([
      { key: 'data__deviceId', label: 'Device ID', type: 'string' },
      { key: 'data__lastSeen', label: 'Last Seen', type: 'datetime' },
    ]);
    const staticKeys = trigger.operation.outputFields.filter((f: unknown) => typeof f !== 'function').map((f: { key: string }) => f.key);
    expect(staticKeys).toEqual(['id', 'type', 'timestamp', 'brand', 'test']);
  });

  it('when the type has events, then performList returns them in the same shape as perform', async () => {
    nock(NOCK_SERVER).get('/v1/events').query({ type: TYPE, limit: '10' }).reply(200, { data: [customEnvelope('evt_c1')], nextCursor: null });

    const listed = await appTester(trigger.operation.performList, { authData: authData(), inputData: { eventType: TYPE } });
    const delivered = await appTester(trigger.operation.perform, { authData: authData(), inputData: { eventType: TYPE }, cleanedRequest: customEnvelope('evt_c2') });

    expect(listed.map((i: { id: string }) => i.id)).toEqual(['evt_c1']);
    expect(deepKeys(listed[0])).toEqual(deepKeys(delivered[0]));
    // The static sample is generic: its envelope matches, its data belongs to whichever type it shows.
    const envelopeKeys = (item: unknown) => deepKeys(item).filter((key) => !key.startsWith('data.'));
    expect(envelopeKeys(trigger.operation.sample)).toEqual(envelopeKeys(delivered[0]));
  });

  it('when the type has no events yet, then performList returns the type own sample instead of the generic one', async () => {
    nock(NOCK_SERVER).get('/v1/events').query(true).reply(200, { data: [], nextCursor: null });
    nock(NOCK_SERVER)
      .get(`/v1/triggers/${TYPE}/sample`)
      .reply(200, { id: 'evt_sample_custom_device_offline', type: TYPE, timestamp: '2026-03-01T00:00:00Z', data: { deviceId: 'LAPTOP-0042' } });

    const items = await appTester(trigger.operation.performList, { authData: authData(), inputData: { eventType: TYPE } });

    expect(items).toEqual([
      { id: 'evt_sample_custom_device_offline', type: TYPE, timestamp: '2026-03-01T00:00:00Z', brand: null, test: false, data: { deviceId: 'LAPTOP-0042' } },
    ]);
  });

  it('when the type has neither events nor a sample, then performList returns nothing', async () => {
    nock(NOCK_SERVER).get('/v1/events').query(true).reply(200, { data: [], nextCursor: null });
    nock(NOCK_SERVER).get('/v1/triggers/custom.unknown/sample').reply(404, { title: 'Not Found', status: 404 });

    const items = await appTester(trigger.operation.performList, { authData: authData(), inputData: { eventType: 'custom.unknown' } });

    expect(items).toEqual([]);
  });

  it('when the type schema uses $ref and $defs, then its fields keep their nesting and titles, and a reference cycle ends quietly', async () => {
    const schema = {
      type: 'object',
      $defs: {
        person: { type: 'object', title: 'Person', properties: { name: { type: 'string', title: 'Name' }, email: { type: 'string', title: 'Email' } } },
        comment: { type: 'object', properties: { text: { type: 'string', title: 'Text' }, replies: { type: 'array', items: { $ref: '#/$defs/comment' } } } },
      },
      properties: {
        owner: { $ref: '#/$defs/person', title: 'Owner' },
        reviewer: { anyOf: [{ $ref: '#/$defs/person' }, { type: 'null' }], title: 'Reviewer' },
        thread: { $ref: '#/$defs/comment', title: 'Thread' },
      },
    };
    nock(NOCK_SERVER).get('/v1/custom-event-types/custom.review').reply(200, { ...CUSTOM_TYPES.data[0], type: 'custom.review', schema });
    const dynamic = trigger.operation.outputFields.find((f: unknown) => typeof f === 'function');

    const fields = await appTester(dynamic, { authData: authData(), inputData: { eventType: 'custom.review' } });

    expect(fields).toEqual([
      { key: 'data__owner__name', label: 'Owner Name', type: 'string' },
      { key: 'data__owner__email', label: 'Owner Email', type: 'string' },
      { key: 'data__reviewer__name', label: 'Reviewer Name', type: 'string' },
      { key: 'data__reviewer__email', label: 'Reviewer Email', type: 'string' },
      { key: 'data__thread__text', label: 'Thread Text', type: 'string' },
      // The replies refer back to a comment: the cycle stops there, as one list field.
      { key: 'data__thread__replies', label: 'Thread Replies', list: true },
    ]);
  });

  it('when the chosen type no longer exists, then the data fields are empty instead of failing the editor', async () => {
    nock(NOCK_SERVER).get('/v1/custom-event-types/custom.gone').reply(404, { type: 'about:blank', title: 'Not Found', status: 404 });
    const dynamic = trigger.operation.outputFields.find((f: unknown) => typeof f === 'function');

    await expect(appTester(dynamic, { authData: authData(), inputData: { eventType: 'custom.gone' } })).resolves.toEqual([]);
  });
});
