/**
 * The contract of the publish routes (POST /v1/events and /v1/events/batch) as Ajv validators
 * compiled once from the OpenAPI document, and the answers those routes give. Shared by the Express
 * routes and the fast publish path (fast-publish.ts), so both accept and answer exactly alike.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { components } from '../../../openapi/generated/types';
import { BadRequestError, DomainError, type ProblemField } from '../domain/errors';
import type { PublishInput } from '../domain/events';
import type { AppendEventResult } from '../store/store';
import { validatorItemToField } from './error-handler';
import { loadOpenApiDocument } from './openapi-document';
import { PROBLEM_TYPE_BASE, type Problem } from './problem';

type Schemas = components['schemas'];

/** A publish body as the contract allows it (EventPublish). */
export interface PublishBody {
  type: string;
  data: Record<string, unknown>;
  brand?: string | null;
  id?: string;
  timestamp?: string;
}

export const PUBLISH_PATH = '/v1/events';
export const BATCH_PATH = '/v1/events/batch';

/**
 * The batch's events are checked one by one (a malformed event is refused on its own, not the
 * batch), so the request validator's copy of the document accepts any item; the published document
 * keeps EventPublish as the items' schema, which is what clients must send.
 */
export function validateBatchItemsOneByOne(doc: Record<string, any>): Record<string, any> {
  const batch = doc.components?.schemas?.EventBatch;
  if (batch?.properties?.events) batch.properties.events = { ...batch.properties.events, items: {} };
  return doc;
}

interface Validators {
  publish: ValidateFunction;
  batch: ValidateFunction;
  idempotencyKey: ValidateFunction;
}

let compiled: Validators | undefined;

/**
 * Compiled once (at start, by the fast path; else on first use) with the request validator's
 * settings: no coercion, every error, `fast` formats.
 */
export function validators(): Validators {
  if (compiled) return compiled;
  const doc = validateBatchItemsOneByOne(loadOpenApiDocument());
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: false, useDefaults: false, validateSchema: false });
  addFormats(ajv, { mode: 'fast' });
  ajv.addSchema(doc, 'openapi');
  const header = (doc.paths[PUBLISH_PATH].post.parameters as Array<{ name: string; schema: object }>).find(
    (parameter) => parameter.name.toLowerCase() === 'idempotency-key',
  );
  if (!header) throw new Error('openapi: POST /v1/events lost its Idempotency-Key parameter');
  compiled = {
    publish: ajv.getSchema('openapi#/components/schemas/EventPublish')!,
    batch: ajv.getSchema('openapi#/components/schemas/EventBatch')!,
    idempotencyKey: ajv.compile(header.schema),
  };
  return compiled;
}

export function isPublishBody(body: unknown): body is PublishBody {
  return validators().publish(body);
}

export function isBatchBody(body: unknown): body is { events: unknown[] } {
  return validators().batch(body);
}

/** An absent Idempotency-Key is fine; a present one must match the parameter's schema. */
export function isIdempotencyKey(value: string | undefined): boolean {
  return value === undefined || validators().idempotencyKey(value);
}

export function publishInput(body: PublishBody, idempotencyKey?: string): PublishInput {
  return {
    type: body.type,
    data: body.data,
    brand: body.brand,
    id: body.id,
    idempotencyKey,
    timestamp: body.timestamp === undefined ? undefined : Date.parse(body.timestamp),
  };
}

/** Ajv errors as the request validator words them (`/body/type`), then as problem fields. */
function contractFields(errors: ErrorObject[] | null | undefined, prefix: string): ProblemField[] {
  return (errors ?? []).map((error) => {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const path =
      (params.missingProperty !== undefined && `${error.instancePath}/${params.missingProperty}`) ||
      (params.additionalProperty !== undefined && `${error.instancePath}/${params.additionalProperty}`) ||
      error.instancePath;
    return validatorItemToField({ path: `/body${prefix}${path}`, message: error.message, errorCode: `${error.keyword}.openapi.validation` });
  });
}

/** One event of a batch: its publish input, or why it does not match EventPublish (400; pointers into the event). */
export function batchItemInput(item: unknown): PublishInput | DomainError {
  const { publish } = validators();
  if (publish(item)) return publishInput(item as PublishBody);
  return new BadRequestError('The event does not match the API description.', contractFields(publish.errors, ''));
}

export function acceptedView(result: AppendEventResult): Schemas['EventAccepted'] {
  return { id: result.event.id, type: result.event.type, deliveries: result.event.deliveryCount, duplicate: result.duplicate };
}

/** A refused event's problem, its pointers moved under `/events/<index>`. */
function itemProblem(error: DomainError, index: number): Problem {
  const doc: Problem = { type: `${PROBLEM_TYPE_BASE}${error.type}`, title: error.title, status: error.status, detail: error.message };
  if (error.errors && error.errors.length > 0) {
    const prefix = `/events/${index}`;
    doc.errors = error.errors.map((field) =>
      field.pointer === undefined ? field : { ...field, pointer: field.pointer === '/' ? prefix : `${prefix}${field.pointer}` },
    );
  }
  return doc;
}

/** The answer of POST /v1/events/batch: counts, and one result per event in order. */
export function batchView(outcomes: Array<AppendEventResult | DomainError>): Schemas['EventBatchResult'] {
  const view: Schemas['EventBatchResult'] = { accepted: 0, duplicates: 0, refused: 0, results: [] };
  outcomes.forEach((outcome, index) => {
    if (outcome instanceof DomainError) {
      view.refused++;
      view.results.push({ index, status: 'refused', problem: itemProblem(outcome, index) });
      return;
    }
    if (outcome.duplicate) view.duplicates++;
    else view.accepted++;
    view.results.push({ index, status: outcome.duplicate ? 'duplicate' : 'accepted', ...acceptedView(outcome) });
  });
  return view;
}
