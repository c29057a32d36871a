'use strict';

const generated = require('../generated/triggers.json');
const { chosenType, fetchCustomEventType } = require('../lib/custom-event-type');
const { dataFromInputs, inputFieldsFromSchema } = require('../lib/input-fields');
const { serverRequest } = require('../lib/server-request');
const { BRAND_FIELD } = require('../lib/subscription-inputs');

const LABEL = 'Publish Custom Event';

async function requireType(z, bundle) {
  const type = chosenType(bundle, LABEL);
  const found = await fetchCustomEventType(z, bundle, type);
  if (!found) throw new z.errors.Error(`The custom event type ${type} does not exist (any more) in deskhooks; choose another Event Type.`, 'NotFound', 404);
  return found;
}

/** One input per field of the chosen type's schema, labelled and typed from it. */
async function dataInputFields(z, bundle) {
  const type = bundle.inputData && String(bundle.inputData.eventType || '').trim();
  if (!type) return [];
  const found = await fetchCustomEventType(z, bundle, type);
  return found && found.schema ? inputFieldsFromSchema(found.schema) : [];
}

async function publishCustomEvent(z, bundle) {
  const found = await requireType(z, bundle);
  const input = bundle.inputData || {};
  const body = { type: found.type, data: dataFromInputs(z, found.schema, input) };
  if (input.brand && String(input.brand).trim()) body.brand = String(input.brand).trim();
  if (input.eventId && String(input.eventId).trim()) body.id = String(input.eventId).trim();
  if (input.timestamp && String(input.timestamp).trim()) body.timestamp = String(input.timestamp).trim();
  // deskhooks validates `data` against the type's schema; a 422 names each field (middleware.js words it).
  const response = await serverRequest(z, bundle, { method: 'POST', path: '/v1/events', body });
  return response.data;
}

module.exports = {
  key: 'publish_custom_event',
  noun: 'Custom Event',
  display: {
    label: LABEL,
    description: 'Publishes an event of one of your custom event types, which deskhooks validates and delivers to every matching subscription.',
  },
  operation: {
    inputFields: [
      {
        key: 'eventType',
        label: 'Event Type',
        required: true,
        dynamic: 'custom_event_type.id.name',
        altersDynamicFields: true,
        helpText: 'The custom event type to publish; its fields appear below once chosen.',
      },
      dataInputFields,
      { ...BRAND_FIELD, helpText: 'The helpdesk brand the event belongs to, on multi-brand helpdesks.' },
      {
        key: 'eventId',
        label: 'Event ID',
        required: false,
        helpText: 'Your id for the event. Publishing the same id again creates nothing new, so a replayed Zap run does not deliver twice.',
      },
      { key: 'timestamp', label: 'Occurred At', type: 'datetime', required: false, helpText: 'When the event happened; now when left empty.' },
    ],
    perform: publishCustomEvent,
    sample: { id: 'evt_01JNMV2S8ZK6W3XG5T4QF0R9AB', type: generated.customEvent.sample.type, deliveries: 2, duplicate: false },
    outputFields: [
      { key: 'id', label: 'Event ID', type: 'string' },
      { key: 'type', label: 'Event Type', type: 'string' },
      { key: 'deliveries', label: 'Deliveries Created', type: 'integer' },
      { key: 'duplicate', label: 'Already Published', type: 'boolean' },
    ],
  },
};
