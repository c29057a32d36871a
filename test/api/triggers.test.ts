import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
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

  it('when hooks subscribe to a custom type, then registration is required first, and the type cannot be deleted from under them', async () => {
    const before = await server.request('POST', '/v1/triggers/custom.ticket_escalated/hooks', { body: { url: 'http://127.0.0.1:9/esc' } });
    expect(before.status).toBe(404);
    await server.request('PUT', '/v1/custom-event-types/custom.ticket_escalated', {
      body: { schema: { type: 'object', properties: { level: { type: 'integer' } } }, sample: { level: 2 } },
    });
    const hook = await server.request('POST', '/v1/triggers/custom.ticket_escalated/hooks', { body: { url: 'http://127.0.0.1:9/esc', description: 'Escalations to Teams' } });
    expect(hook.status).toBe(201);
    const inactive = await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/esc2', events: ['custom.ticket_escalated', 'chat.missed'], enabled: false } });
    const everything = await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/all', events: ['*'] } });
    expect([inactive.status, everything.status]).toEqual([201, 201]);

    const refused = await server.request('DELETE', '/v1/custom-event-types/custom.ticket_escalated');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(hook.body.id);
    expect(refused.body.detail).toContain(inactive.body.id);
    expect(refused.body.detail).not.toContain(everything.body.id);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { parameter: 'type', location: 'path', detail: `hook ${hook.body.id} (active, "Escalations to Teams") subscribes to custom.ticket_escalated` },
        { parameter: 'type', location: 'path', detail: `hook ${inactive.body.id} (inactive) subscribes to custom.ticket_escalated` },
      ]),
    );
    expect((await server.request('GET', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(200);

    // Unsubscribing them (deleting one, taking the type out of the other's events) lets the delete through.
    expect((await server.request('DELETE', `/v1/hooks/${hook.body.id}`)).status).toBe(204);
    expect((await server.request('PATCH', `/v1/hooks/${inactive.body.id}`, { body: { events: ['chat.missed'] } })).status).toBe(200);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(204);
    expect((await server.request('DELETE', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(204);
    expect((await server.request('GET', '/v1/custom-event-types/custom.ticket_escalated')).status).toBe(404);
    const published = await server.request('POST', '/v1/events', { body: { type: 'custom.ticket_escalated', data: { level: 2 } } });
    expect(published.status).toBe(422);
    await server.request('DELETE', `/v1/hooks/${inactive.body.id}`);
    await server.request('DELETE', `/v1/hooks/${everything.body.id}`);
  });

  it("when DeskDirector's own draft-07 chat schema (with definitions) is registered, then it is accepted and validates published events", async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../catalog/fixtures/deskdirector-chat-schema.draft-07.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // The seed's example payload breaks its own schema (nulls where it says number or string, no
    // closedDateTime), so the sample is that payload with those fields filled in.
    const [seedChat] = JSON.parse(fs.readFileSync(path.join(__dirname, '../catalog/fixtures/deskdirector-chat-payload.json'), 'utf8'));
    const chat = { ...seedChat, report: { creatorWaited: 38, handledDateTime: '2020-04-15T21:10:47Z', chatDuration: 71 }, callback: { type: 'chat' }, closeRecord: undefined, lastMessageId: 'm1', closedDateTime: '2020-04-15T21:12:00Z' };
    delete chat.closeRecord;
    const put = await server.request('PUT', '/v1/custom-event-types/custom.dd_chat', { body: { description: 'DeskDirector chat session', schema, sample: chat } });
    expect(put.status).toBe(201);
    expect(put.body.schema).toEqual(schema);

    const ok = await server.request('POST', '/v1/events', { body: { type: 'custom.dd_chat', data: chat } });
    expect(ok.status).toBe(202);
    const bad = await server.request('POST', '/v1/events', { body: { type: 'custom.dd_chat', data: { ...chat, status: 'abandoned', creator: { name: 'x' } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/data/status', '/data/creator/entityId', '/data/creator/company']));

    // The delivered envelope's schema keeps the definitions at its root, where the $refs point.
    const envelopeSchema = (await server.request('GET', '/v1/triggers/custom.dd_chat/schema')).body;
    expect(envelopeSchema.definitions).toEqual(schema.definitions);
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const sample = (await server.request('GET', '/v1/triggers/custom.dd_chat/sample')).body;
    expect(ajv.validate(envelopeSchema, sample)).toBe(true);
    expect(ajv.validate(envelopeSchema, { ...sample, data: { ...chat, status: 'abandoned' } })).toBe(false);
    await server.request('DELETE', '/v1/custom-event-types/custom.dd_chat');
  });

  it('when a schema is refused, then each problem is said in words a flow maker understands, at the field', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }, '/schema/$schema', /older JSON Schema draft.*draft-07/],
      [{ $schema: 'https://example.com/my-dialect', type: 'object' }, '/schema/$schema', /not a JSON Schema dialect deskhooks reads/],
      [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'strnig' } } }, '/schema/properties/a/type', /is not a JSON Schema type: use string, number/],
      [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { titel: 'A', type: 'string' } } }, '/schema', /uses "titel", which is not a JSON Schema \(draft-07\) keyword/],
      [{ type: 'object', properties: { a: { type: 'string', format: 'phone' } } }, '/schema', /uses the format "phone", which deskhooks does not know/],
      [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { $ref: '#/definitions/Missing' } } }, '/schema', /points to #\/definitions\/Missing with "\$ref", which the schema does not define \(add it under "definitions"/],
      [{ type: 'object', required: 'a' }, '/schema/required', /must be a list of property names/],
    ];
    for (const [schema, pointer, detail] of cases) {
      const response = await server.request('PUT', '/v1/custom-event-types/custom.broken', { body: { schema, sample: {} } });
      expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 422, errors: [expect.objectContaining({ pointer, detail: expect.stringMatching(detail) })] });
    }
    expect((await server.request('GET', '/v1/custom-event-types/custom.broken')).status).toBe(404);
  });

  it('when the schema is not usable or the sample does not fit it, then 422 points into the body', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ schema: { type: 'array' }, sample: {} }, ['/schema/type']],
      [{ schema: { type: 'object', properties: { a: { type: 'strnig' } } }, sample: {} }, ['/schema/properties/a/type']],
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
