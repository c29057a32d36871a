import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { AppDeps } from '../app-deps';
import { ajvErrorsToFields } from '../catalog/catalog';
import type { CustomEventTypeRecord } from '../store/store';
import { NotFoundError, ValidationError, type ProblemField } from './errors';
import { unsafeSchemaPatterns } from './regex-safety';

/**
 * Custom event types (DeskDirector's "custom webhook"): `custom.<name>` with the tenant's own JSON
 * Schema (draft 2020-12) for `data`. Published events of the type are validated with it, as strictly
 * as catalog triggers are.
 */

function newAjv(): Ajv2020 {
  // strict: unknown keywords and formats are reported at registration instead of silently ignored.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Compiled validators by tenant, type and version; a replaced type gets a new entry. */
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 1000;

function compile(schema: Record<string, unknown>): ValidateFunction {
  // One Ajv per schema: tenants' `$id`s can never collide with each other's or the catalog's.
  return newAjv().compile(schema);
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
    compile(schema);
  } catch (error) {
    problems.push({ pointer: '/schema', location: 'body', detail: `is not a valid JSON Schema (draft 2020-12): ${(error as Error).message}` });
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
