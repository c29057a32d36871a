/**
 * Builds the connector's apiDefinition.swagger.json (Swagger 2.0, the only dialect Power Platform
 * imports) from the trigger catalog and the bundled OpenAPI contract.
 *
 * Shape, in the style of DeskDirector's certified connector:
 * - one webhook trigger per catalog event, each on its own path (`/v1/triggers/<type>/hooks`), because
 *   Swagger 2.0 allows one operation per method and path, and Power Automate tells triggers apart by
 *   operation;
 * - a generic "When an event occurs" trigger whose event type is a dropdown and whose output schema is
 *   fetched for the chosen type, which also covers a tenant's custom event types;
 * - the actions a flow needs around those triggers, and internal helpers for the dropdowns and schemas.
 * The host and the API key come from the connection through apiProperties.json's policies.
 */
import { type Catalog, type TriggerFilterField, eventComponentName } from '../../server/src/catalog/catalog';
import { GENERATED_NOTE } from '../../server/scripts/generated-file';
import { OpenApiSource, type OpenApiDocument, type SwaggerParameter } from './openapi-source';
import { type JsonSchema, toSwagger2Schema } from '../../server/src/catalog/swagger2-schema';
import { shareRepeatedSchemas } from './shared-schemas';

/** The header that carries the API key: declared here for the portal import, set by the policy in apiProperties.json. */
export const API_KEY_HEADER = 'X-API-Key';

/** Placeholder host: the connection's "Site Host" replaces it through the dynamicHostUrl policy. */
export const PLACEHOLDER_HOST = 'deskhooks.example.com';

export const GENERIC_TRIGGER_ID = 'OnEvent';
export const EVENT_TYPES_OPERATION_ID = 'ListEventTypes';
export const EVENT_SCHEMA_OPERATION_ID = 'GetEventSchema';
export const UNSUBSCRIBE_OPERATION_ID = 'DeleteHook';
export const BRANDS_OPERATION_ID = 'ListBrands';
export const PUBLISH_OPERATION_ID = 'PublishEvent';

/** The `format` the connector asks for: Swagger 2.0 schemas that Power Automate can turn into dynamic content. */
export const SCHEMA_FORMAT = 'swagger2';

const JSON_TYPES = ['application/json'];

const LOCATION_HEADER = {
  type: 'string',
  description: "The subscription's absolute URL; Power Automate deletes it when the flow is turned off or removed.",
};

/** The Brand dropdown: the tenant's brands, from GET /v1/brands; a flow maker may still type another. */
const BRAND_DROPDOWN = {
  'x-ms-dynamic-values': {
    operationId: BRANDS_OPERATION_ID,
    'value-collection': 'data',
    'value-path': 'name',
    'value-title': 'name',
  },
  'x-ms-dynamic-list': {
    operationId: BRANDS_OPERATION_ID,
    itemsPath: 'data',
    itemValuePath: 'name',
    itemTitlePath: 'name',
  },
};

