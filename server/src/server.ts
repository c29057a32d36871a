import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type pino from 'pino';
import { type AppDeps, type Clock, systemClock } from './app-deps';
import { createApp } from './app';
import { getCatalog } from './catalog/catalog';
import { type Config, loadConfig } from './config';
import { createDeliveryEngine, type EngineOptions, type RunningEngine } from './delivery/engine';
import { hookDisabledData } from './rules/hook-disabled';
import { bootstrapKeys } from './domain/bootstrap';
import { publishEvent } from './domain/events';
import { withFastPublish } from './http/fast-publish';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { createStore } from './store/create-store';
import { startRetention } from './store/retention';
import type { Store } from './store/store';

export interface StartServerOptions {
  /** The environment to read the configuration from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment (tests). */
  config?: Partial<Config>;
  clock?: Clock;
  logger?: pino.Logger;
  /** false: build the engine but do not start it (tests that drive deliveries themselves). */
  startEngine?: boolean;
  engineOptions?: EngineOptions;
  /** The interface to listen on (default: all). */
  host?: string;
  /** Register Node process metrics (CPU, memory, event loop) in /metrics (default true). */
  processMetrics?: boolean;
}

export interface RunningServer {
  /** Where this process listens, e.g. http://127.0.0.1:41234. */
  url: string;
  port: number;
  config: Config;
  store: Store;
  deps: AppDeps;
  engine: RunningEngine;
  /** The default tenant's key when this start created it (fresh database, no DESKHOOKS_API_KEY); shown once. */
  generatedApiKey: string | null;
  close(): Promise<void>;
}

/** How long close() lets in-flight requests finish before cutting connections. */
const DRAIN_MS = 10_000;

/**
 * Starts deskhooks: configuration (validated once), store (opened and migrated), keys from the
 * environment, the HTTP server and the delivery engine. close() stops in the reverse order.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, options.config);
  const logger = options.logger ?? createLogger(config.logLevel);
  if (config.allowInsecureTargets) {
    logger.warn('DESKHOOKS_ALLOW_INSECURE_TARGETS is on: plain-http and private-address targets are allowed. Never use this in production.');
  }
  if (config.leaseMs <= config.deliveryTimeoutMs) {
    logger.warn(
      { leaseMs: config.leaseMs, deliveryTimeoutMs: config.deliveryTimeoutMs },
      'DESKHOOKS_LEASE_MS is not above DESKHOOKS_DELIVERY_TIMEOUT_MS: a slow attempt can outlive its lease and be sent twice',
    );
  }
  const store = await createStore(config.databaseUrl, {
    pgPoolMax: config.pgPoolMax,
    pgConnectTimeoutMs: config.pgConnectTimeoutMs,
    encryptionKeys: config.encryptionKeys,
    sqliteBusyTimeoutMs: config.sqliteBusyTimeoutMs,
    onWarning: (message) => logger.warn(message),
  });
  let server: http.Server | undefined;
  let engine: RunningEngine | undefined;
  try {
    const base = {
      config,
      store,
      catalog: getCatalog(),
      clock: options.clock ?? systemClock,
      logger,
      metrics: createMetrics({ defaultMetrics: options.processMetrics ?? true }),
    };
    engine = createDeliveryEngine(base, options.engineOptions);
    const deps: AppDeps = { ...base, engine };
    // The engine's operational events go through the same publish use case as the API's.
    engine.setOperationalEvents({
      hookDisabled: async (hook, reason, facts) => {
        await publishEvent(deps, hook.tenantId, {
          type: 'hook.disabled',
          data: hookDisabledData(hook, reason, { ...facts, autoDisableAfterMs: config.autoDisableAfterMs, knownTypes: deps.catalog.types }),
        });
      },
    });
    const { generatedApiKey } = await bootstrapKeys(deps);

    // POST /v1/events and /v1/events/batch are served before Express when they can be (http/fast-publish.ts).
    server = http.createServer(withFastPublish(deps, createApp(deps)));
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, options.host, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const { port } = listening.address() as AddressInfo;
    // With PORT=0 the port is known only now; PUBLIC_URL's default follows it.
    if (!options.config?.publicUrl && !env.PUBLIC_URL?.trim()) config.publicUrl = `http://localhost:${port}`;
    if (options.startEngine !== false) engine.start();
    // Every node prunes; batches are small and concurrent prunes skip each other's rows.
    const retention = startRetention({ store, retentionDays: config.retentionDays, now: () => deps.clock.now(), logger });
    const url = `http://${options.host && options.host !== '0.0.0.0' && options.host !== '::' ? hostForUrl(options.host) : 'localhost'}:${port}`;
    logger.info({ url, store: store.kind, nodeId: config.nodeId }, 'deskhooks listening');

    let closing: Promise<void> | undefined;
    const runningEngine = engine;
    return {
      url,
      port,
      config,
      store,
      deps,
      engine: runningEngine,
      generatedApiKey,
      close: () => {
        closing ??= (async () => {
          // Stream consumers hold their responses open: end them, or the HTTP server would wait for them.
          runningEngine.streams().closeAll();
          // The engine drains (attempts in flight finish and are recorded) while the HTTP server
          // finishes its requests: a deploy neither cuts a delivery nor answers a publish halfway.
          await Promise.all([stopListening(listening), retention.stop(), runningEngine.stop()]);
          await store.close();
          logger.info('deskhooks stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    if (server?.listening) await stopListening(server);
    await engine?.stop();
    await store.close();
    throw error;
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Stops accepting connections, lets in-flight requests finish (bounded), then closes what is left. */
function stopListening(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
