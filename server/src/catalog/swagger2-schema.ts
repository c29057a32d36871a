/**
 * Converts a JSON Schema (draft 2020-12, as the catalog and OpenAPI 3.1 write it) into the Swagger 2.0
 * schema dialect that Power Platform connectors understand.
 *
 * Power Automate builds its dynamic content from these schemas: `x-ms-summary` (from `title`) is the token's label,
 * `description` its tooltip, and `x-nullable` is how Swagger 2.0 says "may be null" (it has no type
 * arrays, no `const`, no `anyOf`). Anything that cannot be expressed is dropped and reported in
 * `unsupported`, so the generator can refuse to lose meaning silently while a server converting a
 * tenant's custom schema can still answer with the closest Swagger shape.
 *
 * Pure and dependency-free on purpose: the server can import it to answer
 * `GET /v1/triggers/{type}/schema?format=swagger2` with exactly what the connector generator produces.
 */

export type JsonSchema = Record<string, any>;

export interface Swagger2ConversionOptions {
  /** Resolves a `$ref` (e.g. `#/components/schemas/Hook`); without it a `$ref` is reported as unsupported. */
  resolveRef?: (ref: string) => JsonSchema;
  /** Labels properties that have no `title` after their name (`nextCursor` → "Next Cursor"). */
  summariesFromNames?: boolean;
}

export interface Swagger2ConversionResult {
  schema: JsonSchema;
  /** JSON Pointers (into the source) of keywords that Swagger 2.0 cannot express and were dropped. */
  unsupported: string[];
}

/** The formats the Power Platform swagger schema accepts (Swagger 2.0's plus date-no-tz and html). */
export const SWAGGER2_FORMATS = new Set([
  'int32', 'int64', 'float', 'double', 'byte', 'binary', 'date', 'date-time', 'password', 'date-no-tz', 'email', 'html', 'uri', 'uuid',
]);

/** Annotations with no Swagger 2.0 counterpart that carry no validation meaning, so dropping them loses nothing a flow needs. */
const IGNORED = new Set([
  '$id', '$schema', '$comment', '$defs', 'definitions', 'examples', 'example', 'deprecated', 'writeOnly',
  'contentMediaType', 'contentEncoding', '$anchor', '$dynamicAnchor',
]);

const COPIED = [
  'description', 'default', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'readOnly',
] as const;

const ACRONYMS = new Map([
  ['id', 'ID'], ['ids', 'IDs'], ['url', 'URL'], ['urls', 'URLs'], ['uri', 'URI'], ['api', 'API'], ['ms', 'ms'],
  ['msp', 'MSP'], ['http', 'HTTP'], ['json', 'JSON'], ['psa', 'PSA'],
]);

/** `nextCursor` → "Next Cursor", `agentId` → "Agent ID", `created_at` → "Created At". */
export function humanizePropertyName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS.get(word.toLowerCase()) ?? word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** Power Automate shows descriptions as one-line tooltips; YAML block scalars bring line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Resolves `#/…` references against `root`, e.g. a custom event type's `#/$defs/…`. */
export function localRefResolver(root: JsonSchema): (ref: string) => JsonSchema {
  return (ref) => {
    if (!ref.startsWith('#')) throw new Error(`only local $refs can be resolved: ${ref}`);
    let node: any = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      node = node?.[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return node;
  };
}

export function toSwagger2Schema(schema: JsonSchema, options: Swagger2ConversionOptions = {}): Swagger2ConversionResult {
  const unsupported: string[] = [];
  const converted = convert(schema, '', options, unsupported, new Set());
  return { schema: converted, unsupported };
}

function isNullSchema(node: unknown): boolean {
  return !!node && typeof node === 'object' && (node as JsonSchema).type === 'null' && Object.keys(node as object).every((k) => k === 'type' || k === 'title' || k === 'description');
}

/** Folds `$ref`, `allOf` and single-branch `anyOf`/`oneOf` into one plain schema before conversion. */
function flatten(node: JsonSchema, pointer: string, options: Swagger2ConversionOptions, unsupported: string[], seen: Set<string>): { node: JsonSchema; nullable: boolean } {
  let current: JsonSchema = { ...node };
  let nullable = false;

  if (typeof current.$ref === 'string') {
    const ref = current.$ref;
    delete current.$ref;
    if (!options.resolveRef) {
      unsupported.push(`${pointer}/$ref`);
    } else if (seen.has(ref)) {
      unsupported.push(`${pointer}/$ref (recursive ${ref})`);
    } else {
      const target = flatten(options.resolveRef(ref), pointer, options, unsupported, new Set([...seen, ref]));
      nullable ||= target.nullable;
      // The referring schema's own keywords (title, description) describe this use of the shape, so they win.
      current = { ...target.node, ...current };
    }
  }

  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = current[keyword];
    if (!Array.isArray(branches)) continue;
    delete current[keyword];
    const others = branches.filter((branch) => !isNullSchema(branch));
    if (others.length < branches.length) nullable = true;
    if (others.length === 1) {
      const only = flatten(others[0], `${pointer}/${keyword}/${branches.indexOf(others[0])}`, options, unsupported, seen);
      nullable ||= only.nullable;
      current = { ...only.node, ...current };
    } else if (others.length > 1) {
      unsupported.push(`${pointer}/${keyword}`);
    }
  }

  if (Array.isArray(current.allOf)) {
    const parts = current.allOf as JsonSchema[];
    delete current.allOf;
    let merged: JsonSchema = {};
    parts.forEach((part, index) => {
      const flat = flatten(part, `${pointer}/allOf/${index}`, options, unsupported, seen);
      nullable ||= flat.nullable;
      merged = mergeSchemas(merged, flat.node);
    });
    current = mergeSchemas(merged, current);
  }

  if (current.unevaluatedProperties !== undefined) {
    // Once allOf is merged into one object, "no unevaluated properties" is "no additional properties".
    if (current.unevaluatedProperties === false && current.additionalProperties === undefined) current.additionalProperties = false;
    else if (current.unevaluatedProperties !== false) unsupported.push(`${pointer}/unevaluatedProperties`);
    delete current.unevaluatedProperties;
  }
  return { node: current, nullable };
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...a, ...b };
  if (a.properties || b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required) merged.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  if (a.type && !b.type) merged.type = a.type;
  return merged;
}

