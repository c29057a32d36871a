/**
 * Checks a response against openapi/generated/openapi.json: the operation (method + path template),
 * the documented status (or `default`), the media type, the body against the response schema (Ajv,
 * JSON Schema 2020-12) and declared Location headers. The API test helper runs it on every response,
 * so the server and its contract cannot drift apart unnoticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const DOCUMENT_PATH = path.resolve(__dirname, '../../openapi/generated/openapi.json');
const DOC_ID = 'https://deskhooks.test/openapi.json';

export interface ObservedResponse {
  method: string;
  /** The request path, without the query string. */
  path: string;
  status: number;
  headers: Headers | Record<string, string>;
  /** Parsed JSON, text, or undefined for an empty body. */
  body: unknown;
}

interface Operation {
  operationId: string;
  responses: Record<string, any>;
}

interface Route {
  template: string;
  regex: RegExp;
  /** Literal segments count: /v1/hooks/deleted beats /v1/hooks/{hookId}. */
  literals: number;
  methods: Record<string, Operation>;
}

export class ConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceError';
  }
}

let state: { doc: any; ajv: Ajv2020; routes: Route[]; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (state) return state;
  const doc = JSON.parse(fs.readFileSync(DOCUMENT_PATH, 'utf8'));
  // Not strict: the document carries OpenAPI keywords (example, x-…) that are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID }, DOC_ID);
  const routes: Route[] = Object.entries(doc.paths as Record<string, any>).map(([template, item]) => {
    const segments = template.split('/').filter(Boolean);
    const regex = new RegExp(
      `^/${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
    );
    const methods: Record<string, Operation> = {};
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']) {
      if (item[method]) methods[method.toUpperCase()] = item[method];
    }
    return { template, regex, literals: segments.filter((s) => !s.startsWith('{')).length, methods };
  });
  routes.sort((a, b) => b.literals - a.literals);
  state = { doc, ajv, routes, validators: new Map() };
  return state;
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows `$ref`s between response objects (`#/components/responses/Problem`). */
function resolve(doc: any, node: any): { node: any; pointer: string | null } {
  let pointer: string | null = null;
  while (node && typeof node.$ref === 'string') {
    pointer = node.$ref.slice(1);
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce((at: any, part: string) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return { node, pointer };
}

function validatorAt(pointer: string): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`${DOC_ID}#${pointer}`);
    if (!validate) throw new ConformanceError(`no schema at ${pointer}`);
    validators.set(pointer, validate);
  }
  return validate;
}

function header(headers: ObservedResponse['headers'], name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found ? found[1] : null;
}

/** The operation a request went to, or undefined when the document has no such path and method. */
export function findOperation(method: string, requestPath: string): (Operation & { template: string }) | undefined {
  const route = load().routes.find((r) => r.regex.test(requestPath) && r.methods[method.toUpperCase()]);
  return route && { ...route.methods[method.toUpperCase()], template: route.template };
}

/** Throws a ConformanceError describing every way the response departs from the document. */
export function assertConformance(response: ObservedResponse): void {
  const { doc } = load();
  const label = `${response.method} ${response.path} → ${response.status}`;
  const contentType = (header(response.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  const operation = findOperation(response.method, response.path);
  // The document promises a Retry-After with every 503 (store down or busy).
  if (response.status === 503 && header(response.headers, 'retry-after') === null) {
    throw new ConformanceError(`${label}: a 503 must carry Retry-After`);
  }

  if (!operation) {
    // Outside the document (unknown routes, other apps): only errors are ours to check.
    if (response.status >= 400) {
      if (contentType !== 'application/problem+json') throw new ConformanceError(`${label}: an error must be application/problem+json, got ${contentType || 'nothing'}`);
      check(validatorAt('/components/schemas/Problem'), response.body, label);
    }
    return;
  }

  const statusKey = String(response.status);
  const declared =
    operation.responses[statusKey] ?? operation.responses[`${statusKey[0]}XX`] ?? operation.responses.default;
  if (!declared) throw new ConformanceError(`${label}: status ${response.status} is not documented for ${operation.operationId}`);
  const declaredKey = operation.responses[statusKey] ? statusKey : operation.responses[`${statusKey[0]}XX`] ? `${statusKey[0]}XX` : 'default';
  const { node: responseObject, pointer: responsePointer } = resolve(doc, declared);
  const base =
    responsePointer ??
    `/paths/${pointerSegment(operation.template)}/${response.method.toLowerCase()}/responses/${pointerSegment(declaredKey)}`;

  const content = responseObject.content as Record<string, any> | undefined;
  const empty = response.body === undefined || response.body === '';
  if (!content) {
    if (!empty) throw new ConformanceError(`${label}: ${operation.operationId} documents no body for ${declaredKey}, got one`);
  } else {
    if (!content[contentType]) {
      throw new ConformanceError(
        `${label}: media type ${contentType || 'none'} is not documented for ${operation.operationId} ${declaredKey} (documented: ${Object.keys(content).join(', ')})`,
      );
    }
    if (content[contentType].schema) check(validatorAt(`${base}/content/${pointerSegment(contentType)}/schema`), response.body, label);
  }

  for (const [name, spec] of Object.entries((responseObject.headers ?? {}) as Record<string, any>)) {
    const value = header(response.headers, name.toLowerCase());
    const headerSpec = resolve(doc, spec).node;
    if (value === null) {
      // Documented headers are expected unless marked `required: false` (Retry-After: on 503 only).
      if (headerSpec.required === false) continue;
      throw new ConformanceError(`${label}: header ${name} is documented but missing`);
    }
    const schema = headerSpec.schema;
    if (schema?.format === 'uri' && !/^https?:\/\/[^/]+/.test(value)) {
      throw new ConformanceError(`${label}: header ${name} must be an absolute URL, got ${value}`);
    }
  }
}

function check(validate: ValidateFunction, body: unknown, label: string): void {
  if (validate(body)) return;
  const problems = (validate.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
  throw new ConformanceError(`${label}: the body does not match the documented schema:\n${problems}\nbody: ${JSON.stringify(body).slice(0, 2000)}`);
}
