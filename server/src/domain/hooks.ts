import type { AppDeps } from '../app-deps';
import { activeSecrets } from '../rules/active-secrets';
import { hookDisabledData } from '../rules/hook-disabled';
import { validateHookSettings } from '../rules/hook-settings';
import { templateSampleProblem, type Envelope } from '../rules/request-builder';
import { resolveHeaderValues, secretHeaderProblems } from '../rules/secret-headers';
import type {
  HookAuth,
  HookFormat,
  HookRecord,
  HookSecret,
  HookStatus,
  HttpMethod,
  Page,
  RedirectHandling,
  RetryPolicy,
} from '../store/store';
import { type AuthContext, actorName } from './auth';
import { ConflictError, NotFoundError, ValidationError, type ProblemField } from './errors';
import { publishEvent } from './events';
import { newHookId, newSigningSecret } from './ids';
import { findTrigger, getTriggerSample, listTriggers } from './triggers';
import { flatTagsOf } from '../catalog/flat-tags';
import { tagProblems, type SubscribedType } from '../rules/tag-check';

/** The writable fields of a hook, as the API takes them (HookFields in openapi/base.yaml). */
export interface HookInput {
  url?: string;
  /** Instead of `url`: the built-in inspector or a stream consumer (issue #18). */
  destination?: { type: 'inspector' | 'stream' };
  events?: string[];
  name?: string | null;
  description?: string;
  brand?: string | null;
  enabled?: boolean;
  format?: HookFormat;
  template?: HookRecord['template'];
  method?: HttpMethod;
  auth?: HookAuth;
  headers?: Record<string, string>;
  /** Header names to treat as secret besides those that look like credentials. */
  secretHeaders?: string[];
  filter?: Record<string, unknown> | null;
  retryPolicy?: RetryPolicy;
  redirects?: RedirectHandling;
  ordered?: boolean;
  maxInFlight?: number | null;
  rateLimit?: HookRecord['rateLimit'];
  source?: HookRecord['source'];
}

export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;

/** Every subscribed type must be `*`, a catalog type or one of the tenant's custom types. */
async function eventProblems(deps: AppDeps, tenantId: string, events: string[]): Promise<ProblemField[]> {
  const problems: ProblemField[] = [];
  for (const [index, type] of events.entries()) {
    if (type === '*') continue;
    if (!(await findTrigger(deps, tenantId, type))) {
      problems.push({
        pointer: `/events/${index}`,
        location: 'body',
        detail: `is not a known event type: ${type} (see GET /v1/triggers; custom types must be registered first)`,
      });
    }
  }
  return problems;
}

async function settingsProblems(deps: AppDeps, input: HookInput): Promise<ProblemField[]> {
  const fields = await validateHookSettings(input, { allowInsecureTargets: deps.config.allowInsecureTargets });
  return fields.map((field) => ({ ...field, location: 'body' as const }));
}

/** A trigger's sample and its variants as envelopes (brand set, as a branded delivery has it), or [] for an unknown type. */
async function sampleEnvelopes(deps: AppDeps, tenantId: string, type: string, brand: string | null): Promise<Envelope[]> {
  const trigger = await findTrigger(deps, tenantId, type);
  if (!trigger) return [];
  const sample = await getTriggerSample(deps, tenantId, type);
  const variants = trigger.kind === 'catalog' ? Object.values(trigger.trigger.variants) : [];
  // brand is null rather than absent, so a template may name it (it is absent only on unbranded events).
  return [sample.data, ...variants].map((data) => ({ ...sample, data, brand: brand as string }));
}

/**
 * A body template is rendered over the sample of every type the hook subscribes to before it is
 * saved: strictly (a variable the sample lacks is named), and its output must be valid JSON / XML /
 * form data. For `*` every type's output is checked, without the variable rule (no template names
 * every type's fields).
 */
