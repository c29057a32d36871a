import fs from 'node:fs';
import path from 'node:path';
import { Catalog } from '../../../server/src/catalog/catalog';
import { GENERATED_NOTE } from '../../../server/scripts/generated-file';
import { APP_DIR, App, createAppHandler } from './zapier-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TriggerSchema = require('zapier-platform-schema/lib/schemas/TriggerSchema');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CreateSchema = require('zapier-platform-schema/lib/schemas/CreateSchema');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SearchSchema = require('zapier-platform-schema/lib/schemas/SearchSchema');

const catalog = new Catalog();

interface OutputField {
  key: string;
  label?: string;
  type?: string;
  list?: boolean;
}

/** The app definition as Zapier receives it (functions serialised), from zapier-platform-core itself. */
async function definition(app: unknown = App): Promise<any> {
  const answer = await createAppHandler(app)({ command: 'definition' });
  return answer.results;
}

/** Every key Zapier derives from an item: `a__b` for nested objects, `a[]b` for objects in arrays. */
function zapierLeafKeys(value: unknown, prefix = '', inLineItem = false): string[] {
  if (Array.isArray(value)) {
    const objects = value.filter((item) => item && typeof item === 'object' && !Array.isArray(item));
    if (!objects.length || inLineItem) return [prefix];
    return [...new Set(objects.flatMap((item) => zapierLeafKeys(item, `${prefix}[]`, true)))];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const joined = !prefix ? key : prefix.endsWith('[]') ? `${prefix}${key}` : `${prefix}__${key}`;
      return zapierLeafKeys(child, joined, inLineItem);
    });
  }
  return [prefix];
}

function isCovered(key: string, fields: OutputField[]): boolean {
  return fields.some((f) => f.key === key || f.key.startsWith(`${key}__`) || f.key.startsWith(`${key}[]`));
}

