'use strict';

/**
 * One shape for every item the triggers return (a delivered envelope, a listed event, the sample), so
 * that the fields a zap builder maps while testing are the fields live runs produce. Optional envelope
 * fields are always present: `brand` null on single-brand helpdesks, `test` false for real events.
 */
function toItem(envelope) {
  return {
    id: envelope.id,
    type: envelope.type,
    timestamp: envelope.timestamp,
    brand: envelope.brand === undefined ? null : envelope.brand,
    test: envelope.test === true,
    data: envelope.data,
  };
}

function isEnvelope(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    value.data !== null &&
    typeof value.data === 'object'
  );
}

/** The delivered body: the parsed JSON Zapier hands over, or the raw content when it did not parse it. */
function deliveredBody(bundle) {
  let body = bundle.cleanedRequest;
  if (body && !Array.isArray(body) && !isEnvelope(body) && 'content' in body) body = body.content;
  if ((body === undefined || body === null) && bundle.rawRequest) body = bundle.rawRequest.content;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return body;
}

/**
 * The items of one delivery: an envelope gives one item, a `batch` delivery (a JSON array of
 * envelopes) one item per event. Anything else is not from deskhooks and is refused loudly.
 */
function itemsFromDelivery(bundle) {
  const body = deliveredBody(bundle);
  const envelopes = Array.isArray(body) ? body : [body];
  const bad = envelopes.findIndex((envelope) => !isEnvelope(envelope));
  if (bad >= 0) {
    const where = Array.isArray(body) ? `item ${bad} of the delivered array` : 'the delivered body';
    throw new Error(
      `${where} is not a deskhooks event (an object with id, type and data). Subscribe through this app, which asks for the envelope format.`,
    );
  }
  return envelopes.map(toItem);
}

module.exports = { toItem, isEnvelope, itemsFromDelivery };
