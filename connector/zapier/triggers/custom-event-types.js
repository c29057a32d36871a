'use strict';

const { apiUrl } = require('../lib/server-url');

/**
 * Hidden trigger feeding the "Event Type" dropdown of "New Custom Event": the tenant's custom event
 * types, as `{id, name}` pairs (Zapier requires an `id` on every trigger result).
 */
async function listCustomEventTypes(z, bundle) {
  const response = await z.request({ method: 'GET', url: apiUrl(bundle, '/v1/custom-event-types') });
  const types = (response.data && response.data.data) || [];
  return types.map((t) => ({
    id: t.type,
    name: t.description ? `${t.type} (${t.description})` : t.type,
    type: t.type,
    description: t.description || '',
  }));
}

module.exports = {
  key: 'custom_event_type',
  noun: 'Custom Event Type',
  display: {
    label: 'New Custom Event Type',
    description: 'Lists the custom event types of your deskhooks tenant, for the Event Type dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: listCustomEventTypes,
  },
};
