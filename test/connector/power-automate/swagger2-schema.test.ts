import { humanizePropertyName, localRefResolver, toSwagger2Schema } from '../../../server/src/catalog/swagger2-schema';

describe('toSwagger2Schema', () => {
  test('when a property is nullable through a type array, then it keeps its one type and is marked x-nullable', () => {
    const { schema, unsupported } = toSwagger2Schema({
      type: 'object',
      properties: { brand: { title: 'Brand', description: 'The brand.', type: ['string', 'null'], examples: ['Contoso'] } },
    });
    expect(unsupported).toEqual([]);
    expect(schema.properties.brand).toEqual({ type: 'string', 'x-ms-summary': 'Brand', description: 'The brand.', 'x-nullable': true });
  });

  test('when a schema has const, $id, $schema and examples, then const becomes a one-value enum and the rest is dropped', () => {
    const { schema, unsupported } = toSwagger2Schema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://schemas.deskhooks.dev/x.json',
      title: 'Event Type',
      type: 'string',
      const: 'chat.missed',
      examples: ['chat.missed'],
    });
    expect(unsupported).toEqual([]);
    expect(schema).toEqual({ type: 'string', 'x-ms-summary': 'Event Type', enum: ['chat.missed'] });
  });

  test('when an object is nullable through anyOf with null, then the other branch is used with the outer title and description', () => {
    const { schema, unsupported } = toSwagger2Schema({
      title: 'Changed By',
      description: 'Who changed it.',
      anyOf: [{ title: 'User', description: 'A user.', type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, { type: 'null' }],
    });
    expect(unsupported).toEqual([]);
    expect(schema).toEqual({
      type: 'object',
      'x-ms-summary': 'Changed By',
      description: 'Who changed it.',
      properties: { name: { type: 'string' } },
      required: ['name'],
      'x-nullable': true,
    });
  });

  test('when an enum allows null, then null leaves the enum and the schema is x-nullable', () => {
    const { schema } = toSwagger2Schema({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(schema).toEqual({ type: 'string', enum: ['a', 'b'], 'x-nullable': true });
  });

  test('when required is empty, then it is left out (draft-04 needs at least one entry)', () => {
    expect(toSwagger2Schema({ type: 'object', properties: {}, required: [] }).schema).toEqual({ type: 'object', properties: {} });
  });

  test('when numbers have 2020-12 exclusive bounds, then they become Swagger bounds with boolean flags', () => {
    expect(toSwagger2Schema({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }).schema).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    });
  });

  test('when allOf and $ref build an object (OpenAPI components), then they are merged into one object schema', () => {
    const components: Record<string, any> = {
      Hook: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, nextCursor: { type: ['string', 'null'] } } },
    };
    const { schema, unsupported } = toSwagger2Schema(
      { allOf: [{ $ref: '#/components/schemas/Hook' }, { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } } }], unevaluatedProperties: false },
      { resolveRef: (ref) => components[ref.split('/').pop()!], summariesFromNames: true },
    );
    expect(unsupported).toEqual([]);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', 'x-ms-summary': 'ID' },
        nextCursor: { type: 'string', 'x-ms-summary': 'Next Cursor', 'x-nullable': true },
        secret: { type: 'string', 'x-ms-summary': 'Secret' },
      },
      required: ['id', 'secret'],
      additionalProperties: false,
    });
  });

  test('when a custom schema refers to its own $defs, then the local resolver inlines them', () => {
    const custom = { type: 'object', properties: { device: { $ref: '#/$defs/device' } }, $defs: { device: { type: 'object', title: 'Device', properties: { id: { type: 'string' } } } } };
    const { schema, unsupported } = toSwagger2Schema(custom, { resolveRef: localRefResolver(custom) });
    expect(unsupported).toEqual([]);
    expect(schema.properties.device).toEqual({ type: 'object', 'x-ms-summary': 'Device', properties: { id: { type: 'string' } } });
  });

  test('when a schema uses what Swagger 2.0 cannot say, then it is dropped and reported by JSON Pointer', () => {
    const { schema, unsupported } = toSwagger2Schema({
      type: 'object',
      properties: {
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        both: { type: ['string', 'integer'] },
        pair: { type: 'array', prefixItems: [{ type: 'string' }] },
        self: { $ref: '#/properties/self' },
      },
      if: { required: ['either'] },
    });
    expect(unsupported.sort()).toEqual(['/if', '/properties/both/type', '/properties/either/anyOf', '/properties/pair/prefixItems', '/properties/self/$ref'].sort());
    expect(schema.properties.both).toEqual({});
  });

  test('when descriptions span lines (YAML block scalars), then they become one line for the tooltip', () => {
    expect(toSwagger2Schema({ type: 'string', description: 'First line\nsecond line.\n' }).schema.description).toBe('First line second line.');
  });

  test('when property names are humanized, then acronyms keep their case', () => {
    expect(['nextCursor', 'agentId', 'url', 'created_at', 'webhooksEnabled'].map(humanizePropertyName)).toEqual([
      'Next Cursor',
      'Agent ID',
      'URL',
      'Created At',
      'Webhooks Enabled',
    ]);
  });
});
