/**
 * `npm start`: starts deskhooks with the configuration from the environment, prints where it is,
 * and stops gracefully on SIGTERM/SIGINT.
 */
import { ConfigError } from './config';
import { type RunningServer, startServer } from './server';
import { StoreConfigError } from './store/create-store';

async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await startServer();
  } catch (error) {
    // Operator mistakes get a message, not a stack trace.
    if (error instanceof ConfigError || error instanceof StoreConfigError || (error as Error | undefined)?.name === 'DatabaseUnreachableError') {
      process.stderr.write(`deskhooks: ${(error as Error).message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const base = running.config.publicUrl;
  const lines = [
    '',
    `deskhooks is running on ${running.store.kind === 'sqlite' ? `SQLite (${running.config.databaseUrl})` : 'PostgreSQL'}`,
    `  API:      ${base}/v1`,
    `  Docs:     ${base}/docs`,
    `  OpenAPI:  ${base}/openapi.json`,
    `  Admin:    ${base}/admin`,
  ];
  if (running.generatedApiKey) {
    lines.push(
      '',
      'First start: created the "Default" tenant. Its API key (shown only this once, store it now):',
      '',
      `  ${running.generatedApiKey}`,
      '',
      'Use it as `Authorization: Bearer <key>`. Set DESKHOOKS_API_KEY to choose the key yourself.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": attempts still in flight are cut and sent again after restart.
      running.deps.logger.warn({ signal }, 'second signal: stopping at once');
      process.exit(1);
    }
    stopping = true;
    running.deps.logger.info(
      { signal, graceMs: running.config.shutdownGraceMs },
      'shutting down: claiming nothing more, letting deliveries in flight finish',
    );
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.deps.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`deskhooks failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
