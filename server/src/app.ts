import express from 'express';
import type { AppDeps } from './app-deps';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { openApiMiddleware } from './http/openapi-validator';
import { requestLogger } from './http/request-logger';
import { routers } from './http/routes';

/**
 * The Express app: body parsing, OpenAPI validation and authentication at the edge, the routers of
 * http/routes/index.ts, then 404 and the error handler that turns every error into problem+json.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Query strings are parsed flat: `?a[b]=1` is the parameter "a[b]", never an object.
  app.set('query parser', 'simple');

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(requestLogger(deps.logger));
  app.use(express.json({ limit: deps.config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(openApiMiddleware(deps));
  for (const factory of routers) app.use(factory(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
