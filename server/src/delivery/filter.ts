/**
 * Hook filters (EddyDesk's conditions): a Mongo-style query over the delivered envelope, evaluated
 * by mingo. Script operators ($where, $function, $accumulator) are off: a filter is data, never code.
 */
import { Query } from 'mingo';

export type HookFilter = Record<string, unknown>;

export interface CompiledFilter {
  /** True when the envelope matches; a filter that throws on this envelope does not match. */
  matches(envelope: object): boolean;
}

const QUERY_OPTIONS = { scriptEnabled: false } as const;

/** Throws when the filter is not a valid query (unknown operator, bad regex, wrong operand type). */
export function compileFilter(filter: HookFilter): CompiledFilter {
  const query = new Query(filter as Record<string, any>, QUERY_OPTIONS);
  return {
    matches(envelope) {
      try {
        return query.test(envelope as Record<string, any>);
      } catch {
        return false;
      }
    },
  };
}

/** A shape every envelope has, for shaking out operand errors mingo only finds when it evaluates. */
const PROBE_ENVELOPES: object[] = [
  { id: 'evt_probe', type: 'probe.event', timestamp: '2026-01-01T00:00:00.000Z', brand: null, data: {} },
  { id: 'evt_probe', type: 'probe.event', timestamp: '2026-01-01T00:00:00.000Z', brand: 'probe', data: { a: [1, 'x', { b: null }], n: 1, s: 'x' } },
];

/** Why the filter is invalid, or null when it is usable. */
export function filterProblem(filter: unknown): string | null {
  if (filter === null || filter === undefined) return null;
  if (typeof filter !== 'object' || Array.isArray(filter)) return 'must be an object (a Mongo-style query) or null';
  try {
    const query = new Query(filter as Record<string, any>, QUERY_OPTIONS);
    for (const envelope of PROBE_ENVELOPES) query.test(envelope as Record<string, any>);
    return null;
  } catch (error) {
    return `is not a valid query: ${(error as Error).message}`;
  }
}

const MAX_CACHED = 5000;
const cache = new Map<string, CompiledFilter>();

/** Compiles once per distinct filter; hooks with the same filter share it. */
export function cachedFilter(filter: HookFilter): CompiledFilter {
  const key = JSON.stringify(filter);
  let compiled = cache.get(key);
  if (!compiled) {
    try {
      compiled = compileFilter(filter);
    } catch {
      // Validated at subscribe time; one stored before a rule change matches nothing rather than everything.
      compiled = { matches: () => false };
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}
