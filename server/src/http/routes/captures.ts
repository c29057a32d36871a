/** The inspector's captures (issue #18): GET/DELETE /v1/hooks/{id}/captures, GET one, POST …/replay. */
import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as captures from '../../domain/captures';
import type { CaptureRecord } from '../../store/store';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { pageOf } from '../views';

export function captureView(capture: CaptureRecord) {
  return {
    id: capture.id,
    hookId: capture.hookId,
    deliveryId: capture.deliveryId,
    attempt: capture.attempt,
    eventIds: capture.eventIds,
    eventTypes: capture.eventTypes,
    capturedAt: new Date(capture.capturedAt).toISOString(),
    request: capture.request,
  };
}

export function capturesRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/hooks/:hookId/captures', async (req, res) => {
    const page = await captures.listCaptures(deps, tenantIdOf(res), req.params.hookId, pageOf(req.query));
    res.json({ data: page.items.map(captureView), nextCursor: page.nextCursor });
  });

  router.delete('/v1/hooks/:hookId/captures', async (req, res) => {
    await captures.clearCaptures(deps, tenantIdOf(res), req.params.hookId);
    res.status(204).end();
  });

  router.get('/v1/hooks/:hookId/captures/:captureId', async (req, res) => {
    res.json(captureView(await captures.getCapture(deps, tenantIdOf(res), req.params.hookId, req.params.captureId)));
  });

  router.post('/v1/hooks/:hookId/captures/:captureId/replay', async (req, res) => {
    const { url } = bodyOf<{ url: string }>(req);
    res.json(await captures.replayCapture(deps, tenantIdOf(res), req.params.hookId, req.params.captureId, url));
  });

  return router;
}
