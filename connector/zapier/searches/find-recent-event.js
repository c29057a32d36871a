'use strict';

const generated = require('../generated/triggers.json');
const { fetchCustomEventType } = require('../lib/custom-event-type');
const { toItem } = require('../lib/envelope-items');
const { outputFieldsFromSchema } = require('../lib/output-fields');
const { inlineRefs } = require('../lib/schema-refs');
const { serverRequest } = require('../lib/server-request');
const { valueAt } = require('../lib/subscription-inputs');

const PAGE = 100;
/** How far back the search looks: the most recent events of the type, newest first. */
const MAX_PAGES = 5;
const SEARCH_DEPTH = PAGE * MAX_PAGES;

const catalogByType = new Map(generated.triggers.map((t) => [t.type, t]));

/** The output fields of an event type: the catalog's generated ones, or a custom type's from its schema. */
async function eventOutputFields(z, bundle, type) {
  const known = catalogByType.get(type);
  if (known) return known.outputFields;
  if (!type.startsWith('custom.')) return [];
  const found = await fetchCustomEventType(z, bundle, type);
  const dataFields = found && found.schema ? outputFieldsFromSchema(inlineRefs(found.schema), { keyPrefix: 'data' }) : [];
  return [...generated.customEvent.envelopeOutputFields, ...dataFields];
}

/** `data__ticket__id` (a Zapier key) or `data.ticket.id` or `ticket.id` → `ticket.id`, the path in `data`. */
function dataPath(field) {
  return String(field || '')
    .trim()
    .replace(/__/g, '.')
    .replace(/^data\./, '');
}

/** The "Field" dropdown: the scalar fields of the chosen type's data (line items cannot be matched one to one). */
async function fieldInput(z, bundle) {
  const type = String((bundle.inputData && bundle.inputData.eventType) || '').trim();
  const fields = type ? await eventOutputFields(z, bundle, type) : [];
  const choices = fields
    .filter((f) => f.key.startsWith('data__') && !f.key.includes('[]') && !f.list)
    .map((f) => ({ value: dataPath(f.key), label: f.label, sample: dataPath(f.key) }));
  const field = {
    key: 'field',
    label: 'Field',
    required: true,
    helpText: 'The field of the event data to match, for example the ticket ID. Or type its path, such as `ticket.id`.',
  };
  if (choices.length) field.choices = choices;
  return [field];
}

function matches(item, path, wanted) {
  const value = valueAt(item.data, path);
  if (value === undefined || value === null || typeof value === 'object') return false;
  return String(value) === wanted;
}

async function findRecentEvent(z, bundle) {
  const input = bundle.inputData || {};
  const type = String(input.eventType || '').trim();
  const path = dataPath(input.field);
  const wanted = String(input.value === undefined || input.value === null ? '' : input.value).trim();
  if (!type || !path) throw new z.errors.Error('Choose an Event Type and a Field to search by.', 'InvalidInput', 400);
  let cursor;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await serverRequest(z, bundle, {
      method: 'GET',
      path: '/v1/events',
      params: { type, limit: PAGE, ...(cursor ? { cursor } : {}) },
    });
    const body = response.data || {};
    const found = (body.data || []).map(toItem).find((item) => matches(item, path, wanted));
    // Newest first: the first match is the most recent event with that value.
    if (found) return [found];
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return [];
}

const sampleType = catalogByType.get('ticket.created') || generated.triggers[0];

module.exports = {
  key: 'find_recent_event',
  noun: 'Event',
  display: {
    label: 'Find Recent Event',
    description: `Finds the most recent event of a type whose data field has a given value, among the last ${SEARCH_DEPTH} events of that type.`,
  },
  operation: {
    inputFields: [
      {
        key: 'eventType',
        label: 'Event Type',
        required: true,
        dynamic: 'event_type.id.name',
        altersDynamicFields: true,
        helpText: 'The type of event to search, custom event types included.',
      },
      fieldInput,
      { key: 'value', label: 'Value', required: true, helpText: 'The value the field must have, compared as text (for example `48213`).' },
    ],
    perform: findRecentEvent,
    sample: sampleType.sample,
    outputFields: [
      async (z, bundle) => {
        const type = String((bundle.inputData && bundle.inputData.eventType) || '').trim();
        return type ? eventOutputFields(z, bundle, type) : generated.customEvent.envelopeOutputFields;
      },
    ],
  },
};
