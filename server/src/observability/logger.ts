import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The process logger: JSON lines on stdout (one object per line, ready for any log shipper).
 * Secrets never reach it: request logging records method, path and status only, and API keys,
 * hook secrets and endpoint credentials are redacted wherever they could appear.
 */
export function createLogger(level: pino.LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'deskhooks' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'apiKey',
          'adminKey',
          'key',
          'secret',
          'config.apiKey',
          'config.adminKey',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'hook.secrets',
          'hook.auth',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
