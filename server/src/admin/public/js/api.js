// The console's only way to the server: the public JSON API, authenticated with the signed-in key.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    /** An RFC 9457 problem document (synthesised when the server sent none). */
    this.problem = problem;
  }
}

/**
 * @param {{ getKey: () => string | null, onUnauthorized?: (error: ApiError) => void }} options
 */
export function createApi({ getKey, onUnauthorized }) {
  async function request(method, path, { query, body, key } = {}) {
    const url = new URL(path, window.location.origin);
    const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== '');
    // Percent-encode everything reserved (a space as %20, not URLSearchParams' "+"): the API's
    // validator refuses reserved characters in query values.
    url.search = pairs.map(([name, value]) => `${encodeQueryPart(name)}=${encodeQueryPart(String(value))}`).join('&');
    const headers = { Accept: 'application/json, application/problem+json' };
    const apiKey = key ?? getKey();
    // The key travels in a header only: URLs end up in logs and browser history.
    if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new ApiError(0, {
        title: 'The server could not be reached',
        detail: `The request to ${url.pathname} failed before an answer came back (${error.message}).`,
      });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const problem =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? { ...parsed }
          : { title: response.statusText || `HTTP ${response.status}`, detail: text.slice(0, 500) || undefined };
      problem.status ??= response.status;
      const error = new ApiError(response.status, problem);
      if (response.status === 401 && onUnauthorized) onUnauthorized(error);
      throw error;
    }
    return parsed;
  }

  return {
    request,
    get: (path, query, options) => request('GET', path, { ...options, query }),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body) => request('PATCH', path, { body }),
    put: (path, body) => request('PUT', path, { body }),
    delete: (path, query) => request('DELETE', path, { query }),
  };
}

function encodeQueryPart(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
