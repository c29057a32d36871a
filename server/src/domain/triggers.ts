import type { AppDeps } from '../app-deps';
import { type CatalogTrigger, type JsonSchema, envelopeWithData, sampleEventId, triggerTitle } from '../catalog/catalog';
import type { CustomEventTypeRecord } from '../store/store';
import { flatTagPath, flatTagsOf } from '../catalog/flat-tags';
import { NotFoundError } from './errors';

/** A trigger as the API lists it: a catalog trigger or one of the tenant's custom event types. */
export interface TriggerSummary {
  type: string;
  /** What event-type dropdowns show: "Chat session is missed", not `chat.missed`. */
  title: string;
  group: 'ticket' | 'chat' | 'message' | 'system' | 'custom';
  noun: string;
  description: string;
  custom: boolean;
  zapier: { label: string; description: string };
  powerAutomate: { operationId: string; summary: string; description: string };
}

export interface TriggerDetail extends TriggerSummary {
  schema: JsonSchema;
  sample: Record<string, unknown>;
  variants: Record<string, Record<string, unknown>>;
  /** The flat tags it offers in hook URLs and templates (none for custom types). */
  tags: Array<{ name: string; title: string; path: string }>;
}

export type ResolvedTrigger =
  | { kind: 'catalog'; trigger: CatalogTrigger }
  | { kind: 'custom'; record: CustomEventTypeRecord };

function catalogSummary(trigger: CatalogTrigger): TriggerSummary {
  const { meta } = trigger;
  return {
    type: trigger.type,
    title: triggerTitle(meta),
    group: meta.group,
    noun: meta.noun,
    description: meta.description,
    custom: false,
    zapier: meta.zapier,
    powerAutomate: meta.powerAutomate,
  };
}

/** `custom.device_offline` → `Device Offline`. */
function customNoun(type: string): string {
  return type
    .slice('custom.'.length)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

function customSummary(record: CustomEventTypeRecord): TriggerSummary {
  const noun = customNoun(record.type);
  const description = record.description || `The custom event ${record.type} was published.`;
  return {
    type: record.type,
    title: `${noun} (custom event)`,
    group: 'custom',
    noun,
    description,
    custom: true,
    zapier: { label: `New ${noun} Event`, description },
    powerAutomate: {
      operationId: `On${noun.replace(/ /g, '')}`,
      summary: `When a ${noun.toLowerCase()} event is published`,
      description,
    },
  };
}

export async function listTriggers(deps: AppDeps, tenantId: string, group?: TriggerSummary['group']): Promise<TriggerSummary[]> {
  const all = [
    ...deps.catalog.triggers.map(catalogSummary),
    ...(await deps.store.listCustomEventTypes(tenantId)).map(customSummary),
  ];
  return group ? all.filter((t) => t.group === group) : all;
}

/** A catalog type, or a custom type of this tenant; undefined when neither. */
export async function findTrigger(deps: AppDeps, tenantId: string, type: string): Promise<ResolvedTrigger | undefined> {
  const trigger = deps.catalog.get(type);
  if (trigger) return { kind: 'catalog', trigger };
  if (!type.startsWith('custom.')) return undefined;
  const record = await deps.store.getCustomEventType(tenantId, type);
  return record && { kind: 'custom', record };
}

export async function resolveTrigger(deps: AppDeps, tenantId: string, type: string): Promise<ResolvedTrigger> {
  const resolved = await findTrigger(deps, tenantId, type);
  if (!resolved) throw new NotFoundError(`No trigger ${type}: it is neither a catalog event type nor one of your custom event types.`);
  return resolved;
}

export async function getTrigger(deps: AppDeps, tenantId: string, type: string): Promise<TriggerDetail> {
  const resolved = await resolveTrigger(deps, tenantId, type);
  if (resolved.kind === 'catalog') {
    const { trigger } = resolved;
    const tags = flatTagsOf(deps.catalog, type).map((tag) => ({ name: tag.name, title: tag.title, path: flatTagPath(deps.catalog, type, tag) }));
    return { ...catalogSummary(trigger), schema: deps.catalog.dataSchema(type), sample: trigger.sample, variants: trigger.variants, tags };
  }
  const { record } = resolved;
  return { ...customSummary(record), schema: record.schema, sample: record.sample, variants: {}, tags: [] };
}

/** The JSON Schema of the delivered body: the envelope with the trigger's data schema, fully inlined. */
export async function getTriggerSchema(deps: AppDeps, tenantId: string, type: string): Promise<JsonSchema> {
  const resolved = await resolveTrigger(deps, tenantId, type);
  if (resolved.kind === 'catalog') return deps.catalog.envelopeSchema(type);
  const envelope = deps.catalog.inline(deps.catalog.envelope, deps.catalog.envelope);
  const { $schema: _schema, $id: _id, $defs: defs, definitions, ...data } = resolved.record.schema as JsonSchema;
  // The custom schema's `#/$defs/…` (2020-12) and `#/definitions/…` (draft-07) refs resolve against
  // the root, so they move to the root.
  return { ...envelopeWithData(envelope, data, type), ...(defs ? { $defs: defs } : {}), ...(definitions ? { definitions } : {}) };
}

/** The sample data wrapped in the envelope, as a hook would receive it. */
export async function getTriggerSample(
  deps: AppDeps,
  tenantId: string,
  type: string,
): Promise<{ id: string; type: string; timestamp: string; data: Record<string, unknown> }> {
  const resolved = await resolveTrigger(deps, tenantId, type);
  if (resolved.kind === 'catalog') return deps.catalog.sampleEnvelope(type);
  return {
    id: sampleEventId(type),
    type,
    timestamp: new Date(resolved.record.updatedAt).toISOString(),
    data: resolved.record.sample,
  };
}
