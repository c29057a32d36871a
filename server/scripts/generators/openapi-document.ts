import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  type Catalog,
  type JsonSchema,
  dataComponentName,
  eventComponentName,
  sharedComponentName,
} from '../../src/catalog/catalog';
import { GENERATED_NOTE } from '../generated-file';

/**
 * Rewrites the catalog's file-relative $refs into #/components/schemas refs, so the bundled
 * document keeps one component per shared shape instead of inlining it everywhere.
 */
function toComponentRefs(node: any, doc: JsonSchema, catalog: Catalog, componentOf: (id: string) => string): any {
  if (Array.isArray(node)) return node.map((item) => toComponentRefs(item, doc, catalog, componentOf));
  if (!node || typeof node !== 'object') return node;
  const result: Record<string, any> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof value === 'string') {
      const absolute = new URL(value, doc.$id).toString();
      const [docId, fragment] = absolute.split('#');
      const component = componentOf(docId);
      result.$ref = `#/components/schemas/${component}${fragment ? fragment : ''}`;
      continue;
    }
    result[key] = toComponentRefs(value, doc, catalog, componentOf);
  }
  return result;
}

export function buildOpenApiDocument(root: string, catalog: Catalog): Record<string, any> {
  const base = YAML.parse(fs.readFileSync(path.join(root, 'openapi/base.yaml'), 'utf8'));
  const componentById = new Map<string, string>();
  for (const shared of catalog.shared) componentById.set(shared.schema.$id, sharedComponentName(shared.file));
  for (const trigger of catalog.triggers) componentById.set(trigger.schema.$id, dataComponentName(trigger.type));
  const componentOf = (id: string) => {
    const name = componentById.get(id);
    if (!name) throw new Error(`no component for ${id}`);
    return name;
  };

  const catalogSchemas: Record<string, JsonSchema> = {};
  for (const shared of catalog.shared) {
    catalogSchemas[sharedComponentName(shared.file)] = toComponentRefs(shared.schema, shared.schema, catalog, componentOf);
  }
  const webhooks: Record<string, any> = {};
  for (const trigger of catalog.triggers) {
    const dataName = dataComponentName(trigger.type);
    const eventName = eventComponentName(trigger.type);
    catalogSchemas[dataName] = toComponentRefs(trigger.schema, trigger.schema, catalog, componentOf);
    catalogSchemas[eventName] = {
      title: `${trigger.meta.noun} event (${trigger.type})`,
      description: trigger.meta.description,
      allOf: [
        { $ref: '#/components/schemas/Envelope' },
        {
          type: 'object',
          properties: {
            type: { const: trigger.type },
            data: { $ref: `#/components/schemas/${dataName}` },
          },
        },
      ],
    };
    const examples: Record<string, any> = {
      sample: { summary: 'Sample', value: catalog.sampleEnvelope(trigger.type) },
    };
    for (const variant of Object.keys(trigger.variants)) {
      examples[variant] = { summary: `Variant: ${variant}`, value: catalog.sampleEnvelope(trigger.type, variant) };
    }
    webhooks[trigger.type] = {
      post: {
        operationId: `on${pascal(trigger.type)}`,
        summary: trigger.meta.zapier.label,
        description: `${trigger.meta.description}\n\nPower Automate: ${trigger.meta.powerAutomate.summary}.`,
        tags: [groupTag(trigger.meta.group)],
        // deskhooks calls the receiver: the API key scheme does not apply; the signature headers do.
        security: [],
        parameters: [
          { $ref: '#/components/parameters/WebhookId' },
          { $ref: '#/components/parameters/WebhookTimestamp' },
          { $ref: '#/components/parameters/WebhookSignature' },
        ],
        requestBody: {
          required: true,
          description: 'The event envelope (or, per the hook\'s format, its data, a batch array, or a rendered template).',
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${eventName}` }, examples } },
        },
        responses: {
          '200': { description: 'Any 2xx acknowledges the delivery.' },
          '410': { description: 'Gone: deskhooks deletes the subscription and emits hook.disabled.' },
          '429': { description: 'Throttled: deskhooks retries after Retry-After (within bounds).' },
        },
      },
    };
  }

  const clash = Object.keys(catalogSchemas).find((name) => base.components.schemas[name]);
  if (clash) throw new Error(`openapi/base.yaml already defines components.schemas.${clash}, which the catalog generates`);

  const webhookTags = ['ticket', 'chat', 'message', 'system'].map((group) => ({
    name: groupTag(group),
    description: `Deliveries of ${group} events.`,
  }));

  return {
    'x-generated': GENERATED_NOTE,
    ...base,
    tags: [...base.tags, ...webhookTags],
    webhooks,
    components: {
      ...base.components,
      parameters: { ...base.components.parameters, ...WEBHOOK_HEADER_PARAMETERS },
      schemas: { ...base.components.schemas, ...catalogSchemas },
    },
  };
}

const WEBHOOK_HEADER_PARAMETERS = {
  WebhookId: {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The delivery id; the same on every retry, so receivers can dedupe.',
    schema: { type: 'string' },
  },
  WebhookTimestamp: {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when this attempt was signed.',
    schema: { type: 'string' },
  },
  WebhookSignature: {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description: 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks).',
    schema: { type: 'string' },
  },
};

function pascal(type: string): string {
  return type
    .split(/[._]/)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function groupTag(group: string): string {
  return `${group[0].toUpperCase()}${group.slice(1)} webhooks`;
}
