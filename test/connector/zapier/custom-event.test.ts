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
  it('when the Event Type dropdown opens, then the hidden list trigger offers the tenant custom event types by id', async () => {
    nock(NOCK_SERVER).get('/v1/custom-event-types').reply(200, CUSTOM_TYPES);

    const choices = await appTester(dropdown.operation.perform, { authData: authData() });

    expect(choices).toEqual([
      { id: TYPE, name: `${TYPE} (A device in a customer fleet went offline.)`, type: TYPE, description: 'A device in a customer fleet went offline.' },
      { id: 'custom.backup_failed', name: 'custom.backup_failed', type: 'custom.backup_failed', description: '' },
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
    nock(NOCK_SERVER).get('/v1/custom-event-types').reply(200, CUSTOM_TYPES);
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
});
