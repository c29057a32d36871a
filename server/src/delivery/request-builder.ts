/**
 * Turns a hook and the envelope(s) it is owed into the HTTP request to send: the body in the hook's
 * format, its method, the URL with its tags rendered, endpoint auth, custom headers and the
 * Standard Webhooks signature. Pure apart from the signing time, so tests can check every field.
 */
import { Webhook } from 'standardwebhooks';
import type { Envelope } from '../domain/events';
import { activeSecrets } from '../domain/hooks';
import type { HookRecord, Store } from '../store/store';
import { RESERVED_HEADERS } from './header-rules';
import type { OutboundRequest } from './http-client';
import { expandSingleBraceTags, withFlatTags } from '../catalog/flat-tags';
import { renderTemplate } from './liquid';
import { deskdirectorBody, livechatBody } from './seed-formats';
import { renderUrl } from './url-template';

export const USER_AGENT = 'deskhooks/1.0 (+https://www.standardwebhooks.com/)';

const TEMPLATE_CONTENT_TYPES = {
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
  form: 'application/x-www-form-urlencoded',
} as const;

export type { Envelope };

/** `v1,<sig>` for every active secret, space-separated, as the spec allows during a rotation. */
export function signatureHeader(secrets: string[], msgId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(' ');
}

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
      const source = expandSingleBraceTags(template.body);
      return {
        body: renderTemplate(template.contentType, source, withFlatTags(first, source)),
        contentType: TEMPLATE_CONTENT_TYPES[template.contentType],
      };
    }
    case 'envelope':
    default:
      return { body: JSON.stringify(first), contentType: 'application/json' };
  }
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

const SENSITIVE_NAME = /auth|token|key|secret|pass|cookie|session|credential/i;

/** The request headers as logged in attempts: credentials and secret-looking values replaced. */
export function redactHeaders(hook: HookRecord, headers: Record<string, string>): Record<string, string> {
  const apiKeyHeader = hook.auth.type === 'api_key' ? hook.auth.headerName.toLowerCase() : null;
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') redacted[name] = `${value.split(' ')[0]} [redacted]`;
    else if (lower === apiKeyHeader || (!lower.startsWith('webhook-') && SENSITIVE_NAME.test(lower))) redacted[name] = '[redacted]';
    else redacted[name] = value;
  }
  return redacted;
}