function convert(source: JsonSchema, pointer: string, options: Swagger2ConversionOptions, unsupported: string[], seen: Set<string>, propertyName?: string): JsonSchema {
  if (!source || typeof source !== 'object' || Array.isArray(source)) {
    unsupported.push(pointer || '/');
    return {};
  }
  const { node, nullable: nullableFromComposition } = flatten(source, pointer, options, unsupported, seen);
  let nullable = nullableFromComposition || node.nullable === true;
  const out: JsonSchema = {};

  const title = typeof node.title === 'string' ? node.title : options.summariesFromNames && propertyName ? humanizePropertyName(propertyName) : undefined;
  // Power Automate labels dynamic content with `x-ms-summary`; repeating it as `title` on ~2,300 catalog
  // properties would only push the definition towards Power Platform's 1 MB limit.
  if (title !== undefined) out['x-ms-summary'] = title;

  if (Array.isArray(node.type)) {
    const types = node.type.filter((t: string) => t !== 'null');
    if (types.length < node.type.length) nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) unsupported.push(`${pointer}/type`);
  } else if (typeof node.type === 'string' && node.type !== 'null') {
    out.type = node.type;
  } else if (node.type === 'null') {
    nullable = true;
  }

  for (const keyword of COPIED) if (node[keyword] !== undefined) out[keyword] = node[keyword];
  if (typeof out.description === 'string') out.description = oneLine(out.description);

  if (typeof node.exclusiveMinimum === 'number') {
    out.minimum = node.exclusiveMinimum;
    out.exclusiveMinimum = true;
  }
  if (typeof node.exclusiveMaximum === 'number') {
    out.maximum = node.exclusiveMaximum;
    out.exclusiveMaximum = true;
  }

  if (typeof node.format === 'string') {
    if (SWAGGER2_FORMATS.has(node.format)) out.format = node.format;
    // Other formats (hostname, uri-reference, …) only narrow a string; Power Automate has no use for them.
  }

  let values: unknown[] | undefined;
  if (node.const !== undefined) values = [node.const];
  else if (Array.isArray(node.enum)) values = node.enum;
  if (values) {
    if (values.includes(null)) nullable = true;
    const kept = values.filter((value) => value !== null);
    if (kept.length) out.enum = kept;
  }

  if (node.properties && typeof node.properties === 'object') {
    out.properties = {};
    for (const [name, child] of Object.entries(node.properties as Record<string, JsonSchema>)) {
      out.properties[name] = convert(child, `${pointer}/properties/${escapePointer(name)}`, options, unsupported, seen, name);
    }
  }
  // draft-04 (which Swagger 2.0 builds on) requires at least one entry in `required`.
  if (Array.isArray(node.required) && node.required.length) out.required = [...node.required];

  if (node.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof node.additionalProperties === 'boolean'
        ? node.additionalProperties
        : convert(node.additionalProperties, `${pointer}/additionalProperties`, options, unsupported, seen);
  }

  if (node.items !== undefined) {
    if (Array.isArray(node.items)) unsupported.push(`${pointer}/items`);
    else if (typeof node.items === 'object') out.items = convert(node.items, `${pointer}/items`, options, unsupported, seen);
  }

  const handled = new Set<string>([
    'title', 'type', 'nullable', 'format', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items',
    'exclusiveMinimum', 'exclusiveMaximum', ...COPIED,
  ]);
  for (const key of Object.keys(node)) {
    if (handled.has(key) || IGNORED.has(key) || key.startsWith('x-')) continue;
    unsupported.push(`${pointer}/${escapePointer(key)}`);
  }
  for (const [key, value] of Object.entries(node)) if (key.startsWith('x-') && !(key in out)) out[key] = value;

  if (nullable) out['x-nullable'] = true;
  return ordered(out);
}

/** Type and label first, so the generated definition reads like hand-written Swagger. */
const KEY_ORDER = ['type', 'format', 'x-ms-summary', 'description'];

function ordered(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const key of KEY_ORDER) if (key in schema) result[key] = schema[key];
  for (const [key, value] of Object.entries(schema)) if (!(key in result)) result[key] = value;
  return result;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
