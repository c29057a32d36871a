'use strict';

const generated = require('../generated/triggers.json');
const { hookTrigger } = require('../lib/hook-trigger');

/** One REST-hook trigger per catalog event type, from the generated definitions. */
module.exports = generated.triggers.map(({ key, type, noun, display, sample, outputFields }) =>
  hookTrigger({ key, noun, display, sample, outputFields, eventType: () => type }),
);
