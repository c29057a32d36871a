/**
 * Plays Power Automate against the real server, using only the connector files: every trigger is
 * subscribed exactly as the Power Platform runtime would build the request, an event is published, the
 * delivery arrives at the flow's callback URL unchanged and matches the trigger's notification schema,
 * and the subscription is deleted through its Location (twice: Power Automate retries).
 *
 * The connection's policy says `https://<site host>`, so the server sits behind a local TLS front
 * and its PUBLIC_URL is the front's URL: the Location it answers is on the connector's host. Flow
 * callback URLs are `https://127.0.0.1:443/…` like Power Automate's `https://…logic.azure.com:443/…`;
 * the server's connector dials a second TLS front for that address (the way DNS would point it),
 * which forwards to the receiver of the running test, so nothing listens on a privileged port.
 */
import crypto from 'node:crypto';
import { buildConnector } from 'undici';
import { inlineDefinitions } from '../../../connector/power-automate/shared-schemas';
import { Catalog } from '../../../server/src/catalog/catalog';
import { RESERVED_EVENT_TYPES } from '../../../server/src/domain/publish-rules';
import { type Receiver, startReceiver } from '../../helpers/receiver';
import { startTestServer, type TestServer } from '../../helpers/start-server';
import { readConnectorFiles } from './connector-files';
import { describeErrors } from './microsoft-schemas';
import { PowerAutomateRuntime, type RuntimeResponse } from './power-automate-runtime';
import { SwaggerSchemaValidator } from './swagger-schema-validator';
import { startTlsFront, type TlsFront } from './tls-front';

const catalog = new Catalog();
const { swagger, apiProperties } = readConnectorFiles();
const schemas = new SwaggerSchemaValidator(swagger);

/** Catalog triggers (one path each); the generic trigger has its own test. */
const catalogTriggers = Object.entries<any>(swagger.paths)
  .filter(([path, item]) => item.post?.['x-ms-trigger'] && !path.includes('{'))
  .map(([path, item]) => ({ path, operationId: item.post.operationId as string, type: path.split('/')[3] }));

/** Where Power Automate's callback host is played: https on the default port, written out as `:443`. */
const CALLBACK_ORIGIN = 'https://127.0.0.1:443';

/**
 * A callback URL shaped like Power Automate's (`:443` written out, `%2F`-escaped `sp`, a signature).
 * It must be stored and arrive byte for byte: a server that normalised it (dropping `:443`, decoding
 * `%2F`) would hand Power Automate a different URL than the one it signed.
 */
function callbackUrl(trigger: string): { url: string; pathAndQuery: string } {
  const workflow = crypto.randomBytes(16).toString('hex');
  const signature = crypto.randomBytes(24).toString('base64url');
  const pathAndQuery =
    `/workflows/${workflow}/triggers/${trigger}/paths/invoke` +
    `?api-version=2016-06-01&sp=%2Ftriggers%2F${trigger}%2Frun&sv=1.0&sig=${signature}`;
  return { url: `${CALLBACK_ORIGIN}${pathAndQuery}`, pathAndQuery };
}

/** The response matches what the connector declares for that operation and status. */
function expectDeclaredResponse(operationId: string, response: RuntimeResponse, status: number): void {
  expect({ status: response.status, body: response.status === status ? undefined : response.body }).toEqual({ status, body: undefined });
  const declared = Object.values<any>(swagger.paths)
    .flatMap((item) => Object.values<any>(item))
    .find((operation) => operation?.operationId === operationId).responses[String(status)];
  expect(declared).toBeDefined();
  if (!declared.schema) {
    expect(response.text).toBe('');
    return;
  }
  const validate = schemas.compile(declared.schema);
  const valid = validate(response.body);
  expect(describeErrors(validate.errors)).toBe('');
  expect(valid).toBe(true);
}

