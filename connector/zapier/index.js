'use strict';

const { version } = require('./package.json');
const { version: platformVersion } = require('zapier-platform-core');
const authentication = require('./authentication');
const { addApiKey, throwForProblem } = require('./middleware');
const catalogTriggers = require('./triggers/catalog-triggers');
const customEvent = require('./triggers/custom-event');
const customEventTypes = require('./triggers/custom-event-types');
const eventTypes = require('./triggers/event-types');
const brands = require('./triggers/brands');
const hooks = require('./triggers/hooks');
const findRecentEvent = require('./searches/find-recent-event');
const publishCustomEvent = require('./creates/publish-custom-event');
const sendTestDelivery = require('./creates/send-test-delivery');
const respondToAgentLookup = require('./creates/respond-to-agent-lookup');

const byKey = (definitions) => Object.fromEntries(definitions.map((definition) => [definition.key, definition]));

module.exports = {
  version,
  platformVersion,
  // Every request goes through z.request, which Zapier logs already. Zapier's extra patch of Node's
  // http module would only wrap it a second time (and, being process-wide, would capture whatever
  // http.request it first sees, e.g. a test interceptor from another test file).
  flags: { skipHttpPatch: true },
  authentication,
  beforeRequest: [addApiKey],
  afterResponse: [throwForProblem],
  // The hidden triggers (custom event types, event types, brands, hooks) feed the dropdowns.
  triggers: byKey([...catalogTriggers, customEvent, customEventTypes, eventTypes, brands, hooks]),
  searches: byKey([findRecentEvent]),
  creates: byKey([respondToAgentLookup, publishCustomEvent, sendTestDelivery]),
  resources: {},
};
