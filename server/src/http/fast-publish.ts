/**
 * The fast publish path: POST /v1/events and POST /v1/events/batch served on bare node:http, before
 * Express. Publishing is the hot route (a helpdesk sends every chat message and typing signal), and
 * Express with express-openapi-validator cost ~0.6 ms of CPU per event, several times the append.
 *
 * It changes no answer. It takes the ordinary publish (a JSON body, a key, no query string) and checks
 * it with validators compiled once from the same OpenAPI document (publish-contract.ts); the rules
 * stay in the domain (domain/events.ts). Whatever it does not answer itself it hands to the Express
 * app unchanged, or (once the body is read) with `req.body` set, which Express's body parser then
 * leaves alone: a refused key, a body the contract refuses, an event the domain refuses, too deep a
 * body. Express then gives its usual answer. It answers itself only what it must: the success, a body
 * that is not JSON or over the limit (the stream is spent by then), and a failure while storing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../app-deps';
import { authenticate } from '../domain/auth';
import { DomainError } from '../domain/errors';
import { MAX_BATCH_EVENTS, publishEvents, publishTenantEvent } from '../domain/events';
import { presentedKeyOf } from './auth';
import { MAX_BODY_DEPTH, firstTooDeep } from './body-depth';
import { unstorableText } from './unstorable-text';
import { asStoreUnavailable } from '../store/store-unavailable';
import {
  BATCH_PATH,
  PUBLISH_PATH,
  acceptedView,
  batchItemInput,
  batchView,
  isBatchBody,
  isIdempotencyKey,
  isPublishBody,
  publishInput,
  validators,
} from './publish-contract';
import { PROBLEM_TYPE_BASE, type Problem } from './problem';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** `application/json`, optionally with charset utf-8: anything else goes through Express's own checks. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Everything the fast path needs to know from the headers alone, or null to leave the request to Express. */
function eligible(req: IncomingMessage, limits: { publish: number; batch: number }): { batch: boolean; limit: number } | null {
  if (req.method !== 'POST') return null;
  const batch = req.url === BATCH_PATH;
  if (!batch && req.url !== PUBLISH_PATH) return null;
  const { headers } = req;
  if (!PLAIN_JSON.test(headers['content-type'] ?? '')) return null;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return null;
  const limit = batch ? limits.batch : limits.publish;
  const length = headers['content-length'];
  if (length !== undefined) {
    // No body, or one over the limit: Express refuses it without reading it.
    if (!/^[1-9]\d*$/.test(length) || Number(length) > limit) return null;
  } else if (headers['transfer-encoding'] === undefined) {
    return null;
  }
  if (presentedKeyOf(headers) === undefined) return null;
  return { batch, limit };
}

