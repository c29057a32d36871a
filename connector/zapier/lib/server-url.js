'use strict';

/**
 * The deskhooks server URL from the connection, normalised. The API key travels in a header, so it is
 * only ever sent over HTTPS, except to this machine (a server started locally for development).
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

class ServerUrlError extends Error {}

function serverUrl(authData) {
  const raw = String((authData && authData.serverUrl) || '').trim();
  if (!raw) throw new ServerUrlError('Enter the Server URL of your deskhooks server, e.g. https://deskhooks.example.com.');
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new ServerUrlError(`The Server URL "${raw}" is not a URL; enter it like https://deskhooks.example.com.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ServerUrlError(`The Server URL must start with https:// (got ${url.protocol}//${url.host}).`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ServerUrlError('The Server URL must not contain credentials, a query or a fragment; put the API key in the API Key field.');
  }
  // A deskhooks server may live under a path prefix (behind a proxy); keep it, without the trailing slash.
  // Every API path starts with /v1, and the start banner prints the URL with it: drop it so it is not doubled.
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '')}`;
}

/** Absolute URL of an API path (`/v1/me`) on the connection's server. */
function apiUrl(bundle, path) {
  return `${serverUrl(bundle.authData)}${path}`;
}

/** True when `requestUrl` points at the connection's server, the only place the API key may go. */
function isServerRequest(authData, requestUrl) {
  try {
    const base = serverUrl(authData);
    return requestUrl === base || requestUrl.startsWith(`${base}/`) || requestUrl.startsWith(`${base}?`);
  } catch {
    return false;
  }
}

module.exports = { serverUrl, apiUrl, isServerRequest, ServerUrlError };