describe('the Zapier app definition', () => {
  it('when zapier-platform-core validates the whole app, then it finds no error', async () => {
    const answer = await createAppHandler(App)({ command: 'validate' });

    expect(answer.results).toEqual([]);
  });

  it('when each trigger is validated on its own against TriggerSchema, then none has an error (a missing sample included)', async () => {
    const { triggers } = await definition();

    const errors = Object.values(triggers).flatMap((t: any) => TriggerSchema.validate(t).errors.map((e: any) => `${t.key}: ${e.stack}`));

    expect(errors).toEqual([]);
    // The catalog's, New Custom Event, and the hidden dropdown feeds (custom event types, event types, brands, hooks).
    expect(Object.keys(triggers)).toHaveLength(catalog.types.length + 5);
    for (const key of ['custom_event_type', 'event_type', 'brand', 'hook']) expect(triggers[key].display.hidden).toBe(true);
  });

  it('when a trigger loses its sample, then the per-trigger check catches what the whole-app validate misses', async () => {
    const broken = { ...App.triggers.chat_missed, operation: { ...App.triggers.chat_missed.operation } };
    delete broken.operation.sample;
    const app = { ...App, triggers: { ...App.triggers, chat_missed: broken } };
    const serialised = (await definition(app)).triggers.chat_missed;

    expect(TriggerSchema.validate(serialised).errors.map((e: any) => e.message)).toEqual([
      'requires "sample", because it\'s not hidden',
    ]);
  });

  it('when each action and search is validated against CreateSchema and SearchSchema, then none has an error', async () => {
    const { creates, searches } = await definition();

    expect(Object.keys(creates).sort()).toEqual(['publish_custom_event', 'respond_to_agent_lookup', 'send_test_delivery']);
    expect(Object.keys(searches)).toEqual(['find_recent_event']);
    for (const create of Object.values<any>(creates)) expect(CreateSchema.validate(create).errors).toEqual([]);
    for (const search of Object.values<any>(searches)) expect(SearchSchema.validate(search).errors).toEqual([]);
  });

  it('when a dropdown names a trigger, then that trigger exists and is hidden', async () => {
    const { triggers, creates, searches } = await definition();
    const operations = [...Object.values<any>(triggers), ...Object.values<any>(creates), ...Object.values<any>(searches)];
    const dynamics = operations.flatMap((o) => (Array.isArray(o.operation.inputFields) ? o.operation.inputFields : [])).filter((f: any) => f && f.dynamic);

    expect(dynamics.length).toBeGreaterThan(catalog.types.length);
    for (const field of dynamics) {
      const [key, id, label] = field.dynamic.split('.');
      expect(triggers[key]?.display.hidden).toBe(true);
      expect([id, label]).toEqual(['id', 'name']);
    }
  });

  it.each(catalog.types)('when the catalog has %s, then the app has its hook trigger with names, sample and labelled fields', (type) => {
    const meta = catalog.get(type)!.meta;
    const trigger = App.triggers[type.replace(/[^A-Za-z0-9]+/g, '_')];

    expect(trigger).toBeDefined();
    expect(trigger.noun).toBe(meta.noun);
    expect(trigger.display).toEqual({ label: meta.zapier.label, description: meta.zapier.description });
    expect(trigger.display.label).toMatch(/^(New|Updated) [A-Z]/);
    expect(trigger.display.description).toMatch(/^Triggers when .+\.$/);
    expect(trigger.display.hidden).toBeUndefined();

    const operation = trigger.operation;
    expect(operation.type).toBe('hook');
    for (const method of ['perform', 'performList', 'performSubscribe', 'performUnsubscribe']) {
      expect(typeof operation[method]).toBe('function');
    }

    const sample = catalog.sampleEnvelope(type);
    expect(operation.sample).toEqual({ ...sample, brand: null, test: false });

    const fields: OutputField[] = operation.outputFields;
    expect(fields.every((f) => typeof f.label === 'string' && f.label.trim().length > 1)).toBe(true);
    const labels = fields.map((f) => f.label);
    expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
    const keys = fields.map((f) => f.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    const samples = [operation.sample, ...Object.keys(catalog.get(type)!.variants).map((v) => catalog.sampleEnvelope(type, v))];
    const uncovered = samples.flatMap((s) => zapierLeafKeys(s)).filter((key) => !isCovered(key, fields));
    expect(uncovered).toEqual([]);
    expect(fields.find((f) => f.key === 'id')).toEqual({ key: 'id', label: 'Event ID', type: 'string' });
    expect(fields.find((f) => f.key === 'timestamp')).toMatchObject({ type: 'datetime' });
  });

  it('when a catalog sample has objects inside arrays, then their fields are line items keyed with []', () => {
    const fields: OutputField[] = App.triggers.chat_agent_lookup.operation.outputFields;

    expect(fields).toEqual(
      expect.arrayContaining([
        { key: 'data__chat__id', label: 'Chat Session ID', type: 'string' },
        { key: 'data__candidateAgents[]userId', label: 'Candidate Agents User ID', type: 'string' },
        { key: 'data__candidateAgents[]company__name', label: 'Candidate Agents Company Name', type: 'string' },
        { key: 'data__chat__pastStatus', label: 'Chat Session Past Statuses', type: 'string', list: true },
        { key: 'data__invitedAgent__userId', label: 'Invited Agent User ID', type: 'string' },
      ]),
    );
  });

  it('when the generated definitions are read, then they carry the generated-file note', () => {
    const generated = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'generated/triggers.json'), 'utf8'));

    expect(generated['//']).toBe(GENERATED_NOTE);
    expect(generated.triggers.map((t: { type: string }) => t.type)).toEqual(catalog.types);
  });

  it('when the app is loaded, then it pins zapier-platform-core 19.1.0 and declares index.js as its entry point', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));

    expect(pkg.main).toBe('index.js');
    expect(pkg.dependencies['zapier-platform-core']).toBe('19.1.0');
    expect(App.platformVersion).toBe('19.1.0');
    expect(App.version).toBe(pkg.version);
  });
});
