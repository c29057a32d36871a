/**
 * Streamed delivery over server-sent events (issue #18): GET /v1/hooks/{id}/stream holds the response
 * open and writes each delivery as an event; POST …/stream/acks settles one. Keepalive comments keep
 * proxies from closing an idle stream.
 */
import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as streams from '../../domain/streams';
import { sseEvent } from '../../outbound/stream-hub';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';

export function streamsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/hooks/:hookId/stream', async (req, res) => {
    const tenantId = tenantIdOf(res);
    const { hook, hub } = await streams.streamableHook(deps, tenantId, req.params.hookId);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the events.
      'X-Accel-Buffering': 'no',
    });
    res.write(sseEvent('ready', { hookId: hook.id }));
    let open = true;
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), deps.config.streamKeepaliveMs);
    keepalive.unref();
    const disconnect = hub.connect(tenantId, hook.id, {
      write: (chunk) => {
        if (open) res.write(chunk);
      },
      end: () => {
        if (open) res.end();
      },
    });
    deps.logger.info({ tenantId, hookId: hook.id }, 'stream consumer connected');
    res.on('close', () => {
      open = false;
      clearInterval(keepalive);
      disconnect();
      deps.logger.info({ tenantId, hookId: hook.id }, 'stream consumer disconnected');
    });
  });

  router.post('/v1/hooks/:hookId/stream/acks', async (req, res) => {
    await streams.acknowledge(deps, tenantIdOf(res), req.params.hookId, bodyOf<streams.AckInput>(req));
    res.status(204).end();
  });

  return router;
}
