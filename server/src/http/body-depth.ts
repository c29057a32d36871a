import type { RequestHandler } from 'express';
import { BadRequestError } from '../domain/errors';

/**
 * How deep a JSON body may nest. Helpdesk payloads nest a handful of levels and custom event schemas
 * a few dozen; thousands of levels fit in the body limit, and everything after the parser (the
 * validator, Ajv, the delivery engine's filters and templates) walks bodies recursively and would
 * overflow the stack: a 500 for what is a client's mistake.
 */
export const MAX_BODY_DEPTH = 100;

const escapeSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON Pointer of the first object or array nested `max` levels below the root, or null when
 * there is none. Iterative, because the value may be deeper than the stack.
 */
export function firstTooDeep(value: unknown, max: number = MAX_BODY_DEPTH): string | null {
  // Each entry links to its parent, so the path is built only for the one value reported.
  interface Entry {
    value: object;
    depth: number;
    key: string;
    parent: Entry | null;
  }
  if (value === null || typeof value !== 'object') return null;
  const pending: Entry[] = [{ value, depth: 0, key: '', parent: null }];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    if (entry.depth >= max) {
      const path: string[] = [];
      for (let at: Entry | null = entry; at?.parent; at = at.parent) path.unshift(escapeSegment(at.key));
      return `/${path.join('/')}`;
    }
    for (const [key, child] of Object.entries(entry.value)) {
      if (child !== null && typeof child === 'object') pending.push({ value: child, depth: entry.depth + 1, key, parent: entry });
    }
  }
  return null;
}

/** Refuses (400, naming where) a parsed body nested deeper than MAX_BODY_DEPTH, before anything walks it. */
export const refuseDeepBodies: RequestHandler = (req, _res, next) => {
  const pointer = firstTooDeep(req.body);
  if (pointer === null) return next();
  next(
    new BadRequestError(`The body nests deeper than ${MAX_BODY_DEPTH} levels.`, [
      { pointer, location: 'body', detail: `nests deeper than ${MAX_BODY_DEPTH} levels` },
    ]),
  );
};
