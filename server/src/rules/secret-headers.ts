/**
 * Which of a hook's custom headers are secret, and what that means at the API edge: a secret value is
 * write-only (read back as `********`), a PATCH that sends `********` keeps the stored value, and
 * attempt logs redact it. Secret are the headers the tenant lists in `secretHeaders` and, whatever the
 * list says, every header whose name looks like a credential.
 */
import type { ProblemField } from '../domain/errors';
import { headerNameProblem } from './header-rules';

/** What a secret header value reads as; sent back in a PATCH, it keeps the stored value. */
export const REDACTED_VALUE = '********';

/** Names that carry credentials by convention: Authorization, Cookie, X-Api-Key, X-Auth-Token, X-Signature… */
const CREDENTIAL_NAME = /auth|cookie|key|token|secret|pass|signature|session|credential/i;

export function looksLikeCredential(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

export function isSecretHeader(name: string, marked: readonly string[] | undefined): boolean {
  const lower = name.toLowerCase();
  return looksLikeCredential(name) || (marked ?? []).some((m) => m.toLowerCase() === lower);
}

/** The hook's secret header names, in the order of its headers. */
export function secretHeaderNames(hook: { headers: Record<string, string>; secretHeaders?: string[] }): string[] {
  return Object.keys(hook.headers ?? {}).filter((name) => isSecretHeader(name, hook.secretHeaders));
}

/** The headers as the API shows them: secret values replaced by the marker. */
export function redactedHeaderValues(hook: { headers: Record<string, string>; secretHeaders?: string[] }): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(hook.headers ?? {})) shown[name] = isSecretHeader(name, hook.secretHeaders) ? REDACTED_VALUE : value;
  return shown;
}

function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The headers to store for `given` (from a create or PATCH): a `********` value stands for the value
 * already stored under that name (case-insensitive), so a client can send back what it read. A marker
 * with nothing stored behind it is refused.
 */
export function resolveHeaderValues(
  given: Record<string, string>,
  stored: Record<string, string> | null,
): { headers: Record<string, string>; problems: ProblemField[] } {
  const headers: Record<string, string> = {};
  const problems: ProblemField[] = [];
  const storedByName = new Map(Object.entries(stored ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  for (const [name, value] of Object.entries(given)) {
    if (value !== REDACTED_VALUE) {
      headers[name] = value;
      continue;
    }
    const kept = storedByName.get(name.toLowerCase());
    if (kept === undefined) {
      problems.push({
        pointer: `/headers/${pointerSegment(name)}`,
        location: 'body',
        detail: `is the redaction marker (${REDACTED_VALUE}) but this hook stores no ${name} header to keep; send the value itself`,
      });
    } else {
      headers[name] = kept;
    }
  }
  return { headers, problems };
}

/** Each name in `secretHeaders` must be a header name the hook sets. */
export function secretHeaderProblems(secretHeaders: unknown, headers: Record<string, string>): ProblemField[] {
  if (secretHeaders === undefined) return [];
  if (!Array.isArray(secretHeaders)) return [{ pointer: '/secretHeaders', location: 'body', detail: 'must be an array of header names' }];
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const problems: ProblemField[] = [];
  const seen = new Set<string>();
  secretHeaders.forEach((name, index) => {
    const pointer = `/secretHeaders/${index}`;
    if (typeof name !== 'string') {
      problems.push({ pointer, location: 'body', detail: 'must be a string' });
      return;
    }
    const nameProblem = headerNameProblem(name);
    if (nameProblem && !nameProblem.startsWith('may not be set')) problems.push({ pointer, location: 'body', detail: nameProblem });
    else if (seen.has(name.toLowerCase())) problems.push({ pointer, location: 'body', detail: 'is listed twice (header names are case-insensitive)' });
    else if (!present.has(name.toLowerCase())) problems.push({ pointer, location: 'body', detail: `names no header in headers: ${name}` });
    seen.add(name.toLowerCase());
  });
  return problems;
}
