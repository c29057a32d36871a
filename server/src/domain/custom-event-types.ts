import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { AppDeps } from '../app-deps';
import { ajvErrorsToFields } from '../catalog/catalog';
import type { CustomEventTypeRecord, HookRecord } from '../store/store';
import { ConflictError, NotFoundError, ValidationError, type ProblemField } from './errors';
import { unsafeSchemaPatterns } from '../rules/regex-safety';

/**
 * Custom event types (DeskDirector's "custom webhook"): `custom.<name>` with the tenant's own JSON
 * Schema for `data`, in the dialect its `$schema` names: draft-07 (what DeskDirector and most tools
 * write), 2019-09 or 2020-12 (the default when `$schema` is absent). Published events of the type are
 * validated with it, as strictly as catalog triggers are; a refused schema is explained in plain words.
 */

type Dialect = { name: string; create: () => Ajv };

const DRAFT_07: Dialect = { name: 'draft-07', create: () => new Ajv({ strict: true, allErrors: true }) };
const DRAFT_2019: Dialect = { name: '2019-09', create: () => new Ajv2019({ strict: true, allErrors: true }) };
const DRAFT_2020: Dialect = { name: '2020-12', create: () => new Ajv2020({ strict: true, allErrors: true }) };

/** `$schema` URIs by dialect, compared without scheme differences and a trailing `#`. */
const DIALECTS: Record<string, Dialect> = {
  'json-schema.org/draft-07/schema': DRAFT_07,
  'json-schema.org/draft/2019-09/schema': DRAFT_2019,
  'json-schema.org/draft/2020-12/schema': DRAFT_2020,
};

const OLD_DRAFTS = /json-schema\.org\/draft-0[3-6]\/schema/;

/** The dialect the schema declares; a string when it declares one we cannot read (the reason). */
function dialectOf(schema: Record<string, unknown>): Dialect | string {
  const declared = schema.$schema;
  if (declared === undefined) return DRAFT_2020;
  if (typeof declared !== 'string') return '$schema must be a string, such as "http://json-schema.org/draft-07/schema#"';
  const key = declared.trim().replace(/^https?:\/\//, '').replace(/#$/, '');
  const dialect = DIALECTS[key];
  if (dialect) return dialect;
  if (OLD_DRAFTS.test(declared)) {
    return `is written for ${declared}, an older JSON Schema draft deskhooks does not read: change $schema to "http://json-schema.org/draft-07/schema#" (most draft-04/06 schemas work unchanged as draft-07)`;
  }
  return `names ${declared} as its $schema, which is not a JSON Schema dialect deskhooks reads: use "http://json-schema.org/draft-07/schema#" or "https://json-schema.org/draft/2020-12/schema"`;
}

function newAjv(dialect: Dialect): Ajv {
  // strict: unknown keywords and formats are reported at registration instead of silently ignored.
  const ajv = dialect.create();
  addFormats(ajv);
  return ajv;
}

/** Compiled validators by tenant, type and version; a replaced type gets a new entry. */
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 1000;

function compile(schema: Record<string, unknown>): ValidateFunction {
  const dialect = dialectOf(schema);
  if (typeof dialect === 'string') throw new Error(dialect);
  // One Ajv per schema: tenants' `$id`s can never collide with each other's or the catalog's.
  return newAjv(dialect).compile(schema);
}

const JSON_TYPES = 'string, number, integer, boolean, object, array or null';

/** One meta-schema error in a flow maker's words, at a pointer into the request body. */
function metaSchemaProblem(error: ErrorObject): ProblemField {
  const pointer = `/schema${error.instancePath}`;
  const last = error.instancePath.split('/').pop();
  let detail = error.message ?? 'is not valid here';
  if (last === 'type') detail = `is not a JSON Schema type: use ${JSON_TYPES}`;
  else if (last === 'required') detail = 'must be a list of property names, such as ["id", "name"]';
  else if (last === 'properties') detail = 'must be an object whose keys are property names and whose values are schemas';
  else if (error.keyword === 'type' && error.params && 'type' in error.params) detail = `must be ${String((error.params as { type: unknown }).type).replace(',', ' or ')} here`;
  return { pointer, location: 'body', detail };
}

/** Ajv's compile-time messages (strict mode, references) in a flow maker's words. */
function compileProblem(message: string, dialect: string): string {
  const keyword = /^strict mode: unknown keyword: "([^"]+)"/.exec(message);
  if (keyword) return `uses "${keyword[1]}", which is not a JSON Schema (${dialect}) keyword: check its spelling, or remove it (put notes in "description")`;
  const format = /unknown format "([^"]+)"/.exec(message);
  if (format) return `uses the format "${format[1]}", which deskhooks does not know: use date-time, date, time, email, uri, uuid, hostname, ipv4 or ipv6, or leave "format" out`;
  const ref = /can't resolve reference (\S+)/.exec(message);
  if (ref) return `points to ${ref[1]} with "$ref", which the schema does not define (add it under "${dialect === 'draft-07' ? 'definitions' : '$defs'}", or fix the name)`;
  return `cannot be used as a JSON Schema (${dialect}): ${message.replace(/^strict mode: /, '')}`;
}

