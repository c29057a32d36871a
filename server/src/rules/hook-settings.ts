/**
 * Subscribe-time checks of a hook's delivery settings, beyond what the OpenAPI schema can say:
 * target URL rules (HTTPS, public address), Liquid syntax, header safety, filter syntax, retry
 * delays and what a redirect means (the tags themselves are checked against the events in tag-check). Every problem is reported at once with a JSON Pointer to the field.
 */
import type { FieldError } from '../catalog/catalog';
import type { HookAuth, HookFormat, HttpMethod, RetryPolicy } from '../store/store';
import { filterProblems } from './filter';
import { headerNameProblem, headerValueProblem } from './header-rules';
import { compileTemplate, type EscapeContext } from './liquid';
import { retryPolicyProblems } from './retry-policy';
import { checkTarget, systemResolver, type Resolver } from '../outbound/target-guard';
import { literalPrefix, placeholderUrl } from './url-template';
import { expandSingleBraceTags } from '../catalog/flat-tags';

export interface HookSettingsInput {
  url?: unknown;
  method?: unknown;
  format?: unknown;
  template?: unknown;
  auth?: unknown;
  headers?: unknown;
  filter?: unknown;
  retryPolicy?: unknown;
  redirects?: unknown;
}

export interface HookSettingsOptions {
  allowInsecureTargets: boolean;
  resolve?: Resolver;
}

const METHODS: HttpMethod[] = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'];
const FORMATS: HookFormat[] = ['envelope', 'data', 'batch', 'template', 'livechat', 'deskdirector'];
const REDIRECTS = ['fail', 'succeed'];
const CONTENT_TYPES = ['json', 'xml', 'form'] as const;

