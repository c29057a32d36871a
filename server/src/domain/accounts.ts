import type { AppDeps } from '../app-deps';
import type { ApiKeyRecord, Page, PageRequest, TenantRecord } from '../store/store';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key-secret';
import { type AuthContext, requireAdmin, requireTenant } from './auth';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import { newApiKeyId, newTenantId } from './ids';

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The key itself, returned once. */
  key: string;
}

/** Stores a key (given, or generated) for a tenant or, with tenantId null, an admin key. */
export async function createApiKeyRecord(
  deps: AppDeps,
  input: { tenantId: string | null; name: string; key?: string },
): Promise<CreatedApiKey> {
  const key = input.key ?? generateApiKey();
  const record: ApiKeyRecord = {
    id: newApiKeyId(deps.clock.now()),
    tenantId: input.tenantId,
    name: input.name,
    role: input.tenantId === null ? 'admin' : 'tenant',
    prefix: keyPrefix(key),
    hash: hashApiKey(key),
    createdAt: deps.clock.now(),
    revokedAt: null,
    lastUsedAt: null,
  };
  await deps.store.createApiKey(record);
  return { record, key };
}

export async function createTenant(
  deps: AppDeps,
  input: { name: string; keyName?: string; id?: string },
): Promise<{ tenant: TenantRecord; apiKey: CreatedApiKey }> {
  const now = deps.clock.now();
  const tenant: TenantRecord = { id: input.id ?? newTenantId(now), name: input.name, webhooksEnabled: true, liveChatAppId: null, createdAt: now };
  await deps.store.createTenant(tenant);
  const apiKey = await createApiKeyRecord(deps, { tenantId: tenant.id, name: input.keyName ?? 'default' });
  return { tenant, apiKey };
}

export async function listTenants(deps: AppDeps, auth: AuthContext, page: PageRequest): Promise<Page<TenantRecord>> {
  requireAdmin(auth);
  return deps.store.listTenants(page);
}

export async function getTenant(deps: AppDeps, auth: AuthContext, tenantId: string): Promise<TenantRecord> {
  requireAdmin(auth);
  const tenant = await deps.store.getTenant(tenantId);
  if (!tenant) throw new NotFoundError(`No tenant ${tenantId}.`);
  return tenant;
}

/** Which tenant's keys the caller may act on: its own, or (admin) the one it names, or all (admin, none named). */
async function keyScope(deps: AppDeps, auth: AuthContext, tenantId: string | undefined): Promise<string | null> {
  if (auth.key.role === 'admin') {
    if (tenantId === undefined) return null;
    if (!(await deps.store.getTenant(tenantId))) throw new NotFoundError(`No tenant ${tenantId}.`);
    return tenantId;
  }
  const own = requireTenant(auth).id;
  if (tenantId !== undefined && tenantId !== own) throw new ForbiddenError('Only admin keys may act on another tenant\'s keys (`tenantId`).');
  return own;
}

export async function listApiKeys(deps: AppDeps, auth: AuthContext, tenantId?: string): Promise<ApiKeyRecord[]> {
  return deps.store.listApiKeys(await keyScope(deps, auth, tenantId));
}

/** A tenant key creates keys for its tenant; an admin key for `tenantId`, or another admin key without it. */
export async function createApiKey(
  deps: AppDeps,
  auth: AuthContext,
  input: { name: string; tenantId?: string },
): Promise<CreatedApiKey> {
  return createApiKeyRecord(deps, { tenantId: await keyScope(deps, auth, input.tenantId), name: input.name });
}

/** Idempotent: revoking a revoked key succeeds. Keys outside the caller's scope are not found. */
export async function revokeApiKey(deps: AppDeps, auth: AuthContext, keyId: string): Promise<void> {
  const scope = auth.key.role === 'admin' ? null : requireTenant(auth).id;
  if (!(await deps.store.revokeApiKey(scope, keyId, deps.clock.now()))) throw new NotFoundError(`No API key ${keyId}.`);
}

export interface SettingsPatch {
  webhooksEnabled?: boolean;
  liveChatAppId?: string | null;
}

/** The first registered `livechat` hook of the tenant, if any (a rare admin check: reads the hook list). */
async function firstLiveChatHook(deps: AppDeps, tenantId: string): Promise<string | null> {
  let cursor: string | null = null;
  do {
    const page = await deps.store.listHooks({ tenantId, deleted: false, limit: 100, cursor });
    const hook = page.items.find((item) => item.format === 'livechat');
    if (hook) return hook.id;
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}

export async function updateSettings(deps: AppDeps, auth: AuthContext, patch: SettingsPatch): Promise<TenantRecord> {
  const tenant = requireTenant(auth);
  if (patch.liveChatAppId === null) {
    const hookId = await firstLiveChatHook(deps, tenant.id);
    if (hookId) {
      throw new ValidationError('The live-chat appId is in use.', [
        { pointer: '/liveChatAppId', location: 'body', detail: `cannot be removed while livechat format hooks send it (hook ${hookId}); change their format or delete them first` },
      ]);
    }
  }
  const changes: SettingsPatch = {};
  if (patch.webhooksEnabled !== undefined) changes.webhooksEnabled = patch.webhooksEnabled;
  if (patch.liveChatAppId !== undefined) changes.liveChatAppId = patch.liveChatAppId;
  const updated = await deps.store.updateTenant(tenant.id, changes);
  if (!updated) throw new NotFoundError(`No tenant ${tenant.id}.`);
  return updated;
}