/** `no_agents` → `No agents`: enum values read as words in a dropdown. */
function enumTitle(value: string | number | boolean): string {
  const text = String(value).replace(/[_-]+/g, ' ');
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * The trigger's filter fields (meta.json `filters`) as the subscription's `filter` object, keyed by the
 * envelope path the hook filters on (`data.ticket.status`), so a flow maker's choices are the hook's filter
 * as they stand. Fields left empty are not sent, and an empty filter lets every event through.
 */
function filterProperty(filters: TriggerFilterField[]): Record<string, any> {
  return {
    type: 'object',
    description: 'Only events whose fields have the chosen values; leave a field empty to accept any value.',
    'x-ms-summary': 'Filter',
    properties: Object.fromEntries(
      filters.map((filter) => [
        filter.field,
        {
          type: filter.type,
          description: filter.description,
          'x-ms-summary': filter.label,
          ...(filter.enum
            ? { enum: filter.enum, 'x-ms-enum-values': filter.enum.map((value) => ({ value, displayName: enumTitle(value) })) }
            : {}),
        },
      ]),
    ),
  };
}

/** Properties of the subscribe body a flow maker may see; the rest are filled in by Power Automate. */
function subscriptionParameter(source: OpenApiSource, filters: TriggerFilterField[] = []): Record<string, any> {
  // Inputs are never null, so the nullability of the stored field does not apply here.
  const field = (name: string) => omitNullable(source.componentProperty('HookFields', name));
  return {
    name: 'subscription',
    in: 'body',
    required: true,
    description: 'The webhook subscription that deskhooks creates for this flow.',
    'x-ms-summary': 'Subscription',
    schema: {
      type: 'object',
      required: ['url', 'source'],
      properties: {
        url: {
          ...field('url'),
          description: "The flow's callback URL, filled in by Power Automate.",
          'x-ms-summary': 'Callback URL',
          'x-ms-visibility': 'internal',
          'x-ms-notification-url': true,
        },
        source: {
          ...field('source'),
          enum: ['power-automate'],
          default: 'power-automate',
          description: 'Marks the subscription as created by Power Automate.',
          'x-ms-summary': 'Source',
          'x-ms-visibility': 'internal',
        },
        description: {
          ...field('description'),
          description: 'A note shown with the subscription in deskhooks, such as the name of the flow.',
          'x-ms-summary': 'Subscription Note',
          'x-ms-visibility': 'advanced',
        },
        brand: {
          ...field('brand'),
          description: 'Only events of this helpdesk brand; leave it empty to receive the events of every brand.',
          'x-ms-summary': 'Brand',
          ...BRAND_DROPDOWN,
        },
        redirects: {
          ...field('redirects'),
          description: 'Whether a redirect (3xx) answer from the flow counts as delivered (succeed) or is retried (fail). Redirects are never followed.',
          'x-ms-summary': 'Redirect Answers',
          'x-ms-visibility': 'advanced',
        },
        ...(filters.length ? { filter: filterProperty(filters) } : {}),
      },
    },
  };
}

function subscribeResponses(source: OpenApiSource): Record<string, any> {
  const created = source.response('/v1/triggers/{type}/hooks', 'post', '201');
  if (!created.headers.Location) throw new Error('POST /v1/triggers/{type}/hooks must declare its Location header');
  return {
    '201': {
      description: 'The subscription was created; its URL is in the Location header.',
      headers: { Location: LOCATION_HEADER },
      schema: { $ref: '#/definitions/HookCreated' },
    },
    default: { description: 'The subscription was refused; the body is an RFC 9457 problem document naming the field.' },
  };
}

const EVENT_TYPE_DROPDOWN = {
  'x-ms-dynamic-values': {
    operationId: EVENT_TYPES_OPERATION_ID,
    'value-collection': 'data',
    'value-path': 'type',
    'value-title': 'title',
  },
  'x-ms-dynamic-list': {
    operationId: EVENT_TYPES_OPERATION_ID,
    itemsPath: 'data',
    itemValuePath: 'type',
    itemTitlePath: 'title',
  },
};

function catalogTrigger(catalog: Catalog, type: string, source: OpenApiSource): Record<string, any> {
  const { meta } = catalog.get(type)!;
  return {
    post: {
      tags: ['Triggers'],
      operationId: meta.powerAutomate.operationId,
      summary: meta.powerAutomate.summary,
      description: meta.powerAutomate.description,
      consumes: JSON_TYPES,
      produces: JSON_TYPES,
      parameters: [subscriptionParameter(source, catalog.filterFields(type))],
      responses: subscribeResponses(source),
      'x-ms-trigger': 'single',
      'x-ms-trigger-hint': `To see it work, make the helpdesk send a ${type} event, or publish one with the "Publish an event" action.`,
    },
    'x-ms-notification-content': {
      description: `The ${type} event as deskhooks delivers it: the event envelope with its data.`,
      schema: { $ref: `#/definitions/${eventComponentName(type)}` },
    },
  };
}

function genericTrigger(source: OpenApiSource): Record<string, any> {
  const schemaCall = {
    'x-ms-dynamic-schema': {
      operationId: EVENT_SCHEMA_OPERATION_ID,
      parameters: { type: { parameter: 'type' }, format: SCHEMA_FORMAT },
    },
    'x-ms-dynamic-properties': {
      operationId: EVENT_SCHEMA_OPERATION_ID,
      parameters: { type: { parameterReference: 'type' }, format: { value: SCHEMA_FORMAT } },
    },
  };
  return {
    post: {
      tags: ['Triggers'],
      operationId: GENERIC_TRIGGER_ID,
      summary: 'When an event occurs',
      description: 'This operation triggers when an event of the chosen type occurs, custom event types included.',
      consumes: JSON_TYPES,
      produces: JSON_TYPES,
      parameters: [
        source.parameter('/v1/triggers/{type}/hooks', 'post', 'type', {
          description: 'The event type to subscribe to, such as chat.missed or custom.device_offline.',
          'x-ms-summary': 'Event Type',
          ...EVENT_TYPE_DROPDOWN,
        }),
        subscriptionParameter(source),
      ],
      responses: subscribeResponses(source),
      'x-ms-trigger': 'single',
      'x-ms-trigger-hint': 'To see it work, make the helpdesk send an event of the chosen type, or publish one with the "Publish an event" action.',
    },
    'x-ms-notification-content': {
      description: 'The event as deskhooks delivers it: the event envelope with the data of the chosen type.',
      schema: { type: 'object', ...schemaCall },
    },
  };
}

function problemResponse(description: string): Record<string, any> {
  return { default: { description } };
}

function actions(source: OpenApiSource): Record<string, any> {
  const publish = source.requestSchema('/v1/triggers/{type}/events', 'post');
  // The `data` of the chosen type: the envelope schema's `data` (the same call the generic trigger makes).
  const dataSchemaCall = {
    'x-ms-dynamic-schema': {
      operationId: EVENT_SCHEMA_OPERATION_ID,
      parameters: { type: { parameter: 'type' }, format: SCHEMA_FORMAT },
      'value-path': 'properties/data',
    },
    'x-ms-dynamic-properties': {
      operationId: EVENT_SCHEMA_OPERATION_ID,
      parameters: { type: { parameterReference: 'type' }, format: { value: SCHEMA_FORMAT } },
      itemValuePath: 'properties/data',
    },
  };
  const agentAnswer = source.requestSchema('/v1/agent-lookups/{lookupId}/response', 'post');
  return {
    '/v1/agent-lookups/{lookupId}/response': {
      post: {
        tags: ['Actions'],
        operationId: 'RespondToAgentLookup',
        summary: 'Respond to an agent lookup',
        description:
          'Answers a chat agent lookup with the agent to assign. deskhooks takes answers only within the 5-second budget of the lookup and the first valid answer wins, so use it right after the "When a chat session is looking for an agent" trigger.',
        consumes: JSON_TYPES,
        produces: JSON_TYPES,
        parameters: [
          source.parameter('/v1/agent-lookups/{lookupId}/response', 'post', 'lookupId', {
            description: 'The lookup to answer: the Lookup ID of the "When a chat session is looking for an agent" trigger.',
            'x-ms-summary': 'Lookup ID',
          }),
          {
            name: 'answer',
            in: 'body',
            required: true,
            description: 'The agent to assign to the chat session.',
            'x-ms-summary': 'Answer',
            schema: {
              ...agentAnswer,
              properties: {
                agentId: {
                  ...agentAnswer.properties.agentId,
                  description: "The agent to assign: the User ID of one of the lookup's candidate agents.",
                  'x-ms-summary': 'Agent ID',
                },
              },
            },
          },
        ],
        responses: {
          '200': { description: 'The answer was taken and the chat session assigned.', schema: { $ref: '#/definitions/AgentLookupResult' } },
          ...problemResponse('The answer was refused, for example because the lookup already ended.'),
        },
      },
    },
    '/v1/triggers/{type}/events': {
      post: {
        tags: ['Actions'],
        operationId: PUBLISH_OPERATION_ID,
        summary: 'Publish an event',
        description:
          'Publishes an event to deskhooks, which validates its data against the schema of the event type and delivers it to every matching subscription.',
        consumes: JSON_TYPES,
        produces: JSON_TYPES,
        parameters: [
          source.parameter('/v1/triggers/{type}/events', 'post', 'type', {
            description: 'The event type, such as ticket.created or custom.device_offline; its fields appear once it is chosen.',
            'x-ms-summary': 'Event Type',
            ...EVENT_TYPE_DROPDOWN,
          }),
          {
            name: 'event',
            in: 'body',
            required: true,
            description: 'The event to publish.',
            'x-ms-summary': 'Event',
            schema: {
              ...publish,
              properties: {
                // The chosen type's data schema (with titles and $refs resolved by the server), as inputs.
                data: { ...publish.properties.data, description: "The event's data, with the fields of its event type.", 'x-ms-summary': 'Data', ...dataSchemaCall },
                brand: omitNullable({
                  ...publish.properties.brand,
                  description: 'The helpdesk brand the event belongs to, on multi-brand helpdesks.',
                  'x-ms-summary': 'Brand',
                  'x-ms-visibility': 'advanced',
                  ...BRAND_DROPDOWN,
                }),
                id: { ...publish.properties.id, 'x-deskhooks-refused-with': undefined, description: 'Your id for the event (letters, digits and . _ : ~ -); publishing the same event with it again changes nothing, so retries are safe.', 'x-ms-summary': 'Event ID', 'x-ms-visibility': 'advanced' },
                timestamp: { ...publish.properties.timestamp, description: 'When the event happened; now when left empty.', 'x-ms-summary': 'Timestamp', 'x-ms-visibility': 'advanced' },
              },
            },
          },
        ],
        responses: {
          '202': { description: 'The event was accepted and stored.', schema: { $ref: '#/definitions/EventAccepted' } },
          ...problemResponse('The event was refused; the body names every invalid field.'),
        },
      },
    },
    '/v1/events': {
      get: {
        tags: ['Actions'],
        operationId: 'ListEvents',
        summary: 'List recent events',
        description: 'Lists the most recent events, newest first, exactly as deskhooks delivers them.',
        produces: JSON_TYPES,
        parameters: [
          source.parameter('/v1/events', 'get', 'type', {
            description: 'Only events of this type; leave it empty for every type.',
            'x-ms-summary': 'Event Type',
            ...EVENT_TYPE_DROPDOWN,
          }),
          source.parameter('/v1/events', 'get', 'limit', { description: 'How many events to return, from 1 to 100.', 'x-ms-summary': 'Limit' }),
          source.parameter('/v1/events', 'get', 'cursor', {
            description: 'The Next Cursor of the previous page, to list older events.',
            'x-ms-summary': 'Cursor',
            'x-ms-visibility': 'advanced',
          }),
        ],
        responses: {
          '200': { description: 'A page of events.', schema: { $ref: '#/definitions/EventPage' } },
          ...problemResponse('The request was refused; the body names the invalid parameter.'),
        },
      },
    },
    '/v1/hooks/{hookId}': {
      get: {
        tags: ['Actions'],
        operationId: 'GetHook',
        summary: 'Get a webhook subscription',
        description: 'Gets one webhook subscription with its status and last delivery, deleted subscriptions included.',
        produces: JSON_TYPES,
        parameters: [hookIdParameter(source, 'get')],
        responses: {
          '200': { description: 'The subscription.', schema: { $ref: '#/definitions/Hook' } },
          ...problemResponse('No such subscription.'),
        },
      },
      delete: {
        tags: ['Internal'],
        operationId: UNSUBSCRIBE_OPERATION_ID,
        summary: 'Delete a webhook subscription',
        description:
          'Deletes a webhook subscription; Power Automate calls it when a flow is turned off or removed. Deleting a deleted subscription succeeds too.',
        parameters: [hookIdParameter(source, 'delete')],
        responses: {
          '204': { description: 'The subscription was deleted, or already was.' },
          ...problemResponse('No such subscription.'),
        },
        'x-ms-visibility': 'internal',
      },
    },
  };
}

function hookIdParameter(source: OpenApiSource, method: string): SwaggerParameter {
  return source.parameter('/v1/hooks/{hookId}', method, 'hookId', {
    description: 'The ID of the subscription, as in its URL.',
    'x-ms-summary': 'Subscription ID',
  });
}

function omitNullable(schema: JsonSchema): JsonSchema {
  const { 'x-nullable': _nullable, ...rest } = schema;
  return rest;
}

function internalHelpers(source: OpenApiSource): Record<string, any> {
  return {
    '/v1/triggers': {
      get: {
        tags: ['Internal'],
        operationId: EVENT_TYPES_OPERATION_ID,
        summary: 'List event types',
        description: 'Lists every event type, custom ones included, for the event type dropdowns.',
        produces: JSON_TYPES,
        responses: {
          '200': { description: 'The event types.', schema: { $ref: '#/definitions/TriggerList' } },
          ...problemResponse('The request was refused.'),
        },
        'x-ms-visibility': 'internal',
      },
    },
    '/v1/triggers/{type}/schema': {
      get: {
        tags: ['Internal'],
        operationId: EVENT_SCHEMA_OPERATION_ID,
        summary: 'Get the schema of an event type',
        description: 'Gets the schema of the delivered event of one type, as a Swagger schema for the dynamic content of a trigger.',
        produces: JSON_TYPES,
        parameters: [
          source.parameter('/v1/triggers/{type}/schema', 'get', 'type', { description: 'The event type.', 'x-ms-summary': 'Event Type' }),
          source.parameter('/v1/triggers/{type}/schema', 'get', 'format', {
            description: 'The schema dialect; Power Automate needs Swagger 2.0.',
            'x-ms-summary': 'Format',
            required: true,
            default: SCHEMA_FORMAT,
            enum: [SCHEMA_FORMAT],
            'x-ms-visibility': 'internal',
          }),
        ],
        responses: {
          '200': { description: 'The schema of the delivered event.', schema: { type: 'object' } },
          ...problemResponse('No such event type.'),
        },
        'x-ms-visibility': 'internal',
      },
    },
    '/v1/brands': {
      get: {
        tags: ['Internal'],
        operationId: BRANDS_OPERATION_ID,
        summary: 'List brands',
        description: 'Lists the helpdesk brands of the tenant, for the brand dropdowns.',
        produces: JSON_TYPES,
        responses: {
          '200': { description: 'The brands.', schema: { $ref: '#/definitions/BrandList' } },
          ...problemResponse('The request was refused.'),
        },
        'x-ms-visibility': 'internal',
      },
    },
    '/v1/me': {
      get: {
        tags: ['Internal'],
        operationId: 'TestConnection',
        summary: 'Test the connection',
        description: 'Checks the API key by getting the tenant and the name of the key.',
        produces: JSON_TYPES,
        responses: {
          '200': { description: 'The key works.', schema: { $ref: '#/definitions/Me' } },
          ...problemResponse('The key was refused.'),
        },
        'x-ms-visibility': 'internal',
      },
    },
  };
}

/** The delivered envelope of one catalog trigger, as a Swagger 2.0 schema; the catalog must convert losslessly. */
export function envelopeDefinition(catalog: Catalog, type: string): JsonSchema {
  const { schema, unsupported } = toSwagger2Schema(catalog.envelopeSchema(type));
  if (unsupported.length) throw new Error(`triggers/${type} uses JSON Schema that Swagger 2.0 cannot express: ${unsupported.join(', ')}`);
  return schema;
}

export function buildSwaggerDocument(catalog: Catalog, openapi: OpenApiDocument): Record<string, any> {
  const source = new OpenApiSource(openapi);
  const info = openapi.info ?? {};

  const paths: Record<string, any> = {};
  const definitions: Record<string, any> = {};
  for (const type of catalog.types) {
    paths[`/v1/triggers/${type}/hooks`] = catalogTrigger(catalog, type, source);
    definitions[eventComponentName(type)] = envelopeDefinition(catalog, type);
  }
  paths['/v1/triggers/{type}/hooks'] = genericTrigger(source);
  Object.assign(paths, actions(source), internalHelpers(source));

  Object.assign(definitions, {
    HookCreated: source.component('HookCreated'),
    Hook: source.component('Hook'),
    EventAccepted: source.component('EventAccepted'),
    EventPage: source.component('EventPage'),
    AgentLookupResult: source.component('AgentLookupResult'),
    Me: source.component('Me'),
    BrandList: source.component('BrandList'),
    TriggerList: source.response('/v1/triggers', 'get', '200').schema,
  });

  return {
    swagger: '2.0',
    'x-generated': GENERATED_NOTE,
    info: {
      title: 'deskhooks',
      description:
        'deskhooks brings helpdesk tickets and live chats to Power Automate: start a flow when a chat session is missed, a ticket changes status or any other helpdesk event occurs, answer chat agent lookups, publish events and check webhook subscriptions.',
      version: info.version ?? '1.0.0',
      contact: info.contact,
    },
    host: PLACEHOLDER_HOST,
    basePath: '/',
    schemes: ['https'],
    paths,
    // Shared shapes (chat session, users, companies…) once each: keeps the file under the 1 MB limit.
    definitions: shareRepeatedSchemas(definitions),
    parameters: {},
    responses: {},
    securityDefinitions: {
      apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'A deskhooks API key.' },
    },
    security: [{ apiKey: [] }],
    tags: [
      { name: 'Triggers', description: 'Webhook triggers: deskhooks calls the flow when an event occurs.' },
      { name: 'Actions', description: 'Actions a flow can take in deskhooks.' },
      { name: 'Internal', description: 'Operations Power Automate calls by itself, for subscriptions and dropdowns.' },
    ],
    'x-ms-connector-metadata': [
      { propertyName: 'Website', propertyValue: 'https://deskhooks.dev' },
      { propertyName: 'Privacy policy', propertyValue: 'https://deskhooks.dev/privacy' },
      { propertyName: 'Categories', propertyValue: 'IT Operations;Productivity' },
    ],
    'x-ms-capabilities': { testConnection: { operationId: 'TestConnection' } },
  };
}
