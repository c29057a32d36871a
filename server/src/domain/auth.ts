import type { AppDeps } from '../app-deps';
import type { ApiKeyRecord, TenantRecord } from '../store/store';
import { hashApiKey } from './api-key-secret';
import { ForbiddenError, UnauthorizedError } from './errors';

/** Who is calling: the key, and its tenant (null for admin keys). */
export interface AuthContext {
  key: ApiKeyRecord;
  tenant: TenantRecord | null;
}

/** lastUsedAt is informational; writing it at most once a minute keeps reads from becoming writes. */
const TOUCH_INTERVAL_MS = 60_000;

export async function authenticate(deps: AppDeps, presented: string | undefined): Promise<AuthContext> {
  if (!presented) {
    throw new UnauthorizedError('Send an API key as `Authorization: Bearer <key>` or in the `X-API-Key` header.');
  }
  const key = await deps.store.findApiKeyByHash(hashApiKey(presented));
  if (!key || key.revokedAt !== null) throw new UnauthorizedError('The API key is unknown or has been revoked.');
  let tenant: TenantRecord | null = null;
  if (key.role === 'tenant') {
    tenant = (key.tenantId && (await deps.store.getTenant(key.tenantId))) || null;
    if (!tenant) throw new UnauthorizedError('The API key belongs to no existing tenant.');
  }
  const now = deps.clock.now();
  if (key.lastUsedAt === null || now - key.lastUsedAt >= TOUCH_INTERVAL_MS) {
    deps.store.touchApiKey(key.id, now).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not record API key use'));
  }
  return { key, tenant };
}

/** The caller's tenant; admin keys have none and are refused tenant operations. */
export function requireTenant(auth: AuthContext): TenantRecord {
  if (!auth.tenant) {
    throw new ForbiddenError('This operation acts on a tenant\'s resources and needs a tenant API key; admin keys manage tenants and keys only.');
  }
  return auth.tenant;
}

export function requireAdmin(auth: AuthContext): void {
  if (auth.key.role !== 'admin') throw new ForbiddenError('This operation needs an admin API key.');
}

/** The name recorded as the actor of a change (deletedBy…). */
export function actorName(auth: AuthContext): string {
  return auth.key.name;
}
