import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Where the catalog lives; every derived artifact and the server read it from here. */
export const TRIGGERS_DIR = path.resolve(__dirname, '../../../triggers');
export const SCHEMA_BASE = 'https://schemas.deskhooks.dev/triggers/';

export type TriggerGroup = 'ticket' | 'chat' | 'message' | 'system';

export interface TriggerMeta {
  type: string;
  group: TriggerGroup;
  noun: string;
  description: string;
  /** A short sentence-case name for dropdowns ("Chat session is missed"); derived from the Power Automate summary when absent. */
  title?: string;
  zapier: { label: string; description: string };
  powerAutomate: { operationId: string; summary: string; description: string };
  sources?: string[];
  /** Fields of `data` a subscription can be narrowed by; the connectors offer them as optional inputs. */
  filters?: TriggerFilterMeta[];
}

export interface TriggerFilterMeta {
  /** Dotted path into the event's `data`, e.g. `ticket.status`; must reach a string, number, integer or boolean. */
  path: string;
  /** The input's label; defaults to the title of the field in the schema. */
  label?: string;
  /** The input's help text; defaults to the description of the field in the schema. */
  description?: string;
}

/** "When a chat session is missed" → "Chat session is missed": what an event-type dropdown shows. */
export function triggerTitle(meta: TriggerMeta): string {
  if (meta.title) return meta.title;
  const text = meta.powerAutomate.summary.replace(/^When (an?|the) /i, '');
  return text[0].toUpperCase() + text.slice(1);
}

export type JsonSchema = Record<string, any>;

export interface CatalogTrigger {
  type: string;
  meta: TriggerMeta;
  /** The data schema as written, with its relative $refs. */
  schema: JsonSchema;
  sample: Record<string, unknown>;
  variants: Record<string, Record<string, unknown>>;
}

export interface SharedSchema {
  /** File name, e.g. `chat-session.schema.json`. */
  file: string;
  /** PascalCase component name, e.g. `ChatSession`. */
  name: string;
  schema: JsonSchema;
}

export interface FieldError {
  /** JSON Pointer into the validated value (`/chat/status`). */
  pointer: string;
  detail: string;
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function pascalCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** `chat-session.schema.json` → `ChatSession`. */
export function sharedComponentName(file: string): string {
  return pascalCase(file.replace(/\.schema\.json$/, ''));
}

/** `chat.missed` → `ChatMissedData`, the OpenAPI component of the trigger's `data`. */
export function dataComponentName(type: string): string {
  return `${pascalCase(type)}Data`;
}

/** `chat.missed` → `ChatMissedEvent`, the OpenAPI component of the delivered envelope. */
export function eventComponentName(type: string): string {
  return `${pascalCase(type)}Event`;
}

export function ajvErrorsToFields(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  return (errors ?? []).map((error) => {
    let pointer = `${prefix}${error.instancePath}`;
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      pointer = `${pointer}/${(error.params as { missingProperty: string }).missingProperty}`;
      detail = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      pointer = `${pointer}/${(error.params as { additionalProperty: string }).additionalProperty}`;
      detail = 'is not an allowed property';
    } else if (error.keyword === 'enum') {
      detail = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    return { pointer: pointer || '/', detail };
  });
}

export function createStrictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

export class Catalog {
  readonly triggers: CatalogTrigger[];
  readonly shared: SharedSchema[];
  readonly envelope: JsonSchema;
  private readonly byType = new Map<string, CatalogTrigger>();
  private readonly documents = new Map<string, JsonSchema>();
  private readonly ajv = createStrictAjv();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly dir: string = TRIGGERS_DIR) {
    const sharedDir = path.join(dir, '_shared');
    this.shared = fs
      .readdirSync(sharedDir)
      .filter((file) => file.endsWith('.schema.json'))
      .sort()
      .map((file) => ({ file, name: sharedComponentName(file), schema: readJson(path.join(sharedDir, file)) }));
    for (const shared of this.shared) this.register(shared.schema);
    const envelope = this.shared.find((s) => s.file === 'envelope.schema.json');
    if (!envelope) throw new Error(`${sharedDir}/envelope.schema.json is missing`);
    this.envelope = envelope.schema;

    this.triggers = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .map((entry) => entry.name)
      .sort()
      .map((type) => this.loadTrigger(type));
    for (const trigger of this.triggers) {
      this.byType.set(trigger.type, trigger);
      this.register(trigger.schema);
    }
  }

