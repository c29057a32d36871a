/**
 * A typed deskhooks client for TypeScript developers: openapi-fetch over the types that openapi-typescript
 * generates from the contract (openapi/generated/types.ts), so every path, parameter, request body and
 * answer is checked by the compiler. Copy this file and the types file into a project, or import them.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from '../openapi/generated/types';

export type { components, paths };
export type DeskhooksClient = Client<paths>;
/** A schema of the contract by name, e.g. `Schema<'Hook'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface DeskhooksClientOptions {
  /** The server's address, with or without the trailing `/v1` the start banner prints. */
  baseUrl: string;
  /** A tenant API key (`dhk_…`). */
  apiKey: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/** Every path in the contract starts with `/v1`; a base URL that already ends with it would double it. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

export function createDeskhooksClient(options: DeskhooksClientOptions): DeskhooksClient {
  const client = createClient<paths>({
    baseUrl: normalizeBaseUrl(options.baseUrl),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${options.apiKey}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** An RFC 9457 problem document as an Error, so a failed call can simply be thrown. */
export class DeskhooksError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Schema<'Problem'> | undefined,
    fallback = 'the request failed',
  ) {
    const fields = (problem?.errors ?? []).map((e) => `${e.pointer ?? e.parameter ?? ''}: ${e.detail}`).join('; ');
    const detail = problem?.detail ? `: ${problem.detail}` : '';
    super(`${status} ${problem?.title ?? fallback}${detail}${fields ? ` (${fields})` : ''}`);
    this.name = 'DeskhooksError';
  }
}

/**
 * The data of a successful answer, or a thrown DeskhooksError: `const hook = ok(await client.POST(...))`.
 * openapi-fetch types `data` only for the call's success answers, so this narrows without a cast.
 */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new DeskhooksError(result.response.status, asProblem(result.error));
  if (result.data === undefined) throw new DeskhooksError(result.response.status, undefined, 'the answer has no body');
  return result.data;
}

/** For answers without a body (`204 No Content`): throws a DeskhooksError unless the call succeeded. */
export function check(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) throw new DeskhooksError(result.response.status, asProblem(result.error));
}

function asProblem(value: unknown): Schema<'Problem'> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, title, status } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number' ? (value as Schema<'Problem'>) : undefined;
}
