import type { Request, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { AppDeps } from '../app-deps';
import { authMiddleware } from './auth';
import { loadOpenApiDocument } from './openapi-document';

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
 * - The validator fills in schema defaults; handlers read the body as sent through `bodyOf(req)`,
 *   so a PATCH never receives defaults for fields it did not send.
 * - Responses are not validated here (that would cost every request); the API tests check every
 *   response they receive against the document instead (test/helpers/openapi-conformance.ts).
 */
export function openApiMiddleware(deps: AppDeps): RequestHandler[] {
  const validators = OpenApiValidator.middleware({
    apiSpec: loadOpenApiDocument() as never,
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
