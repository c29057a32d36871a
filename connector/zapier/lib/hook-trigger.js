'use strict';

const { problemError } = require('../middleware');
const { itemsFromDelivery, toItem } = require('./envelope-items');
const { serverRequest } = require('./server-request');
const { BRAND_FIELD, filterInputFields, matchesSettings, subscriptionSettings } = require('./subscription-inputs');

const DESCRIPTION_MAX = 1000;
const DEFAULT_LIST_LIMIT = 10;
const MAX_LIST_LIMIT = 100;

/** Names the Zap in the hook's description, so the hook list in deskhooks says which Zap owns which hook. */
function zapDescription(bundle, label) {
  const zap = (bundle.meta && bundle.meta.zap) || {};
  const name = zap.name || (zap.id ? `#${zap.id}` : '');
  const text = name ? `Zapier: ${label}, Zap ${name}` : `Zapier: ${label}`;
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}

function listLimit(bundle) {
  const limit = bundle.meta && Number(bundle.meta.limit);
  return limit > 0 ? Math.min(limit, MAX_LIST_LIMIT) : DEFAULT_LIST_LIMIT;
}

/**
 * A REST-hook trigger on one deskhooks event type. `eventType(bundle)` names the type: fixed for
 * catalog triggers, chosen by the zap builder for custom events. Every trigger can be narrowed by
 * brand, and by the filter fields its catalog entry declares.
 *
 * @param {object} spec key, noun, display, sample, outputFields, optional inputFields and filters
 *   (generated filter definitions), eventType(bundle) and listFallback(z, bundle, type) for when the
 *   tenant has no events yet.
 */
function hookTrigger(spec) {
  const { key, noun, display, sample, outputFields, eventType, listFallback } = spec;
  const filters = spec.filters || [];

  const performSubscribe = async (z, bundle) => {
    const type = eventType(bundle);
    const response = await serverRequest(z, bundle, {
      method: 'POST',
      path: `/v1/triggers/${encodeURIComponent(type)}/hooks`,
      body: {
        url: bundle.targetUrl,
        description: zapDescription(bundle, display.label),
        source: 'zapier',
        ...subscriptionSettings(z, bundle, filters),
      },
    });
    // Zapier keeps this as bundle.subscribeData; performUnsubscribe needs its `id`.
    return response.data;
  };

  const performUnsubscribe = async (z, bundle) => {
    const id = bundle.subscribeData && bundle.subscribeData.id;
    if (!id) throw new z.errors.Error('This Zap has no deskhooks hook id to unsubscribe.', 'MissingHookId', 400);
    const response = await serverRequest(z, bundle, {
      method: 'DELETE',
      path: `/v1/hooks/${encodeURIComponent(id)}`,
      params: { reason: 'unsubscribed' },
      skipThrowForStatus: true,
    });
    // A hook that no longer exists is as unsubscribed as it gets; failing here would keep the Zap from turning off.
    if (response.status === 404) return { id, deleted: true };
    if (response.status >= 400) throw problemError(z, response);
    return { id, deleted: true };
  };

  const perform = async (z, bundle) => itemsFromDelivery(bundle);

  // Recent events for the Zap editor, narrowed like the subscription will be (a Zap on P1 tickets shows P1 tickets).
  const performList = async (z, bundle) => {
    const type = eventType(bundle);
    const settings = subscriptionSettings(z, bundle, filters);
    const narrowed = settings.brand !== undefined || settings.filter !== undefined;
    const limit = listLimit(bundle);
    const response = await serverRequest(z, bundle, {
      method: 'GET',
      path: '/v1/events',
      params: { type, limit: narrowed ? MAX_LIST_LIMIT : limit },
    });
    const items = ((response.data && response.data.data) || [])
      .map(toItem)
      .filter((item) => matchesSettings(item, settings))
      .slice(0, limit);
    if (items.length || !listFallback) return items;
    return listFallback(z, bundle, type);
  };

  const operation = {
    type: 'hook',
    inputFields: [...(spec.inputFields || []), BRAND_FIELD, ...filterInputFields(filters)],
    performSubscribe,
    performUnsubscribe,
    perform,
    performList,
    sample,
    outputFields,
  };
  return { key, noun, display, operation };
}

module.exports = { hookTrigger, zapDescription };
