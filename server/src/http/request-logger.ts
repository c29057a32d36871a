import type { RequestHandler } from 'express';
import type pino from 'pino';

/** One line per request: method, path (no query string, no headers: keys never reach the log), status, time. */
export function requestLogger(logger: pino.Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: HEAD is served as GET further on.
    const { method } = req;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      logger[level]({ method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
