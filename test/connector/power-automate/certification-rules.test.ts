import { type ConnectorFiles, RULES } from '../../../connector/power-automate/certification-rules';
import { readConnectorFiles } from './connector-files';

const files = readConnectorFiles();

function clone(): ConnectorFiles {
  return JSON.parse(JSON.stringify(files));
}

const missedChat = (f: ConnectorFiles) => f.swagger.paths['/v1/triggers/chat.missed/hooks'];
const subscriptionBody = (f: ConnectorFiles) => missedChat(f).post.parameters.find((p: any) => p.in === 'body');
const listEvents = (f: ConnectorFiles) => f.swagger.paths['/v1/events'].get;
const eventTypeDropdown = (f: ConnectorFiles) => listEvents(f).parameters.find((p: any) => p.name === 'type');
const genericTrigger = (f: ConnectorFiles) => f.swagger.paths['/v1/triggers/{type}/hooks'];

interface Break {
  change: string;
  apply: (f: ConnectorFiles) => void;
  expect: RegExp;
}

/**
 * For every rule, ways to break the real connector that the rule must notice (and what it says): one
 * per requirement the rule stands for, so a rule that silently stopped checking one of them fails here.
 */
const BREAKS: Record<string, Break[]> = {
  title: [
    { change: 'the title says "Connector"', apply: (f) => (f.swagger.info.title = 'deskhooks Connector'), expect: /contains "API" or "Connector"/ },
    { change: 'the title says "API"', apply: (f) => (f.swagger.info.title = 'deskhooks API'), expect: /contains "API" or "Connector"/ },
    { change: 'the title is 31 characters long', apply: (f) => (f.swagger.info.title = 'deskhooks helpdesk events today'), expect: /31 characters long \(at most 30\)/ },
  ],
  description: [
    { change: 'the description is too short', apply: (f) => (f.swagger.info.description = 'Helpdesk hooks.'), expect: /15 characters long \(30 to 500\)/ },
    { change: 'the description is too long', apply: (f) => (f.swagger.info.description = `${'a'.repeat(500)}.`), expect: /501 characters long \(30 to 500\)/ },
  ],
  contact: [
    { change: 'the contact has no email', apply: (f) => delete f.swagger.info.contact.email, expect: /email/ },
    { change: 'there is no contact', apply: (f) => delete f.swagger.info.contact, expect: /info.contact is missing/ },
  ],
  'connector-metadata': [
    {
      change: 'there are three categories, one of them invented',
      apply: (f) => (f.swagger['x-ms-connector-metadata'].find((m: any) => m.propertyName === 'Categories').propertyValue = 'IT Operations;Productivity;Helpdesks'),
      expect: /one or two categories[\s\S]*"Helpdesks" is not a connector category/,
    },
    {
      change: 'the privacy policy is missing and the website is plain http',
      apply: (f) => {
        const metadata = f.swagger['x-ms-connector-metadata'];
        f.swagger['x-ms-connector-metadata'] = metadata.filter((m: any) => m.propertyName !== 'Privacy policy');
        f.swagger['x-ms-connector-metadata'].find((m: any) => m.propertyName === 'Website').propertyValue = 'http://deskhooks.dev';
      },
      expect: /Website is not an https URL[\s\S]*Privacy policy is not an https URL: undefined/,
    },
  ],
  'operation-ids': [
    { change: 'an operationId has a dot', apply: (f) => (listEvents(f).operationId = 'List.Events'), expect: /not alphanumeric/ },
    {
      change: 'two operations share an operationId',
      apply: (f) => (listEvents(f).operationId = f.swagger.paths['/v1/triggers/{type}/events'].post.operationId),
      expect: /operationId PublishEvent is also used by (GET \/v1\/events|POST \/v1\/triggers\/\{type\}\/events)/,
    },
  ],
  summaries: [
    { change: 'a summary ends in a period', apply: (f) => (f.swagger.paths['/v1/triggers/{type}/events'].post.summary = 'Publish an event.'), expect: /ends in punctuation/ },
    { change: 'a summary contains "/"', apply: (f) => (listEvents(f).summary = 'List events/hooks'), expect: /contains "\/"/ },
    { change: 'a summary is 81 characters long', apply: (f) => (listEvents(f).summary = `List ${'e'.repeat(76)}`), expect: /81 characters long \(at most 80\)/ },
  ],
  descriptions: [
    {
      change: 'a parameter description has no final punctuation',
      apply: (f) => (eventTypeDropdown(f).description = 'Only events of this type'),
      expect: /is not a sentence/,
    },
    { change: 'an operation has no description', apply: (f) => delete listEvents(f).description, expect: /GET \/v1\/events: no description/ },
  ],
  parameters: [
    { change: 'a visible parameter has no x-ms-summary', apply: (f) => delete listEvents(f).parameters[1]['x-ms-summary'], expect: /limit has no x-ms-summary/ },
    { change: 'a visible parameter has no description', apply: (f) => delete listEvents(f).parameters[1].description, expect: /limit has no description/ },
    {
      change: 'a visible body property has no x-ms-summary',
      apply: (f) => delete subscriptionBody(f).schema.properties.brand['x-ms-summary'],
      expect: /body property subscription.brand has no x-ms-summary/,
    },
  ],
  'internal-defaults': [
    {
      change: 'the internal source property loses its default',
      apply: (f) => delete subscriptionBody(f).schema.properties.source.default,
      expect: /source is required but has no default/,
    },
  ],
  'path-parameters': [
    {
      change: 'a path parameter has no x-ms-url-encoding',
      apply: (f) => delete f.swagger.paths['/v1/hooks/{hookId}'].get.parameters[0]['x-ms-url-encoding'],
      expect: /hookId has no x-ms-url-encoding/,
    },
    {
      change: 'a path parameter is optional',
      apply: (f) => (f.swagger.paths['/v1/hooks/{hookId}'].get.parameters[0].required = false),
      expect: /path parameter hookId is not required/,
    },
    {
      change: 'a path variable has no parameter',
      apply: (f) => (f.swagger.paths['/v1/hooks/{hookId}'].get.parameters = []),
      expect: /\{hookId\} has no path parameter/,
    },
  ],
  responses: [
    {
      change: 'an operation has no 2xx response and its default has a schema',
      apply: (f) => {
        const operation = f.swagger.paths['/v1/hooks/{hookId}'].get;
        delete operation.responses['200'];
        operation.responses.default.schema = { type: 'object' };
      },
      expect: /no 2xx response[\s\S]*default response has a schema/,
    },
  ],
  consumes: [{ change: 'a body has no consumes', apply: (f) => delete f.swagger.paths['/v1/triggers/{type}/events'].post.consumes, expect: /has a body but no consumes/ }],
  refs: [
    {
      change: 'a $ref points into a nested definition',
      apply: (f) => (missedChat(f)['x-ms-notification-content'].schema = { $ref: '#/definitions/ChatMissedEvent/properties/data' }),
      expect: /does not point at definitions/,
    },
    {
      change: 'a shared definition is missing',
      apply: (f) => delete f.swagger.definitions.CloseRecord,
      expect: /\$ref #\/definitions\/CloseRecord does not resolve/,
    },
  ],
  'webhook-triggers': [
    {
      change: 'the callback URL is visible and optional, and the 201 has no Location',
      apply: (f) => {
        const body = subscriptionBody(f).schema;
        delete body.properties.url['x-ms-visibility'];
        body.required = body.required.filter((name: string) => name !== 'url');
        delete missedChat(f).post.responses['201'].headers;
      },
      expect: /url is not internal[\s\S]*url is not required[\s\S]*does not declare the Location header/,
    },
    {
      change: 'the body parameter holding the callback URL is optional',
      apply: (f) => (subscriptionBody(f).required = false),
      expect: /body parameter subscription holding subscription.url is not required/,
    },
    {
      change: 'the callback URL sits in an optional object of the body',
      apply: (f) => {
        const body = subscriptionBody(f).schema;
        const url = body.properties.url;
        delete body.properties.url;
        body.required = body.required.filter((name: string) => name !== 'url');
        body.properties.callback = { type: 'object', 'x-ms-summary': 'Callback', description: 'Where to call.', required: ['url'], properties: { url } };
      },
      expect: /callback \(on the way to subscription.callback.url\) is not required/,
    },
    {
      change: 'the subscription answers 200 instead of 201',
      apply: (f) => {
        const responses = missedChat(f).post.responses;
        responses['200'] = responses['201'];
        delete responses['201'];
      },
      expect: /no 201 response/,
    },
    {
      change: 'no property carries x-ms-notification-url',
      apply: (f) => delete subscriptionBody(f).schema.properties.url['x-ms-notification-url'],
      expect: /0 properties carry x-ms-notification-url/,
    },
    {
      change: 'the trigger is a batch trigger without a hint',
      apply: (f) => {
        missedChat(f).post['x-ms-trigger'] = 'batch';
        delete missedChat(f).post['x-ms-trigger-hint'];
      },
      expect: /x-ms-trigger is batch, not single[\s\S]*no x-ms-trigger-hint/,
    },
    {
      change: 'the summary and description do not read as a trigger',
      apply: (f) => {
        missedChat(f).post.summary = 'Missed chat';
        missedChat(f).post.description = 'Subscribes to missed chats.';
      },
      expect: /does not start "When a"\/"When an"[\s\S]*does not start "This operation triggers when"/,
    },
    {
      change: 'the notification content has no description and a payload field has neither title nor description',
      apply: (f) => {
        delete missedChat(f)['x-ms-notification-content'].description;
        const brand = f.swagger.definitions.ChatMissedEvent.properties.brand;
        delete brand['x-ms-summary'];
        delete brand.description;
      },
      expect: /x-ms-notification-content has no description[\s\S]*body.brand has no x-ms-summary or title[\s\S]*body.brand has no description/,
    },
    {
      change: 'a field of a shared definition loses its description',
      apply: (f) => {
        const [name] = Object.keys(f.swagger.definitions.CloseRecord.properties);
        delete f.swagger.definitions.CloseRecord.properties[name].description;
      },
      expect: /POST \/v1\/triggers\/chat.missed\/hooks: notification property body\.data\.chat\.closeRecord\.\w+ has no description/,
    },
    {
      change: 'a trigger path has no x-ms-notification-content',
      apply: (f) => delete missedChat(f)['x-ms-notification-content'],
      expect: /the path has no x-ms-notification-content/,
    },
  ],
  unsubscribe: [
    {
      change: 'the unsubscribe operation is visible',
      apply: (f) => delete f.swagger.paths['/v1/hooks/{hookId}'].delete['x-ms-visibility'],
      expect: /no internal DELETE operation/,
    },
    {
      change: 'the unsubscribe path parameter has no x-ms-url-encoding',
      apply: (f) => delete f.swagger.paths['/v1/hooks/{hookId}'].delete.parameters[0]['x-ms-url-encoding'],
      expect: /DELETE \/v1\/hooks\/\{hookId\}: path parameter hookId has no x-ms-url-encoding/,
    },
  ],
  'dynamic-references': [
    {
      change: 'a dropdown calls an operation that does not exist',
      apply: (f) => (eventTypeDropdown(f)['x-ms-dynamic-values'].operationId = 'ListEverything'),
      expect: /ListEverything does not exist/,
    },
    {
      change: 'a dropdown reads a value the called operation does not return',
      apply: (f) => {
        eventTypeDropdown(f)['x-ms-dynamic-values']['value-path'] = 'eventType';
        eventTypeDropdown(f)['x-ms-dynamic-list'].itemsPath = 'items';
      },
      expect: /x-ms-dynamic-values: the items of ListEventTypes have no eventType[\s\S]*x-ms-dynamic-list: items of ListEventTypes is not an array/,
    },
    {
      change: 'the dynamic schema passes a parameter the trigger does not have',
      apply: (f) => (genericTrigger(f)['x-ms-notification-content'].schema['x-ms-dynamic-schema'].parameters.type = { parameter: 'eventType' }),
      expect: /the caller has no parameter eventType to pass as type/,
    },
    {
      change: 'the test connection capability names a missing operation',
      apply: (f) => (f.swagger['x-ms-capabilities'].testConnection.operationId = 'Ping'),
      expect: /testConnection names Ping, which does not exist/,
    },
  ],
  'dynamic-pairs': [
    {
      change: 'a dropdown has no x-ms-dynamic-list',
      apply: (f) => delete eventTypeDropdown(f)['x-ms-dynamic-list'],
      expect: /x-ms-dynamic-values without x-ms-dynamic-list/,
    },
    {
      change: 'the dynamic schema has no x-ms-dynamic-properties',
      apply: (f) => delete genericTrigger(f)['x-ms-notification-content'].schema['x-ms-dynamic-properties'],
      expect: /x-ms-dynamic-schema without x-ms-dynamic-properties/,
    },
    {
      change: 'the list half of a dropdown shows another title than the values half',
      apply: (f) => (eventTypeDropdown(f)['x-ms-dynamic-list'].itemTitlePath = 'description'),
      expect: /x-ms-dynamic-values and x-ms-dynamic-list disagree: value-title ≠ itemTitlePath/,
    },
    {
      change: 'the properties half of the dynamic schema asks for another format',
      apply: (f) => (genericTrigger(f)['x-ms-notification-content'].schema['x-ms-dynamic-properties'].parameters.format = { value: 'json-schema' }),
      expect: /x-ms-dynamic-schema and x-ms-dynamic-properties disagree: their parameters differ/,
    },
  ],
  'connection-policies': [
    {
      change: 'the key goes out in a header the definition does not declare, over plain http',
      apply: (f) => {
        const policies = f.apiProperties.properties.policyTemplateInstances;
        policies.find((p: any) => p.templateId === 'setheader').parameters['x-ms-apimTemplateParameter.name'] = 'X-Key';
        policies.find((p: any) => p.templateId === 'dynamichosturl').parameters['x-ms-apimTemplateParameter.urlTemplate'] = "http://@connectionParameters('siteHost')";
      },
      expect: /does not use https[\s\S]*no setheader policy sends the X-API-Key header/,
    },
    {
      change: 'the API key is a plain string connection parameter',
      apply: (f) => (f.apiProperties.properties.connectionParameters.apiKey.type = 'string'),
      expect: /the X-API-Key header is not set from a securestring connection parameter/,
    },
  ],
  'file-size': [{ change: 'the file grows past 1 MB', apply: (f) => (f.swaggerBytes = 1_200_000), expect: /1200000 bytes/ }],
};

describe('certification rules', () => {
  test('when the rules are listed, then every rule has a case that breaks it', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(RULES.map((rule) => rule.id).sort());
    for (const breaks of Object.values(BREAKS)) expect(breaks.length).toBeGreaterThan(0);
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
    test(`when the generated connector is checked, then it passes (${rule.description})`, () => {
      expect(rule.check(files)).toEqual([]);
    });

    test.each(BREAKS[id] ?? [])('when $change, then the rule reports it', ({ apply, expect: expected }) => {
      const broken = clone();
      apply(broken);
      const violations = rule.check(broken);
      expect(violations.join('\n')).toMatch(expected);
    });
  });
});
