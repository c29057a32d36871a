import { type ConnectorFiles, RULES } from '../../../connector/power-automate/certification-rules';
import { readConnectorFiles } from './connector-files';

const files = readConnectorFiles();

function clone(): ConnectorFiles {
  return JSON.parse(JSON.stringify(files));
}

const missedChat = (f: ConnectorFiles) => f.swagger.paths['/v1/triggers/chat.missed/hooks'];
const subscriptionBody = (f: ConnectorFiles) => missedChat(f).post.parameters.find((p: any) => p.in === 'body');

/** For every rule, one way to break the real connector that the rule must notice (and what it says). */
const BREAKS: Record<string, { change: string; apply: (f: ConnectorFiles) => void; expect: RegExp }> = {
  title: { change: 'the title says "Connector"', apply: (f) => (f.swagger.info.title = 'deskhooks Connector'), expect: /Connector/ },
  description: { change: 'the description is too short', apply: (f) => (f.swagger.info.description = 'Helpdesk hooks.'), expect: /30 to 500/ },
  contact: { change: 'the contact has no email', apply: (f) => delete f.swagger.info.contact.email, expect: /email/ },
  'connector-metadata': {
    change: 'there are three categories, one of them invented',
    apply: (f) => (f.swagger['x-ms-connector-metadata'].find((m: any) => m.propertyName === 'Categories').propertyValue = 'IT Operations;Productivity;Helpdesks'),
    expect: /one or two categories[\s\S]*"Helpdesks" is not a connector category/,
  },
  'operation-ids': {
    change: 'an operationId has a dot',
    apply: (f) => (f.swagger.paths['/v1/events'].get.operationId = 'List.Events'),
    expect: /not alphanumeric/,
  },
  summaries: { change: 'a summary ends in a period', apply: (f) => (f.swagger.paths['/v1/events'].post.summary = 'Publish an event.'), expect: /ends in punctuation/ },
  descriptions: {
    change: 'a parameter description has no final punctuation',
    apply: (f) => (f.swagger.paths['/v1/events'].get.parameters[0].description = 'Only events of this type'),
    expect: /is not a sentence/,
  },
  parameters: { change: 'a visible parameter has no x-ms-summary', apply: (f) => delete f.swagger.paths['/v1/events'].get.parameters[1]['x-ms-summary'], expect: /limit has no x-ms-summary/ },
  'internal-defaults': {
    change: 'the internal source property loses its default',
    apply: (f) => delete subscriptionBody(f).schema.properties.source.default,
    expect: /source is required but has no default/,
  },
  'path-parameters': {
    change: 'a path parameter has no x-ms-url-encoding',
    apply: (f) => delete f.swagger.paths['/v1/hooks/{hookId}'].get.parameters[0]['x-ms-url-encoding'],
    expect: /hookId has no x-ms-url-encoding/,
  },
  responses: {
    change: 'an operation has no 2xx response and its default has a schema',
    apply: (f) => {
      const operation = f.swagger.paths['/v1/hooks/{hookId}'].get;
      delete operation.responses['200'];
      operation.responses.default.schema = { type: 'object' };
    },
    expect: /no 2xx response[\s\S]*default response has a schema/,
  },
  consumes: { change: 'a body has no consumes', apply: (f) => delete f.swagger.paths['/v1/events'].post.consumes, expect: /has a body but no consumes/ },
  refs: {
    change: 'a $ref points into a nested definition',
    apply: (f) => (missedChat(f)['x-ms-notification-content'].schema = { $ref: '#/definitions/ChatMissedEvent/properties/data' }),
    expect: /does not point at definitions/,
  },
  'webhook-triggers': {
    change: 'the callback URL is visible and optional, and the 201 has no Location',
    apply: (f) => {
      const body = subscriptionBody(f).schema;
      delete body.properties.url['x-ms-visibility'];
      body.required = body.required.filter((name: string) => name !== 'url');
      delete missedChat(f).post.responses['201'].headers;
    },
    expect: /url is not internal[\s\S]*url is not required[\s\S]*does not declare the Location header/,
  },
  unsubscribe: {
    change: 'the unsubscribe operation is visible',
    apply: (f) => delete f.swagger.paths['/v1/hooks/{hookId}'].delete['x-ms-visibility'],
    expect: /no internal DELETE operation/,
  },
  'dynamic-references': {
    change: 'a dropdown calls an operation that does not exist',
    apply: (f) => (f.swagger.paths['/v1/events'].get.parameters[0]['x-ms-dynamic-values'].operationId = 'ListEverything'),
    expect: /ListEverything does not exist/,
  },
  'dynamic-pairs': {
    change: 'a dropdown has no x-ms-dynamic-list',
    apply: (f) => delete f.swagger.paths['/v1/events'].get.parameters[0]['x-ms-dynamic-list'],
    expect: /x-ms-dynamic-values without x-ms-dynamic-list/,
  },
  'connection-policies': {
    change: 'the key goes out in a header the definition does not declare, over plain http',
    apply: (f) => {
      const policies = f.apiProperties.properties.policyTemplateInstances;
      policies.find((p: any) => p.templateId === 'setheader').parameters['x-ms-apimTemplateParameter.name'] = 'X-Key';
      policies.find((p: any) => p.templateId === 'dynamichosturl').parameters['x-ms-apimTemplateParameter.urlTemplate'] = "http://@connectionParameters('siteHost')";
    },
    expect: /does not use https[\s\S]*no setheader policy sends the X-API-Key header/,
  },
  'file-size': { change: 'the file grows past 1 MB', apply: (f) => (f.swaggerBytes = 1_200_000), expect: /1200000 bytes/ },
};

describe('certification rules', () => {
  test('when the rules are listed, then every rule has a case that breaks it', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
    test(`when the generated connector is checked, then it passes (${rule.description})`, () => {
      expect(rule.check(files)).toEqual([]);
    });

    test(`when ${BREAKS[rule.id]?.change ?? 'broken'}, then the rule reports it`, () => {
      const broken = clone();
      BREAKS[rule.id].apply(broken);
      const violations = rule.check(broken);
      expect(violations.join('\n')).toMatch(BREAKS[rule.id].expect);
    });
  });
});
