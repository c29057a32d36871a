import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type pino from 'pino';
import { DomainError, type ProblemField, type ProblemLocation } from '../domain/errors';
import { asStoreUnavailable } from '../store/store-unavailable';
import { problem, sendProblem } from './problem';

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['validation-failed', 'Validation failed'],
  503: ['unavailable', 'Service unavailable'],
};

const LOCATIONS: Record<string, ProblemLocation> = { body: 'body', query: 'query', path: 'path', params: 'path', headers: 'header', header: 'header' };

/** express-openapi-validator's error items (`path` like `/body/url`, `/query/limit`, `.body.url`). */
interface ValidatorErrorItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

/** Turns a validator error item into a field naming a body pointer or a parameter. */
export function validatorItemToField(item: ValidatorErrorItem): ProblemField {
  const path = (item.path ?? '').replace(/^\./, '/').replace(/\./g, '/');
  const [, where = '', ...rest] = path.split('/');
  const location = LOCATIONS[where];
  let detail = item.message ?? 'is invalid';
  if (item.errorCode === 'additionalProperties.openapi.validation' || /must NOT have (additional|unevaluated) properties/.test(detail)) {
    detail = 'is not an allowed property';
  }
  if (location === 'body') {
    return { pointer: `/${rest.join('/')}`.replace(/\/$/, '') || '/', location, detail };
  }
  if (location) {
    const unknown = /^Unknown query parameter '(.+)'$/.exec(item.message ?? '');
    return {
      parameter: unknown ? unknown[1] : rest.join('.') || where,
      location,
      detail: unknown ? 'is not a parameter of this operation' : detail,
    };
  }
  return { detail: item.path ? `${item.path} ${detail}` : detail };
}

/** Errors raised while reading the body (express.json / raw-body), which carry `type` and `status`. */
function bodyParserProblem(err: { type?: string; status?: number; message?: string; limit?: number }): [number, string, ProblemField[]] | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return [400, 'The body is not valid JSON.', [{ pointer: '/', location: 'body', detail: `is not valid JSON: ${err.message}` }]];
    case 'entity.too.large':
      return [413, `The body is over the ${err.limit}-byte limit.`, []];
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return [415, err.message ?? 'Unsupported body encoding.', []];
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return [400, err.message ?? 'The body could not be read.', []];
    default:
      return null;
  }
}

function titleOf(status: number): [string, string] {
  return TITLES[status] ?? ['error', status >= 500 ? 'Internal server error' : 'Error'];
}

/**
 * The one place errors become responses: named domain errors, the OpenAPI validator's errors and
 * the body parser's all become RFC 9457 problem documents; a store that is down or busy becomes 503
 * with Retry-After (StoreUnavailableError); anything else is a bug, logged and answered with a 500
 * that leaks nothing.
 */
export function errorHandler(logger: pino.Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof DomainError) {
      sendProblem(res, problem(req, { slug: err.type, title: err.title, status: err.status, detail: err.message, errors: err.errors }), err.headers);
      return;
    }
    const unavailable = asStoreUnavailable(err);
    if (unavailable) {
      logger.warn({ err, method: req.method, path: req.path }, 'the store is unavailable; answered 503');
      const [slug, title] = titleOf(503);
      sendProblem(res, problem(req, { slug, title, status: 503, detail: unavailable.message }), { 'Retry-After': String(unavailable.retryAfterSeconds) });
      return;
    }
    const parsed = bodyParserProblem(err ?? {});
    if (parsed) {
      const [status, detail, errors] = parsed;
      const [slug, title] = titleOf(status);
      sendProblem(res, problem(req, { slug, title, status, detail, errors }));
      return;
    }
    const status = Number(err?.status ?? err?.statusCode);
    if (status === 415 && !req.get('content-type') && !hasBody(req)) {
      // No body at all: say it is missing rather than that its (absent) media type is wrong.
      sendProblem(res, problem(req, { slug: 'bad-request', title: 'Bad request', status: 400, detail: 'This operation needs a JSON body.', errors: [{ pointer: '/', location: 'body', detail: 'is required' }] }));
      return;
    }
    if (Array.isArray(err?.errors) && status >= 400 && status < 500) {
      // express-openapi-validator
      const [slug, title] = titleOf(status);
      const errors = (err.errors as ValidatorErrorItem[]).map(validatorItemToField);
      const detail = status === 400 ? 'The request does not match the API description.' : describeRouteError(status, req, err.message);
      const headers: Record<string, string> = {};
      if (status === 405 && err.headers?.Allow) headers.Allow = err.headers.Allow;
      sendProblem(res, problem(req, { slug, title, status, detail, errors: status === 400 ? errors : undefined }), headers);
      return;
    }
    if (status >= 400 && status < 500) {
      const [slug, title] = titleOf(status);
      sendProblem(res, problem(req, { slug, title, status, detail: err.message }));
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, problem(req, { slug: 'internal', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged.' }));
  };
}

function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}

function describeRouteError(status: number, req: Request, message: string | undefined): string {
  if (status === 404) return `No such resource: ${req.method} ${req.path}.`;
  if (status === 405) return `${req.method} is not allowed on ${req.path}.`;
  if (status === 415) return 'Send the body as application/json.';
  return message ?? 'The request was refused.';
}

/** The last middleware: whatever no route answered is a 404 problem. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, problem(req, { slug: 'not-found', title: 'Not found', status: 404, detail: `No such resource: ${req.method} ${req.path}.` }));
};
