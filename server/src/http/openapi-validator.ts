import type { Request, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { AppDeps } from '../app-deps';
import { authMiddleware } from './auth';
import { loadOpenApiDocument } from './openapi-document';
import { validateBatchItemsOneByOne } from './publish-contract';

/** Paths of the document outside /v1 (public operations); everything else outside /v1 is not the API's. */
const ROOT_OPERATIONS = new Set(['/healthz', '/readyz', '/openapi.json', '/metrics']);

function isApiPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/') || ROOT_OPERATIONS.has(path);
}

/**
 * The edge of the API: requests are matched and validated against openapi/generated/openapi.json.
 * - Unknown /v1 routes answer 404 and wrong methods 405, before authentication.
 * - Bodies are validated without type coercion ("5" is not an integer). Query, path and header
 *   parameters arrive as strings, so the validator always coerces those (it cannot be turned off
 *   for them, and must not be: `?limit=5` is the integer 5).
 * - Unknown query parameters are refused.
 * - A batch's events are validated one by one by its route (see validateBatchItemsOneByOne).
 * - Reserved characters may appear unencoded in query values (see tolerateReservedCharacters).
 * - The validator fills in schema defaults; handlers read the body as sent through `bodyOf(req)`,
 *   so a PATCH never receives defaults for fields it did not send.
 * - Responses are not validated here (that would cost every request); the API tests check every
 *   response they receive against the document instead (test/helpers/openapi-conformance.ts).
 */
export function openApiMiddleware(deps: AppDeps): RequestHandler[] {
  const validators = OpenApiValidator.middleware({
    apiSpec: validateBatchItemsOneByOne(leaveDomainChecks(tolerateReservedCharacters(loadOpenApiDocument()))) as never,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false, removeAdditional: false, allErrors: true },
    validateResponses: false,
    validateSecurity: false,
    validateFormats: true,
    ignorePaths: (path: string) => !isApiPath(path),
  }) as unknown as RequestHandler[];

  // Our authentication goes between route matching and request validation (see authMiddleware).
  const metadataAt = validators.findIndex((mw) => mw.name === 'metadataMiddleware');
  if (metadataAt < 0) throw new Error('express-openapi-validator changed: no metadataMiddleware to authenticate after');
  return [keepOriginalBody, ...validators.slice(0, metadataAt + 1), authMiddleware(deps), ...validators.slice(metadataAt + 1)];
}

/**
 * express-openapi-validator refuses a query value holding an unencoded reserved character
 * (`+ : / @ , ! $ ' ( ) *` …: "must be url encoded") unless its parameter says `allowReserved`. Real
 * clients send them: URLSearchParams (browsers, Node, Zapier's request params) writes a space as `+`
 * (`?reason=flow+turned+off`), and people type `?brand=IT/Support` into curl. The query parser
 * decodes all of these correctly, so the validator's copy of the document marks every query
 * parameter allowReserved. The published contract is left as it is: clients that encode everything
 * stay correct.
 */
function tolerateReservedCharacters(doc: Record<string, any>): Record<string, any> {
  const mark = (parameter: Record<string, any>) => {
    if (parameter && parameter.in === 'query') parameter.allowReserved = true;
  };
  for (const parameter of Object.values<Record<string, any>>(doc.components?.parameters ?? {})) mark(parameter);
  for (const item of Object.values<Record<string, any>>(doc.paths ?? {})) {
    for (const holder of [item, ...Object.values<Record<string, any>>(item)]) {
      if (holder && Array.isArray(holder.parameters)) holder.parameters.forEach(mark);
    }
  }
  return doc;
}

/**
 * A few string rules of the contract (caller-chosen ids: `EventPublish.id`, `Idempotency-Key`) are
 * marked `x-deskhooks-refused-with: 422`: the domain enforces them (domain/publish-rules.ts) with a 422
 * naming the rule, the same answer every way into the store gives. The validator's copy of the
 * document leaves their pattern and length to it instead of answering 400 first.
 */
function leaveDomainChecks(doc: Record<string, any>): Record<string, any> {
  const pending: unknown[] = [doc];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || typeof node !== 'object') continue;
    const schema = node as Record<string, unknown>;
    if (schema['x-deskhooks-refused-with'] === 422) {
      delete schema.pattern;
      delete schema.minLength;
      delete schema.maxLength;
    }
    pending.push(...Object.values(schema));
  }
  return doc;
}

const ORIGINAL_BODY = Symbol('originalBody');

const keepOriginalBody: RequestHandler = (req, _res, next) => {
  (req as Request & { [ORIGINAL_BODY]?: unknown })[ORIGINAL_BODY] =
    req.body === undefined ? undefined : structuredClone(req.body);
  next();
};

/** The request body exactly as the client sent it (after validation, before schema defaults). */
export function bodyOf<T = Record<string, unknown>>(req: Request): T {
  return ((req as Request & { [ORIGINAL_BODY]?: unknown })[ORIGINAL_BODY] ?? {}) as T;
}
