'use strict';

const generated = require('../generated/triggers.json');
const { hookTrigger } = require('../lib/hook-trigger');

/** One REST-hook trigger per catalog event type, from the generated definitions (filter inputs included). */
module.exports = generated.triggers.map(({ key, type, noun, display, sample, outputFields, filters }) =>
  hookTrigger({ key, noun, display, sample, outputFields, filters, eventType: () => type }),
);
