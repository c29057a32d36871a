'use strict';

const { serverRequest } = require('../lib/server-request');

/**
 * Hidden trigger feeding the "Event Type" dropdowns of "Find Recent Event" and "Send Test Delivery":
 * every event type, custom ones included, by its title ("Chat session is missed"), with the type
 * (`chat.missed`) as the value.
 */
async function listEventTypes(z, bundle) {
  const response = await serverRequest(z, bundle, { method: 'GET', path: '/v1/triggers' });
  return ((response.data && response.data.data) || []).map((t) => ({ id: t.type, name: t.title || t.type, type: t.type, group: t.group }));
}

module.exports = {
  key: 'event_type',
  noun: 'Event Type',
  display: {
    label: 'New Event Type',
    description: 'Lists every deskhooks event type, custom ones included, for the Event Type dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: listEventTypes,
  },
};
