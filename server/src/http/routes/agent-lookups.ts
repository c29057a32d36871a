import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as lookups from '../../domain/agent-lookup';
import { tenantIdOf } from '../auth';
import { bodyOf } from '../openapi-validator';

/** The synchronous agent lookup and the answer endpoint for flows that reply later. */
export function agentLookupsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.post('/v1/chats/:chatId/agent-lookup', async (req, res) => {
    res.json(await lookups.lookupAgent(deps, tenantIdOf(res), req.params.chatId, bodyOf<lookups.AgentLookupInput>(req)));
  });

  router.post('/v1/agent-lookups/:lookupId/response', async (req, res) => {
    const { agentId } = bodyOf<{ agentId: string }>(req);
    res.json(await lookups.answerAgentLookup(deps, tenantIdOf(res), req.params.lookupId, agentId));
  });

  return router;
}
