'use strict';

const { serverRequest } = require('../lib/server-request');

/**
 * Hidden trigger feeding the "Event Type" dropdowns of "New Custom Event" and "Publish Custom Event":
 * the tenant's custom event types, named for people ("Device Offline (A device went offline.)") with
 * the type itself as the value (Zapier requires an `id` on every trigger result).
 */
async function listCustomEventTypes(z, bundle) {
  const response = await serverRequest(z, bundle, { method: 'GET', path: '/v1/triggers', params: { group: 'custom' } });
  const types = (response.data && response.data.data) || [];
  return types.map((t) => ({
    id: t.type,
    name: t.description && !t.description.startsWith('The custom event ') ? `${t.noun} (${t.description})` : t.noun,
    type: t.type,
    description: t.description || '',
  }));
}

module.exports = {
  key: 'custom_event_type',
  noun: 'Custom Event Type',
  display: {
    label: 'New Custom Event Type',
    description: 'Lists the custom event types of your deskhooks tenant, for the Event Type dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: listCustomEventTypes,
  },
};
