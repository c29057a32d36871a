import isSafeRegex from 'safe-regex2';

/**
 * Tenants write regular expressions in two places that the server evaluates on every event: hook
 * filters (`$regex`) and custom event schemas (`pattern`, `patternProperties`). One catastrophic
 * pattern such as `^(a+)+$` would stall the shared event loop for every tenant, so patterns with
 * nested quantifiers (exponential backtracking) or of unreasonable length are refused up front.
 */

const MAX_PATTERN_LENGTH = 1000;

export interface UnsafePattern {
  /** JSON Pointer (relative to the value checked) of the pattern. */
  pointer: string;
  detail: string;
}

function judge(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is a regular expression longer than ${MAX_PATTERN_LENGTH} characters`;
  let valid = true;
  try {
    new RegExp(pattern, 'u');
  } catch {
    try {
      new RegExp(pattern);
    } catch {
      valid = false;
    }
  }
  // Invalid patterns are reported by the validator that compiles them, with its own message.
  if (!valid) return null;
  if (!isSafeRegex(pattern)) {
    return 'is a regular expression that can backtrack exponentially (nested quantifiers such as (a+)+); simplify it';
  }
  return null;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every unsafe regex in a JSON value, found under the given keys (as values, or as keys of a map). */
function findUnsafe(value: unknown, at: string, valueKeys: Set<string>, mapKeys: Set<string>, found: UnsafePattern[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => findUnsafe(item, `${at}/${index}`, valueKeys, mapKeys, found));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const pointer = `${at}/${escape(key)}`;
    if (valueKeys.has(key) && typeof child === 'string') {
      const detail = judge(child);
      if (detail) found.push({ pointer, detail });
    }
    if (mapKeys.has(key) && child && typeof child === 'object' && !Array.isArray(child)) {
      for (const pattern of Object.keys(child)) {
        const detail = judge(pattern);
        if (detail) found.push({ pointer: `${pointer}/${escape(pattern)}`, detail });
      }
    }
    findUnsafe(child, pointer, valueKeys, mapKeys, found);
  }
}

/** Unsafe `$regex` operands in a Mongo-style filter. */
export function unsafeFilterPatterns(filter: unknown): UnsafePattern[] {
  const found: UnsafePattern[] = [];
  // Only `$regex`: the expression operators that take a `regex` ($regexMatch…) are refused in filters.
  findUnsafe(filter, '', new Set(['$regex']), new Set(), found);
  return found;
}

/** Unsafe `pattern` / `patternProperties` in a JSON Schema. */
export function unsafeSchemaPatterns(schema: unknown): UnsafePattern[] {
  const found: UnsafePattern[] = [];
  findUnsafe(schema, '', new Set(['pattern']), new Set(['patternProperties']), found);
  return found;
}