/** Escapes a JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function liquidProblem(context: EscapeContext, source: string): string | null {
  try {
    compileTemplate(context, source);
    return null;
  } catch (error) {
    return `has a Liquid error: ${(error as Error).message}`;
  }
}

async function urlErrors(url: unknown, options: HookSettingsOptions): Promise<FieldError[]> {
  const field = (detail: string): FieldError[] => [{ pointer: '/url', detail }];
  if (typeof url !== 'string' || url.length === 0) return field('must be a non-empty string');
  return expandedUrlErrors(expandSingleBraceTags(url), options);
}

async function expandedUrlErrors(url: string, options: HookSettingsOptions): Promise<FieldError[]> {
  const field = (detail: string): FieldError[] => [{ pointer: '/url', detail }];
  const liquid = liquidProblem('url', url);
  if (liquid) return field(liquid);
  const prefix = literalPrefix(url);
  if (prefix === null) return field('may contain Liquid tags only in its path and query, not in its scheme or host');
  let parsed: URL;
  try {
    parsed = new URL(placeholderUrl(url));
  } catch {
    return field('is not a valid absolute URL');
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && options.allowInsecureTargets)) {
    return field(
      parsed.protocol === 'http:'
        ? 'must use https (plain http is allowed only when the server runs with DESKHOOKS_ALLOW_INSECURE_TARGETS=1)'
        : `must use https, not ${parsed.protocol.replace(/:$/, '')}`,
    );
  }
  if (parsed.username || parsed.password) return field('must not contain credentials; use auth instead');
  if (!parsed.hostname) return field('must name a host');
  if (options.allowInsecureTargets) return [];
  const check = await checkTarget(parsed.hostname, options.resolve ?? systemResolver);
  return check.allowed ? [] : field(`is refused: host ${parsed.hostname} ${check.reason}`);
}

function authErrors(auth: unknown): FieldError[] {
  if (auth === undefined || auth === null) return [];
  if (typeof auth !== 'object') return [{ pointer: '/auth', detail: 'must be an object' }];
  const value = auth as Partial<HookAuth> & Record<string, unknown>;
  const errors: FieldError[] = [];
  const valueCheck = (key: string) => {
    const problem = headerValueProblem(value[key]);
    if (problem) errors.push({ pointer: `/auth/${key}`, detail: problem });
  };
  switch (value.type) {
    case 'none':
      break;
    case 'basic':
      valueCheck('username');
      if (typeof value.username === 'string' && value.username.includes(':')) {
        errors.push({ pointer: '/auth/username', detail: 'must not contain a colon (basic auth separates it from the password with one)' });
      }
      if (typeof value.password !== 'string') errors.push({ pointer: '/auth/password', detail: 'must be a string' });
      break;
    case 'bearer':
      valueCheck('token');
      break;
    case 'api_key': {
      const name = value.headerName;
      const problem = typeof name === 'string' ? headerNameProblem(name) : 'must be a string';
      if (problem) errors.push({ pointer: '/auth/headerName', detail: problem });
      valueCheck('value');
      break;
    }
    default:
      errors.push({ pointer: '/auth/type', detail: 'must be one of: none, basic, bearer, api_key' });
  }
  return errors;
}

function headerErrors(headers: unknown, auth: unknown): FieldError[] {
  if (headers === undefined || headers === null) return [];
  if (typeof headers !== 'object' || Array.isArray(headers)) return [{ pointer: '/headers', detail: 'must be an object of header names to values' }];
  const errors: FieldError[] = [];
  const authType = (auth as { type?: string } | null | undefined)?.type;
  const apiKeyHeader = authType === 'api_key' ? String((auth as { headerName?: unknown }).headerName ?? '').toLowerCase() : null;
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const pointer = `/headers/${pointerSegment(name)}`;
    const lower = name.toLowerCase();
    const nameProblem = headerNameProblem(name);
    if (nameProblem) {
      errors.push({ pointer, detail: nameProblem });
      continue;
    }
    if (seen.has(lower)) errors.push({ pointer, detail: 'is given twice (header names are case-insensitive)' });
    seen.add(lower);
    if (lower === 'authorization' && (authType === 'basic' || authType === 'bearer')) {
      errors.push({ pointer, detail: `conflicts with auth (${authType}), which sets Authorization` });
    }
    if (apiKeyHeader && lower === apiKeyHeader) errors.push({ pointer, detail: 'conflicts with auth (api_key), which sets this header' });
    const valueProblem = headerValueProblem(value);
    if (valueProblem) errors.push({ pointer, detail: valueProblem });
  }
  return errors;
}

function templateErrors(format: unknown, template: unknown): FieldError[] {
  if (format !== 'template') {
    return template !== undefined && template !== null && typeof template !== 'object'
      ? [{ pointer: '/template', detail: 'must be an object or null' }]
      : [];
  }
  if (template === undefined || template === null || typeof template !== 'object') {
    return [{ pointer: '/template', detail: 'is required when format is template: {"body": "<Liquid>", "contentType": "json|xml|form"}' }];
  }
  const { body, contentType } = template as { body?: unknown; contentType?: unknown };
  const errors: FieldError[] = [];
  if (!CONTENT_TYPES.includes(contentType as (typeof CONTENT_TYPES)[number])) {
    errors.push({ pointer: '/template/contentType', detail: 'is required when format is template: one of json, xml, form' });
  }
  if (typeof body !== 'string') {
    errors.push({ pointer: '/template/body', detail: 'is required when format is template: a Liquid template over the envelope' });
  } else {
    const context: EscapeContext = CONTENT_TYPES.includes(contentType as (typeof CONTENT_TYPES)[number]) ? (contentType as EscapeContext) : 'json';
    const problem = liquidProblem(context, expandSingleBraceTags(body));
    if (problem) errors.push({ pointer: '/template/body', detail: problem });
  }
  return errors;
}

/**
 * Validates the delivery settings present in `input` (absent fields are not checked, so a PATCH
 * can pass only what changes, or the merged hook). Resolves the target host unless
 * `allowInsecureTargets`, so this is async.
 */
export async function validateHookSettings(input: HookSettingsInput, options: HookSettingsOptions): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.url !== undefined) errors.push(...(await urlErrors(input.url, options)));
  if (input.method !== undefined && !METHODS.includes(input.method as HttpMethod)) {
    errors.push({ pointer: '/method', detail: `must be one of: ${METHODS.join(', ')}` });
  }
  if (input.format !== undefined && !FORMATS.includes(input.format as HookFormat)) {
    errors.push({ pointer: '/format', detail: `must be one of: ${FORMATS.join(', ')}` });
  }
  if (input.redirects !== undefined && !REDIRECTS.includes(input.redirects as string)) {
    errors.push({ pointer: '/redirects', detail: 'must be fail (a 3xx answer is a failure, retried) or succeed (2xx and 3xx are success, as in EddyDesk)' });
  }
  errors.push(...templateErrors(input.format, input.template));
  errors.push(...authErrors(input.auth));
  errors.push(...headerErrors(input.headers, input.auth));
  if (input.filter !== undefined) {
    for (const problem of filterProblems(input.filter)) errors.push({ pointer: `/filter${problem.pointer}`, detail: problem.detail });
  }
  for (const [suffix, detail] of retryPolicyProblems(input.retryPolicy as RetryPolicy | undefined)) {
    errors.push({ pointer: `/retryPolicy${suffix}`, detail });
  }
  return errors;
}