  private loadTrigger(type: string): CatalogTrigger {
    const folder = path.join(this.dir, type);
    const meta = readJson(path.join(folder, 'meta.json')) as TriggerMeta;
    if (meta.type !== type) throw new Error(`${folder}/meta.json names type ${meta.type}, not ${type}`);
    const variants: Record<string, Record<string, unknown>> = {};
    for (const file of fs.readdirSync(folder).sort()) {
      const match = /^sample\.(.+)\.json$/.exec(file);
      if (match) variants[match[1]] = readJson(path.join(folder, file));
    }
    return {
      type,
      meta,
      schema: readJson(path.join(folder, 'schema.json')),
      sample: readJson(path.join(folder, 'sample.json')),
      variants,
    };
  }

  private register(schema: JsonSchema): void {
    if (typeof schema.$id !== 'string') throw new Error(`a catalog schema has no $id: ${JSON.stringify(schema).slice(0, 80)}`);
    this.documents.set(schema.$id, schema);
    this.ajv.addSchema(schema);
  }

  get types(): string[] {
    return this.triggers.map((t) => t.type);
  }

  get(type: string): CatalogTrigger | undefined {
    return this.byType.get(type);
  }

  /** A compiled strict validator of the trigger's `data`. */
  dataValidator(type: string): ValidateFunction {
    let validate = this.validators.get(type);
    if (!validate) {
      const trigger = this.byType.get(type);
      if (!trigger) throw new Error(`unknown trigger ${type}`);
      validate = this.ajv.getSchema(trigger.schema.$id)!;
      this.validators.set(type, validate);
    }
    return validate;
  }

  /** Validates `data` against the trigger's schema; an empty list means valid. */
  validateData(type: string, data: unknown, pointerPrefix = ''): FieldError[] {
    const validate = this.dataValidator(type);
    return validate(data) ? [] : ajvErrorsToFields(validate.errors, pointerPrefix);
  }

  /** Validates a whole envelope (the shared envelope schema, then `data` against the trigger). */
  validateEnvelope(envelope: unknown): FieldError[] {
    const validate = this.ajv.getSchema(this.envelope.$id)!;
    if (!validate(envelope)) return ajvErrorsToFields(validate.errors);
    const { type, data } = envelope as { type: string; data: unknown };
    if (!this.byType.has(type)) return [{ pointer: '/type', detail: `is not a catalog event type: ${type}` }];
    return this.validateData(type, data, '/data');
  }

  /** The trigger's data schema with every $ref inlined (no $id/$schema), for connectors and the API. */
  dataSchema(type: string): JsonSchema {
    const trigger = this.byType.get(type);
    if (!trigger) throw new Error(`unknown trigger ${type}`);
    return this.inline(trigger.schema, trigger.schema);
  }

  /** The envelope schema with this trigger's `data` schema substituted, fully inlined. */
  envelopeSchema(type: string): JsonSchema {
    return envelopeWithData(this.inline(this.envelope, this.envelope), this.dataSchema(type), type);
  }

  /**
   * The trigger's filter fields (meta.json `filters`) resolved against its data schema: what the
   * connectors offer as optional subscription inputs. Throws, naming the trigger, for a path that does
   * not reach a scalar field.
   */
  filterFields(type: string): TriggerFilterField[] {
    const trigger = this.byType.get(type);
    if (!trigger) throw new Error(`unknown trigger ${type}`);
    const schema = this.dataSchema(type);
    const seen = new Set<string>();
    return (trigger.meta.filters ?? []).map((filter) => {
      const where = `triggers/${type}/meta.json filters "${filter.path}"`;
      if (typeof filter.path !== 'string' || !/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(filter.path)) {
        throw new Error(`${where}: the path must be dotted property names`);
      }
      if (seen.has(filter.path)) throw new Error(`${where}: listed twice`);
      seen.add(filter.path);
      let node: JsonSchema | undefined = schema;
      for (const name of filter.path.split('.')) node = nonNullBranch(node)?.properties?.[name];
      const field = node && nonNullBranch(node);
      const valueTypes = field ? schemaTypes(field).filter((t) => t !== 'null') : [];
      const [valueType] = valueTypes;
      if (!field || valueTypes.length !== 1 || !['string', 'integer', 'number', 'boolean'].includes(valueType)) {
        throw new Error(`${where}: must reach a string, number, integer or boolean field of the data schema`);
      }
      const title = String(node!.title ?? field.title ?? filter.path);
      const enumValues: Array<string | number | boolean> | undefined = Array.isArray(field.enum)
        ? field.enum.filter((v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v))
        : undefined;
      return {
        path: filter.path,
        field: `data.${filter.path}`,
        label: filter.label ?? title,
        description: filter.description ?? String(node!.description ?? field.description ?? ''),
        type: valueType as TriggerFilterField['type'],
        ...(enumValues && enumValues.length ? { enum: enumValues } : {}),
      };
    });
  }

