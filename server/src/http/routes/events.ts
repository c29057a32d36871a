import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as events from '../../domain/events';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { absoluteUrl, pageOf } from '../views';

interface PublishBody {
  type: string;
  data: Record<string, unknown>;
  brand?: string | null;
  id?: string;
  timestamp?: string;
}

/** Publishing (the helpdesk) and reading back events as delivered envelopes (Zapier's performList). */
export function eventsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.post('/v1/events', async (req, res) => {
    const body = bodyOf<PublishBody>(req);
    const result = await events.publishTenantEvent(deps, tenantIdOf(res), {
      type: body.type,
      data: body.data,
      brand: body.brand,
      id: body.id,
      idempotencyKey: req.get('idempotency-key'),
      timestamp: body.timestamp === undefined ? undefined : Date.parse(body.timestamp),
    });
    res
      .status(202)
      .location(absoluteUrl(deps, `/v1/events/${encodeURIComponent(result.event.id)}`))
      .json({ id: result.event.id, type: result.event.type, deliveries: result.event.deliveryCount, duplicate: result.duplicate });
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
