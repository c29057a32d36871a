/**
 * What the deliveries API does: failure logs, one delivery with its attempts, redelivery, recovery
 * of a hook's failed deliveries, and test deliveries. Every call is scoped to the caller's tenant.
 */
import type { AppDeps } from '../app-deps';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { newEventId } from './ids';
import { findTrigger } from './triggers';
import type { AttemptRecord, DeliveryRecord, DeliveryStatus, EventRecord, HookRecord, Page, RecoverableStatus } from '../store/store';
import { pendingDelivery } from '../rules/plan';

export interface DeliveryListQuery {
  status?: DeliveryStatus;
  hookId?: string;
  eventType?: string;
  limit: number;
  cursor?: string | null;
}

export async function listDeliveries(deps: AppDeps, tenantId: string, query: DeliveryListQuery): Promise<Page<DeliveryRecord>> {
  return deps.store.listDeliveries({ ...query, tenantId });
}

async function requireHook(deps: AppDeps, tenantId: string, hookId: string): Promise<HookRecord> {
  const hook = await deps.store.getHook(tenantId, hookId);
  if (!hook) throw new NotFoundError(`No hook ${hookId}.`);
  return hook;
}

function requireLiveHook(hook: HookRecord, action: string): void {
  if (hook.deletedAt !== null) {
    throw new ConflictError(`Hook ${hook.id} is deleted (${hook.deletedReason ?? 'manual'}); restore it before you ${action}.`);
  }
}

export async function listHookDeliveries(deps: AppDeps, tenantId: string, hookId: string, query: Omit<DeliveryListQuery, 'hookId'>): Promise<Page<DeliveryRecord>> {
  await requireHook(deps, tenantId, hookId);
  return deps.store.listDeliveries({ ...query, hookId, tenantId });
}

export interface DeliveryDetail {
  delivery: DeliveryRecord;
  attempts: AttemptRecord[];
  event: EventRecord | undefined;
}

export async function getDelivery(deps: AppDeps, tenantId: string, id: string): Promise<DeliveryDetail> {
  const found = await deps.store.getDelivery(tenantId, id);
  if (!found) throw new NotFoundError(`No delivery ${id}.`);
  const event = await deps.store.getEvent(tenantId, found.delivery.eventId);
  return { ...found, event };
}

/** Queues the delivery again at once with the same id, so the receiver can dedupe on webhook-id. */
export async function redeliver(deps: AppDeps, tenantId: string, id: string): Promise<DeliveryRecord> {
  const found = await deps.store.getDelivery(tenantId, id);
  if (!found) throw new NotFoundError(`No delivery ${id}.`);
  const hook = await requireHook(deps, tenantId, found.delivery.hookId);
  requireLiveHook(hook, 'redeliver to it');
  if (hook.status !== 'active' && !found.delivery.test) {
    throw new ConflictError(`Hook ${hook.id} is ${hook.status}; activate it before you redeliver to it.`);
  }
  const requeued = await deps.store.requeueDelivery(tenantId, id, deps.clock.now());
  if (!requeued) throw new NotFoundError(`No delivery ${id}.`);
  deps.engine.wake();
  deps.logger.info({ tenantId, deliveryId: id, hookId: hook.id }, 'delivery re-queued');
  return requeued;
}

/**
 * Re-queues the hook's deliveries created at or after `since` whose status is in `include`: failed
 * ones by default, and, when asked, the ones cancelled when the hook was disabled, removed or deleted
 * (so a long outage that ended in an auto-disable loses nothing once the receiver is back).
 */
export async function recoverHook(
  deps: AppDeps,
  tenantId: string,
  hookId: string,
  since: number,
  include: RecoverableStatus[] = ['failed'],
): Promise<number> {
  const hook = await requireHook(deps, tenantId, hookId);
  requireLiveHook(hook, 'recover its deliveries');
  if (hook.status !== 'active') throw new ConflictError(`Hook ${hook.id} is ${hook.status}; activate it before you recover its deliveries.`);
  const requeued = await deps.store.requeueFailed(tenantId, hookId, since, deps.clock.now(), include);
  if (requeued > 0) deps.engine.wake();
  deps.logger.info({ tenantId, hookId, since, include, requeued }, 'deliveries re-queued');
  return requeued;
}

/** The sample data of a catalog or custom type; undefined when the tenant knows no such type. */
async function sampleData(deps: AppDeps, tenantId: string, type: string): Promise<Record<string, unknown> | undefined> {
  const trigger = await findTrigger(deps, tenantId, type);
  if (!trigger) return undefined;
  return trigger.kind === 'catalog' ? trigger.trigger.sample : trigger.record.sample;
}

/**
 * Sends the sample of `type` (default: the hook's first subscribed type) to this hook only, as an
 * event marked `"test": true`. Works on inactive hooks too, so a receiver can be checked before the
 * hook is switched on; test deliveries never change the hook's failure state.
 */
export async function sendTestDelivery(deps: AppDeps, tenantId: string, hookId: string, requestedType?: string): Promise<DeliveryRecord> {
  const hook = await requireHook(deps, tenantId, hookId);
  requireLiveHook(hook, 'test it');
  const type = requestedType ?? hook.events.find((event) => event !== '*') ?? deps.catalog.types[0];
  const data = await sampleData(deps, tenantId, type);
  if (!data) {
    throw new ValidationError([{ pointer: '/type', location: 'body', detail: `is not a known event type: ${type} (see GET /v1/triggers)` }]);
  }
  const now = deps.clock.now();
  const event: EventRecord = {
    id: newEventId(now),
    tenantId,
    type,
    brand: hook.brand,
    data,
    timestamp: now,
    idempotencyKey: null,
    test: true,
    deliveryCount: 1,
    createdAt: now,
  };
  const delivery = pendingDelivery({ hook: { id: hook.id, tenantId }, eventId: event.id, eventType: type, dueAt: now, test: true, now });
  // Through the outbox like any event, but planned for this one hook only.
  const result = await deps.store.appendEvent(event, () => [delivery]);
  deps.engine.wake();
  deps.logger.info({ tenantId, hookId: hook.id, deliveryId: delivery.id, eventId: event.id, type }, 'test delivery queued');
  return result.deliveries[0] ?? delivery;
}
