import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { Catalog, createStrictAjv, type JsonSchema, triggerTitle } from '../../server/src/catalog/catalog';

const catalog = new Catalog();

/** Every event the seeds describe, as named in the catalog issue. */
const REQUIRED_TYPES = [
  'ticket.created', 'ticket.updated', 'ticket.status_changed', 'ticket.approval_required', 'ticket.reply_added', 'ticket.note_added',
  'chat.created', 'chat.updated', 'chat.handled', 'chat.missed', 'chat.callback_requested', 'chat.completed', 'chat.deleted',
  'chat.assignee_changed', 'chat.property_updated', 'chat.user_joined', 'chat.user_left', 'chat.invitation_accepted',
  'chat.queue_position_changed', 'chat.no_agents_available', 'chat.user_action', 'chat.agent_lookup',
  'message.created', 'message.edited', 'message.retracted',
  'system.event', 'hook.disabled',
];

/** Walks every subschema that describes a property, with its JSON path. */
function forEachProperty(schema: any, at: string, visit: (property: any, where: string) => void): void {
  if (!schema || typeof schema !== 'object') return;
  for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
    visit(property, `${at}.${name}`);
    forEachProperty(property, `${at}.${name}`, visit);
  }
  if (schema.items) forEachProperty(schema.items, `${at}[]`, visit);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const [i, branch] of (schema[key] ?? []).entries()) forEachProperty(branch, `${at}<${key}${i}>`, visit);
  }
}