  /** The sample `data` (or a variant) wrapped in an envelope, as it would be delivered. */
  sampleEnvelope(type: string, variant?: string): { id: string; type: string; timestamp: string; data: Record<string, unknown> } {
    const trigger = this.byType.get(type);
    if (!trigger) throw new Error(`unknown trigger ${type}`);
    const data = variant ? trigger.variants[variant] : trigger.sample;
    if (!data) throw new Error(`trigger ${type} has no sample variant ${variant}`);
    return { id: sampleEventId(type), type, timestamp: sampleTimestamp(data), data };
  }

  /**
   * Resolves a $ref found in `base` (a registered document) to [document, node].
   * Handles relative file refs (`../_shared/user.schema.json`), absolute ids, and fragments.
   */
  resolve(ref: string, base: JsonSchema): [JsonSchema, JsonSchema] {
    const absolute = new URL(ref, base.$id).toString();
    const [docId, fragment = ''] = absolute.split('#');
    const doc = this.documents.get(docId);
    if (!doc) throw new Error(`unresolvable $ref ${ref} from ${base.$id}`);
    let node: any = doc;
    for (const part of fragment.split('/').filter(Boolean)) {
      node = node?.[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
    }
    if (node === undefined) throw new Error(`unresolvable $ref fragment ${ref} from ${base.$id}`);
    return [doc, node];
  }

  /** Returns `node` with every $ref replaced by the referenced schema (siblings of $ref win). */
  inline(node: any, doc: JsonSchema): any {
    if (Array.isArray(node)) return node.map((item) => this.inline(item, doc));
    if (!node || typeof node !== 'object') return node;
    let result: Record<string, any> = {};
    if (typeof node.$ref === 'string') {
      const [targetDoc, target] = this.resolve(node.$ref, doc);
      result = this.inline(target, targetDoc);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' || key === '$id' || key === '$schema' || key === '$defs' || key === 'definitions') continue;
      result[key] = this.inline(value, doc);
    }
    return result;
  }
}

/** A filter field as the connectors use it. */
export interface TriggerFilterField {
  /** Path in `data` (`ticket.status`). */
  path: string;
  /** Path in the delivered envelope, the key of the hook's `filter` (`data.ticket.status`). */
  field: string;
  label: string;
  description: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  enum?: Array<string | number | boolean>;
}

function schemaTypes(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map((v: unknown) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v)))];
  return [];
}

/** The one non-null branch of an anyOf/oneOf (`User | null` → User), or the schema itself. */
function nonNullBranch(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (!branches) return schema;
  const nonNull = branches.filter((b) => !(b.type === 'null' || (Array.isArray(b.type) && b.type.every((t: string) => t === 'null'))));
  return nonNull.length === 1 ? { ...nonNull[0], title: schema.title ?? nonNull[0].title, description: schema.description ?? nonNull[0].description } : undefined;
}

export function envelopeWithData(envelope: JsonSchema, data: JsonSchema, type: string): JsonSchema {
  const { properties = {} } = envelope;
  return {
    ...envelope,
    properties: {
      ...properties,
      type: { ...properties.type, const: type },
      data: { ...data, title: properties.data?.title ?? data.title, description: data.description ?? properties.data?.description },
    },
  };
}

/** A stable, recognisable id for samples, so generated files do not drift between runs. */
export function sampleEventId(type: string): string {
  return `evt_sample_${type.replace(/[^a-z0-9]+/gi, '_')}`;
}

/** The newest timestamp-looking string in the sample, so the envelope agrees with its data. */
function sampleTimestamp(data: unknown): string {
  let newest = '';
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) {
      const iso = new Date(value).toISOString();
      if (iso > newest) newest = iso;
    } else if (value && typeof value === 'object') {
      for (const child of Object.values(value)) visit(child);
    }
  };
  visit(data);
  return newest || '2026-01-01T00:00:00.000Z';
}

let cached: Catalog | undefined;
/** The catalog, loaded once per process. */
export function getCatalog(): Catalog {
  cached ??= new Catalog();
  return cached;
}
