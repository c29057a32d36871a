/**
 * Moves object schemas that occur more than once, identically, into `definitions` and points at them
 * with `$ref`.
 *
 * Why: every catalog trigger inlines the shapes it shares with others (the chat session, users,
 * companies, close records…), so the definition grew by ~33 KB per trigger and would pass Power
 * Platform's 1 MB limit after a few more triggers. Why it is safe: only byte-identical subtrees are
 * shared, titles, descriptions and `x-nullable` included, so resolving every `$ref` gives back exactly
 * the inlined document, and each field keeps its own label in the designer's dynamic content.
 * Nested `$ref`s into `definitions` are what certified connectors use as well.
 */
import type { JsonSchema } from '../../server/src/catalog/swagger2-schema';

/** Smaller subtrees stay inline: a `$ref` would save little and make the file harder to read. */
export const MIN_SHARED_BYTES = 200;

interface Occurrence {
  count: number;
  node: JsonSchema;
  /** The top-level definition with exactly this content, when there is one. */
  definition?: string;
}

function isObjectSchema(node: unknown): node is JsonSchema {
  return !!node && typeof node === 'object' && !Array.isArray(node) && (node as JsonSchema).type === 'object' && !!(node as JsonSchema).properties;
}

/** `Close Record` → `CloseRecord`; the designer never shows these names, readers of the file do. */
function definitionName(node: JsonSchema, taken: Set<string>): string {
  const words = String(node['x-ms-summary'] ?? node.title ?? 'Object').match(/[A-Za-z0-9]+/g) ?? ['Object'];
  const base = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${suffix}`;
  return name;
}

function countOccurrences(definitions: Record<string, JsonSchema>, minBytes: number): Map<string, Occurrence> {
  const occurrences = new Map<string, Occurrence>();
  const visit = (node: unknown, definition?: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item) => visit(item));
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (isObjectSchema(node)) {
      const key = JSON.stringify(node);
      if (key.length >= minBytes) {
        const seen = occurrences.get(key) ?? { count: 0, node };
        seen.count += 1;
        if (definition && !seen.definition) seen.definition = definition;
        occurrences.set(key, seen);
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  for (const [name, schema] of Object.entries(definitions)) visit(schema, name);
  return occurrences;
}

/** Replaces every nested copy of `key` (never a top-level definition itself) with `ref`. */
function replaceCopies(definitions: Record<string, JsonSchema>, key: string, ref: JsonSchema): void {
  const visit = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    for (const [name, child] of Object.entries<any>(node)) {
      if (isObjectSchema(child) && JSON.stringify(child) === key) node[name] = { ...ref };
      else visit(child);
    }
  };
  for (const schema of Object.values(definitions)) visit(schema);
}

/**
 * Returns `definitions` with repeated object schemas shared. Largest first, so a shared chat session
 * becomes one definition before its users and companies are looked at (inside it, once).
 */
export function shareRepeatedSchemas(definitions: Record<string, JsonSchema>, minBytes = MIN_SHARED_BYTES): Record<string, JsonSchema> {
  const result: Record<string, JsonSchema> = JSON.parse(JSON.stringify(definitions));
  const taken = new Set(Object.keys(result));
  for (;;) {
    let best: { key: string; occurrence: Occurrence } | undefined;
    for (const [key, occurrence] of countOccurrences(result, minBytes)) {
      if (occurrence.count > 1 && (!best || key.length > best.key.length)) best = { key, occurrence };
    }
    if (!best) return result;
    const name = best.occurrence.definition ?? definitionName(best.occurrence.node, taken);
    replaceCopies(result, best.key, { $ref: `#/definitions/${name}` });
    if (!best.occurrence.definition) {
      taken.add(name);
      result[name] = JSON.parse(best.key);
    }
  }
}

/** The inverse, for checks: the schema with every local `#/definitions/…` reference inlined. */
export function inlineDefinitions(schema: unknown, definitions: Record<string, JsonSchema>): any {
  if (Array.isArray(schema)) return schema.map((item) => inlineDefinitions(item, definitions));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as JsonSchema).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const target = definitions[ref.slice('#/definitions/'.length)];
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return inlineDefinitions(target, definitions);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inlineDefinitions(value, definitions)]));
}