export function customDataValidator(record: CustomEventTypeRecord): ValidateFunction {
  const key = `${record.tenantId}\u0000${record.type}\u0000${record.updatedAt}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = compile(record.schema);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validate);
  }
  return validate;
}

function schemaProblems(schema: Record<string, unknown>): ProblemField[] {
  const dialect = dialectOf(schema);
  if (typeof dialect === 'string') return [{ pointer: '/schema/$schema', location: 'body', detail: dialect }];
  const ajv = newAjv(dialect);
  // The meta-schema first: its errors point at the offending keyword, where a compile error would not.
  if (!ajv.validateSchema(schema)) {
    const byPath = new Map<string, ProblemField>();
    for (const error of ajv.errors ?? []) if (!byPath.has(error.instancePath)) byPath.set(error.instancePath, metaSchemaProblem(error));
    return [...byPath.values()];
  }
  const problems: ProblemField[] = [];
  if (schema.type !== 'object') {
    problems.push({ pointer: '/schema/type', location: 'body', detail: 'must be "object": an event\'s data is always a JSON object' });
  }
  if ('$ref' in schema && typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) {
    problems.push({ pointer: '/schema/$ref', location: 'body', detail: 'may only point inside the schema (#/…)' });
  }
  for (const unsafe of unsafeSchemaPatterns(schema)) {
    problems.push({ pointer: `/schema${unsafe.pointer}`, location: 'body', detail: unsafe.detail });
  }
  if (problems.length > 0) return problems;
  try {
    ajv.compile(schema);
  } catch (error) {
    problems.push({ pointer: '/schema', location: 'body', detail: compileProblem((error as Error).message, dialect.name) });
  }
  return problems;
}

export async function putCustomEventType(
  deps: AppDeps,
  tenantId: string,
  type: string,
  input: { description?: string; schema: Record<string, unknown>; sample: Record<string, unknown> },
): Promise<{ record: CustomEventTypeRecord; created: boolean }> {
  const problems = schemaProblems(input.schema);
  if (problems.length > 0) throw new ValidationError(`The schema of ${type} cannot be used.`, problems);
  const validate = compile(input.schema);
  if (!validate(input.sample)) {
    const fields = ajvErrorsToFields(validate.errors, '/sample').map((f) => ({ ...f, location: 'body' as const }));
    throw new ValidationError(`The sample does not validate against the schema of ${type}.`, fields);
  }
  const now = deps.clock.now();
  const existing = await deps.store.getCustomEventType(tenantId, type);
  const record: CustomEventTypeRecord = {
    tenantId,
    type,
    description: input.description ?? existing?.description ?? '',
    schema: input.schema,
    sample: input.sample,
    createdAt: existing?.createdAt ?? now,
    // Strictly increasing, so the validator cache never serves a replaced schema.
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
  };
  const created = await deps.store.putCustomEventType(record);
  return { record: { ...record, createdAt: created ? record.createdAt : existing?.createdAt ?? record.createdAt }, created };
}

export async function getCustomEventType(deps: AppDeps, tenantId: string, type: string): Promise<CustomEventTypeRecord> {
  const record = await deps.store.getCustomEventType(tenantId, type);
  if (!record) throw new NotFoundError(`No custom event type ${type}.`);
  return record;
}

const MAX_LISTED_HOOKS = 20;

/**
 * Deletes a custom event type, refusing (409, listing them) while registered hooks subscribe to it by
 * name: deleting it under them would leave them active and silent forever. Hooks on `*` do not count.
 * Deleting a type that does not exist succeeds (idempotent, as hook deletes are).
 */
export async function deleteCustomEventType(deps: AppDeps, tenantId: string, type: string): Promise<void> {
  const users: HookRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.listHooks({ tenantId, deleted: false, event: type, limit: 100, cursor });
    users.push(...page.items.filter((hook) => hook.events.includes(type)));
    cursor = page.nextCursor;
  } while (cursor && users.length <= MAX_LISTED_HOOKS);
  if (users.length > 0) {
    const listed = users.slice(0, MAX_LISTED_HOOKS);
    const more = users.length > listed.length ? ` (and more; see GET /v1/hooks?event=${type})` : '';
    throw new ConflictError(
      `${type} cannot be deleted while ${listed.length === 1 ? 'a registered hook subscribes' : 'registered hooks subscribe'} to it: ` +
        `${listed.map((hook) => hook.id).join(', ')}${more}. Delete those hooks, or remove ${type} from their events, first.`,
      listed.map((hook) => ({
        parameter: 'type',
        location: 'path' as const,
        detail: `hook ${hook.id} (${hook.status}${hook.description ? `, "${hook.description}"` : ''}) subscribes to ${type}`,
      })),
    );
  }
  await deps.store.deleteCustomEventType(tenantId, type);
}
