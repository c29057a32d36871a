import express from 'express';
import type { AppDeps } from '../../app-deps';
import * as accounts from '../../domain/accounts';
import { requireAdmin } from '../../domain/auth';
import { authOf, tenantOf } from '../auth';
import { bodyOf } from '../openapi-validator';
import { absoluteUrl, apiKeyView, pageOf, tenantView } from '../views';

/** Who am I, tenants (admin), API keys and the tenant's webhook switch. */
export function accountRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get('/v1/me', (_req, res) => {
    const { key, tenant } = authOf(res);
    res.json({ tenant: tenant && tenantView(tenant), key: { id: key.id, name: key.name, role: key.role, prefix: key.prefix } });
  });

  router.get('/v1/tenants', async (req, res) => {
    const page = await accounts.listTenants(deps, authOf(res), pageOf(req.query));
    res.json({ data: page.items.map(tenantView), nextCursor: page.nextCursor });
  });

  router.post('/v1/tenants', async (req, res) => {
    requireAdmin(authOf(res));
    const body = bodyOf<{ name: string; keyName?: string }>(req);
    const { tenant, apiKey } = await accounts.createTenant(deps, { name: body.name, keyName: body.keyName });
    res
      .status(201)
      .location(absoluteUrl(deps, `/v1/tenants/${encodeURIComponent(tenant.id)}`))
      .json({ tenant: tenantView(tenant), apiKey: { ...apiKeyView(apiKey.record), key: apiKey.key } });
  });

  router.get('/v1/tenants/:tenantId', async (req, res) => {
    res.json(tenantView(await accounts.getTenant(deps, authOf(res), req.params.tenantId)));
  });

  router.get('/v1/api-keys', async (req, res) => {
    const tenantId = typeof req.query.tenantId === 'string' ? req.query.tenantId : undefined;
    const keys = await accounts.listApiKeys(deps, authOf(res), tenantId);
    res.json({ data: keys.map(apiKeyView) });
  });

  router.post('/v1/api-keys', async (req, res) => {
    const body = bodyOf<{ name: string; tenantId?: string }>(req);
    const created = await accounts.createApiKey(deps, authOf(res), body);
    res
      .status(201)
      .location(absoluteUrl(deps, `/v1/api-keys/${encodeURIComponent(created.record.id)}`))
      .json({ ...apiKeyView(created.record), key: created.key });
  });

  router.delete('/v1/api-keys/:keyId', async (req, res) => {
    await accounts.revokeApiKey(deps, authOf(res), req.params.keyId);
    res.status(204).end();
  });

  router.get('/v1/settings', (_req, res) => {
    const tenant = tenantOf(res);
    res.json({ webhooksEnabled: tenant.webhooksEnabled, liveChatAppId: tenant.liveChatAppId });
  });

  router.patch('/v1/settings', async (req, res) => {
    const tenant = await accounts.updateSettings(deps, authOf(res), bodyOf<accounts.SettingsPatch>(req));
    res.json({ webhooksEnabled: tenant.webhooksEnabled, liveChatAppId: tenant.liveChatAppId });
  });

  return router;
}
