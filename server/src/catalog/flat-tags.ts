/**
 * Flat tags: EddyDesk-style names for the most used fields (`ticket_id`, `parent_ticket_id`,
 * `link_staff`…), declared once in triggers/_shared/flat-tags.json. A hook's URL and template may use
 * them as `{{ ticket_id }}` or in EddyDesk's single-brace form `{ticket_id}`; each trigger offers the
 * tags whose paths its data schema has, so the list per trigger is derived, never kept by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRIGGERS_DIR, type Catalog, type JsonSchema } from './catalog';

export interface FlatTag {
  name: string;
  title: string;
  /** Dotted paths over the envelope, tried in order; the first the event has gives the value. */
  paths: string[];
  /** The same paths split once at load, for rendering. */
  segments: string[][];
}

/** The envelope's own top-level fields: a flat tag never shadows one. */
export const ENVELOPE_ROOTS = new Set(['id', 'type', 'timestamp', 'brand', 'test', 'data']);

const TAG_NAME = /^[a-z][a-z0-9_]*$/;

export function loadFlatTags(dir: string = TRIGGERS_DIR): FlatTag[] {
  const file = path.join(dir, '_shared', 'flat-tags.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { tags: Record<string, { title: string; paths: string[] }> };
  return Object.entries(parsed.tags).map(([name, tag]) => {
    if (!TAG_NAME.test(name) || ENVELOPE_ROOTS.has(name)) throw new Error(`${file}: ${name} is not a usable tag name`);
    return { name, title: tag.title, paths: tag.paths, segments: tag.paths.map((dotted) => dotted.split('.')) };
  });
}

let cachedTags: FlatTag[] | undefined;
let cachedByName: Map<string, FlatTag> | undefined;

export function flatTags(): FlatTag[] {
  cachedTags ??= loadFlatTags();
  return cachedTags;
}

export function flatTag(name: string): FlatTag | undefined {
  cachedByName ??= new Map(flatTags().map((tag) => [tag.name, tag]));
  return cachedByName.get(name);
}

function readPath(value: unknown, segments: readonly string[]): unknown {
  let node = value;
  for (const key of segments) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function tagValue(envelope: object, tag: FlatTag): unknown {
  for (const segments of tag.segments) {
    const value = readPath(envelope, segments);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Every flat tag's value for this envelope (tags the event has no path for are left out). */
export function flatTagValues(envelope: object, names?: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const tag of names ? names.map((name) => flatTag(name)!).filter(Boolean) : flatTags()) {
    const value = tagValue(envelope, tag);
    if (value !== undefined) values[tag.name] = value;
  }
  return values;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
const MAX_USED = 1000;
const usedBySource = new Map<string, readonly string[]>();

/** The flat tag names a (expanded) source mentions at all; cached, so rendering reads only those. */
export function flatTagsUsed(source: string): readonly string[] {
  let used = usedBySource.get(source);
  if (!used) {
    const names = new Set<string>();
    for (const match of source.matchAll(IDENTIFIER)) if (flatTag(match[0])) names.add(match[0]);
    used = [...names];
    if (usedBySource.size >= MAX_USED) usedBySource.delete(usedBySource.keys().next().value!);
    usedBySource.set(source, used);
  }
  return used;
}

/**
 * The render scope for `source`: the envelope's fields and, beside them, the flat tags the source
 * mentions (none mentioned: the envelope itself, no copy).
 */
export function withFlatTags(envelope: object, source: string): object {
  const used = flatTagsUsed(source);
  if (used.length === 0) return envelope;
  // Object.assign onto the fresh values object: the envelope's own fields win, and no second copy is made.
  return Object.assign(flatTagValues(envelope, used), envelope);
}

const SINGLE_BRACE = /(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/g;
const RAW_TAG = /^-?\s*raw\s*-?$/;

/**
 * Calls `visit` with each stretch of plain text, outside `{{ … }}`, `{% … %}` and `{% raw %}…{% endraw %}`
 * (whose text is literal), and returns the source with the text replaced by what `visit` returns.
 * A linear scan with indexOf, not a lazy regex: a template of many unclosed `{{` must not take
 * quadratic time. Unclosed markup ends the plain text (Liquid refuses such a template anyway).
 */
function forEachText(source: string, visit: (text: string) => string): string {
  let out = '';
  let textStart = 0;
  let at = 0;
  for (;;) {
    const open = source.indexOf('{', at);
    if (open === -1 || open + 1 >= source.length) break;
    const kind = source[open + 1];
    if (kind !== '{' && kind !== '%') {
      at = open + 1;
      continue;
    }
    const close = source.indexOf(kind === '{' ? '}}' : '%}', open + 2);
    let end = close === -1 ? -1 : close + 2;
    if (end !== -1 && kind === '%' && RAW_TAG.test(source.slice(open + 2, close))) {
      const endraw = source.indexOf('endraw', end);
      const endrawClose = endraw === -1 ? -1 : source.indexOf('%}', endraw);
      end = endrawClose === -1 ? -1 : endrawClose + 2;
    }
    if (end === -1) return out + visit(source.slice(textStart, open)) + source.slice(open);
    out += visit(source.slice(textStart, open)) + source.slice(open, end);
    textStart = end;
    at = end;
  }
  return out + visit(source.slice(textStart));
}

/** The single-brace names (`{parent_ticket_id}`) written outside Liquid markup. */
export function singleBraceNames(source: string): string[] {
  const names: string[] = [];
  forEachText(source, (text) => {
    for (const match of text.matchAll(SINGLE_BRACE)) names.push(match[1]);
    return text;
  });
  return names;
}

const MAX_EXPANDED = 1000;
const expanded = new Map<string, string>();

/** Rewrites EddyDesk's `{tag}` as `{{ tag }}` for known flat tags; anything else stays as written. */
export function expandSingleBraceTags(source: string): string {
  if (!source.includes('{')) return source;
  let result = expanded.get(source);
  if (result === undefined) {
    result = forEachText(source, (text) => text.replace(SINGLE_BRACE, (whole, name: string) => (flatTag(name) ? `{{ ${name} }}` : whole)));
    if (expanded.size >= MAX_EXPANDED) expanded.delete(expanded.keys().next().value!);
    expanded.set(source, result);
  }
  return result;
}

/** Subschemas a value may match at this node: itself and its anyOf/oneOf/allOf branches. */
function branches(schema: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [schema];
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const branch of schema[key] ?? []) out.push(...branches(branch));
  return out;
}

const ARRAY_AND_STRING_PROPERTIES = new Set(['size', 'first', 'last']);

/**
 * True when `segments` (a Liquid variable's path below `data`) can exist in `schema` (an inlined
 * data schema). Dynamic segments (`data.ticket[key]`) end the check: anything may follow.
 */
export function schemaHasPath(schema: JsonSchema, segments: ReadonlyArray<unknown>): boolean {
  if (segments.length === 0) return true;
  const [head, ...rest] = segments;
  if (typeof head !== 'string' && typeof head !== 'number') return true;
  for (const node of branches(schema)) {
    const types = ([] as unknown[]).concat(node.type ?? []);
    if (typeof head === 'string' && node.properties && Object.prototype.hasOwnProperty.call(node.properties, head)) {
      if (schemaHasPath(node.properties[head], rest)) return true;
    }
    if (typeof head === 'string' && node.additionalProperties && typeof node.additionalProperties === 'object') {
      if (schemaHasPath(node.additionalProperties, rest)) return true;
    }
    if (typeof head === 'string' && node.additionalProperties === true && rest.length === 0) return true;
    if (types.includes('array') || node.items) {
      if (typeof head === 'number' && node.items && schemaHasPath(node.items, rest)) return true;
      if (typeof head === 'string' && (head === 'first' || head === 'last') && node.items && schemaHasPath(node.items, rest)) return true;
      if (head === 'size' && rest.length === 0) return true;
    }
    if (types.includes('string') && typeof head === 'string' && ARRAY_AND_STRING_PROPERTIES.has(head) && rest.length === 0) return true;
  }
  return false;
}

/** True when the trigger's data has one of the tag's paths. */
function triggerHasTag(dataSchema: JsonSchema, tag: FlatTag): boolean {
  return tag.paths.some((dotted) => {
    const [root, ...rest] = dotted.split('.');
    if (root !== 'data') return ENVELOPE_ROOTS.has(root);
    return schemaHasPath(dataSchema, rest);
  });
}

const perTrigger = new WeakMap<Catalog, Map<string, FlatTag[]>>();

/** The flat tags a catalog trigger offers, derived from its data schema. */
export function flatTagsOf(catalog: Catalog, type: string): FlatTag[] {
  let byType = perTrigger.get(catalog);
  if (!byType) {
    byType = new Map();
    perTrigger.set(catalog, byType);
  }
  let tags = byType.get(type);
  if (!tags) {
    const schema = catalog.dataSchema(type);
    tags = flatTags().filter((tag) => triggerHasTag(schema, tag));
    byType.set(type, tags);
  }
  return tags;
}

/** The tag as a Liquid path for this trigger (the first path its schema has), for documentation. */
export function flatTagPath(catalog: Catalog, type: string, tag: FlatTag): string {
  const schema = catalog.dataSchema(type);
  return (
    tag.paths.find((dotted) => {
      const [root, ...rest] = dotted.split('.');
      return root === 'data' ? schemaHasPath(schema, rest) : ENVELOPE_ROOTS.has(root);
    }) ?? tag.paths[0]
  );
}
