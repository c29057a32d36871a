'use strict';

const { serverRequest } = require('./lib/server-request');

async function fetchMe(z, bundle) {
  const response = await serverRequest(z, bundle, { method: 'GET', path: '/v1/me' });
  return response.data;
}

/** "Contoso IT (key: zapier)": the tenant and the key's name, never the key itself. */
function labelFor(me) {
  const tenant = (me && me.tenant && me.tenant.name) || (me && me.tenant && me.tenant.id);
  if (!tenant) return undefined;
  const keyName = me.key && me.key.name;
  return keyName ? `${tenant} (key: ${keyName})` : tenant;
}

module.exports = {
  type: 'custom',
  fields: [
    {
      key: 'serverUrl',
      label: 'Server URL',
      type: 'string',
      required: true,
      isNoSecret: true,
      helpText: 'The address of your deskhooks server, for example `https://deskhooks.example.com` (with or without the `/v1` the server prints when it starts). It must use HTTPS.',
    },
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText:
        'A deskhooks API key of your tenant (it starts with `dhk_`). Create one for Zapier with `POST /v1/api-keys` and paste it here; it is shown only once.',
    },
  ],
  test: fetchMe,
  // Zapier passes the test's result as inputData; ask again when it does not (older runners).
  connectionLabel: async (z, bundle) => labelFor(bundle.inputData) || labelFor(await fetchMe(z, bundle)),
};
