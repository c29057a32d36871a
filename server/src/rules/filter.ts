/**
 * Hook filters (EddyDesk's conditions): a Mongo-style query over the delivered envelope, evaluated
 * by mingo. A filter is data, never code, and it runs synchronously inside the publish transaction
 * for every event, so it may only use query operators whose cost is linear in the filter and the
 * envelope: comparison, logical, element, array and (checked) `$regex`. Aggregation expressions
 * (`$expr` can allocate `$range: [0, 2e8]`), scripts (`$where`, `$function`) and `$jsonSchema` are
 * refused by name when the hook is saved, and are not even known to the engine that evaluates
 * filters, so a filter stored before these rules can never run one either.
 */
import { Context } from 'mingo';
import { unsafeFilterPatterns } from './regex-safety';

// mingo's base Query knows only the operators of the context it is given (the package root's
// Query adds all of them); `mingo/query` is resolved through the package's exports map at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Query } = require('mingo/query') as typeof import('mingo/types/query');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ALL_QUERY_OPERATORS = require('mingo/operators/query') as Record<string, unknown>;

export type HookFilter = Record<string, unknown>;

export interface CompiledFilter {
  /** True when the envelope matches; a filter that throws on this envelope does not match. */
  matches(envelope: object): boolean;
}

/** The documented operators a filter may use, by family (README, "Security"). */
export const FILTER_OPERATORS = {
  comparison: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'],
  logical: ['$and', '$or', '$nor', '$not'],
  element: ['$exists', '$type'],
  array: ['$all', '$elemMatch', '$size'],
  evaluation: ['$regex', '$options'],
} as const;

const ALLOWED = new Set<string>(Object.values(FILTER_OPERATORS).flat());

/** A filter's JSON may be at most this long (UTF-16 code units of its compact JSON). */
export const MAX_FILTER_LENGTH = 16_384;
/** Objects and arrays may nest at most this deep inside a filter. */
export const MAX_FILTER_DEPTH = 12;
/** `$options` of a `$regex`: the flags that do not change its cost. */
const REGEX_OPTIONS = /^[imsu]*$/;

const CONTEXT = Context.init({
  query: Object.fromEntries([...ALLOWED].filter((name) => name in ALL_QUERY_OPERATORS).map((name) => [name, ALL_QUERY_OPERATORS[name]])) as never,
});
const QUERY_OPTIONS = { scriptEnabled: false, context: CONTEXT } as const;

/** One thing wrong with a filter, at a JSON Pointer relative to the filter. */
export interface FilterProblem {
  pointer: string;
  detail: string;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every refused operator, over-deep value and bad `$options` in a filter, plus its size. Iterative
 * (a filter arrives already bounded by the body depth limit, but this never trusts that).
 */
function ruleProblems(filter: Record<string, unknown>): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const length = JSON.stringify(filter).length;
  if (length > MAX_FILTER_LENGTH) {
    return [{ pointer: '', detail: `is ${length} characters of JSON; a filter may have at most ${MAX_FILTER_LENGTH}` }];
  }
  const pending: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: filter, pointer: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, pointer, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_FILTER_DEPTH) {
      problems.push({ pointer, detail: `nests deeper than ${MAX_FILTER_DEPTH} levels, the most a filter may` });
      continue;
    }
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      const at = `${pointer}/${escape(key)}`;
      if (!Array.isArray(value) && key.startsWith('$')) {
        if (!ALLOWED.has(key)) {
          problems.push({
            pointer: at,
            detail: `uses the operator ${key}, which filters do not allow; use comparison (${FILTER_OPERATORS.comparison.join(', ')}), logical (${FILTER_OPERATORS.logical.join(', ')}), element (${FILTER_OPERATORS.element.join(', ')}), array (${FILTER_OPERATORS.array.join(', ')}) operators or $regex`,
          });
          continue;
        }
        if (key === '$options' && (typeof child !== 'string' || !REGEX_OPTIONS.test(child))) {
          problems.push({ pointer: at, detail: 'must be a string of regular expression flags among i, m, s and u' });
          continue;
        }
        if (key === '$regex' && typeof child !== 'string') {
          problems.push({ pointer: at, detail: 'must be a string (a regular expression)' });
          continue;
        }
      }
      pending.push({ value: child, pointer: at, depth: depth + 1 });
    }
  }
  for (const unsafe of unsafeFilterPatterns(filter)) problems.push(unsafe);
  return problems.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

/** Throws when the filter is not a valid query (refused or unknown operator, bad regex, wrong operand type). */
export function compileFilter(filter: HookFilter): CompiledFilter {
  const refused = ruleProblems(filter);
  if (refused.length > 0) throw new Error(`the filter ${refused[0].pointer || '(root)'} ${refused[0].detail}`);
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

/**
 * Everything wrong with a filter (pointers relative to the filter), or [] when it is usable: the
 * operator rules and bounds first, each named; then mingo's own complaint about operand shapes.
 */
export function filterProblems(filter: unknown): FilterProblem[] {
  if (filter === null || filter === undefined) return [];
  if (typeof filter !== 'object' || Array.isArray(filter)) return [{ pointer: '', detail: 'must be an object (a Mongo-style query) or null' }];
  const refused = ruleProblems(filter as Record<string, unknown>);
  if (refused.length > 0) return refused;
  try {
    const query = new Query(filter as Record<string, any>, QUERY_OPTIONS);
    for (const envelope of PROBE_ENVELOPES) query.test(envelope as Record<string, any>);
    return [];
  } catch (error) {
    return [{ pointer: '', detail: `is not a valid query: ${(error as Error).message}` }];
  }
}

/** Why the filter is invalid, or null when it is usable (the first problem; see filterProblems). */
export function filterProblem(filter: unknown): string | null {
  const [first] = filterProblems(filter);
  return first ? `${first.pointer ? `${first.pointer} ` : ''}${first.detail}` : null;
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
