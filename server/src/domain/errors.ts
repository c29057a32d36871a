/**
 * Named domain errors. Services throw them; the HTTP error handler (http/error-handler.ts) turns each
 * into an RFC 9457 problem document with its status. Anything else that escapes is a bug (500).
 */

export type ProblemLocation = 'body' | 'query' | 'path' | 'header';

/** One offending field: `pointer` (JSON Pointer into the body) or `parameter` (query/path/header name). */
export interface ProblemField {
  pointer?: string;
  parameter?: string;
  location?: ProblemLocation;
  detail: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** The problem type slug, appended to the problem type base URI. */
  abstract readonly type: string;
  abstract readonly title: string;
  readonly errors?: ProblemField[];
  /** Extra response headers (WWW-Authenticate, Allow…). */
  readonly headers?: Record<string, string>;

  constructor(detail: string, errors?: ProblemField[], headers?: Record<string, string>) {
    super(detail);
    this.name = new.target.name;
    if (errors) this.errors = errors;
    if (headers) this.headers = headers;
  }
}

/** The request is malformed (400). */
export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly type = 'bad-request';
  readonly title = 'Bad request';
}

/** Well-formed but refused: schema validation, target URL rules, filter syntax (422). */
export class ValidationError extends DomainError {
  readonly status = 422;
  readonly type = 'validation-failed';
  readonly title = 'Validation failed';

  readonly fields: ProblemField[];

  /** `new ValidationError(fields)` or `new ValidationError(detail, fields)`. */
  constructor(detailOrFields: string | ProblemField[], fields: ProblemField[] = []) {
    const list = typeof detailOrFields === 'string' ? fields : detailOrFields;
    const detail =
      typeof detailOrFields === 'string' ? detailOrFields : `${list.length} field${list.length === 1 ? '' : 's'} failed validation.`;
    super(detail, list);
    this.fields = list;
  }
}

/** An opaque pagination cursor that this store did not issue (400 naming the `cursor` parameter). */
export class InvalidCursorError extends BadRequestError {
  constructor() {
    super('The cursor is not one this server issued; use the nextCursor of the previous page.', [
      { parameter: 'cursor', location: 'query', detail: 'is not a valid cursor' },
    ]);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly type = 'unauthorized';
  readonly title = 'Unauthorized';

  constructor(detail: string) {
    super(detail, undefined, { 'WWW-Authenticate': 'Bearer realm="deskhooks"' });
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';
}

/** No such resource for this tenant. Other tenants' resources answer this too, never 403. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';
}

export class MethodNotAllowedError extends DomainError {
  readonly status = 405;
  readonly type = 'method-not-allowed';
  readonly title = 'Method not allowed';
}

/** The resource is not in a state that allows this (409). */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = 'Conflict';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Payload too large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly type = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** A dependency (the store) does not answer (503). */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly type = 'unavailable';
  readonly title = 'Service unavailable';

  constructor(detail: string, retryAfterSeconds = 5) {
    super(detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
