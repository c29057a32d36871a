import type { AppDeps } from '../app-deps';
import { planDeliveries } from '../delivery/plan';
import type { AppendEventResult, EventRecord, Page, PageRequest } from '../store/store';
import { customDataValidator } from './custom-event-types';
import { ConflictError, NotFoundError, ValidationError, type ProblemField } from './errors';
import { newEventId } from './ids';
import { publishRuleProblems, replayConflict } from './publish-rules';
import { ajvErrorsToFields } from '../catalog/catalog';
import { findTrigger } from './triggers';

/** The delivered body (format `envelope`), and what GET /v1/events returns. */
export interface Envelope {
  id: string;
  type: string;
  /** ISO 8601, UTC (`Z`). */
  timestamp: string;
  data: Record<string, unknown>;
  brand?: string;
  test?: true;
}

/** One function for the API and the delivery engine, so what is listed is what is delivered. */
export function toEnvelope(event: EventRecord): Envelope {
  const envelope: Envelope = {
    id: event.id,
    type: event.type,
    timestamp: new Date(event.timestamp).toISOString(),
    data: event.data,
  };
  if (event.brand !== null) envelope.brand = event.brand;
  if (event.test) envelope.test = true;
  return envelope;
}

export interface PublishInput {
  type: string;
  data: Record<string, unknown>;
  brand?: string | null;
  id?: string;
  idempotencyKey?: string;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
  test?: boolean;
}

/** Every problem with the event's data, as body pointers (`/data/chat/status`). */
async function dataProblems(deps: AppDeps, tenantId: string, input: PublishInput): Promise<ProblemField[]> {
  const trigger = await findTrigger(deps, tenantId, input.type);
  if (!trigger) {
    return [
      {
        pointer: '/type',
        location: 'body',
        detail: `is not a known event type: ${input.type} is neither in the catalog (GET /v1/triggers) nor one of your custom event types`,
      },
    ];
  }
  const fields =
    trigger.kind === 'catalog'
      ? deps.catalog.validateData(input.type, input.data, '/data')
      : (() => {
          const validate = customDataValidator(trigger.record);
          return validate(input.data) ? [] : ajvErrorsToFields(validate.errors, '/data');
        })();
  return fields.map((field) => ({ ...field, location: 'body' as const }));
}

/**
 * Accepts an event: validates its data against the trigger's schema, then stores it and one
 * delivery per matching hook in one transaction (store.appendEvent), and wakes the delivery engine.
 * A repeated id or idempotency key returns the first result and writes nothing. With the tenant's
 * webhooks switched off the event is stored and creates no deliveries.
 */
export async function publishEvent(deps: AppDeps, tenantId: string, input: PublishInput): Promise<AppendEventResult> {
  const tenant = await deps.store.getTenant(tenantId);
  if (!tenant) throw new NotFoundError(`No tenant ${tenantId}.`);
  const problems = await dataProblems(deps, tenantId, input);
  if (problems.length > 0) throw new ValidationError(`The event does not validate against ${input.type}.`, problems);

  const now = deps.clock.now();
  const event: EventRecord = {
    id: input.id ?? newEventId(now),
    tenantId,
    type: input.type,
    brand: input.brand ?? null,
    data: input.data,
    timestamp: input.timestamp ?? now,
    idempotencyKey: input.idempotencyKey ?? null,
    test: input.test === true,
    deliveryCount: 0,
    createdAt: now,
  };
  const envelope = toEnvelope(event);
  const result = await deps.store.appendEvent(event, (candidates) =>
    tenant.webhooksEnabled ? planDeliveries(envelope, candidates, now, { batchWindowMs: deps.config.batchWindowMs }) : [],
  );
  if (result.duplicate) {
    // Nothing was written: a reused id or key with another event is refused, not silently dropped.
    const conflict = replayConflict(result.event, input);
    if (conflict) throw new ConflictError(conflict);
  } else {
    deps.metrics.eventsAccepted.inc({ type: eventTypeLabel(deps, event.type) });
    if (result.deliveries.length > 0) deps.engine.wake();
  }
  deps.logger.debug(
    { eventId: result.event.id, type: event.type, deliveries: result.deliveries.length, duplicate: result.duplicate },
    'event accepted',
  );
  return result;
}

/**
 * A publish by a tenant (the API): the publish rules (caller-chosen ids, reserved types) are checked
 * before anything is read or written, then it is published like any event.
 */
export async function publishTenantEvent(deps: AppDeps, tenantId: string, input: PublishInput): Promise<AppendEventResult> {
  const problems = publishRuleProblems(input);
  if (problems.length > 0) throw new ValidationError('The event cannot be published as given.', problems);
  return publishEvent(deps, tenantId, input);
}

/** The metrics label of an event type: catalog types by name, every tenant's custom type as `custom` (/metrics is public). */
export function eventTypeLabel(deps: Pick<AppDeps, 'catalog'>, type: string): string {
  return deps.catalog.get(type) ? type : 'custom';
}

export async function listEvents(
  deps: AppDeps,
  tenantId: string,
  query: PageRequest & { type?: string },
): Promise<Page<EventRecord>> {
  return deps.store.listEvents({ ...query, tenantId });
}

export async function getEvent(deps: AppDeps, tenantId: string, id: string): Promise<EventRecord> {
  const event = await deps.store.getEvent(tenantId, id);
  if (!event) throw new NotFoundError(`No event ${id}.`);
  return event;
}
