import type { AppDeps } from '../app-deps';
import { hashApiKey } from './api-key-secret';
import { createApiKeyRecord, createTenant } from './accounts';

/** The tenant `npm start` creates on a fresh database, and that DESKHOOKS_API_KEY belongs to. */
export const DEFAULT_TENANT_ID = 'ten_default';
export const DEFAULT_TENANT_NAME = 'Default';
const ENV_API_KEY_NAME = 'DESKHOOKS_API_KEY';
const ENV_ADMIN_KEY_NAME = 'DESKHOOKS_ADMIN_KEY';

export interface BootstrapResult {
  /** Set only when this start created the default tenant with a generated key: print it once. */
  generatedApiKey: string | null;
}

/**
 * Makes the keys the environment names exist (so scripts and tests know them), and on a fresh
 * database without DESKHOOKS_API_KEY creates the default tenant with a generated key. A key from
 * the environment replaces the one a previous value created (that one is revoked), so changing the
 * variable rotates the key.
 */
export async function bootstrapKeys(deps: AppDeps): Promise<BootstrapResult> {
  const { config, store } = deps;
  let generatedApiKey: string | null = null;

  if (config.apiKey) {
    await ensureDefaultTenant(deps);
    await ensureEnvKey(deps, DEFAULT_TENANT_ID, ENV_API_KEY_NAME, config.apiKey);
  } else if ((await store.listTenants({ limit: 1 })).items.length === 0) {
    const { apiKey } = await createTenant(deps, { id: DEFAULT_TENANT_ID, name: DEFAULT_TENANT_NAME, keyName: 'default' });
    generatedApiKey = apiKey.key;
  }
  if (config.adminKey) await ensureEnvKey(deps, null, ENV_ADMIN_KEY_NAME, config.adminKey);
  return { generatedApiKey };
}

async function ensureDefaultTenant(deps: AppDeps): Promise<void> {
  if (await deps.store.getTenant(DEFAULT_TENANT_ID)) return;
  await deps.store.createTenant({ id: DEFAULT_TENANT_ID, name: DEFAULT_TENANT_NAME, webhooksEnabled: true, createdAt: deps.clock.now() });
}

async function ensureEnvKey(deps: AppDeps, tenantId: string | null, name: string, key: string): Promise<void> {
  const { store } = deps;
  const hash = hashApiKey(key);
  const existing = await store.findApiKeyByHash(hash);
  if (existing) {
    if (existing.tenantId !== tenantId) {
      throw new Error(`${name} is already in use by another ${existing.role} key; choose a different value`);
    }
    if (existing.revokedAt !== null) {
      throw new Error(`${name} was revoked through the API; set a new value`);
    }
  } else {
    await createApiKeyRecord(deps, { tenantId, name, key });
  }
  // Keys an earlier value of the variable created stop working.
  for (const previous of await store.listApiKeys(tenantId)) {
    if (previous.name === name && previous.hash !== hash && previous.revokedAt === null && previous.tenantId === tenantId) {
      await store.revokeApiKey(tenantId, previous.id, deps.clock.now());
    }
  }
}
