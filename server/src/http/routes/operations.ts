import express from 'express';
import type { AppDeps } from '../../app-deps';
import { ServiceUnavailableError } from '../../domain/errors';
import { servedOpenApiDocument } from '../openapi-document';

const VERSION: string = require('../../../../package.json').version;

/** Health, readiness, metrics and the OpenAPI document: public, no key. */
export function operationsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  // Built on first use: with PORT=0 the public URL is known only once the server listens.
  let document: string | undefined;

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: VERSION });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check: the store does not answer');
      throw new ServiceUnavailableError('The store does not answer.');
    }
    res.json({ status: 'ok', store: deps.store.kind, version: VERSION });
  });

  router.get('/openapi.json', (_req, res) => {
    document ??= JSON.stringify(servedOpenApiDocument(deps.config.publicUrl));
    res.type('application/json').send(document);
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
