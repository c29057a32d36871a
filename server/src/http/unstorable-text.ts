import type { RequestHandler } from 'express';
import { BadRequestError, ValidationError, type ProblemField } from '../domain/errors';

/**
 * Text that JSON can carry but no store can keep: a lone UTF-16 surrogate (`"\ud800"`) is not
 * Unicode, so SQLite silently turns it into U+FFFD (an event stored under another id than the one
 * answered) and PostgreSQL's jsonb refuses it; NUL (`"\u0000"`) is refused by every PostgreSQL text
 * and jsonb column. Either would fail (500) or change the value after the request was accepted, so
 * bodies holding one, in a value or a key, are refused at the edge (422 naming where) before
 * anything reads them, and so are path and query parameters holding NUL (`%00`: 400 naming the
 * parameter), which PostgreSQL refuses even in a lookup.
 */

const MAX_REPORTED = 10;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const escapeSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Why a string cannot be stored, or null. */
export function unstorableTextProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode text: it holds a lone surrogate (such as \\ud800), which cannot be stored';
  if (text.includes('\u0000')) return 'holds a NUL character (\\u0000), which cannot be stored';
  return null;
}

/** Every string value or key of a parsed body that cannot be stored, as body pointers (at most MAX_REPORTED). Iterative. */
export function unstorableText(body: unknown): ProblemField[] {
  const found: ProblemField[] = [];
  const pending: Array<{ value: unknown; pointer: string }> = [{ value: body, pointer: '' }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const { value, pointer } = pending.pop()!;
    if (typeof value === 'string') {
      const detail = unstorableTextProblem(value);
      if (detail) found.push({ pointer: pointer || '/', location: 'body', detail });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${escapeSegment(key)}`;
      const keyDetail = unstorableTextProblem(key);
      if (keyDetail) found.push({ pointer: at, location: 'body', detail: `is a property name that ${keyDetail}` });
      pending.push({ value: child, pointer: at });
    }
  }
  return found.sort((a, b) => (a.pointer! < b.pointer! ? -1 : a.pointer! > b.pointer! ? 1 : 0));
}

/** Refuses (422, naming each place) a parsed body with text no store can keep. */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const problems = unstorableText(req.body);
  if (problems.length === 0) return next();
  next(new ValidationError('The body holds text that cannot be stored.', problems));
};

/** Refuses (400, naming each) path and query parameters with text no store can keep; runs after route matching. */
export const refuseUnstorableParameters: RequestHandler = (req, _res, next) => {
  const fields: ProblemField[] = [];
  const pathParams = (req as { openapi?: { pathParams?: Record<string, unknown> } }).openapi?.pathParams ?? {};
  const check = (name: string, value: unknown, location: 'path' | 'query') => {
    for (const text of Array.isArray(value) ? value : [value]) {
      const detail = typeof text === 'string' ? unstorableTextProblem(text) : null;
      if (detail) {
        fields.push({ parameter: name, location, detail });
        return;
      }
    }
  };
  for (const [name, value] of Object.entries(pathParams)) check(name, value, 'path');
  for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) check(name, value, 'query');
  if (fields.length === 0) return next();
  next(new BadRequestError('A parameter holds text that cannot be stored or looked up.', fields));
};
