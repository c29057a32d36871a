'use strict';

const generated = require('../generated/triggers.json');
const { hookTrigger } = require('../lib/hook-trigger');
const { outputFieldsFromSchema } = require('../lib/output-fields');
const { inlineRefs } = require('../lib/schema-refs');
const { toItem } = require('../lib/envelope-items');
const { serverRequest } = require('../lib/server-request');
const { chosenType, fetchCustomEventType } = require('../lib/custom-event-type');
const { problemError } = require('../middleware');

const LABEL = 'New Custom Event';

/** The chosen type's `data` fields, labelled from its schema ($refs resolved), so they map like built-in ones. */
async function dataOutputFields(z, bundle) {
  const type = bundle.inputData && String(bundle.inputData.eventType || '').trim();
  if (!type) return [];
  const found = await fetchCustomEventType(z, bundle, type);
  if (!found || !found.schema) return [];
  return outputFieldsFromSchema(inlineRefs(found.schema), { keyPrefix: 'data' });
}

/** With no events of the type yet, the type's own sample beats the generic one Zapier would show. */
async function typeSample(z, bundle, type) {
  const response = await serverRequest(z, bundle, {
    method: 'GET',
    path: `/v1/triggers/${encodeURIComponent(type)}/sample`,
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
  eventType: (bundle) => chosenType(bundle, LABEL),
  sample: generated.customEvent.sample,
  outputFields: [...generated.customEvent.envelopeOutputFields, dataOutputFields],
  listFallback: typeSample,
});
