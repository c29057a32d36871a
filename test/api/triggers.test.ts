import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getCatalog } from '../../server/src/catalog/catalog';
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: 'https://deskhooks.example.com' } });
});
afterAll(async () => {
  await server.close();
});

const catalog = getCatalog();

const deviceOffline = {
  description: 'A device in a customer fleet went offline.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['deviceId', 'lastSeen'],
    properties: {
      deviceId: { type: 'string', title: 'Device ID', minLength: 1 },
      lastSeen: { type: 'string', format: 'date-time' },
      site: { $ref: '#/$defs/site' },
    },
    $defs: { site: { type: 'object', properties: { name: { type: 'string' } } } },
  },
  sample: { deviceId: 'LAPTOP-0042', lastSeen: '2026-03-02T09:14:05Z', site: { name: 'Wellington' } },
};

describe('the catalog', () => {
  it('when triggers are listed, then every catalog trigger appears with its labels, and group filters', async () => {
    const listed = await server.request('GET', '/v1/triggers');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((t: { type: string }) => t.type)).toEqual(catalog.types);
    const missed = listed.body.data.find((t: { type: string }) => t.type === 'chat.missed');
    expect(missed).toEqual({
      type: 'chat.missed',
      title: 'Chat session is missed',
      group: 'chat',
      noun: catalog.get('chat.missed')!.meta.noun,
      description: catalog.get('chat.missed')!.meta.description,
      custom: false,
      zapier: catalog.get('chat.missed')!.meta.zapier,
      powerAutomate: catalog.get('chat.missed')!.meta.powerAutomate,
    });
    const tickets = await server.request('GET', '/v1/triggers?group=ticket');
    expect(tickets.body.data.length).toBeGreaterThan(0);
    for (const t of tickets.body.data) expect(t.group).toBe('ticket');
    expect((await server.request('GET', '/v1/triggers?group=spaceship')).status).toBe(400);
  });

  it('when one trigger is fetched, then it carries the inlined data schema, the sample and its variants', async () => {
    const trigger = await server.request('GET', '/v1/triggers/chat.missed');
    expect(trigger.body.schema).toEqual(catalog.dataSchema('chat.missed'));
    expect(trigger.body.sample).toEqual(catalog.get('chat.missed')!.sample);
    expect(trigger.body.variants).toEqual(catalog.get('chat.missed')!.variants);
    expect(JSON.stringify(trigger.body.schema)).not.toContain('$ref');
  });

  it('when the schema and sample are fetched for every trigger, then the sample validates against the schema', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const type of catalog.types) {
      const schema = await server.request('GET', `/v1/triggers/${type}/schema`);
      const sample = await server.request('GET', `/v1/triggers/${type}/sample`);
      expect(schema.status).toBe(200);
      expect(sample.body).toEqual(catalog.sampleEnvelope(type));
      const validate = ajv.compile(schema.body);
      expect({ type, valid: validate(sample.body), errors: validate.errors ?? null }).toEqual({ type, valid: true, errors: null });
    }
  });

  it('when the schema is asked for as application/schema+json, then it is served with that media type', async () => {
    const response = await server.request('GET', '/v1/triggers/chat.missed/schema', { headers: { Accept: 'application/schema+json' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(response.body.properties.type.const).toBe('chat.missed');
  });

  it('when a trigger is unknown, then every trigger operation answers 404; a malformed type is 400', async () => {
    for (const path of ['/v1/triggers/chat.teleported', '/v1/triggers/chat.teleported/schema', '/v1/triggers/chat.teleported/sample', '/v1/triggers/custom.unknown']) {
      expect((await server.request('GET', path)).status).toBe(404);
    }
    const malformed = await server.request('GET', '/v1/triggers/NOT_A_TYPE');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toContainEqual(expect.objectContaining({ parameter: 'type', location: 'path' }));
  });
});

describe('custom event types', () => {
  it('when a custom type is registered, then it is 201 with a Location, listed as a trigger, and replacing it is 200', async () => {
    const created = await server.request('PUT', '/v1/custom-event-types/custom.device_offline', { body: deviceOffline });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('https://deskhooks.example.com/v1/custom-event-types/custom.device_offline');
    expect(created.body).toMatchObject({ type: 'custom.device_offline', description: deviceOffline.description, schema: deviceOffline.schema, sample: deviceOffline.sample });

    const triggers = await server.request('GET', '/v1/triggers?group=custom');
    expect(triggers.body.data).toEqual([
      expect.objectContaining({ type: 'custom.device_offline', title: 'Device Offline (custom event)', group: 'custom', custom: true, noun: 'Device Offline', description: deviceOffline.description }),
    ]);
    const trigger = await server.request('GET', '/v1/triggers/custom.device_offline');
    expect(trigger.body).toMatchObject({ schema: deviceOffline.schema, sample: deviceOffline.sample, variants: {} });
    expect((await server.request('GET', '/v1/custom-event-types')).body.data.map((t: { type: string }) => t.type)).toEqual(['custom.device_offline']);

    const replaced = await server.request('PUT', '/v1/custom-event-types/custom.device_offline', { body: { ...deviceOffline, description: 'Offline devices' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ description: 'Offline devices', createdAt: created.body.createdAt });
    expect((await server.request('GET', '/v1/custom-event-types/custom.device_offline')).body.description).toBe('Offline devices');
  });

  it('when a custom type is published, then its data is validated like a built-in and the envelope schema validates the sample', async () => {
    await server.request('PUT', '/v1/custom-event-types/custom.device_offline', { body: deviceOffline });
    const ok = await server.request('POST', '/v1/events', { body: { type: 'custom.device_offline', data: deviceOffline.sample } });
    expect(ok.status).toBe(202);
    const bad = await server.request('POST', '/v1/events', { body: { type: 'custom.device_offline', data: { deviceId: '', lastSeen: 'monday', extra: 1 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/data/deviceId', '/data/extra', '/data/lastSeen']);

    const schema = (await server.request('GET', '/v1/triggers/custom.device_offline/schema')).body;
    const sample = (await server.request('GET', '/v1/triggers/custom.device_offline/sample')).body;
    expect(sample).toMatchObject({ type: 'custom.device_offline', data: deviceOffline.sample });
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    expect(ajv.validate(schema, sample)).toBe(true);
    expect(ajv.validate(schema, { ...sample, data: { deviceId: 'x' } })).toBe(false);
  });

  it('when hooks subscribe to a custom type, then registration is required first; a deleted type keeps its hooks', async () => {
    const before = await server.request('POST', '/v1/triggers/custom.ticket_escalated/hooks', { body: { url: 'http://127.0.0.1:9/esc' } });
    expect(before.status).toBe(404);
    await server.request('PUT', '/v1/custom-event-types/custom.ticket_escalated', {
      body: { schema: { type: 'object', properties: { level: { type: 'integer' } } }, sample: { level: 2 } },
    });
    const hook = await server.request('POST', '/v1/triggers/custom.ticket_escalated/hooks', { body: { url: 'http://127.0.0.1:9/esc' } });
    expect(hook.status).toBe(201);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(204);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(204);
    expect((await server.request('GET', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(404);
    expect((await server.request('GET', `/v1/hooks/${hook.body.id}`)).body.events).toEqual(['custom.ticket_escalated']);
    const published = await server.request('POST', '/v1/events', { body: { type: 'custom.ticket_escalated', data: { level: 2 } } });
    expect(published.status).toBe(422);
  });

  it('when the schema is not usable or the sample does not fit it, then 422 points into the body', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ schema: { type: 'array' }, sample: {} }, ['/schema/type']],
      [{ schema: { type: 'object', properties: { a: { type: 'strnig' } } }, sample: {} }, ['/schema']],
      [{ schema: { type: 'object', $ref: 'https://evil.example.com/schema.json' }, sample: {} }, ['/schema/$ref']],
      [{ schema: { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } }, sample: { a: 'x' } }, ['/sample/a']],
    ];
    for (const [body, pointers] of cases) {
      const response = await server.request('PUT', '/v1/custom-event-types/custom.broken', { body });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(pointers);
    }
    expect((await server.request('GET', '/v1/custom-event-types/custom.broken')).status).toBe(404);
  });

  it('when the name is not custom.<name> or the body is incomplete, then 400 names the parameter or field', async () => {
    const badName = await server.request('PUT', '/v1/custom-event-types/chat.missed', { body: deviceOffline });
    expect(badName.status).toBe(400);
    expect(badName.body.errors).toContainEqual(expect.objectContaining({ parameter: 'type', location: 'path' }));
    const noSample = await server.request('PUT', '/v1/custom-event-types/custom.x', { body: { schema: { type: 'object' } } });
    expect(noSample.status).toBe(400);
    expect(noSample.body.errors).toContainEqual(expect.objectContaining({ pointer: '/sample' }));
  });
});
