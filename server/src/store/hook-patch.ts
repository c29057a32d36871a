/**
 * Hook patches as both stores apply them with attempts: the common case, an attempt that only
 * records the hook's last delivery (and starts or ends a run of failures), has a cheap dedicated
 * statement in each dialect; any other patch goes through the general hook update.
 */
import type { HookRecord } from './store';

export type HookPatch = Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>;

/** A patch that only records the last delivery (and perhaps starts or ends a failure run). */
export function isDeliveryStatePatch(patch: HookPatch): boolean {
  return 'lastDelivery' in patch && Object.keys(patch).every((key) => key === 'lastDelivery' || key === 'failingSince');
}

export interface PendingHookPatch {
  tenantId: string;
  hookId: string;
  patch: HookPatch;
}

/** Adds an attempt's hook patch to those of its commit: merged per hook in input order, so each hook is written once. */
export function addHookPatch(patches: Map<string, PendingHookPatch>, tenantId: string, hookId: string, patch: HookPatch | undefined): void {
  if (!patch || Object.keys(patch).length === 0) return;
  const key = `${tenantId}\u0000${hookId}`;
  const merged = patches.get(key);
  if (merged) Object.assign(merged.patch, patch);
  else patches.set(key, { tenantId, hookId, patch: { ...patch } });
}
