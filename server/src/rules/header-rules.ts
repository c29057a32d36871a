/**
 * Which request headers a hook may set. The signature, framing and routing headers belong to
 * deskhooks: letting a hook override them would forge signatures or smuggle requests.
 */

/** Lower-case names a hook's custom headers and api_key auth may not use. */
export const RESERVED_HEADERS = new Set([
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
]);

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII and obs-text, with spaces and tabs inside; no CR, LF, NUL or other controls.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Why `name` cannot be a header name, or null. */
export function headerNameProblem(name: string): string | null {
  if (!TOKEN.test(name)) return 'is not a valid header name (letters, digits and !#$%&\'*+-.^_`|~ only)';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return `may not be set: deskhooks sets ${name} itself`;
  return null;
}

/** Why `value` cannot be a header value, or null. */
export function headerValueProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (/[\r\n]/.test(value)) return 'must not contain CR or LF';
  if (!FIELD_VALUE.test(value)) return 'must not contain control characters';
  return null;
}