async function templateProblems(
  deps: AppDeps,
  tenantId: string,
  hook: { format?: HookFormat; template?: HookRecord['template']; events: string[]; brand?: string | null },
): Promise<ProblemField[]> {
  const { template } = hook;
  if (hook.format !== 'template' || !template || typeof template.body !== 'string') return [];
  const problems: ProblemField[] = [];
  const field = (detail: string) => problems.push({ pointer: '/template/body', location: 'body', detail });
  // A hook on several types may name fields of any of them (the others render null): which names exist
  // is then the flat-tag check's (against every subscribed schema), and the renders here judge the
  // output only. On one type, a variable its sample lacks is refused here too.
  const types = [...new Set(hook.events.filter((t) => t !== '*'))];
  for (const type of types) {
    const problem = templateSampleProblem(template, await sampleEnvelopes(deps, tenantId, type, hook.brand ?? null), { strictVariables: types.length === 1 });
    if (problem) field(problem);
  }
  if (hook.events.includes('*')) {
    const types = (await listTriggers(deps, tenantId)).map((t) => t.type);
    for (const type of types) {
      const problem = templateSampleProblem(template, await sampleEnvelopes(deps, tenantId, type, hook.brand ?? null), { strictVariables: false });
      if (problem) {
        field(problem);
        break;
      }
    }
  }
  return problems;
}

const catalogTypes = new WeakMap<AppDeps['catalog'], Map<string, SubscribedType>>();

/** A catalog trigger as the tag check sees it, built once per catalog (the inlined schema is read only). */
function catalogType(deps: AppDeps, type: string): SubscribedType {
  let byType = catalogTypes.get(deps.catalog);
  if (!byType) {
    byType = new Map();
    catalogTypes.set(deps.catalog, byType);
  }
  let entry = byType.get(type);
  if (!entry) {
    entry = { type, schema: deps.catalog.dataSchema(type), tags: new Set(flatTagsOf(deps.catalog, type).map((t) => t.name)) };
    byType.set(type, entry);
  }
  return entry;
}

/** The subscribed types as the tag check sees them: catalog shapes and tags; custom types and `*` are open. */
function subscribedTypes(deps: AppDeps, events: string[]): SubscribedType[] {
  const types: SubscribedType[] = [];
  for (const type of events) {
    if (type === '*') {
      types.push({ type, schema: null, tags: new Set() });
      for (const trigger of deps.catalog.types) types.push(catalogType(deps, trigger));
    } else if (deps.catalog.get(type)) {
      types.push(catalogType(deps, type));
    } else {
      types.push({ type, schema: null, tags: new Set() });
    }
  }
  return types;
}

/** Tags in the URL and template that the subscribed events do not have (unknown events are reported elsewhere). */
function tagFieldProblems(deps: AppDeps, hook: { url?: unknown; events: string[]; format?: unknown; template?: unknown }): ProblemField[] {
  const types = subscribedTypes(deps, hook.events);
  const problems = typeof hook.url === 'string' ? tagProblems(hook.url, 'url', '/url', types) : [];
  const template = hook.template as { body?: unknown; contentType?: unknown } | null | undefined;
  if (hook.format === 'template' && template && typeof template.body === 'string') {
    const context = template.contentType === 'xml' || template.contentType === 'form' ? template.contentType : 'json';
    problems.push(...tagProblems(template.body, context, '/template/body', types));
  }
  return problems.map((problem) => ({ ...problem, location: 'body' as const }));
}

/** A `livechat` hook sends the tenant's appId, so the tenant must have one before such a hook is saved. */
async function formatProblems(deps: AppDeps, tenantId: string, format: unknown): Promise<ProblemField[]> {
  if (format !== 'livechat') return [];
  const tenant = await deps.store.getTenant(tenantId);
  if (tenant?.liveChatAppId) return [];
  return [{ pointer: '/format', location: 'body', detail: 'livechat sends the tenant\'s live-chat appId, which is not set: set it first with PATCH /v1/settings {"liveChatAppId": "…"}' }];
}

/**
 * A hook has either a URL or a built-in destination: both at once, or (when `required`) neither, is
 * refused naming the field.
 */
function destinationProblems(input: HookInput, required: boolean): ProblemField[] {
  if (input.url !== undefined && input.destination !== undefined) {
    return [{ pointer: '/destination', location: 'body', detail: 'give either url or destination, not both' }];
  }
  if (required && input.url === undefined && input.destination === undefined) {
    return [{ pointer: '/url', location: 'body', detail: 'is required, unless destination is given ({"type": "inspector"} or {"type": "stream"})' }];
  }
  return [];
}

