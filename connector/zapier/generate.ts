/**
 * Derives the Zapier app's trigger definitions from the catalog (called by `npm run generate`).
 * The app (CommonJS JavaScript, shipped to Zapier on its own) reads the generated JSON; it never
 * reads triggers/ itself, and no trigger is written by hand.
 */
import { type TriggerFilterField, sampleEventId } from '../../server/src/catalog/catalog';
import { GENERATED_NOTE, type GeneratedFile, type GeneratorContext, jsonFile } from '../../server/scripts/generated-file';

interface OutputField {
  key: string;
  label: string;
  type?: string;
  list?: boolean;
}
type OutputFieldsFromSchema = (
  schema: Record<string, unknown>,
  options?: { keyPrefix?: string; labelPrefix?: string; transparent?: string[] },
) => OutputField[];

// The same derivation runs inside the app for custom event types, so it lives in the app's JavaScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { outputFieldsFromSchema } = require('./lib/output-fields') as { outputFieldsFromSchema: OutputFieldsFromSchema };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { toItem } = require('./lib/envelope-items') as { toItem: (envelope: Record<string, unknown>) => Record<string, unknown> };

export const GENERATED_PATH = 'connector/zapier/generated/triggers.json';

/** Keys the app defines by hand; a catalog type must never produce one of them. */
const RESERVED_KEYS = new Set(['custom_event', 'custom_event_type']);

/** The custom event used for the "New Custom Event" sample, the one the API contract shows as its example. */
const CUSTOM_SAMPLE_TYPE = 'custom.device_offline';
const CUSTOM_SAMPLE_TIMESTAMP = '2026-03-02T09:14:05.000Z';

/** `chat.missed` → `chat_missed`: stable, because Zaps refer to triggers by key. */
export function triggerKey(type: string): string {
  return type.replace(/[^A-Za-z0-9]+/g, '_');
}

export function generate({ catalog, openapi }: GeneratorContext): GeneratedFile[] {
  const seen = new Set<string>();
  const triggers = catalog.triggers.map(({ type, meta }) => {
    const key = triggerKey(type);
    if (RESERVED_KEYS.has(key) || seen.has(key)) throw new Error(`Zapier trigger key ${key} (from ${type}) is taken`);
    seen.add(key);
    return {
      key,
      type,
      noun: meta.noun,
      display: { label: meta.zapier.label, description: meta.zapier.description },
      sample: toItem(catalog.sampleEnvelope(type)),
      outputFields: outputFieldsFromSchema(catalog.envelopeSchema(type), { transparent: ['data'] }),
      filters: catalog.filterFields(type).map(zapierFilter),
    };
  });

  // Custom event types are the tenant's: only the envelope is known here, `data` comes at run time.
  const envelopeFields = outputFieldsFromSchema({ ...catalog.envelope, properties: withoutData(catalog.envelope.properties) });
  const example = openapi.paths?.['/v1/custom-event-types/{type}']?.put?.requestBody?.content?.['application/json']?.example;
  const customEvent = {
    sample: toItem({
      id: sampleEventId(CUSTOM_SAMPLE_TYPE),
      type: CUSTOM_SAMPLE_TYPE,
      timestamp: CUSTOM_SAMPLE_TIMESTAMP,
      data: example?.sample ?? {},
    }),
    envelopeOutputFields: envelopeFields,
  };

  return [jsonFile(GENERATED_PATH, { '//': GENERATED_NOTE, triggers, customEvent })];
}

/**
 * A catalog filter field as the app's runtime uses it: the input's key, the envelope path it filters on,
 * and the input's label, help text, type and choices (from the schema's `enum`).
 */
function zapierFilter(field: TriggerFilterField) {
  return {
    key: `filter__${field.path.replace(/\./g, '__')}`,
    field: field.field,
    label: field.label,
    helpText: field.description,
    type: field.type,
    ...(field.enum ? { choices: field.enum.map((value) => ({ value: String(value), label: choiceLabel(value), sample: String(value) })) } : {}),
  };
}

/** `no_agents` → `No agents`: enum values read as words in a dropdown. */
function choiceLabel(value: string | number | boolean): string {
  const text = String(value).replace(/[_-]+/g, ' ');
  return text[0].toUpperCase() + text.slice(1);
}

function withoutData(properties: Record<string, unknown> = {}): Record<string, unknown> {
  const { data: _data, ...rest } = properties;
  return rest;
}
