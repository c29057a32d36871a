'use strict';

const { problemError } = require('../middleware');
const { serverRequest } = require('./server-request');

/** The Event Type a zap builder chose for a custom event step, or an error asking for one. */
function chosenType(bundle, stepLabel) {
  const type = String((bundle.inputData && bundle.inputData.eventType) || '').trim();
  if (!type) throw new Error(`Choose an Event Type for "${stepLabel}".`);
  return type;
}

/** One custom event type of the tenant (with its schema and sample), or undefined when there is none. */
async function fetchCustomEventType(z, bundle, type) {
  const response = await serverRequest(z, bundle, {
    method: 'GET',
    path: `/v1/custom-event-types/${encodeURIComponent(type)}`,
    skipThrowForStatus: true,
  });
  if (response.status === 404) return undefined;
  if (response.status >= 400) throw problemError(z, response);
  return response.data;
}

module.exports = { chosenType, fetchCustomEventType };
