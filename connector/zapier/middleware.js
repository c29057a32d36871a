'use strict';

const { isServerRequest } = require('./lib/server-url');

/** Adds the API key to requests bound for the connection's deskhooks server (and to no other host). */
function addApiKey(request, z, bundle) {
  const apiKey = bundle.authData && bundle.authData.apiKey;
  if (apiKey && isServerRequest(bundle.authData, request.url)) {
    request.headers = request.headers || {};
    request.headers.Authorization = `Bearer ${apiKey}`;
    if (!request.headers.Accept && !request.headers.accept) request.headers.Accept = 'application/json';
  }
  return request;
}

function parseProblem(response) {
  try {
    const body = typeof response.content === 'string' ? JSON.parse(response.content) : response.data;
    return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  } catch {
    return {};
  }
}

/** `/data/chat/status` → `data.chat.status`, the way a zap builder reads a field name. */
function fieldName(error) {
  if (error.parameter) return error.parameter;
  const pointer = String(error.pointer || '');
  const parts = pointer
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.length ? parts.join('.') : 'body';
}

/**
 * The Zapier error for a failed deskhooks response. deskhooks answers problem+json naming each bad
 * field, so the message a zap builder sees names the field instead of echoing a status code.
 */
function problemError(z, response) {
  const problem = parseProblem(response);
  const status = response.status;
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : undefined;
  const title = typeof problem.title === 'string' && problem.title ? problem.title : `HTTP ${status}`;

  if (status === 401) {
    // ExpiredAuthError makes Zapier ask the user to reconnect instead of retrying with the same key.
    return new z.errors.ExpiredAuthError(
      `The deskhooks server answered 401: the API key was refused${detail ? ` (${detail})` : ''}. Reconnect deskhooks with a valid API key.`,
    );
  }
  const fields = Array.isArray(problem.errors)
    ? problem.errors.filter((e) => e && e.detail).map((e) => `${fieldName(e)}: ${e.detail}`)
    : [];
  if (fields.length) return new z.errors.Error(`${fields.join('; ')} (${title})`, 'InvalidInput', status);
  if (status === 403) return new z.errors.Error(`The API key may not do this: ${detail || title}`, 'Forbidden', status);
  if (status === 404) return new z.errors.Error(`Not found on the deskhooks server: ${detail || title}`, 'NotFound', status);
  if (status >= 500) return new z.errors.Error(`The deskhooks server failed (${status} ${title})${detail ? `: ${detail}` : ''}`, 'ServerError', status);
  return new z.errors.Error(detail ? `${detail} (${title})` : title, 'RequestRefused', status);
}

function throwForProblem(response, z) {
  if (response.status >= 400 && !response.skipThrowForStatus) throw problemError(z, response);
  return response;
}

module.exports = { addApiKey, throwForProblem, problemError };
