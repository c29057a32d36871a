/**
 * Turns a hook and the envelope(s) it is owed into the HTTP request to send: the body in the hook's
 * format, its method, the URL with its tags rendered, endpoint auth, custom headers and the
 * Standard Webhooks signature. Pure apart from the signing time, so tests can check every field.
 */
import type { Envelope } from './envelope';
import { activeSecrets } from './active-secrets';
import type { HookRecord, Store } from '../store/store';
import { RESERVED_HEADERS } from './header-rules';
import type { OutboundRequest } from '../outbound/http-client';
import { expandSingleBraceTags, withFlatTags } from '../catalog/flat-tags';
import { renderTemplate } from './liquid';
import { signatureHeader } from './signature';
import { templateOutputProblem } from './template-output';
import { isSecretHeader } from './secret-headers';
import { deskdirectorBody, livechatBody } from './seed-formats';
import { renderUrl } from './url-template';

export { signatureHeader };

export const USER_AGENT = 'deskhooks/1.0 (+https://www.standardwebhooks.com/)';

const TEMPLATE_CONTENT_TYPES = {
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
  form: 'application/x-www-form-urlencoded',
} as const;

export type { Envelope };


function authHeaders(hook: HookRecord): Record<string, string> {
  const auth = hook.auth;
  switch (auth.type) {
    case 'basic':
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
    case 'bearer':
      return { Authorization: `Bearer ${auth.token}` };
    case 'api_key':
      return { [auth.headerName]: auth.value };
    default:
      return {};
  }
}

function renderBody(hook: HookRecord, envelopes: Envelope[], options: BuildOptions): { body: string; contentType: string } {
  const [first] = envelopes;
  switch (hook.format) {
    case 'data':
      return { body: JSON.stringify(first.data), contentType: 'application/json' };
    case 'batch':
      return { body: JSON.stringify(envelopes), contentType: 'application/json' };
    case 'deskdirector':
      return { body: deskdirectorBody(envelopes), contentType: 'application/json' };
    case 'livechat':
      return { body: livechatBody(first, options.liveChatAppId ?? null), contentType: 'application/json' };
    case 'template': {
      const template = hook.template ?? { body: '', contentType: 'json' as const };
      return { body: renderCheckedTemplate(template, first), contentType: TEMPLATE_CONTENT_TYPES[template.contentType] };
    }
    case 'envelope':
    default:
      return { body: JSON.stringify(first), contentType: 'application/json' };
  }
}

type HookTemplate = NonNullable<HookRecord['template']>;

/**
 * Renders a hook's body template and refuses (throws, naming the problem) an output that is not
 * valid for its content type: such a body is never sent, the attempt fails with the reason.
 */
function renderCheckedTemplate(template: HookTemplate, envelope: Envelope, options: { strictVariables?: boolean } = {}): string {
  // EddyDesk's single-brace tags and the trigger's flat tags work in every render, checked or sent.
  const source = expandSingleBraceTags(template.body);
  const body = renderTemplate(template.contentType, source, withFlatTags(envelope, source), options);
  const problem = templateOutputProblem(template.contentType, body);
  if (problem) throw new Error(`the template's output ${problem} (content type ${template.contentType}), so it was not sent`);
  return body;
}

/**
 * Why a body template cannot be saved, checked by rendering it over the sample envelopes of one event
 * type it will receive (its sample and variants), or null. With `strictVariables` a variable none of
 * the samples has is an error naming it (`{% if %}` and `| default` guard optional ones); the output
 * must be valid for the content type on every sample. Render limits and Liquid errors count too.
 */
export function templateSampleProblem(template: HookTemplate, samples: Envelope[], options: { strictVariables: boolean }): string | null {
  let rendered = 0;
  let firstError: string | null = null;
  for (const sample of samples) {
    try {
      renderCheckedTemplate(template, sample, options);
      rendered += 1;
    } catch (error) {
      const message = (error as Error).message;
      // An invalid output on any sample is the template's fault; a missing variable only if no sample has it.
      if (!/^undefined variable/.test(message)) return `fails on the ${sample.type} sample: ${message}`;
      firstError ??= `names a variable the ${sample.type} sample does not have: ${message}`;
    }
  }
  return rendered > 0 || samples.length === 0 ? null : firstError;
}

export interface BuildOptions {
  /** The `webhook-id`: the delivery id, the same on every retry. */
  msgId: string;
  /** When the request is signed (the real time: receivers check it against their clock). */
  signedAt: Date;
  /** Which secrets are active is decided at this (engine clock) time. */
  now: number;
  /** The tenant's live-chat appId, for `livechat` hooks (see formatContext). */
  liveChatAppId?: string | null;
}

/**
 * What a hook's format needs beyond the hook and its events, read from the store: only `livechat`
 * needs anything (the tenant's appId), so other hooks cost no read. Spread into buildRequest's options.
 */
export async function formatContext(store: Pick<Store, 'getTenant'>, hook: HookRecord): Promise<Partial<BuildOptions>> {
  if (hook.format !== 'livechat') return {};
  const tenant = await store.getTenant(hook.tenantId);
  return { liveChatAppId: tenant?.liveChatAppId ?? null };
}

/**
 * Builds the request for `envelopes` (one, or several for a batch hook). GET requests carry no
 * body; a form template's fields go in the query string instead, EddyDesk-style. The signature
 * covers exactly the bytes sent as the body (empty for GET).
 */
export function buildRequest(hook: HookRecord, envelopes: Envelope[], options: BuildOptions): OutboundRequest {
  if (envelopes.length === 0) throw new Error('buildRequest needs at least one envelope');
  let url = renderUrl(hook.url, envelopes[0]);
  const rendered = renderBody(hook, envelopes, options);
  let body: string | null = rendered.body;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hook.headers ?? {})) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  Object.assign(headers, authHeaders(hook));
  if (hook.method === 'GET') {
    if (hook.format === 'template' && hook.template?.contentType === 'form' && rendered.body.length > 0) {
      const target = new URL(url);
      target.search = target.search ? `${target.search}&${rendered.body}` : `?${rendered.body}`;
      url = target.toString();
    }
    body = null;
  } else {
    headers['content-type'] = rendered.contentType;
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent')) headers['user-agent'] = USER_AGENT;
  headers['webhook-id'] = options.msgId;
  headers['webhook-timestamp'] = String(Math.floor(options.signedAt.getTime() / 1000));
  headers['webhook-signature'] = signatureHeader(activeSecrets(hook, options.now).map((s) => s.secret), options.msgId, options.signedAt, body ?? '');
  return { url, method: hook.method, headers, body };
}

/** The request headers as logged in attempts: credentials, headers marked secret and secret-looking ones replaced. */
export function redactHeaders(hook: HookRecord, headers: Record<string, string>): Record<string, string> {
  const apiKeyHeader = hook.auth.type === 'api_key' ? hook.auth.headerName.toLowerCase() : null;
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') redacted[name] = `${value.split(' ')[0]} [redacted]`;
    else if (lower === apiKeyHeader || (!lower.startsWith('webhook-') && isSecretHeader(name, hook.secretHeaders))) redacted[name] = '[redacted]';
    else redacted[name] = value;
  }
  return redacted;
}
