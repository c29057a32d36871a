'use strict';

/**
 * Every call to the deskhooks server goes through here: the URL comes from the connection, and a server
 * that cannot be reached gives a message a zap builder can act on instead of a raw socket error code.
 */

const { apiUrl, serverUrl } = require('./server-url');

/** Node's socket and TLS error codes, in words. */
const UNREACHABLE = {
  ECONNREFUSED: 'the connection was refused: nothing is listening at that address and port',
  ENOTFOUND: 'that host name does not exist',
  EAI_AGAIN: 'that host name could not be looked up right now',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the server closed the connection',
  EHOSTUNREACH: 'that host cannot be reached from Zapier',
  ENETUNREACH: 'that network cannot be reached from Zapier',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/** The socket error code of a failed request (node-fetch keeps it on the error or on its cause). */
function errorCode(error) {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth += 1) {
    if (typeof e.code === 'string' && UNREACHABLE[e.code]) return e.code;
    const match = typeof e.message === 'string' && /\b(E[A-Z_]{3,}|[A-Z_]*CERT[A-Z_]*)\b/.exec(e.message);
    if (match && UNREACHABLE[match[1]]) return match[1];
  }
  return undefined;
}

function unreachableError(z, bundle, error) {
  const code = errorCode(error);
  if (!code) return error;
  let where;
  try {
    where = serverUrl(bundle.authData);
  } catch {
    where = 'the Server URL';
  }
  return new z.errors.Error(
    `Could not reach the deskhooks server at ${where}: ${UNREACHABLE[code]} (${code}). Check the Server URL of the connection and that the server is running.`,
    'ServerUnreachable',
  );
}

/**
 * `z.request` to an API path (`/v1/me`) of the connection's server.
 * @param {object} options method, path, and anything else z.request takes (params, body, skipThrowForStatus).
 */
async function serverRequest(z, bundle, options) {
  const { path, ...rest } = options;
  const url = apiUrl(bundle, path);
  try {
    return await z.request({ ...rest, url });
  } catch (error) {
    throw unreachableError(z, bundle, error);
  }
}

module.exports = { serverRequest, unreachableError };
