'use strict';

const generated = require('../generated/triggers.json');
const { hookTrigger } = require('../lib/hook-trigger');
const { outputFieldsFromSchema } = require('../lib/output-fields');
const { toItem } = require('../lib/envelope-items');
const { apiUrl } = require('../lib/server-url');
const { problemError } = require('../middleware');

const LABEL = 'New Custom Event';

function eventType(bundle) {
  const type = String((bundle.inputData && bundle.inputData.eventType) || '').trim();
  if (!type) throw new Error('Choose an Event Type for "New Custom Event".');
  return type;
}

async function findCustomEventType(z, bundle, type) {
  const response = await z.request({ method: 'GET', url: apiUrl(bundle, '/v1/custom-event-types') });
  return ((response.data && response.data.data) || []).find((t) => t.type === type);
}

/** The chosen type's `data` fields, labelled from its schema, so they can be mapped like built-in ones. */
async function dataOutputFields(z, bundle) {
  const type = bundle.inputData && bundle.inputData.eventType;
  if (!type) return [];
  const found = await findCustomEventType(z, bundle, String(type).trim());
  if (!found || !found.schema) return [];
  return outputFieldsFromSchema(found.schema, { keyPrefix: 'data' });
}

/** With no events of the type yet, the type's own sample beats the generic one Zapier would show. */
async function typeSample(z, bundle, type) {
  const response = await z.request({
    method: 'GET',
    url: apiUrl(bundle, `/v1/triggers/${encodeURIComponent(type)}/sample`),
    skipThrowForStatus: true,
  });
  if (response.status === 404) return [];
  if (response.status >= 400) throw problemError(z, response);
  return [toItem(response.data)];
}

module.exports = hookTrigger({
  key: 'custom_event',
  noun: 'Custom Event',
  display: {
    label: LABEL,
    description: 'Triggers when the helpdesk publishes an event of one of your custom event types.',
  },
  inputFields: [
    {
      key: 'eventType',
      label: 'Event Type',
      required: true,
      dynamic: 'custom_event_type.id.name',
      altersDynamicFields: true,
      helpText: 'The custom event type to trigger on (`custom.<name>`), as registered with `PUT /v1/custom-event-types/{type}`.',
    },
  ],
  eventType,
  sample: generated.customEvent.sample,
  outputFields: [...generated.customEvent.envelopeOutputFields, dataOutputFields],
  listFallback: typeSample,
});