describe('the Power Automate connector against the real server', () => {
  let front: TlsFront;
  let callbackFront: TlsFront;
  let server: TestServer;
  let runtime: PowerAutomateRuntime;

  /** A receiver for one test, reached through the callback URLs (`https://127.0.0.1:443/…`). */
  async function flowEndpoint(status: number): Promise<Receiver> {
    const receiver = await startReceiver({ status });
    callbackFront.forwardTo(receiver.port);
    return receiver;
  }

  beforeAll(async () => {
    front = await startTlsFront();
    callbackFront = await startTlsFront();
    const dial = buildConnector({ ca: callbackFront.ca });
    const connector: buildConnector.connector = (options, callback) => {
      const port = Number(options.port || (options.protocol === 'https:' ? 443 : 80));
      const callbackHost = options.hostname === '127.0.0.1' && options.protocol === 'https:' && port === 443;
      dial(callbackHost ? { ...options, port: String(callbackFront.port) } : options, callback);
    };
    // A generous agent lookup budget: the test checks that the answer is taken, not how fast a loaded CI machine is.
    server = await startTestServer({ config: { publicUrl: front.url, agentLookupBudgetMs: 15_000 }, engineOptions: { connector } });
    front.forwardTo(server.port);
    runtime = new PowerAutomateRuntime(swagger, apiProperties, { siteHost: front.host, apiKey: server.apiKey }, front.dispatcher);
  });

  afterAll(async () => {
    await server?.close();
    await callbackFront?.close();
    await front?.close();
  });

  test('when the connection is tested, then the key is accepted over the connection host', async () => {
    const built = runtime.buildRequest('TestConnection');
    expect(built.url).toBe(`${front.url}/v1/me`);
    expect(built.headers['x-api-key']).toBe(server.apiKey);
    expectDeclaredResponse('TestConnection', await runtime.send(built), 200);
  });

  test('when the connection has a wrong key, then the server answers 401 and the policy marks the connection unauthenticated', async () => {
    const wrong = new PowerAutomateRuntime(swagger, apiProperties, { siteHost: front.host, apiKey: 'dhk_wrong' }, front.dispatcher);
    const response = await wrong.call('TestConnection');
    expect(response.status).toBe(401);
    expect(response.connectionUnauthenticated).toBe(true);
  });

  test('when the designer fills the event type dropdown, then it lists every catalog event type', async () => {
    const options = await runtime.dropdown('OnEvent', 'type');
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(catalog.types));
    for (const option of options) expect(typeof option.title).toBe('string');
    // Titles a flow maker reads, not type names.
    expect(options.find((o) => o.value === 'chat.missed')?.title).toBe('Chat session is missed');
    expect(options.find((o) => o.value === 'ticket.status_changed')?.title).toBe('Ticket status changes');
  });

  test('when a flow narrows OnChatMissed by brand (from the Brand dropdown) and by Chat Type, then only matching events are delivered to it', async () => {
    const receiver = await flowEndpoint(202);
    try {
      const type = 'chat.missed';
      const sample = catalog.get(type)!.sample as { chat: Record<string, unknown> };
      const push = { ...sample, chat: { ...sample.chat, type: 'push' } };
      // A brand the tenant already uses shows up in the dropdown.
      expect((await server.request('POST', '/v1/events', { body: { type: 'system.event', brand: 'Harbour IT', data: catalog.get('system.event')!.sample } })).status).toBe(202);
      const brands = await runtime.dropdown('OnChatMissed', 'subscription', 'brand');
      expect(brands).toContainEqual({ value: 'Harbour IT', title: 'Harbour IT' });
      const chatTypes = runtime.bodyProperty('OnChatMissed', 'subscription', 'filter/data.chat.type');
      expect(chatTypes).toMatchObject({ type: 'string', enum: ['request', 'push'], 'x-ms-summary': 'Chat Type' });

      const callback = callbackUrl('OnChatMissed');
      const subscribe = runtime.buildRequest('OnChatMissed', {
        notificationUrl: callback.url,
        body: { brand: 'Harbour IT', filter: { 'data.chat.type': 'push' } },
      });
      expect(JSON.parse(subscribe.body!)).toMatchObject({ brand: 'Harbour IT', filter: { 'data.chat.type': 'push' } });
      const subscribed = await runtime.send(subscribe);
      expectDeclaredResponse('OnChatMissed', subscribed, 201);
      expect(subscribed.body).toMatchObject({ brand: 'Harbour IT', filter: { 'data.chat.type': 'push' } });

      const publish = async (data: unknown, brand: string) => {
        const response = await server.request('POST', '/v1/events', { body: { type, data, brand } });
        expect(response.status).toBe(202);
        return response.body as { id: string; deliveries: number };
      };
      expect((await publish(sample, 'Harbour IT')).deliveries).toBe(0);
      expect((await publish(push, 'Other Brand')).deliveries).toBe(0);
      const matching = await publish(push, 'Harbour IT');
      expect(matching.deliveries).toBe(1);

      const [delivery] = await receiver.waitFor(1);
      expect(JSON.parse(delivery.body)).toMatchObject({ id: matching.id, brand: 'Harbour IT', data: { chat: { type: 'push' } } });

      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(String(subscribed.headers.location))), 204);
    } finally {
      await receiver.close();
    }
  });

  test('when a flow publishes a custom event whose schema uses $ref, then "Publish an event" shows the fields of the chosen type and the event is accepted', async () => {
    const type = 'custom.asset_moved';
    const registered = await server.request('PUT', `/v1/custom-event-types/${type}`, {
      body: {
        description: 'An asset moved to another site.',
        schema: {
          type: 'object',
          required: ['assetId', 'to'],
          additionalProperties: false,
          $defs: {
            site: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string', title: 'Site Name', description: 'The name of the site.' } },
            },
          },
          properties: {
            assetId: { type: 'string', title: 'Asset ID', description: 'The asset.' },
            from: { $ref: '#/$defs/site', title: 'From', description: 'Where it was.' },
            to: { $ref: '#/$defs/site', title: 'To', description: 'Where it is now.' },
          },
        },
        sample: { assetId: 'A-1', to: { name: 'Auckland' } },
      },
    });
    expect(registered.status).toBe(201);

    const { schema, request } = await runtime.bodySchema('PublishEvent', 'event', 'data', { path: { type } });
    expect(request.url).toBe(`${front.url}/v1/triggers/${type}/schema?format=swagger2`);
    expect(schema).toMatchObject({
      type: 'object',
      required: ['assetId', 'to'],
      properties: {
        assetId: { type: 'string', 'x-ms-summary': 'Asset ID' },
        to: { type: 'object', properties: { name: { type: 'string', 'x-ms-summary': 'Site Name' } } },
      },
    });
    expect(JSON.stringify(schema)).not.toContain('$ref');

    // A catalog type's inputs are its data schema, as the dedicated trigger declares it.
    const ticket = await runtime.bodySchema('PublishEvent', 'event', 'data', { path: { type: 'ticket.created' } });
    expect(ticket.schema).toEqual(inlineDefinitions(swagger.definitions.TicketCreatedEvent, swagger.definitions).properties.data);

    const published = await runtime.call('PublishEvent', { path: { type }, body: { data: { assetId: 'A-1', to: { name: 'Wellington' } }, brand: 'Harbour IT' } });
    expectDeclaredResponse('PublishEvent', published, 202);
    expect(published.body).toMatchObject({ type, duplicate: false });
    const stored = await server.request('GET', `/v1/events/${published.body.id}`);
    expect(stored.body).toMatchObject({ type, brand: 'Harbour IT', data: { assetId: 'A-1', to: { name: 'Wellington' } } });

    const refused = await runtime.call('PublishEvent', { path: { type }, body: { data: { assetId: 'A-1', to: {} } } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('/data/to/name');
    const unknown = await runtime.call('PublishEvent', { path: { type: 'custom.nope' }, body: { data: {} } });
    expect(unknown.status).toBe(404);
  });

  test.each(catalogTriggers)('when a flow uses $operationId, then it subscribes, receives $type unchanged at its callback URL and unsubscribes twice', async ({ operationId, type }) => {
    const receiver = await flowEndpoint(202);
    try {
      const callback = callbackUrl(operationId);
      const subscribe = runtime.buildRequest(operationId, { notificationUrl: callback.url });
      expect(subscribe.url).toBe(`${front.url}/v1/triggers/${type}/hooks`);
      const subscribed = await runtime.send(subscribe);
      expectDeclaredResponse(operationId, subscribed, 201);
      const location = String(subscribed.headers.location);
      expect(location).toBe(`${front.url}/v1/hooks/${subscribed.body.id}`);
      expect(subscribed.body).toMatchObject({ url: callback.url, events: [type], source: 'power-automate' });

      const hook = await runtime.call('GetHook', { path: { hookId: subscribed.body.id } });
      expectDeclaredResponse('GetHook', hook, 200);
      expect(hook.body).toMatchObject({ id: subscribed.body.id, url: callback.url, status: 'active', deleted: false });

      const data = catalog.get(type)!.sample;
      let eventId: string;
      if (RESERVED_EVENT_TYPES.has(type)) {
        // Reserved system types come only from deskhooks itself (a tenant's publish is a 422): the hook's test delivery sends the sample.
        const tested = await server.request('POST', `/v1/hooks/${subscribed.body.id}/test`, { body: { type } });
        expect(tested.status).toBe(202);
        eventId = tested.body.eventId;
      } else {
        const published = await runtime.call('PublishEvent', { path: { type }, body: { data } });
        expectDeclaredResponse('PublishEvent', published, 202);
        expect(published.body.deliveries).toBe(1);
        eventId = published.body.id;
      }

      const [delivery] = await receiver.waitFor(1);
      expect(delivery.method).toBe('POST');
      expect(delivery.url).toBe(callback.pathAndQuery);
      const envelope = JSON.parse(delivery.body);
      const validate = schemas.compile(runtime.operation(operationId).pathItem['x-ms-notification-content'].schema);
      const valid = validate(envelope);
      expect(describeErrors(validate.errors)).toBe('');
      expect(valid).toBe(true);
      expect(envelope).toMatchObject({ id: eventId, type, data });

      const listed = await runtime.call('ListEvents', { query: { type, limit: 5 } });
      expectDeclaredResponse('ListEvents', listed, 200);
      expect(listed.body.data.map((event: any) => event.id)).toContain(eventId);

      const unsubscribe = runtime.unsubscribeRequest(location);
      expect(unsubscribe.operationId).toBe('DeleteHook');
      expectDeclaredResponse('DeleteHook', await runtime.send(unsubscribe), 204);
      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(location)), 204);

      const deleted = await runtime.call('GetHook', { path: { hookId: subscribed.body.id } });
      expectDeclaredResponse('GetHook', deleted, 200);
      expect(deleted.body.deleted).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  test('when a flow uses "When an event occurs" for a chosen type, then the designer gets a Swagger schema for it and the delivery matches that schema', async () => {
    const receiver = await flowEndpoint(200);
    try {
      const type = 'ticket.status_changed';
      const inputs = { path: { type } };
      const { schema, request } = await runtime.notificationSchema('OnEvent', inputs);
      expect(request.url).toBe(`${front.url}/v1/triggers/${type}/schema?format=swagger2`);
      // What the designer gets is the same schema the connector declares for the dedicated trigger (with its shared parts inlined).
      expect(schema).toEqual(inlineDefinitions(swagger.definitions.TicketStatusChangedEvent, swagger.definitions));

      const callback = callbackUrl('OnEvent');
      const subscribed = await runtime.call('OnEvent', { ...inputs, notificationUrl: callback.url, body: { description: 'Status changes for the service desk' } });
      expectDeclaredResponse('OnEvent', subscribed, 201);
      expect(subscribed.body).toMatchObject({ events: [type], description: 'Status changes for the service desk' });

      const data = catalog.get(type)!.sample;
      expectDeclaredResponse('PublishEvent', await runtime.call('PublishEvent', { path: { type }, body: { data } }), 202);
      const [delivery] = await receiver.waitFor(1);
      expect(delivery.url).toBe(callback.pathAndQuery);
      const validate = schemas.compile(schema);
      const valid = validate(JSON.parse(delivery.body));
      expect(describeErrors(validate.errors)).toBe('');
      expect(valid).toBe(true);

      const location = String(subscribed.headers.location);
      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(location)), 204);
      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(location)), 204);
    } finally {
      await receiver.close();
    }
  });

  test('when a tenant registers a custom event type, then "When an event occurs" offers it, describes its fields and delivers it', async () => {
    const type = 'custom.device_offline';
    const registered = await server.request('PUT', `/v1/custom-event-types/${type}`, {
      body: {
        description: "A device in a customer's fleet went offline.",
        schema: {
          type: 'object',
          required: ['deviceId', 'lastSeen'],
          additionalProperties: false,
          properties: {
            deviceId: { type: 'string', title: 'Device ID', description: "The device's id." },
            lastSeen: { type: 'string', format: 'date-time', title: 'Last Seen', description: 'When the device last reported.' },
            site: { type: ['string', 'null'], title: 'Site', description: 'Where the device is, when known.' },
          },
        },
        sample: { deviceId: 'LAPTOP-0042', lastSeen: '2026-03-02T09:14:05Z', site: null },
      },
    });
    expect(registered.status).toBe(201);

    const options = await runtime.dropdown('OnEvent', 'type');
    expect(options.map((o) => o.value)).toContain(type);

    const receiver = await flowEndpoint(200);
    try {
      const inputs = { path: { type } };
      const { schema } = await runtime.notificationSchema('OnEvent', inputs);
      expect(schema.properties.data.properties.site).toEqual({
        type: 'string',
        'x-ms-summary': 'Site',
        description: 'Where the device is, when known.',
        'x-nullable': true,
      });

      const callback = callbackUrl('OnEvent');
      const subscribed = await runtime.call('OnEvent', { ...inputs, notificationUrl: callback.url });
      expectDeclaredResponse('OnEvent', subscribed, 201);
      const data = { deviceId: 'LAPTOP-0042', lastSeen: '2026-03-02T09:14:05Z', site: null };
      expectDeclaredResponse('PublishEvent', await runtime.call('PublishEvent', { path: { type }, body: { data } }), 202);

      const [delivery] = await receiver.waitFor(1);
      expect(delivery.url).toBe(callback.pathAndQuery);
      const validate = schemas.compile(schema);
      const envelope = JSON.parse(delivery.body);
      const valid = validate(envelope);
      expect(describeErrors(validate.errors)).toBe('');
      expect(valid).toBe(true);
      expect(envelope).toMatchObject({ type, data });
      // The schema is not vacuous: a delivery without the required device id would be refused.
      expect(validate({ ...envelope, data: { lastSeen: data.lastSeen } })).toBe(false);

      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(String(subscribed.headers.location))), 204);
    } finally {
      await receiver.close();
    }
  });

  test('when a flow answers an agent lookup with "Respond to an agent lookup", then the chat session gets that agent within the budget', async () => {
    // The flow's trigger endpoint accepts the call but, like Power Automate, answers no agent itself.
    const receiver = await flowEndpoint(202);
    try {
      const callback = callbackUrl('OnChatAgentLookup');
      const subscribed = await runtime.call('OnChatAgentLookup', { notificationUrl: callback.url });
      expectDeclaredResponse('OnChatAgentLookup', subscribed, 201);

      const sample = catalog.get('chat.agent_lookup')!.sample as { chat: { id: string }; candidateAgents: Array<{ userId: string }> };
      const lookup = server.request('POST', `/v1/chats/${encodeURIComponent(sample.chat.id)}/agent-lookup`, {
        body: { chat: sample.chat, candidateAgents: sample.candidateAgents },
      });

      const [delivery] = await receiver.waitFor(1);
      const event = JSON.parse(delivery.body);
      expect(event.type).toBe('chat.agent_lookup');
      const chosen = event.data.candidateAgents[event.data.candidateAgents.length - 1].userId;

      const answered = await runtime.call('RespondToAgentLookup', { path: { lookupId: event.data.lookupId }, body: { agentId: chosen } });
      expectDeclaredResponse('RespondToAgentLookup', answered, 200);
      expect(answered.body).toMatchObject({ lookupId: event.data.lookupId, status: 'assigned', agentId: chosen });

      const result = await lookup;
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ lookupId: event.data.lookupId, status: 'assigned', agentId: chosen, answeredBy: { via: 'callback' } });

      expectDeclaredResponse('DeleteHook', await runtime.send(runtime.unsubscribeRequest(String(subscribed.headers.location))), 204);
    } finally {
      await receiver.close();
    }
  });
});
