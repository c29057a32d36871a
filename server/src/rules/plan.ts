/**
 * Which hooks an accepted event goes to. Called by the store inside the appendEvent transaction
 * with the candidate hooks it found through its index (tenant, type or `*`, brand, active), so the
 * cost grows with the matching hooks only; the filter is the last, per-hook test.
 */
import type { DeliveryRecord, HookFormat, HookRecord } from '../store/store';
import { prefixedId } from '../domain/ids';
import { cachedFilter } from './filter';

/** `msg_…`: also the `webhook-id` header of every attempt of the delivery. */
export const newDeliveryId = (now?: number): string => prefixedId('msg', now);

export interface PlanEnvelope {
  id: string;
  type: string;
  brand?: string | null;
  test?: boolean;
  data?: unknown;
}

export interface PlanConfig {
  /** How long a `batch` hook collects events before one request carries them all. */
  batchWindowMs: number;
}

/** True when the hook takes this envelope: subscribed type, brand, and filter. */
export function hookMatches(hook: HookRecord, envelope: PlanEnvelope): boolean {
  if (hook.deletedAt !== null || hook.status !== 'active') return false;
  if (!hook.events.includes('*') && !hook.events.includes(envelope.type)) return false;
  if (hook.brand !== null && hook.brand !== (envelope.brand ?? null)) return false;
  // hook.disabled about a hook never goes to that same hook (it is the one that stopped listening).
  if (envelope.type === 'hook.disabled' && (envelope.data as { hook?: { id?: string } } | undefined)?.hook?.id === hook.id) return false;
  return hook.filter === null || cachedFilter(hook.filter).matches(envelope);
}

/** Formats whose deliveries wait for the batch window and leave together, several events a request. */
export function isBatchFormat(format: HookFormat): boolean {
  return format === 'batch' || format === 'deskdirector';
}

/**
 * When a batch hook's delivery is due: the end of the current window, with windows aligned on the
 * clock, so every event of one window shares one due time and leaves in one request.
 */
export function batchDueAt(now: number, windowMs: number): number {
  return windowMs > 0 ? (Math.floor(now / windowMs) + 1) * windowMs : now;
}

/** A new delivery of one event to one hook, due at `dueAt`, with no attempt yet. */
export function pendingDelivery(input: { hook: Pick<HookRecord, 'id' | 'tenantId'>; eventId: string; eventType: string; dueAt: number; test: boolean; now: number }): DeliveryRecord {
  return {
    id: newDeliveryId(input.now),
    tenantId: input.hook.tenantId,
    hookId: input.hook.id,
    eventId: input.eventId,
    eventType: input.eventType,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: input.dueAt,
    lastAttemptAt: null,
    lastResponseStatus: null,
    lastError: null,
    cancelReason: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    test: input.test,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export function planDeliveries(envelope: PlanEnvelope, candidates: HookRecord[], now: number, config: PlanConfig): DeliveryRecord[] {
  const deliveries: DeliveryRecord[] = [];
  for (const hook of candidates) {
    if (!hookMatches(hook, envelope)) continue;
    deliveries.push(
      pendingDelivery({
        hook,
        eventId: envelope.id,
        eventType: envelope.type,
        dueAt: isBatchFormat(hook.format) ? batchDueAt(now, config.batchWindowMs) : now,
        test: envelope.test === true,
        now,
      }),
    );
  }
  return deliveries;
}
