'use strict';

const { version } = require('./package.json');
const { version: platformVersion } = require('zapier-platform-core');
const authentication = require('./authentication');
const { addApiKey, throwForProblem } = require('./middleware');
const catalogTriggers = require('./triggers/catalog-triggers');
const customEvent = require('./triggers/custom-event');
const customEventTypes = require('./triggers/custom-event-types');
const respondToAgentLookup = require('./creates/respond-to-agent-lookup');

const byKey = (definitions) => Object.fromEntries(definitions.map((definition) => [definition.key, definition]));

module.exports = {
  version,
  platformVersion,
  authentication,
  beforeRequest: [addApiKey],
  afterResponse: [throwForProblem],
  triggers: byKey([...catalogTriggers, customEvent, customEventTypes]),
  searches: {},
  creates: byKey([respondToAgentLookup]),
  resources: {},
};
