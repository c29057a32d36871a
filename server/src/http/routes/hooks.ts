import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as hooks from '../../domain/hooks';
import type { HookStatus } from '../../store/store';
import { authOf, tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { absoluteUrl, hookSecretsView, hookView, pageOf } from '../views';

/** Subscriptions (REST hooks). Deliveries, test and recover live in deliveries.ts. */
export function hooksRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/hooks', async (req, res) => {
    const page = await hooks.listHooks(deps, tenantIdOf(res), {
      deleted: false,
      status: req.query.status as HookStatus | undefined,
      event: req.query.event as string | undefined,
      brand: req.query.brand as string | undefined,
      ...pageOf(req.query),
    });
    res.json({ data: page.items.map(hookView), nextCursor: page.nextCursor });
  });

  router.post('/v1/hooks', async (req, res) => {
    const hook = await hooks.createHook(deps, tenantIdOf(res), bodyOf<hooks.HookInput & { url: string; events: string[] }>(req));
    res
      .status(201)
      .location(absoluteUrl(deps, `/v1/hooks/${hook.id}`))
      .json({ ...hookView(hook), secret: hook.secrets[0].secret });
  });

  // Before /v1/hooks/:hookId, which would otherwise take "deleted" for an id.
  router.get('/v1/hooks/deleted', async (req, res) => {
    const page = await hooks.listHooks(deps, tenantIdOf(res), { deleted: true, ...pageOf(req.query) });
    res.json({ data: page.items.map(hookView), nextCursor: page.nextCursor });
  });

  router.get('/v1/hooks/:hookId', async (req, res) => {
    res.json(hookView(await hooks.getHook(deps, tenantIdOf(res), req.params.hookId)));
  });

  router.patch('/v1/hooks/:hookId', async (req, res) => {
    res.json(hookView(await hooks.updateHook(deps, tenantIdOf(res), req.params.hookId, bodyOf<hooks.HookInput>(req))));
  });

  router.delete('/v1/hooks/:hookId', async (req, res) => {
    const reason = typeof req.query.reason === 'string' ? req.query.reason : undefined;
    await hooks.deleteHook(deps, authOf(res), tenantIdOf(res), req.params.hookId, reason);
    res.status(204).end();
  });

  router.post('/v1/hooks/:hookId/activate', async (req, res) => {
    res.json(hookView(await hooks.activateHook(deps, tenantIdOf(res), req.params.hookId)));
  });

  router.post('/v1/hooks/:hookId/deactivate', async (req, res) => {
    res.json(hookView(await hooks.deactivateHook(deps, tenantIdOf(res), req.params.hookId)));
  });

  router.post('/v1/hooks/:hookId/restore', async (req, res) => {
    res.json(hookView(await hooks.restoreHook(deps, tenantIdOf(res), req.params.hookId)));
  });

  router.get('/v1/hooks/:hookId/secret', async (req, res) => {
    res.json(hookSecretsView(await hooks.getHookSecrets(deps, tenantIdOf(res), req.params.hookId)));
  });

  router.post('/v1/hooks/:hookId/secret/rotate', async (req, res) => {
    const { overlapSeconds } = bodyOf<{ overlapSeconds?: number }>(req);
    res.json(hookSecretsView(await hooks.rotateHookSecret(deps, tenantIdOf(res), req.params.hookId, overlapSeconds)));
  });

  return router;
}