function refuse(problems: ProblemField[]): void {
  if (problems.length > 0) throw new ValidationError('The hook cannot be saved as given.', problems);
}

/** A new hook with every default applied and a fresh signing secret (validation is the caller's). */
export function newHookRecord(tenantId: string, input: HookInput & { events: string[] }, now: number): HookRecord {
  return {
    id: newHookId(now),
    tenantId,
    url: input.destination ? '' : (input.url ?? ''),
    destination: input.destination?.type ?? 'url',
    events: input.events,
    name: input.name ?? null,
    description: input.description ?? '',
    brand: input.brand ?? null,
    status: input.enabled === false ? 'inactive' : 'active',
    disabledReason: null,
    format: input.format ?? 'envelope',
    template: input.template ?? null,
    method: input.method ?? 'POST',
    auth: input.auth ?? { type: 'none' },
    headers: input.headers ?? {},
    secretHeaders: input.secretHeaders ?? [],
    filter: input.filter ?? null,
    retryPolicy: input.retryPolicy ?? { type: 'standard' },
    redirects: input.redirects ?? 'fail',
    ordered: input.ordered ?? false,
    maxInFlight: input.maxInFlight ?? null,
    rateLimit: input.rateLimit ?? null,
    source: input.source ?? 'api',
    secrets: [{ secret: newSigningSecret(), createdAt: now, expiresAt: null }],
    failingSince: null,
    lastDelivery: null,
    deletedAt: null,
    deletedBy: null,
    deletedReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Subscribes a URL. Each call creates a new hook, even for a URL and event already subscribed:
 * two zaps on one URL are two subscriptions, and deleting one must not touch the other.
 */
export async function createHook(
  deps: AppDeps,
  tenantId: string,
  given: HookInput & { events: string[] },
): Promise<HookRecord> {
  refuse(destinationProblems(given, true));
  const resolved = given.headers ? resolveHeaderValues(given.headers, null) : { headers: undefined, problems: [] };
  const input = { ...given, ...(resolved.headers ? { headers: resolved.headers } : {}) };
  refuse([
    ...(await eventProblems(deps, tenantId, input.events)),
    ...(await settingsProblems(deps, input)),
    ...(await formatProblems(deps, tenantId, input.format)),
    ...tagFieldProblems(deps, input),
    ...resolved.problems,
    ...secretHeaderProblems(input.secretHeaders, input.headers ?? {}),
  ]);
  refuse(await templateProblems(deps, tenantId, input));
  const hook = newHookRecord(tenantId, input, deps.clock.now());
  await deps.store.createHook(hook);
  deps.logger.info({ hookId: hook.id, tenantId, events: hook.events, source: hook.source }, 'hook created');
  return hook;
}

export async function getHook(deps: AppDeps, tenantId: string, id: string): Promise<HookRecord> {
  const hook = await deps.store.getHook(tenantId, id);
  if (!hook) throw new NotFoundError(`No hook ${id}.`);
  return hook;
}

async function getLiveHook(deps: AppDeps, tenantId: string, id: string, action: string): Promise<HookRecord> {
  const hook = await getHook(deps, tenantId, id);
  if (hook.deletedAt !== null) throw new ConflictError(`Hook ${id} is deleted; restore it before you ${action} it.`);
  return hook;
}

export async function listHooks(
  deps: AppDeps,
  tenantId: string,
  query: { deleted: boolean; status?: HookStatus; event?: string; brand?: string; limit: number; cursor?: string | null },
): Promise<Page<HookRecord>> {
  return deps.store.listHooks({ ...query, tenantId });
}

async function save(deps: AppDeps, tenantId: string, id: string, patch: Partial<HookRecord>): Promise<HookRecord> {
  const updated = await deps.store.updateHook(tenantId, id, { ...patch, updatedAt: deps.clock.now() });
  if (!updated) throw new NotFoundError(`No hook ${id}.`);
  return updated;
}

/** Changes the given fields only. Delivery settings are re-checked together with the ones kept. */
export async function updateHook(deps: AppDeps, tenantId: string, id: string, given: HookInput): Promise<HookRecord> {
  const hook = await getLiveHook(deps, tenantId, id, 'edit');
  refuse(destinationProblems(given, false));
  // `********` (what a secret header reads as) keeps the stored value: a client can send back what it read.
  const resolved = given.headers ? resolveHeaderValues(given.headers, hook.headers) : { headers: undefined, problems: [] };
  const input: HookInput = { ...given, ...(resolved.headers ? { headers: resolved.headers } : {}) };
  const headersAfter = input.headers ?? hook.headers;
  const merged = {
    method: input.method ?? hook.method,
    format: input.format ?? hook.format,
    template: input.template !== undefined ? input.template : hook.template,
    auth: input.auth ?? hook.auth,
    headers: input.headers ?? hook.headers,
    filter: input.filter !== undefined ? input.filter : hook.filter,
    retryPolicy: input.retryPolicy ?? hook.retryPolicy,
    // An unchanged URL is not re-resolved: it passed when it was saved.
    ...(input.url !== undefined && input.url !== hook.url ? { url: input.url } : {}),
  };
  refuse([
    ...(input.events ? await eventProblems(deps, tenantId, input.events) : []),
    ...(await settingsProblems(deps, { ...merged, redirects: input.redirects })),
    ...(input.format !== undefined && input.format !== hook.format ? await formatProblems(deps, tenantId, input.format) : []),
    // Tags are checked against the events the hook will have, so changing only the events re-checks them;
    // a change that touches none of these (a rename, enabled) never trips over an older hook's template.
    ...(input.url !== undefined || input.events !== undefined || input.format !== undefined || input.template !== undefined
      ? tagFieldProblems(deps, { url: input.url ?? hook.url, events: input.events ?? hook.events, format: merged.format, template: merged.template })
      : []),
    ...resolved.problems,
    ...secretHeaderProblems(input.secretHeaders, headersAfter),
  ]);
  if (input.format !== undefined || input.template !== undefined || input.events !== undefined || input.brand !== undefined) {
    refuse(await templateProblems(deps, tenantId, { ...merged, events: input.events ?? hook.events, brand: input.brand !== undefined ? input.brand : hook.brand }));
  }

  const patch: Partial<HookRecord> = {};
  for (const key of ['url', 'events', 'name', 'description', 'brand', 'format', 'template', 'method', 'auth', 'headers', 'filter', 'retryPolicy', 'redirects', 'ordered', 'maxInFlight', 'rateLimit', 'source'] as const) {
    if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
  }
  if (input.secretHeaders !== undefined || input.headers !== undefined) {
    // Marks for headers a PATCH removed go with them.
    const present = new Set(Object.keys(headersAfter).map((name) => name.toLowerCase()));
    patch.secretHeaders = (input.secretHeaders ?? hook.secretHeaders).filter((name) => present.has(name.toLowerCase()));
  }
  // `url` makes the hook a URL hook again; `destination` drops its URL.
  if (input.url !== undefined) patch.destination = 'url';
  if (input.destination !== undefined) Object.assign(patch, { destination: input.destination.type, url: '' });
  if ((input.url !== undefined && input.url !== hook.url) || (patch.destination !== undefined && patch.destination !== hook.destination)) patch.failingSince = null;
  if (input.enabled === true && hook.status !== 'active') Object.assign(patch, { status: 'active', disabledReason: null, failingSince: null });
  if (input.enabled === false && hook.status === 'active') patch.status = 'inactive';
  return save(deps, tenantId, id, patch);
}

/** Resumes deliveries (BoldDesk's activate); also re-enables an auto-disabled hook. */
export async function activateHook(deps: AppDeps, tenantId: string, id: string): Promise<HookRecord> {
  const hook = await getLiveHook(deps, tenantId, id, 'activate');
  if (hook.status === 'active') return hook;
  return save(deps, tenantId, id, { status: 'active', disabledReason: null, failingSince: null });
}

export async function deactivateHook(deps: AppDeps, tenantId: string, id: string): Promise<HookRecord> {
  const hook = await getLiveHook(deps, tenantId, id, 'deactivate');
  if (hook.status === 'inactive') return hook;
  const updated = await save(deps, tenantId, id, { status: 'inactive' });
  await announceStopped(deps, updated, 'deactivated');
  return updated;
}

/**
 * Tells the tenant's hooks subscribed to `hook.disabled` that a subscription stopped by hand, as the
 * engine does when it retires one (410 Gone, failing too long): a flow watching its own plumbing
 * should hear about every way a subscription stops, not only the automatic ones.
 */
async function announceStopped(deps: AppDeps, hook: HookRecord, reason: 'deleted' | 'deactivated'): Promise<void> {
  // The change itself is already saved: a failed announcement is logged, never turned into an error answer.
  await publishEvent(deps, hook.tenantId, {
    type: 'hook.disabled',
    data: hookDisabledData(hook, reason, {
      at: deps.clock.now(),
      failingSince: hook.failingSince,
      lastStatus: hook.lastDelivery?.responseStatus ?? null,
      lastError: null,
      autoDisableAfterMs: deps.config.autoDisableAfterMs,
      knownTypes: deps.catalog.types,
    }),
  }).catch((error: unknown) => deps.logger.error({ err: error, hookId: hook.id, reason }, 'could not publish hook.disabled'));
}

/**
 * Moves the hook to the deleted list and cancels its pending deliveries. Idempotent: deleting a
 * deleted hook changes nothing (connectors retry unsubscribes).
 */
export async function deleteHook(deps: AppDeps, auth: AuthContext, tenantId: string, id: string, reason?: string): Promise<void> {
  const hook = await getHook(deps, tenantId, id);
  if (hook.deletedAt !== null) return;
  const now = deps.clock.now();
  // A connector's DELETE is an unsubscribe (the zap or flow was turned off); anything else is manual.
  const why = reason ?? (hook.source === 'zapier' || hook.source === 'power-automate' ? 'unsubscribed' : 'manual');
  const deleted = await save(deps, tenantId, id, { deletedAt: now, deletedBy: actorName(auth), deletedReason: why });
  const cancelled = await deps.store.cancelPending(tenantId, id, now, 'hook_deleted');
  // Its inspector captures go with it (a restored hook starts with none).
  await deps.store.clearCaptures(tenantId, id);
  deps.logger.info({ hookId: id, tenantId, reason: why, cancelled }, 'hook deleted');
  await announceStopped(deps, deleted, 'deleted');
}

/** Brings a deleted hook back, inactive, so it can be checked before it receives events again. */
export async function restoreHook(deps: AppDeps, tenantId: string, id: string): Promise<HookRecord> {
  const hook = await getHook(deps, tenantId, id);
  if (hook.deletedAt === null) throw new ConflictError(`Hook ${id} is not deleted.`);
  return save(deps, tenantId, id, { deletedAt: null, deletedBy: null, deletedReason: null, status: 'inactive', disabledReason: null });
}


export async function getHookSecrets(deps: AppDeps, tenantId: string, id: string): Promise<HookSecret[]> {
  return activeSecrets(await getHook(deps, tenantId, id), deps.clock.now());
}

/**
 * A new current secret; the previous one keeps signing beside it for `overlapSeconds` so receivers
 * can switch without dropping deliveries (0 ends it at once).
 */
export async function rotateHookSecret(
  deps: AppDeps,
  tenantId: string,
  id: string,
  overlapSeconds: number = DEFAULT_ROTATION_OVERLAP_SECONDS,
): Promise<HookSecret[]> {
  const hook = await getHook(deps, tenantId, id);
  const now = deps.clock.now();
  const overlapEnd = now + overlapSeconds * 1000;
  const older = activeSecrets(hook, now).map((secret) => ({
    ...secret,
    expiresAt: secret.expiresAt === null ? overlapEnd : Math.min(secret.expiresAt, overlapEnd),
  }));
  const secrets = [{ secret: newSigningSecret(), createdAt: now, expiresAt: null }, ...older].filter(
    (secret) => secret.expiresAt === null || secret.expiresAt > now,
  );
  const updated = await save(deps, tenantId, id, { secrets });
  deps.logger.info({ hookId: id, tenantId, overlapSeconds }, 'hook secret rotated');
  return activeSecrets(updated, now);
}
