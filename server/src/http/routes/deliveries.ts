import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as deliveries from '../../domain/deliveries';
import { toEnvelope } from '../../domain/events';
import type { DeliveryStatus, RecoverableStatus } from '../../store/store';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { attemptView, deliveryView, pageOf } from '../views';

const statusOf = (query: Record<string, unknown>) => query.status as DeliveryStatus | undefined;

/** Failure logs, attempts, redelivery, recovery and test deliveries. */
export function deliveriesRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/deliveries', async (req, res) => {
    const page = await deliveries.listDeliveries(deps, tenantIdOf(res), {
      status: statusOf(req.query),
      hookId: typeof req.query.hookId === 'string' ? req.query.hookId : undefined,
      eventType: typeof req.query.eventType === 'string' ? req.query.eventType : undefined,
      ...pageOf(req.query),
    });
    res.json({ data: page.items.map(deliveryView), nextCursor: page.nextCursor });
  });

  router.get('/v1/deliveries/:deliveryId', async (req, res) => {
    const detail = await deliveries.getDelivery(deps, tenantIdOf(res), req.params.deliveryId);
    res.json({
      ...deliveryView(detail.delivery),
      attemptLog: detail.attempts.map(attemptView),
      ...(detail.event ? { event: toEnvelope(detail.event) } : {}),
    });
  });

  router.post('/v1/deliveries/:deliveryId/redeliver', async (req, res) => {
    res.status(202).json(deliveryView(await deliveries.redeliver(deps, tenantIdOf(res), req.params.deliveryId)));
  });

  router.get('/v1/hooks/:hookId/deliveries', async (req, res) => {
    const page = await deliveries.listHookDeliveries(deps, tenantIdOf(res), req.params.hookId, { status: statusOf(req.query), ...pageOf(req.query) });
    res.json({ data: page.items.map(deliveryView), nextCursor: page.nextCursor });
  });

  router.post('/v1/hooks/:hookId/recover', async (req, res) => {
    const { since, include } = bodyOf<{ since: string; include?: RecoverableStatus[] }>(req);
    const requeued = await deliveries.recoverHook(deps, tenantIdOf(res), req.params.hookId, Date.parse(since), include);
    res.status(202).json({ requeued });
  });

  router.post('/v1/hooks/:hookId/test', async (req, res) => {
    const { type } = bodyOf<{ type?: string }>(req);
    res.status(202).json(deliveryView(await deliveries.sendTestDelivery(deps, tenantIdOf(res), req.params.hookId, type)));
  });

  return router;
}
