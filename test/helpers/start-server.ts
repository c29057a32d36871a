/**
 * A real deskhooks server for tests: a temporary SQLite file, port 0 on 127.0.0.1, insecure targets
 * allowed (receivers are local), a silent logger, known tenant and admin keys. `request` talks to it
 * over real HTTP and checks every response against the OpenAPI document.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { TEST_ENCRYPTION_KEY } from '../multi-node/server-node';
import type { Clock } from '../../server/src/app-deps';
import type { Config } from '../../server/src/config';
import type { EngineOptions } from '../../server/src/delivery/engine';
import { type RunningServer, startServer } from '../../server/src/server';
import { assertConformance } from './openapi-conformance';

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** An object is sent as JSON; a string is sent as is (with a JSON content type unless `headers` say otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The API key to send as a bearer token: default the default tenant's; null sends none. */
  key?: string | null;
  /** Skip the OpenAPI conformance check (only for requests that are deliberately outside HTTP norms). */
  unchecked?: boolean;
}

export interface TestServer extends RunningServer {
  /** The default tenant's key (DESKHOOKS_API_KEY). */
  apiKey: string;
  /** The admin key (DESKHOOKS_ADMIN_KEY). */
  adminKey: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  config?: Partial<Config>;
  clock?: Clock;
  startEngine?: boolean;
  engineOptions?: EngineOptions;
}

const testKey = (prefix: string) => `${prefix}_${crypto.randomBytes(24).toString('base64url')}`;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-test-'));
  const apiKey = options.env?.DESKHOOKS_API_KEY ?? testKey('dhk_test');
  const adminKey = options.env?.DESKHOOKS_ADMIN_KEY ?? testKey('dhk_admin');
  const env: Record<string, string> = {
    PORT: '0',
    DATABASE_URL: path.join(dir, 'deskhooks.db'),
    DESKHOOKS_API_KEY: apiKey,
    DESKHOOKS_ADMIN_KEY: adminKey,
    DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
    DESKHOOKS_NODE_ID: 'test-node',
    LOG_LEVEL: 'silent',
    // Tests close servers whose receivers may hang on purpose: a short drain keeps afterAll quick.
    DESKHOOKS_SHUTDOWN_GRACE_MS: '1000',
    ...options.env,
  };
  // PostgreSQL requires an encryption key (nodes share it); SQLite tests keep their own key file.
  if (/^postgres(ql)?:/.test(options.config?.databaseUrl ?? env.DATABASE_URL) && !env.DESKHOOKS_ENCRYPTION_KEY) {
    env.DESKHOOKS_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
  }
  let running: RunningServer;
  try {
    running = await startServer({
      env,
      config: options.config,
      clock: options.clock,
      logger: pino({ level: 'silent' }),
      startEngine: options.startEngine,
      engineOptions: options.engineOptions,
      host: '127.0.0.1',
      processMetrics: false,
    });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  async function request<T = any>(method: string, requestPath: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = {};
    const key = opts.key === undefined ? apiKey : opts.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, opts.headers);
    const response = await fetch(`${running.url}${requestPath}`, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown = text === '' ? undefined : text;
    if (text !== '' && /[/+]json\b/.test(contentType)) parsed = JSON.parse(text);
    if (!opts.unchecked) {
      assertConformance({ method, path: requestPath.split('?')[0], status: response.status, headers: response.headers, body: parsed });
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  return {
    ...running,
    apiKey,
    adminKey,
    request,
    async close() {
      await running.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
