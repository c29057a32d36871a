import type { AppDeps } from '../app-deps';
import { hashApiKey } from './api-key-secret';
import { createApiKeyRecord } from './accounts';

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
 *
 * Several nodes may start at once on an empty database, so every write here is "insert, and if that
 * fails because another node inserted the same row first, re-read and use theirs": exactly one node
 * creates the default tenant (and prints its generated key); the others start normally.
 */
export async function bootstrapKeys(deps: AppDeps): Promise<BootstrapResult> {
  const { config, store } = deps;
  let generatedApiKey: string | null = null;

  if (config.apiKey) {
    await ensureDefaultTenant(deps);
    await ensureEnvKey(deps, DEFAULT_TENANT_ID, ENV_API_KEY_NAME, config.apiKey);
  } else if ((await store.listTenants({ limit: 1 })).items.length === 0) {
    if (await ensureDefaultTenant(deps)) {
      generatedApiKey = (await createApiKeyRecord(deps, { tenantId: DEFAULT_TENANT_ID, name: 'default' })).key;
    }
  }
  if (config.adminKey) await ensureEnvKey(deps, null, ENV_ADMIN_KEY_NAME, config.adminKey);
  return { generatedApiKey };
}

/** Creates the default tenant unless it exists; true when this call created it. */
async function ensureDefaultTenant(deps: AppDeps): Promise<boolean> {
  const { store } = deps;
  if (await store.getTenant(DEFAULT_TENANT_ID)) return false;
  try {
    await store.createTenant({ id: DEFAULT_TENANT_ID, name: DEFAULT_TENANT_NAME, webhooksEnabled: true, liveChatAppId: null, createdAt: deps.clock.now() });
    return true;
  } catch (error) {
    // Each store words its unique-key violation differently; the row being there now is what counts.
    if (await store.getTenant(DEFAULT_TENANT_ID)) return false;
    throw error;
  }
}

async function ensureEnvKey(deps: AppDeps, tenantId: string | null, name: string, key: string): Promise<void> {
  const { store } = deps;
  const hash = hashApiKey(key);
  let existing = await store.findApiKeyByHash(hash);
  if (!existing) {
    try {
      await createApiKeyRecord(deps, { tenantId, name, key });
    } catch (error) {
      // Another node starting with the same variable stored it first: check theirs like an old one.
      existing = await store.findApiKeyByHash(hash);
      if (!existing) throw error;
    }
  }
  if (existing) {
    if (existing.tenantId !== tenantId) {
      throw new Error(`${name} is already in use by another ${existing.role} key; choose a different value`);
    }
    if (existing.revokedAt !== null) {
      throw new Error(`${name} was revoked through the API; set a new value`);
    }
  }
  // Keys an earlier value of the variable created stop working.
  for (const previous of await store.listApiKeys(tenantId)) {
    if (previous.name === name && previous.hash !== hash && previous.revokedAt === null && previous.tenantId === tenantId) {
      await store.revokeApiKey(tenantId, previous.id, deps.clock.now());
    }
  }
}
