import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as events from '../../domain/events';
import { tenantIdOf, tenantOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { BATCH_PATH, PUBLISH_PATH, type PublishBody, acceptedView, batchItemInput, batchView, publishInput } from '../publish-contract';
import { absoluteUrl, pageOf } from '../views';

/** Publishing (the helpdesk) and reading back events as delivered envelopes (Zapier's performList). */
export function eventsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  // The same answers as the fast publish path (http/fast-publish.ts), which serves most publishes
  // before Express; this route serves the rest (and every request the fast path hands over).
  router.post(PUBLISH_PATH, async (req, res) => {
    const result = await events.publishTenantEvent(deps, tenantOf(res), publishInput(bodyOf<PublishBody>(req), req.get('idempotency-key')));
    res.status(202).location(absoluteUrl(deps, `/v1/events/${encodeURIComponent(result.event.id)}`)).json(acceptedView(result));
  });

  router.post(BATCH_PATH, async (req, res) => {
    const { events: items } = bodyOf<{ events: unknown[] }>(req);
    events.checkBatchSize(items.length);
    res.status(200).json(batchView(await events.publishEvents(deps, tenantOf(res), items.map(batchItemInput))));
  });

  router.get('/v1/events', async (req, res) => {
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    const page = await events.listEvents(deps, tenantIdOf(res), { type, ...pageOf(req.query) });
    res.json({ data: page.items.map(events.toEnvelope), nextCursor: page.nextCursor });
  });

  router.get('/v1/events/:eventId', async (req, res) => {
    res.json(events.toEnvelope(await events.getEvent(deps, tenantIdOf(res), req.params.eventId)));
  });

  return router;
}
