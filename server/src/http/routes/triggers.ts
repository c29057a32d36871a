import express from 'express';
import { localRefResolver, toSwagger2Schema } from '../../catalog/swagger2-schema';
import type { AppDeps } from '../../app-deps';
import * as events from '../../domain/events';
import * as hooks from '../../domain/hooks';
import * as triggers from '../../domain/triggers';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { absoluteUrl, hookView } from '../views';

/** The trigger catalog plus the tenant's custom types, and the per-trigger subscribe operation. */
export function triggersRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/triggers', async (req, res) => {
    const group = req.query.group as triggers.TriggerSummary['group'] | undefined;
    res.json({ data: await triggers.listTriggers(deps, tenantIdOf(res), group) });
  });

  router.get('/v1/triggers/:type', async (req, res) => {
    res.json(await triggers.getTrigger(deps, tenantIdOf(res), req.params.type));
  });

  router.get('/v1/triggers/:type/schema', async (req, res) => {
    const schema = await triggers.getTriggerSchema(deps, tenantIdOf(res), req.params.type);
    if (req.query.format === 'swagger2') {
      // The Power Automate connector's dynamic schemas: Swagger 2.0 (x-nullable, no type arrays or const).
      res.json(toSwagger2Schema(schema, { resolveRef: localRefResolver(schema) }).schema);
      return;
    }
    // Schema-aware clients may ask for application/schema+json; everyone else gets plain JSON.
    const type = req.accepts(['application/json', 'application/schema+json']) || 'application/json';
    res.type(type).send(JSON.stringify(schema));
  });

  router.get('/v1/triggers/:type/sample', async (req, res) => {
    res.json(await triggers.getTriggerSample(deps, tenantIdOf(res), req.params.type));
  });

  // Power Automate needs one subscribe path per trigger (Swagger 2.0), and Zapier calls it too.
  router.post('/v1/triggers/:type/hooks', async (req, res) => {
    const tenantId = tenantIdOf(res);
    const { type } = req.params;
    await triggers.resolveTrigger(deps, tenantId, type);
    const hook = await hooks.createHook(deps, tenantId, { ...bodyOf<hooks.HookInput & { url: string }>(req), events: [type] });
    res
      .status(201)
      .location(absoluteUrl(deps, `/v1/hooks/${hook.id}`))
      .json({ ...hookView(hook), secret: hook.secrets[0].secret });
  });

  // Publishing with the type in the path: the Power Automate action's `data` inputs follow the chosen type.
  router.post('/v1/triggers/:type/events', async (req, res) => {
    const tenantId = tenantIdOf(res);
    const { type } = req.params;
    await triggers.resolveTrigger(deps, tenantId, type);
    const body = bodyOf<{ data: Record<string, unknown>; brand?: string | null; id?: string; timestamp?: string }>(req);
    // The same rules as POST /v1/events: caller ids, reserved types, replays with other data.
    const result = await events.publishTenantEvent(deps, tenantId, {
      type,
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

  return router;
}
