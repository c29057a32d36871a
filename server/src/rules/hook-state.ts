/**
 * How one attempt changes its hook's own state: the last delivery shown on the hook, the start of a
 * run of failures, auto-disable after failing too long, removal on 410 Gone. Pure: the pipeline
 * passes the hook as it is now and records the patch with the attempt.
 */
import type { HookRecord } from '../store/store';
import type { AttemptVerdict } from './outcome';

export type HookPatch = Partial<Omit<HookRecord, 'id' | 'tenantId' | 'createdAt'>>;

export function lastDeliveryPatch(verdict: AttemptVerdict, deliveryId: string, now: number): HookPatch {
  return { lastDelivery: { deliveryId, status: verdict.status, responseStatus: verdict.responseStatus, at: now } };
}

export interface HookStateInput {
  hook: HookRecord;
  verdict: AttemptVerdict;
  deliveryId: string;
  startedAt: number;
  now: number;
  autoDisableAfterMs: number;
}

/**
 * The patch for a real (non-test) attempt. Success ends a failure run; a failure starts one or, once
 * it has lasted `autoDisableAfterMs`, disables the hook; 410 removes it.
 */
export function hookPatchFor({ hook, verdict, deliveryId, startedAt, now, autoDisableAfterMs }: HookStateInput): HookPatch {
  const patch = lastDeliveryPatch(verdict, deliveryId, now);
  if (verdict.outcome === 'succeeded') {
    if (hook.failingSince !== null) patch.failingSince = null;
    return patch;
  }
  if (hook.deletedAt !== null) return patch;
  if (verdict.gone) {
    Object.assign(patch, { deletedAt: now, deletedBy: 'system', deletedReason: 'gone', disabledReason: 'gone: the receiver answered 410 Gone' });
    return patch;
  }
  const failingSince = hook.failingSince ?? startedAt;
  if (hook.failingSince === null) patch.failingSince = failingSince;
  if (now - failingSince >= autoDisableAfterMs && hook.status === 'active') {
    patch.status = 'disabled';
    patch.failingSince = failingSince;
    patch.disabledReason = `failing: deliveries kept failing since ${new Date(failingSince).toISOString()}`;
  }
  return patch;
}
