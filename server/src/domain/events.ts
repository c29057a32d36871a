import type { AppDeps } from '../app-deps';
import { toEnvelope } from '../rules/envelope';
import { planDeliveries } from '../rules/plan';
import { groupCommitterFor } from '../store/group-commit';
import type { AppendEventResult, AppendRequest, EventRecord, Page, PageRequest, TenantRecord } from '../store/store';
import { customDataValidator } from './custom-event-types';
import { ConflictError, DomainError, NotFoundError, PayloadTooLargeError, ValidationError, type ProblemField } from './errors';
import { newEventId } from './ids';
import { publishRuleProblems, replayConflict } from './publish-rules';
import { ajvErrorsToFields } from '../catalog/catalog';
import { findTrigger } from './triggers';

export { toEnvelope, type Envelope } from '../rules/envelope';

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

/**
 * Who publishes: a tenant through the API (caller-chosen ids and reserved types are checked), or
 * deskhooks itself (operational events such as hook.disabled, test deliveries, agent lookups).
 */
export type Publisher = 'tenant' | 'system';

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
 * Every rule an event must pass before it is stored, as body pointers (`/type`, `/data/chat/status`):
 * the one place where publishing rules live, shared by the single and the batch publish paths. A
 * tenant's ids and type are checked first (publish-rules.ts): a refused id is never looked up.
 */
export async function eventProblems(deps: AppDeps, tenantId: string, input: PublishInput, publisher: Publisher = 'system'): Promise<ProblemField[]> {
  if (publisher === 'tenant') {
    const rules = publishRuleProblems(input);
    if (rules.length > 0) return rules;
  }
  return dataProblems(deps, tenantId, input);
}

/**
 * Checks an event (422 ValidationError naming every bad field) and builds what the store appends:
 * the record, and the plan that picks its deliveries among the candidate hooks inside the append
 * transaction. With the tenant's webhooks switched off the event is stored and creates no deliveries.
 */
export async function prepareEvent(deps: AppDeps, tenant: TenantRecord, input: PublishInput, publisher: Publisher = 'system'): Promise<AppendRequest> {
  if (publisher === 'tenant') {
    const rules = publishRuleProblems(input);
    if (rules.length > 0) throw new ValidationError('The event cannot be published as given.', rules);
  }
  const problems = await dataProblems(deps, tenant.id, input);
  if (problems.length > 0) throw new ValidationError(`The event does not validate against ${input.type}.`, problems);

  const now = deps.clock.now();
  const event: EventRecord = {
    id: input.id ?? newEventId(now),
    tenantId: tenant.id,
    type: input.type,
    brand: input.brand ?? null,
    data: input.data,
    timestamp: input.timestamp ?? now,
    idempotencyKey: input.idempotencyKey ?? null,
    test: input.test === true,
    deliveryCount: 0,
    createdAt: now,
  };
  const { webhooksEnabled } = tenant;
  return {
    event,
    plan: (candidates) =>
      webhooksEnabled ? planDeliveries(toEnvelope(event), candidates, now, { batchWindowMs: deps.config.batchWindowMs }) : [],
  };
}

/** What follows a committed append: metrics, the engine's wake-up, the debug line. */
function appended(deps: AppDeps, results: AppendEventResult[]): void {
  let wake = false;
  for (const result of results) {
    if (!result.duplicate) {
      deps.metrics.eventsAccepted.inc({ type: eventTypeLabel(deps, result.event.type) });
      if (result.deliveries.length > 0) wake = true;
    }
    deps.logger.debug(
      { eventId: result.event.id, type: result.event.type, deliveries: result.deliveries.length, duplicate: result.duplicate },
      'event accepted',
    );
  }
  if (wake) deps.engine.wake();
}

async function tenantRecord(deps: AppDeps, tenant: TenantRecord | string): Promise<TenantRecord> {
  if (typeof tenant !== 'string') return tenant;
  const record = await deps.store.getTenant(tenant);
  if (!record) throw new NotFoundError(`No tenant ${tenant}.`);
  return record;
}

/**
 * Accepts an event: checks it (prepareEvent), then stores it and one delivery per matching hook in
 * one transaction, shared with every other event that arrived at the same time (group commit), and
 * wakes the delivery engine. Answers once that transaction has committed. A repeated id or
 * idempotency key returns the first result and writes nothing. `tenant` is the caller's tenant as
 * authentication just read it, or its id.
 */
export async function publishEvent(
  deps: AppDeps,
  tenant: TenantRecord | string,
  input: PublishInput,
  publisher: Publisher = 'system',
): Promise<AppendEventResult> {
  const request = await prepareEvent(deps, await tenantRecord(deps, tenant), input, publisher);
  const [result] = await groupCommitterFor(deps.store).append([request]);
  appended(deps, [result]);
  const conflict = replayOf(result, input);
  if (conflict) throw conflict;
  return result;
}

/** A publish by a tenant (the API): publishEvent with the tenant's rules (caller-chosen ids, reserved types). */
export function publishTenantEvent(deps: AppDeps, tenant: TenantRecord | string, input: PublishInput): Promise<AppendEventResult> {
  return publishEvent(deps, tenant, input, 'tenant');
}

/** Nothing was written for a duplicate: a reused id or key with another event is refused (409), not silently dropped. */
function replayOf(result: AppendEventResult, input: PublishInput): ConflictError | null {
  if (!result.duplicate) return null;
  const conflict = replayConflict(result.event, input);
  return conflict ? new ConflictError(conflict) : null;
}

/** The metrics label of an event type: catalog types by name, every tenant's custom type as `custom` (/metrics is public). */
export function eventTypeLabel(deps: Pick<AppDeps, 'catalog'>, type: string): string {
  return deps.catalog.get(type) ? type : 'custom';
}

/** Events per batch publish at most (POST /v1/events/batch). */
export const MAX_BATCH_EVENTS = 1_000;

/** Refuses (413, naming the limit) a batch of more than MAX_BATCH_EVENTS events, before any is read. */
export function checkBatchSize(count: number): void {
  if (count > MAX_BATCH_EVENTS) {
    throw new PayloadTooLargeError(
      `The batch holds ${count.toLocaleString('en-US')} events; the limit is ${MAX_BATCH_EVENTS.toLocaleString('en-US')} events per request. Split it into several batches.`,
    );
  }
}

/**
 * Batch publishing: every event is checked on its own; the valid ones are stored in one transaction
 * (valid events are stored even when others are refused), and each gets its own outcome, in order:
 * its append result, or the error that refused it. `items` holds, per event, its input or the error
 * the contract validator already found (a malformed event), which is passed through as its outcome.
 */
export async function publishEvents(
  deps: AppDeps,
  tenant: TenantRecord | string,
  items: Array<PublishInput | DomainError>,
): Promise<Array<AppendEventResult | DomainError>> {
  checkBatchSize(items.length);
  const record = await tenantRecord(deps, tenant);
  const outcomes: Array<AppendEventResult | DomainError> = new Array(items.length);
  const requests: AppendRequest[] = [];
  const positions: number[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item instanceof DomainError) {
      outcomes[index] = item;
      continue;
    }
    try {
      requests.push(await prepareEvent(deps, record, item, 'tenant'));
      positions.push(index);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      outcomes[index] = error;
    }
  }
  const results = await groupCommitterFor(deps.store).append(requests);
  results.forEach((result, k) => {
    const index = positions[k];
    outcomes[index] = replayOf(result, items[index] as PublishInput) ?? result;
  });
  appended(deps, results);
  return outcomes;
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