/** The body-parser's JSON rules (strict: an object or array; an empty body is `{}`), or the parse error's message. */
function parseJson(text: string): { value: unknown } | { error: string } {
  if (text.length === 0) return { value: {} };
  const first = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/.exec(text)?.[1];
  try {
    if (first !== '{' && first !== '[') {
      // Word the error as JSON.parse would at that character, as the body parser does.
      const index = first ? text.indexOf(first) : -1;
      JSON.parse(index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index));
    }
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    if (first === '{' || first === '[') return { error: message };
    const index = first ? text.indexOf(first) : -1;
    return { error: message.replace(/#+/g, (run) => text.substring(index, index + run.length)) };
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'X-Content-Type-Options': 'nosniff',
    ...headers,
    'Content-Type': `${contentType}; charset=utf-8`,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** The problem document as http/problem.ts builds it (same fields, same order). */
function sendProblem(res: ServerResponse, path: string, input: Omit<Problem, 'instance'>, headers: Record<string, string> = {}): void {
  const doc: Problem = { type: input.type, title: input.title, status: input.status };
  if (input.detail) doc.detail = input.detail;
  doc.instance = path;
  if (input.errors && input.errors.length > 0) doc.errors = input.errors;
  send(res, doc.status, 'application/problem+json', JSON.stringify(doc), headers);
}

export function withFastPublish(deps: AppDeps, app: Handler): Handler {
  const limits = { publish: deps.config.bodyLimitBytes, batch: deps.config.batchBodyLimitBytes };
  // Compile now: the first publish should not wait ~0.2 s for it.
  validators();
  const { logger } = deps;

  const handle = async (req: IncomingMessage, res: ServerResponse, logLine: () => void, batch: boolean, body: unknown): Promise<void> => {
    const handOver = () => {
      // Express logs the request itself.
      res.removeListener('finish', logLine);
      (req as IncomingMessage & { body?: unknown }).body = body;
      app(req, res);
    };
    const path = batch ? BATCH_PATH : PUBLISH_PATH;
    // Node joins a repeated header with ", ", as Express's req.get() sees it.
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const shaped = batch
      ? isBatchBody(body) && body.events.length <= MAX_BATCH_EVENTS
      : isPublishBody(body) && isIdempotencyKey(idempotencyKey);
    // Too deep, or text no store can keep (NUL, lone surrogates): Express answers those (400 / 422).
    if (!shaped || firstTooDeep(body, MAX_BODY_DEPTH) !== null || unstorableText(body).length > 0) return handOver();
    let tenant;
    try {
      tenant = (await authenticate(deps, presentedKeyOf(req.headers))).tenant;
    } catch {
      return handOver();
    }
    if (!tenant) return handOver();
    try {
      if (batch) {
        const outcomes = await publishEvents(deps, tenant, (body as { events: unknown[] }).events.map(batchItemInput));
        send(res, 200, 'application/json', JSON.stringify(batchView(outcomes)));
      } else {
        const result = await publishTenantEvent(deps, tenant, publishInput(body as never, idempotencyKey));
        send(res, 202, 'application/json', JSON.stringify(acceptedView(result)), {
          Location: `${deps.config.publicUrl}/v1/events/${encodeURIComponent(result.event.id)}`,
        });
      }
    } catch (error) {
      // The domain refuses before it stores anything: Express answers that as it always has.
      if (error instanceof DomainError) return handOver();
      // As the error handler answers it: a store that cannot answer is a 503 the client may retry.
      const unavailable = asStoreUnavailable(error);
      if (unavailable) {
        logger.warn({ err: error, method: 'POST', path }, 'the store is unavailable; answered 503');
        sendProblem(
          res,
          path,
          { type: `${PROBLEM_TYPE_BASE}unavailable`, title: 'Service unavailable', status: 503, detail: unavailable.message },
          { 'Retry-After': String(unavailable.retryAfterSeconds) },
        );
        return;
      }
      logger.error({ err: error, method: 'POST', path }, 'unhandled error');
      sendProblem(res, path, {
        type: `${PROBLEM_TYPE_BASE}internal`,
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side; it has been logged.',
      });
    }
  };

  return (req, res) => {
    const route = eligible(req, limits);
    if (!route) return app(req, res);
    const started = process.hrtime.bigint();
    const path = route.batch ? BATCH_PATH : PUBLISH_PATH;
    // The line Express's request logger writes, for the requests answered here.
    const logLine = () => {
      const fields = { method: 'POST', path, status: res.statusCode, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
      if (res.statusCode >= 500) logger.error(fields, 'request');
      else logger.info(fields, 'request');
    };
    res.once('finish', logLine);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= route.limit) chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (size > route.limit) {
        sendProblem(res, path, { type: `${PROBLEM_TYPE_BASE}payload-too-large`, title: 'Payload too large', status: 413, detail: `The body is over the ${route.limit}-byte limit.` });
        return;
      }
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const parsed = parseJson(text);
      if ('error' in parsed) {
        sendProblem(res, path, {
          type: `${PROBLEM_TYPE_BASE}bad-request`,
          title: 'Bad request',
          status: 400,
          detail: 'The body is not valid JSON.',
          errors: [{ pointer: '/', location: 'body', detail: `is not valid JSON: ${parsed.error}` }],
        });
        return;
      }
      void handle(req, res, logLine, route.batch, parsed.value);
    });
  };
}
