import os from 'node:os';
import Ajv2020 from 'ajv/dist/2020';
import { type EncryptionKey, EncryptionKeyError, parseEncryptionKeys } from './store/secret-box';

/** Every setting, read once from the environment at start (see README "Configuration"). */
export interface Config {
  port: number;
  /** Base of absolute Location headers, without a trailing slash. */
  publicUrl: string;
  databaseUrl: string;
  /** The default tenant's key, created at start when set. */
  apiKey: string | null;
  /** The admin key, created at start when set. */
  adminKey: string | null;
  /** Allows plain-http and private-address targets (local development and tests only). */
  allowInsecureTargets: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** The body limit of POST /v1/events/batch (up to 1,000 events). */
  batchBodyLimitBytes: number;
  deliveryTimeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  workerConcurrency: number;
  /** Requests in flight to one hook at most, unless the hook sets its own `maxInFlight`. */
  hookMaxInFlight: number;
  /** On SIGTERM/SIGINT, how long attempts in flight may finish before they are cut (default: delivery timeout + 5 s). */
  shutdownGraceMs: number;
  leaseMs: number;
  batchWindowMs: number;
  autoDisableAfterMs: number;
  retentionDays: number;
  /** Captures an inspector hook keeps, newest first (DESKHOOKS_INSPECTOR_CAPTURES). */
  inspectorCaptures: number;
  /** How often an idle stream (GET /v1/hooks/{id}/stream) gets a keepalive comment (DESKHOOKS_STREAM_KEEPALIVE_MS). */
  streamKeepaliveMs: number;
  agentLookupBudgetMs: number;
  pgPoolMax: number;
  pgConnectTimeoutMs: number;
  /**
   * How long an SQLite write waits for another connection's lock before the request answers 503
   * (DESKHOOKS_SQLITE_BUSY_TIMEOUT_MS). better-sqlite3 waits on the event loop, so this bounds the stall.
   */
  sqliteBusyTimeoutMs: number;
  nodeId: string;
  /**
   * DESKHOOKS_ENCRYPTION_KEY: the keys sealing hook secrets at rest, the first one encrypting. null:
   * unset (SQLite then uses a key file beside the database; PostgreSQL refuses to start).
   */
  encryptionKeys: EncryptionKey[] | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface IntSetting {
  env: string;
  key: keyof Config;
  default: number;
  minimum: number;
  maximum: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Integer settings: env name, default and the range that makes sense. */
const INT_SETTINGS: IntSetting[] = [
  { env: 'PORT', key: 'port', default: 3000, minimum: 0, maximum: 65535 },
  { env: 'DESKHOOKS_BODY_LIMIT_BYTES', key: 'bodyLimitBytes', default: 256 * 1024, minimum: 1024, maximum: 16 * 1024 * 1024 },
  { env: 'DESKHOOKS_BATCH_BODY_LIMIT_BYTES', key: 'batchBodyLimitBytes', default: 5 * 1024 * 1024, minimum: 1024, maximum: 64 * 1024 * 1024 },
  { env: 'DESKHOOKS_DELIVERY_TIMEOUT_MS', key: 'deliveryTimeoutMs', default: 15000, minimum: 100, maximum: 300000 },
  { env: 'DESKHOOKS_CONNECT_TIMEOUT_MS', key: 'connectTimeoutMs', default: 5000, minimum: 100, maximum: 60000 },
  { env: 'DESKHOOKS_MAX_RESPONSE_BYTES', key: 'maxResponseBytes', default: 65536, minimum: 0, maximum: 10 * 1024 * 1024 },
  { env: 'DESKHOOKS_WORKER_CONCURRENCY', key: 'workerConcurrency', default: 32, minimum: 1, maximum: 1024 },
  { env: 'DESKHOOKS_HOOK_MAX_IN_FLIGHT', key: 'hookMaxInFlight', default: 16, minimum: 1, maximum: 1024 },
  { env: 'DESKHOOKS_SHUTDOWN_GRACE_MS', key: 'shutdownGraceMs', default: 0, minimum: 0, maximum: 600000 },
  { env: 'DESKHOOKS_LEASE_MS', key: 'leaseMs', default: 60000, minimum: 1000, maximum: DAY_MS },
  { env: 'DESKHOOKS_BATCH_WINDOW_MS', key: 'batchWindowMs', default: 2000, minimum: 0, maximum: 600000 },
  { env: 'DESKHOOKS_AUTO_DISABLE_AFTER_MS', key: 'autoDisableAfterMs', default: 5 * DAY_MS, minimum: 0, maximum: 365 * DAY_MS },
  { env: 'DESKHOOKS_RETENTION_DAYS', key: 'retentionDays', default: 30, minimum: 1, maximum: 3650 },
  { env: 'DESKHOOKS_INSPECTOR_CAPTURES', key: 'inspectorCaptures', default: 100, minimum: 1, maximum: 1000 },
  { env: 'DESKHOOKS_STREAM_KEEPALIVE_MS', key: 'streamKeepaliveMs', default: 15000, minimum: 100, maximum: 300000 },
  { env: 'DESKHOOKS_AGENT_LOOKUP_BUDGET_MS', key: 'agentLookupBudgetMs', default: 5000, minimum: 100, maximum: 60000 },
  { env: 'PG_POOL_MAX', key: 'pgPoolMax', default: 10, minimum: 1, maximum: 1000 },
  { env: 'PG_CONNECT_TIMEOUT_MS', key: 'pgConnectTimeoutMs', default: 5000, minimum: 100, maximum: 120000 },
  { env: 'DESKHOOKS_SQLITE_BUSY_TIMEOUT_MS', key: 'sqliteBusyTimeoutMs', default: 200, minimum: 0, maximum: 5000 },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The whole config, checked by one schema so every bad setting is reported at once. */
const CONFIG_SCHEMA = {
  type: 'object',
  required: ['port', 'publicUrl', 'databaseUrl', 'logLevel', 'nodeId'],
  properties: {
    ...Object.fromEntries(
      INT_SETTINGS.map((s) => [s.key, { type: 'integer', minimum: s.minimum, maximum: s.maximum }]),
    ),
    publicUrl: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$' },
    databaseUrl: { type: 'string', minLength: 1 },
    apiKey: { type: ['string', 'null'], minLength: 16, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' },
    adminKey: { type: ['string', 'null'], minLength: 16, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' },
    allowInsecureTargets: { type: 'boolean' },
    logLevel: { enum: LOG_LEVELS },
    nodeId: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

const ENV_OF: Record<string, string> = {
  ...Object.fromEntries(INT_SETTINGS.map((s) => [s.key, s.env])),
  publicUrl: 'PUBLIC_URL',
  databaseUrl: 'DATABASE_URL',
  apiKey: 'DESKHOOKS_API_KEY',
  adminKey: 'DESKHOOKS_ADMIN_KEY',
  allowInsecureTargets: 'DESKHOOKS_ALLOW_INSECURE_TARGETS',
  logLevel: 'LOG_LEVEL',
  nodeId: 'DESKHOOKS_NODE_ID',
};

const validateConfig = new Ajv2020({ allErrors: true, strict: true }).compile(CONFIG_SCHEMA);

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

/**
 * Reads and validates the configuration once. Throws a ConfigError listing every bad variable
 * (main.ts prints it and exits non-zero). `overrides` (tests) win over the environment.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};

  for (const setting of INT_SETTINGS) {
    const text = env[setting.env];
    if (blank(text)) {
      raw[setting.key] = setting.default;
    } else if (/^\s*-?\d+\s*$/.test(text)) {
      raw[setting.key] = Number(text);
    } else {
      problems.push(`${setting.env} must be an integer, got ${JSON.stringify(text)}`);
    }
  }

  const insecure = env.DESKHOOKS_ALLOW_INSECURE_TARGETS;
  if (blank(insecure) || insecure === '0' || insecure === 'false') raw.allowInsecureTargets = false;
  else if (insecure === '1' || insecure === 'true') raw.allowInsecureTargets = true;
  else problems.push(`DESKHOOKS_ALLOW_INSECURE_TARGETS must be 1 or 0, got ${JSON.stringify(insecure)}`);

  raw.databaseUrl = blank(env.DATABASE_URL) ? './data/deskhooks.db' : env.DATABASE_URL!.trim();
  raw.apiKey = blank(env.DESKHOOKS_API_KEY) ? null : env.DESKHOOKS_API_KEY;
  raw.adminKey = blank(env.DESKHOOKS_ADMIN_KEY) ? null : env.DESKHOOKS_ADMIN_KEY;
  raw.logLevel = blank(env.LOG_LEVEL) ? 'info' : env.LOG_LEVEL!.trim().toLowerCase();
  raw.nodeId = blank(env.DESKHOOKS_NODE_ID) ? `${os.hostname()}-${process.pid}` : env.DESKHOOKS_NODE_ID!.trim();
  // The grace follows the delivery timeout unless set: a deploy must let the slowest attempt finish.
  if (blank(env.DESKHOOKS_SHUTDOWN_GRACE_MS)) raw.shutdownGraceMs = (overrides.deliveryTimeoutMs ?? (raw.deliveryTimeoutMs as number)) + 5000;
  Object.assign(raw, overrides);
  // PUBLIC_URL defaults from the port, so it follows an overridden port too.
  const publicUrl = overrides.publicUrl ?? (blank(env.PUBLIC_URL) ? undefined : env.PUBLIC_URL!.trim());
  raw.publicUrl = (publicUrl ?? `http://localhost:${raw.port ?? 3000}`).replace(/\/+$/, '');

  if (!validateConfig(raw)) {
    for (const error of validateConfig.errors ?? []) {
      const key = error.instancePath.replace(/^\//, '');
      const name = ENV_OF[key] ?? key;
      const value = raw[key];
      const shown = key === 'apiKey' || key === 'adminKey' ? '(hidden)' : JSON.stringify(value);
      problems.push(`${name} ${describe(error.keyword, error.message)}, got ${shown}`);
    }
  }
  if (raw.apiKey && raw.apiKey === raw.adminKey) problems.push('DESKHOOKS_API_KEY and DESKHOOKS_ADMIN_KEY must differ');
  // Parsed outside the schema: the keys are bytes, and a bad one must be named without being shown.
  if (overrides.encryptionKeys === undefined) {
    try {
      raw.encryptionKeys = blank(env.DESKHOOKS_ENCRYPTION_KEY) ? null : parseEncryptionKeys(env.DESKHOOKS_ENCRYPTION_KEY!.trim());
    } catch (error) {
      if (!(error instanceof EncryptionKeyError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return raw as unknown as Config;
}

function describe(keyword: string, message: string | undefined): string {
  if (keyword === 'pattern') return 'has an invalid format';
  return message ?? 'is invalid';
}
