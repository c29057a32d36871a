import type express from 'express';
import type { AppDeps } from '../../app-deps';
import { createAdminRouter } from '../../admin/admin-router';
import { createDocsRouter } from '../../admin/docs-router';
import { accountRouter } from './account';
import { agentLookupsRouter } from './agent-lookups';
import { brandsRouter } from './brands';
import { capturesRouter } from './captures';
import { streamsRouter } from './streams';
import { customEventTypesRouter } from './custom-event-types';
import { deliveriesRouter } from './deliveries';
import { eventsRouter } from './events';
import { hooksRouter } from './hooks';
import { operationsRouter } from './operations';
import { triggersRouter } from './triggers';

export type RouterFactory = (deps: AppDeps) => express.Router;

/**
 * Every router of the app, in mounting order, in this one list: add yours with a one-line edit.
 * Routers declare full paths (`/v1/hooks/:hookId`), so order only matters between overlapping paths.
 */
export const routers: RouterFactory[] = [
  operationsRouter,
  accountRouter,
  triggersRouter,
  customEventTypesRouter,
  hooksRouter,
  capturesRouter,
  streamsRouter,
  eventsRouter,
  brandsRouter,
  deliveriesRouter,
  agentLookupsRouter,
  createAdminRouter,
  createDocsRouter,
];
