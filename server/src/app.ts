import express from 'express';
import type { AppDeps } from './app-deps';
import { refuseDeepBodies } from './http/body-depth';
import { refuseUnstorableParameters, refuseUnstorableText } from './http/unstorable-text';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { openApiMiddleware } from './http/openapi-validator';
import { BATCH_PATH } from './http/publish-contract';
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
  // HEAD is GET without the body (RFC 9110; load balancers probe /healthz with it), but the validator
  // knows only the document's GETs. Node already decided, from the original method, to send no body.
  app.use((req, _res, next) => {
    if (req.method === 'HEAD') req.method = 'GET';
    next();
  });
  const jsonTypes = ['application/json', 'application/*+json'];
  // A batch holds up to 1,000 events: its own, larger limit (the general parser then finds the body read).
  app.use(BATCH_PATH, express.json({ limit: deps.config.batchBodyLimitBytes, type: jsonTypes }));
  app.use(express.json({ limit: deps.config.bodyLimitBytes, type: jsonTypes }));
  app.use(refuseDeepBodies);
  app.use(refuseUnstorableText);
  app.use(openApiMiddleware(deps));
  app.use(refuseUnstorableParameters);
  for (const factory of routers) app.use(factory(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
