/**
 * The brands a tenant uses, for the Brand dropdowns of the Zapier app and the Power Automate connector:
 * every brand its events carry or its hooks are narrowed to. There is no brand registry; brands are
 * whatever the helpdesk publishes.
 */
import type { AppDeps } from '../app-deps';

/** A dropdown has no use for more; a tenant with more brands can still type one in. */
export const MAX_BRANDS = 500;

export async function listBrands(deps: AppDeps, tenantId: string): Promise<Array<{ name: string }>> {
  return (await deps.store.listBrands(tenantId, MAX_BRANDS)).map((name) => ({ name }));
}