describe('trigger catalog', () => {
  it('when the catalog is loaded, then it covers every event the seeds describe', () => {
    expect(catalog.types).toEqual(expect.arrayContaining(REQUIRED_TYPES));
  });

  it('when every schema is compiled by a strict Ajv, then none is refused', () => {
    const ajv = createStrictAjv();
    for (const shared of catalog.shared) ajv.addSchema(shared.schema);
    for (const trigger of catalog.triggers) expect(() => ajv.compile(trigger.schema)).not.toThrow();
    for (const trigger of catalog.triggers) expect(() => createStrictAjv().compile(catalog.envelopeSchema(trigger.type))).not.toThrow();
  });

  it.each(catalog.triggers.map((t) => [t.type]))('when %s sample and variants are validated strictly, then they pass', (type) => {
    const trigger = catalog.get(type)!;
    expect(catalog.validateData(type, trigger.sample)).toEqual([]);
    for (const [name, variant] of Object.entries(trigger.variants)) {
      expect({ variant: name, errors: catalog.validateData(type, variant) }).toEqual({ variant: name, errors: [] });
    }
    expect(catalog.validateEnvelope(catalog.sampleEnvelope(type))).toEqual([]);
  });

  it('when a sample breaks its schema, then validation names the field', () => {
    const chat = structuredClone(catalog.get('chat.missed')!.sample) as any;
    chat.chat.status = 'abandoned';
    delete chat.chat.id;
    const errors = catalog.validateData('chat.missed', chat);
    expect(errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/chat/status', '/chat/id']));
  });

  it('when any property at any depth is inspected, then it has a title and a description', () => {
    const missing: string[] = [];
    const check = (schema: JsonSchema, name: string) =>
      forEachProperty(schema, name, (property, where) => {
        if (property.$ref && Object.keys(property).every((k) => ['$ref', 'title', 'description'].includes(k)) && property.title && property.description) return;
        if (!property.title || !property.description) missing.push(where);
      });
    for (const shared of catalog.shared) check(shared.schema, shared.file);
    for (const trigger of catalog.triggers) check(catalog.dataSchema(trigger.type), trigger.type);
    expect(missing).toEqual([]);
  });

  it("when the seed's own chat payload is validated, then our chat session schema accepts it", () => {
    // DeskDirector's example chat payload, copied as published (seed 001): no closedDateTime, null report fields.
    const payload = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/deskdirector-chat-payload.json'), 'utf8'));
    const created = catalog.get('chat.created')!;
    const data = { ...(created.sample as object), chat: payload[0] };
    expect(catalog.validateData('chat.created', data)).toEqual([]);
  });

  it('when ticket.reply_added samples are read, then the author kind covers contact and member', () => {
    const trigger = catalog.get('ticket.reply_added')!;
    const kinds = [trigger.sample, ...Object.values(trigger.variants)].map((s: any) => s.reply.author.kind);
    expect(new Set(kinds)).toEqual(new Set(['contact', 'member']));
  });
});

describe('trigger metadata', () => {
  it.each(catalog.triggers.map((t) => [t.type]))('when %s metadata is read, then it follows the Zapier and Microsoft conventions', (type) => {
    const { meta } = catalog.get(type)!;
    expect(['ticket', 'chat', 'message', 'system']).toContain(meta.group);
    expect(meta.noun.length).toBeGreaterThan(0);
    expect(meta.zapier.label).toMatch(/^(New|Updated) [A-Z]/);
    expect(meta.zapier.label.split(' ').every((word) => /^[A-Z0-9]/.test(word) || ['a', 'an', 'the', 'of', 'to', 'for', 'in', 'on', 'or', 'and', 'by'].includes(word))).toBe(true);
    expect(meta.zapier.label.length).toBeLessThanOrEqual(60);
    expect(meta.zapier.description).toMatch(/^Triggers when .+\.$/);
    expect(meta.powerAutomate.summary).toMatch(/^When an? [a-z]/);
    expect(meta.powerAutomate.summary).not.toMatch(/[.!?/]$/);
    expect(meta.powerAutomate.summary.length).toBeLessThanOrEqual(80);
    expect(meta.powerAutomate.description).toMatch(/^This operation triggers when .+\.$/);
    expect(meta.powerAutomate.operationId).toMatch(/^On[A-Z][A-Za-z0-9]*$/);
  });

  it('when labels and operation ids are compared, then each is unique', () => {
    const labels = catalog.triggers.map((t) => t.meta.zapier.label);
    const operationIds = catalog.triggers.map((t) => t.meta.powerAutomate.operationId);
    expect(new Set(labels).size).toBe(labels.length);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('when filter fields are resolved, then each reaches a scalar field of the data and its sample value passes the filter it makes', () => {
    const withFilters = catalog.triggers.filter((t) => (t.meta.filters ?? []).length > 0);
    expect(withFilters.map((t) => t.type)).toEqual(expect.arrayContaining(['ticket.created', 'chat.missed', 'message.created']));
    for (const { type } of withFilters) {
      for (const field of catalog.filterFields(type)) {
        expect(field.field).toBe(`data.${field.path}`);
        expect(['string', 'integer', 'number', 'boolean']).toContain(field.type);
        expect(field.label).toMatch(/^[A-Z]/);
        expect(field.description.length).toBeGreaterThan(0);
        const value = field.path.split('.').reduce<any>((node, name) => node?.[name], catalog.get(type)!.sample);
        if (value !== null && value !== undefined && field.enum) expect(field.enum).toContain(value);
      }
    }
    expect(catalog.filterFields('chat.missed')).toEqual([
      expect.objectContaining({ path: 'chat.type', field: 'data.chat.type', label: 'Chat Type', type: 'string', enum: ['request', 'push'] }),
    ]);
  });

  it('when a filter path does not reach a scalar field, then the catalog names the trigger and the path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-catalog-'));
    try {
      fs.cpSync(catalog.dir, dir, { recursive: true });
      const metaFile = path.join(dir, 'chat.missed', 'meta.json');
      const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
      for (const bad of ['chat.creator', 'chat.nope', 'chat..type']) {
        fs.writeFileSync(metaFile, JSON.stringify({ ...meta, filters: [{ path: bad }] }));
        expect(() => new Catalog(dir).filterFields('chat.missed')).toThrow(`triggers/chat.missed/meta.json filters "${bad}"`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a trigger has no title, then its dropdown title comes from its Power Automate summary', () => {
    expect(catalog.triggers.map((t) => triggerTitle(t.meta))).toContain('Chat session is missed');
    for (const { meta } of catalog.triggers) expect(triggerTitle(meta)).toMatch(/^[A-Z][a-z]/);
  });
});
