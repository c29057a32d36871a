import { inlineDefinitions, shareRepeatedSchemas } from '../../../connector/power-automate/shared-schemas';

/** An object schema big enough to be worth sharing (the threshold is passed explicitly below). */
function person(summary: string, description = `The ${summary.toLowerCase()}.`): Record<string, any> {
  return {
    type: 'object',
    'x-ms-summary': summary,
    description,
    properties: {
      id: { type: 'string', 'x-ms-summary': 'User ID', description: 'The id of the user.' },
      company: {
        type: 'object',
        'x-ms-summary': 'Company',
        description: 'The company of the user.',
        properties: { name: { type: 'string', 'x-ms-summary': 'Company Name', description: 'The name of the company.' } },
      },
    },
  };
}

describe('shared schemas in the connector definitions', () => {
  test('when two events carry the same object schema, then it becomes one definition both refer to, and inlining gives the input back', () => {
    const definitions = {
      OneEvent: { type: 'object', properties: { creator: person('Creator'), note: { type: 'string' } } },
      OtherEvent: { type: 'object', properties: { creator: person('Creator') } },
    };

    const shared = shareRepeatedSchemas(definitions, 50);

    expect(shared.OneEvent.properties.creator).toEqual({ $ref: '#/definitions/Creator' });
    expect(shared.OtherEvent.properties.creator).toEqual({ $ref: '#/definitions/Creator' });
    expect(shared.Creator).toEqual(person('Creator'));
    expect(inlineDefinitions(shared.OneEvent, shared)).toEqual(definitions.OneEvent);
    expect(inlineDefinitions(shared.OtherEvent, shared)).toEqual(definitions.OtherEvent);
  });

  test('when the same shape has different labels, then only the identical inner part is shared and each field keeps its own label', () => {
    const definitions = {
      TicketEvent: { type: 'object', properties: { creator: person('Creator'), assignee: person('Assignee') } },
    };

    const shared = shareRepeatedSchemas(definitions, 50);

    expect(shared.TicketEvent.properties.creator['x-ms-summary']).toBe('Creator');
    expect(shared.TicketEvent.properties.assignee['x-ms-summary']).toBe('Assignee');
    expect(shared.TicketEvent.properties.creator.properties.company).toEqual({ $ref: '#/definitions/Company' });
    expect(inlineDefinitions(shared.TicketEvent, shared)).toEqual(definitions.TicketEvent);
  });

  test('when a repeated schema equals an existing definition, then the copies refer to that definition instead of a new one', () => {
    const definitions = { User: person('User'), MessageEvent: { type: 'object', properties: { author: person('User') } } };

    const shared = shareRepeatedSchemas(definitions, 50);

    expect(Object.keys(shared).sort()).toEqual(['MessageEvent', 'User']);
    expect(shared.MessageEvent.properties.author).toEqual({ $ref: '#/definitions/User' });
  });

  test('when two different shapes have the same label, then their definitions get distinct names', () => {
    const other = person('Creator', 'The contact who opened it.');
    const definitions = {
      A: { type: 'object', properties: { x: person('Creator'), y: person('Creator') } },
      B: { type: 'object', properties: { x: other, y: other } },
    };

    const shared = shareRepeatedSchemas(definitions, 50);

    const targets = [shared.A.properties.x.$ref, shared.B.properties.x.$ref];
    expect(new Set(targets).size).toBe(2);
    expect(inlineDefinitions(shared.B, shared)).toEqual(definitions.B);
  });

  test('when a subtree is below the threshold, then it stays inline', () => {
    const definitions = { A: { type: 'object', properties: { x: person('Creator'), y: person('Creator') } } };

    expect(shareRepeatedSchemas(definitions, 10_000)).toEqual(definitions);
  });

  test('when a $ref points nowhere, then inlining says which', () => {
    expect(() => inlineDefinitions({ $ref: '#/definitions/Missing' }, {})).toThrow('unresolvable $ref #/definitions/Missing');
  });
});
