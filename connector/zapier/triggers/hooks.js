'use strict';

const { serverRequest } = require('../lib/server-request');

const PAGE = 100;

/**
 * Hidden trigger feeding the "Subscription" dropdown of "Send Test Delivery": the tenant's hooks, newest
 * first, named by their description or URL and the events they take. Zapier pages with bundle.meta.page.
 */
async function listHooks(z, bundle) {
  const page = Number((bundle.meta && bundle.meta.page) || 0);
  let cursor;
  // The API pages with cursors; Zapier asks for page N, so walk there (dropdowns rarely go past page 1).
  for (let i = 0; i <= page; i += 1) {
    const response = await serverRequest(z, bundle, { method: 'GET', path: '/v1/hooks', params: { limit: PAGE, ...(cursor ? { cursor } : {}) } });
    const body = response.data || {};
    if (i === page) {
      return (body.data || []).map((hook) => ({
        id: hook.id,
        name: `${hook.description || hook.url} (${hook.events.join(', ')})`,
        status: hook.status,
      }));
    }
    if (!body.nextCursor) return [];
    cursor = body.nextCursor;
  }
  return [];
}

module.exports = {
  key: 'hook',
  noun: 'Subscription',
  display: {
    label: 'New Subscription',
    description: 'Lists the webhook subscriptions of your deskhooks tenant, for the Subscription dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: listHooks,
  },
};
