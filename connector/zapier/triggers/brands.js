'use strict';

const { serverRequest } = require('../lib/server-request');

/** Hidden trigger feeding the "Brand" dropdowns: the brands the tenant's events and hooks carry. */
async function listBrands(z, bundle) {
  const response = await serverRequest(z, bundle, { method: 'GET', path: '/v1/brands' });
  return ((response.data && response.data.data) || []).map((b) => ({ id: b.name, name: b.name }));
}

module.exports = {
  key: 'brand',
  noun: 'Brand',
  display: {
    label: 'New Brand',
    description: 'Lists the helpdesk brands of your deskhooks tenant, for the Brand dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: listBrands,
  },
};
