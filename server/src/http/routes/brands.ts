/** GET /v1/brands: the tenant's brands, for the connectors' Brand dropdowns. */
import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as brands from '../../domain/brands';
import { tenantIdOf } from '../auth';

export function brandsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/v1/brands', async (_req, res) => {
    res.json({ data: await brands.listBrands(deps, tenantIdOf(res)) });
  });
  return router;
}
