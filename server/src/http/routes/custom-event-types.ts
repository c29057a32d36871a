import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as custom from '../../domain/custom-event-types';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { absoluteUrl, customEventTypeView } from '../views';

export function customEventTypesRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/custom-event-types', async (_req, res) => {
    const records = await deps.store.listCustomEventTypes(tenantIdOf(res));
    res.json({ data: records.map(customEventTypeView) });
  });

  router.put('/v1/custom-event-types/:type', async (req, res) => {
    const { type } = req.params;
    const body = bodyOf<{ description?: string; schema: Record<string, unknown>; sample: Record<string, unknown> }>(req);
    const { record, created } = await custom.putCustomEventType(deps, tenantIdOf(res), type, body);
    if (created) res.status(201).location(absoluteUrl(deps, `/v1/custom-event-types/${type}`));
    res.json(customEventTypeView(record));
  });

  router.get('/v1/custom-event-types/:type', async (req, res) => {
    res.json(customEventTypeView(await custom.getCustomEventType(deps, tenantIdOf(res), req.params.type)));
  });

  router.delete('/v1/custom-event-types/:type', async (req, res) => {
    await custom.deleteCustomEventType(deps, tenantIdOf(res), req.params.type);
    res.status(204).end();
  });

  return router;
}
