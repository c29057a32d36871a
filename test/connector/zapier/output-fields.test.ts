import path from 'node:path';
import { APP_DIR } from './zapier-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { outputFieldsFromSchema } = require(path.join(APP_DIR, 'lib/output-fields'));

const schema = {
  type: 'object',
  properties: {
    id: { title: 'Event ID', type: 'string' },
    data: {
      title: 'Data',
      type: 'object',
      properties: {
        ticket: {
          title: 'Ticket',
          type: 'object',
          properties: {
            id: { title: 'Ticket ID', type: 'string' },
            openedAt: { title: 'Opened At', type: 'string', format: 'date-time' },
            priority: { title: 'Priority', type: ['integer', 'null'] },
            tags: { title: 'Tags', type: 'array', items: { type: 'string' } },
            company: { title: 'Company', type: 'object', properties: { name: { title: 'Company Name', type: 'string' } } },
          },
        },
        assignee: {
          title: 'Assignee',
          anyOf: [{ type: 'object', properties: { userId: { title: 'User ID', type: 'string' } } }, { type: 'null' }],
        },
        changes: {
          title: 'Changes',
          type: 'array',
          items: {
            type: 'object',
            properties: {
              field: { title: 'Field', type: 'string' },
              oldValue: { title: 'Old Value', type: ['string', 'number', 'null'] },
              by: { title: 'By', type: 'object', properties: { name: { title: 'Name', type: 'string' } } },
              history: { title: 'History', type: 'array', items: { type: 'object', properties: { at: { type: 'string' } } } },
            },
          },
        },
        extra: { title: 'Extra', type: 'object', additionalProperties: true },
      },
    },
  },
};

describe('output fields derived from a JSON Schema', () => {
  it('when a schema nests objects, arrays and nullable branches, then each leaf becomes one labelled Zapier field', () => {
    expect(outputFieldsFromSchema(schema, { transparent: ['data'] })).toEqual([
      { key: 'id', label: 'Event ID', type: 'string' },
      { key: 'data__ticket__id', label: 'Ticket ID', type: 'string' },
      { key: 'data__ticket__openedAt', label: 'Ticket Opened At', type: 'datetime' },
      { key: 'data__ticket__priority', label: 'Ticket Priority', type: 'integer' },
      { key: 'data__ticket__tags', label: 'Ticket Tags', type: 'string', list: true },
      { key: 'data__ticket__company__name', label: 'Ticket Company Name', type: 'string' },
      { key: 'data__assignee__userId', label: 'Assignee User ID', type: 'string' },
      { key: 'data__changes[]field', label: 'Changes Field', type: 'string' },
      { key: 'data__changes[]oldValue', label: 'Changes Old Value' },
      { key: 'data__changes[]by__name', label: 'Changes By Name', type: 'string' },
      { key: 'data__changes[]history', label: 'Changes History', list: true },
      { key: 'data__extra', label: 'Extra' },
    ]);
  });

  it('when data is not transparent, then its title leads its children labels', () => {
    const fields = outputFieldsFromSchema(schema);

    expect(fields.find((f: { key: string }) => f.key === 'data__ticket__id')).toEqual({ key: 'data__ticket__id', label: 'Data Ticket ID', type: 'string' });
  });

  it('when a tenant schema has no titles, then labels are made from the property names', () => {
    const fields = outputFieldsFromSchema(
      { type: 'object', properties: { deviceId: { type: 'string' }, last_seen: { type: 'string', format: 'date-time' } } },
      { keyPrefix: 'data' },
    );

    expect(fields).toEqual([
      { key: 'data__deviceId', label: 'Device ID', type: 'string' },
      { key: 'data__last_seen', label: 'Last Seen', type: 'datetime' },
    ]);
  });
});
