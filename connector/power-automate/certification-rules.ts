/**
 * The machine-checkable part of Microsoft's connector certification requirements (and of what the Power
 * Automate designer needs to show a connector well), as named rules. Each rule returns the list of its
 * violations, so a failing check says which rule broke and where.
 *
 * Sources: "Prepare Power Platform connector files for certification" (title, description, metadata,
 * summaries, descriptions, parameters, responses) and the webhook trigger requirements of custom
 * connectors (x-ms-notification-url, Location, x-ms-notification-content, unsubscribe).
 */

export type Json = Record<string, any>;

export interface ConnectorFiles {
  swagger: Json;
  apiProperties: Json;
  /** Size of apiDefinition.swagger.json on disk. */
  swaggerBytes: number;
}

export interface Rule {
  id: string;
  description: string;
  check(files: ConnectorFiles): string[];
}

/** Power Platform's connector categories; a connector declares at most two. */
export const CONNECTOR_CATEGORIES = [
  'AI', 'Business Management', 'Business Intelligence', 'Collaboration', 'Commerce', 'Communication',
  'Content and Files', 'Finance', 'Data', 'Human Resources', 'Internet of Things', 'IT Operations',
  'Lifestyle and Entertainment', 'Marketing', 'Productivity', 'Sales and CRM', 'Security', 'Social Media', 'Website',
];

export const MAX_DEFINITION_BYTES = 1_000_000;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

export interface OperationRef {
  path: string;
  method: string;
  operation: Json;
  pathItem: Json;
  where: string;
}

export function operationsOf(swagger: Json): OperationRef[] {
  const result: OperationRef[] = [];
  for (const [path, pathItem] of Object.entries<Json>(swagger.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (operation) result.push({ path, method, operation, pathItem, where: `${method.toUpperCase()} ${path}` });
    }
  }
  return result;
}

/** Resolves a local `#/…` reference of the document (one level; the `refs` rule checks the targets). */
export function deref(swagger: Json, node: any): any {
  if (!node || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  let target: any = swagger;
  for (const part of node.$ref.slice(2).split('/')) target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return target;
}

function parametersOf(swagger: Json, ref: OperationRef): Json[] {
  return [...(ref.pathItem.parameters ?? []), ...(ref.operation.parameters ?? [])].map((p) => deref(swagger, p)).filter(Boolean);
}

function isInternal(node: Json | undefined): boolean {
  return node?.['x-ms-visibility'] === 'internal';
}

/** Visits every schema under `schema` (properties, items, additionalProperties, allOf), with its JSON path. */
function walkSchema(swagger: Json, schema: any, path: string, visit: (schema: Json, path: string, parents: Json[]) => void, parents: Json[] = [], seen = new Set<any>()): void {
  const node = deref(swagger, schema);
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  const nextSeen = new Set(seen).add(node);
  visit(node, path, parents);
  for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
    walkSchema(swagger, child, `${path}.${name}`, visit, [...parents, node], nextSeen);
  }
  if (node.items && typeof node.items === 'object') walkSchema(swagger, node.items, `${path}[]`, visit, [...parents, node], nextSeen);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    walkSchema(swagger, node.additionalProperties, `${path}{}`, visit, [...parents, node], nextSeen);
  }
  for (const part of node.allOf ?? []) walkSchema(swagger, part, path, visit, parents, nextSeen);
}

/** Every (name, schema, parent) property pair under a schema. */
function propertiesOf(swagger: Json, schema: any, path: string): Array<{ name: string; schema: Json; parent: Json; path: string }> {
  const result: Array<{ name: string; schema: Json; parent: Json; path: string }> = [];
  walkSchema(swagger, schema, path, (node, nodePath) => {
    for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
      result.push({ name, schema: deref(swagger, child), parent: node, path: `${nodePath}.${name}` });
    }
  });
  return result;
}

/**
 * A sentence ends in punctuation. The first letter may be lower case: catalog descriptions of enum fields
 * start with the literal value ("contact for an end user…"), and the product name is "deskhooks".
 */
function isSentence(text: string): boolean {
  return text === text.trim() && /\s/.test(text) && /[.!?][)"'`]?$/.test(text);
}

function httpsUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const title: Rule = {
  id: 'title',
  description: 'The title exists, is at most 30 characters and does not contain "API" or "Connector".',
  check({ swagger }) {
    const value = swagger.info?.title;
    if (typeof value !== 'string' || !value.trim()) return ['info.title is missing'];
    const violations: string[] = [];
    if (value.length > 30) violations.push(`info.title is ${value.length} characters long (at most 30)`);
    if (/\b(api|connector)\b/i.test(value)) violations.push(`info.title "${value}" contains "API" or "Connector"`);
    return violations;
  },
};

const description: Rule = {
  id: 'description',
  description: 'The connector description is 30 to 500 characters long.',
  check({ swagger }) {
    const value = swagger.info?.description;
    if (typeof value !== 'string') return ['info.description is missing'];
    return value.length < 30 || value.length > 500 ? [`info.description is ${value.length} characters long (30 to 500)`] : [];
  },
};

const contact: Rule = {
  id: 'contact',
  description: 'info.contact names the publisher with an https URL and an email address.',
  check({ swagger }) {
    const value = swagger.info?.contact;
    if (!value) return ['info.contact is missing'];
    const violations: string[] = [];
    if (!value.name) violations.push('info.contact.name is missing');
    if (!httpsUrl(value.url)) violations.push(`info.contact.url is not an https URL: ${value.url}`);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.email ?? '')) violations.push(`info.contact.email is not an email address: ${value.email}`);
    return violations;
  },
};

const connectorMetadata: Rule = {
  id: 'connector-metadata',
  description: 'x-ms-connector-metadata has a Website, a Privacy policy (https URLs) and one or two valid Categories.',
  check({ swagger }) {
    const entries = swagger['x-ms-connector-metadata'];
    if (!Array.isArray(entries)) return ['x-ms-connector-metadata is missing'];
    const value = (name: string) => entries.find((entry: Json) => entry.propertyName === name)?.propertyValue;
    const violations: string[] = [];
    if (!httpsUrl(value('Website'))) violations.push(`Website is not an https URL: ${value('Website')}`);
    if (!httpsUrl(value('Privacy policy'))) violations.push(`Privacy policy is not an https URL: ${value('Privacy policy')}`);
    const categories = String(value('Categories') ?? '').split(';').map((c) => c.trim()).filter(Boolean);
    if (categories.length < 1 || categories.length > 2) violations.push(`Categories must list one or two categories, not ${categories.length}`);
    for (const category of categories) if (!CONNECTOR_CATEGORIES.includes(category)) violations.push(`"${category}" is not a connector category`);
    return violations;
  },
};

const operationIds: Rule = {
  id: 'operation-ids',
  description: 'Every operation has a unique, alphanumeric operationId.',
  check({ swagger }) {
    const violations: string[] = [];
    const seen = new Map<string, string>();
    for (const { operation, where } of operationsOf(swagger)) {
      const id = operation.operationId;
      if (typeof id !== 'string' || !/^[A-Za-z0-9]+$/.test(id)) violations.push(`${where}: operationId "${id}" is not alphanumeric`);
      else if (seen.has(id)) violations.push(`${where}: operationId ${id} is also used by ${seen.get(id)}`);
      else seen.set(id, where);
    }
    return violations;
  },
};

const summaries: Rule = {
  id: 'summaries',
  description: 'Every operation has a summary of at most 80 characters, without "/" and without trailing punctuation.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const { operation, where } of operationsOf(swagger)) {
      const value = operation.summary;
      if (typeof value !== 'string' || !value.trim()) {
        violations.push(`${where}: no summary`);
        continue;
      }
      if (value.length > 80) violations.push(`${where}: summary is ${value.length} characters long (at most 80)`);
      if (value.includes('/')) violations.push(`${where}: summary "${value}" contains "/"`);
      if (/[.,;:!?]$/.test(value)) violations.push(`${where}: summary "${value}" ends in punctuation`);
    }
    return violations;
  },
};

const descriptions: Rule = {
  id: 'descriptions',
  description: 'Every operation has a description other than its summary, and every description is a sentence ending in punctuation.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const { operation, where } of operationsOf(swagger)) {
      if (typeof operation.description !== 'string') violations.push(`${where}: no description`);
      else if (operation.description.trim() === operation.summary?.trim()) violations.push(`${where}: the description repeats the summary`);
    }
    const visit = (node: any, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${path}/${index}`));
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        // Examples and defaults are data, not documentation.
        if (key === 'default' || key === 'example' || key === 'enum') continue;
        if (key === 'description' && typeof value === 'string') {
          if (!isSentence(value)) violations.push(`${path}/description is not a sentence: "${value}"`);
        } else {
          visit(value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        }
      }
    };
    visit(swagger, '#');
    return violations;
  },
};

const parameters: Rule = {
  id: 'parameters',
  description: 'Every parameter and body property a flow maker sees has an x-ms-summary and a description.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const ref of operationsOf(swagger)) {
      for (const parameter of parametersOf(swagger, ref)) {
        if (isInternal(parameter)) continue;
        const label = `${ref.where}: parameter ${parameter.name}`;
        if (!parameter['x-ms-summary']) violations.push(`${label} has no x-ms-summary`);
        if (!parameter.description) violations.push(`${label} has no description`);
        if (parameter.in !== 'body') continue;
        for (const property of propertiesOf(swagger, parameter.schema, parameter.name)) {
          if (isInternal(property.schema)) continue;
          if (!property.schema['x-ms-summary']) violations.push(`${ref.where}: body property ${property.path} has no x-ms-summary`);
          if (!property.schema.description) violations.push(`${ref.where}: body property ${property.path} has no description`);
        }
      }
    }
    return violations;
  },
};

const internalDefaults: Rule = {
  id: 'internal-defaults',
  description: 'A required parameter or body property hidden from the flow maker has a default (the notification URL excepted).',
  check({ swagger }) {
    const violations: string[] = [];
    for (const ref of operationsOf(swagger)) {
      for (const parameter of parametersOf(swagger, ref)) {
        if (isInternal(parameter) && parameter.required && parameter.in !== 'body' && parameter.default === undefined) {
          violations.push(`${ref.where}: internal parameter ${parameter.name} is required but has no default`);
        }
        if (parameter.in !== 'body') continue;
        for (const property of propertiesOf(swagger, parameter.schema, parameter.name)) {
          const required = (property.parent.required ?? []).includes(property.name);
          if (isInternal(property.schema) && required && property.schema.default === undefined && property.schema['x-ms-notification-url'] !== true) {
            violations.push(`${ref.where}: internal body property ${property.path} is required but has no default`);
          }
        }
      }
    }
    return violations;
  },
};

const pathParameters: Rule = {
  id: 'path-parameters',
  description: 'Every path template variable has a parameter, required and with x-ms-url-encoding.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const ref of operationsOf(swagger)) {
      const inPath = parametersOf(swagger, ref).filter((p) => p.in === 'path');
      const names = [...ref.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const name of names) if (!inPath.some((p) => p.name === name)) violations.push(`${ref.where}: {${name}} has no path parameter`);
      for (const parameter of inPath) {
        if (!names.includes(parameter.name)) violations.push(`${ref.where}: path parameter ${parameter.name} is not in the path`);
        if (parameter.required !== true) violations.push(`${ref.where}: path parameter ${parameter.name} is not required`);
        if (!['single', 'double'].includes(parameter['x-ms-url-encoding'])) violations.push(`${ref.where}: path parameter ${parameter.name} has no x-ms-url-encoding`);
      }
    }
    return violations;
  },
};

const responses: Rule = {
  id: 'responses',
  description: 'Every operation declares a 2xx response, and a default response has no schema.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const { operation, where } of operationsOf(swagger)) {
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((status) => /^2\d\d$/.test(status))) violations.push(`${where}: no 2xx response`);
      if (deref(swagger, operation.responses?.default)?.schema) violations.push(`${where}: the default response has a schema`);
    }
    return violations;
  },
};

const consumes: Rule = {
  id: 'consumes',
  description: 'Every operation with a body declares what it consumes.',
  check({ swagger }) {
    const violations: string[] = [];
    for (const ref of operationsOf(swagger)) {
      const hasBody = parametersOf(swagger, ref).some((p) => p.in === 'body' || p.in === 'formData');
      const declared = ref.operation.consumes ?? swagger.consumes;
      if (hasBody && !(Array.isArray(declared) && declared.length)) violations.push(`${ref.where}: has a body but no consumes`);
    }
    return violations;
  },
};

const refs: Rule = {
  id: 'refs',
  description: '$ref points only at entries of definitions, parameters or responses, and resolves.',
  check({ swagger }) {
    const violations: string[] = [];
    const visit = (node: any, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${path}/${index}`));
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') {
        const match = /^#\/(definitions|parameters|responses)\/([^/]+)$/.exec(node.$ref);
        if (!match) violations.push(`${path}: $ref ${node.$ref} does not point at definitions, parameters or responses`);
        else if (!swagger[match[1]]?.[match[2].replace(/~1/g, '/').replace(/~0/g, '~')]) violations.push(`${path}: $ref ${node.$ref} does not resolve`);
      }
      for (const [key, value] of Object.entries(node)) if (key !== '$ref') visit(value, `${path}/${key}`);
    };
    visit(swagger, '#');
    return violations;
  },
};

function triggerViolations(swagger: Json, ref: OperationRef): string[] {
  const { operation, pathItem, where } = ref;
  const violations: string[] = [];
  if (operation['x-ms-trigger'] !== 'single') violations.push(`${where}: x-ms-trigger is ${operation['x-ms-trigger']}, not single`);
  if (ref.method !== 'post') violations.push(`${where}: a webhook trigger subscribes with POST`);
  if (!/^When an? /.test(operation.summary ?? '')) violations.push(`${where}: the summary does not start "When a"/"When an"`);
  if (!/^This operation triggers when /.test(operation.description ?? '')) violations.push(`${where}: the description does not start "This operation triggers when"`);
  if (!operation['x-ms-trigger-hint']) violations.push(`${where}: no x-ms-trigger-hint`);

  const notificationUrls: string[] = [];
  for (const parameter of parametersOf(swagger, ref)) {
    if (parameter.in !== 'body') continue;
    walkSchema(swagger, parameter.schema, parameter.name, (node, path, parents) => {
      for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
        const property = deref(swagger, child);
        if (property?.['x-ms-notification-url'] !== true) continue;
        const at = `${path}.${name}`;
        notificationUrls.push(at);
        if (property.type !== 'string') violations.push(`${where}: ${at} is not a string`);
        if (!isInternal(property)) violations.push(`${where}: ${at} is not internal`);
        if (parameter.required !== true) violations.push(`${where}: body parameter ${parameter.name} holding ${at} is not required`);
        if (!(node.required ?? []).includes(name)) violations.push(`${where}: ${at} is not required`);
        // Every object between the body and the URL must require the next step down too.
        const chain = [...parents, node];
        for (let i = 0; i < chain.length - 1; i++) {
          const step = Object.entries<any>(chain[i].properties ?? {}).find(([, value]) => deref(swagger, value) === chain[i + 1]);
          if (step && !(chain[i].required ?? []).includes(step[0])) violations.push(`${where}: ${step[0]} (on the way to ${at}) is not required`);
        }
      }
    });
  }
  if (notificationUrls.length !== 1) violations.push(`${where}: ${notificationUrls.length} properties carry x-ms-notification-url (exactly one must)`);

  const created = deref(swagger, operation.responses?.['201']);
  if (!created) violations.push(`${where}: no 201 response`);
  else if (!created.headers?.Location) violations.push(`${where}: the 201 response does not declare the Location header`);

  const content = pathItem['x-ms-notification-content'];
  if (!content) violations.push(`${where}: the path has no x-ms-notification-content`);
  else {
    if (!content.description) violations.push(`${where}: x-ms-notification-content has no description`);
    const schema = deref(swagger, content.schema);
    if (!schema) violations.push(`${where}: x-ms-notification-content has no schema`);
    else if (!schema['x-ms-dynamic-schema']) {
      walkSchema(swagger, schema, 'body', (node, path) => {
        for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
          const property = deref(swagger, child);
          if (!property['x-ms-summary'] && !property.title) violations.push(`${where}: notification property ${path}.${name} has no x-ms-summary or title`);
          if (!property.description) violations.push(`${where}: notification property ${path}.${name} has no description`);
        }
      });
    }
  }
  return violations;
}

const webhookTriggers: Rule = {
  id: 'webhook-triggers',
  description:
    'Every trigger is a single webhook trigger: "When a…" summary, "This operation triggers when…" description, a hint, one internal and required notification URL, a 201 with Location, and titled, described notification content.',
  check({ swagger }) {
    const triggers = operationsOf(swagger).filter((ref) => ref.operation['x-ms-trigger'] !== undefined);
    if (!triggers.length) return ['the connector has no trigger'];
    return triggers.flatMap((ref) => triggerViolations(swagger, ref));
  },
};

const unsubscribe: Rule = {
  id: 'unsubscribe',
  description: 'Webhook triggers have an internal DELETE operation on a templated path (where the Location header points) with x-ms-url-encoding.',
  check({ swagger }) {
    if (!operationsOf(swagger).some((ref) => ref.operation['x-ms-trigger'])) return [];
    const deletes = operationsOf(swagger).filter((ref) => ref.method === 'delete' && isInternal(ref.operation) && /\{[^}]+\}$/.test(ref.path));
    if (!deletes.length) return ['no internal DELETE operation on a templated path to unsubscribe with'];
    const violations: string[] = [];
    for (const ref of deletes) {
      for (const parameter of parametersOf(swagger, ref).filter((p) => p.in === 'path')) {
        if (!parameter['x-ms-url-encoding']) violations.push(`${ref.where}: path parameter ${parameter.name} has no x-ms-url-encoding`);
      }
    }
    return violations;
  },
};

function dynamicCalls(swagger: Json): Array<{ where: string; kind: string; call: Json; owner: OperationRef | undefined; host: Json }> {
  const calls: Array<{ where: string; kind: string; call: Json; owner: OperationRef | undefined; host: Json }> = [];
  const kinds = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties'];
  const visit = (node: any, path: string, owner: OperationRef | undefined): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${path}/${index}`, owner));
    if (!node || typeof node !== 'object') return;
    for (const kind of kinds) if (node[kind]) calls.push({ where: path, kind, call: node[kind], owner, host: node });
    for (const [key, value] of Object.entries(node)) if (!kinds.includes(key)) visit(value, `${path}/${key}`, owner);
  };
  for (const ref of operationsOf(swagger)) {
    visit(ref.operation, ref.where, ref);
    if (ref.pathItem['x-ms-notification-content'] && ref.method === 'post') visit(ref.pathItem['x-ms-notification-content'], `${ref.path} x-ms-notification-content`, ref);
  }
  visit(swagger.definitions, '#/definitions', undefined);
  return calls;
}

/** The schema of the first 2xx response of an operation, resolved. */
function successSchema(swagger: Json, ref: OperationRef): Json | undefined {
  const status = Object.keys(ref.operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  return status ? deref(swagger, deref(swagger, ref.operation.responses[status])?.schema) : undefined;
}

/** The schema at a `/`-separated property path (`data`, `item/id`) under `schema`, resolved. */
function schemaAt(swagger: Json, schema: Json | undefined, path: string): Json | undefined {
  let node = deref(swagger, schema);
  for (const segment of path.split('/').filter(Boolean)) node = deref(swagger, node?.properties?.[segment]);
  return node;
}

/**
 * Where a dropdown reads its options in the response of the operation it calls: the collection must be
 * an array and each item must have the value and title properties, or the dropdown stays empty.
 */
function dropdownPathViolations(swagger: Json, target: OperationRef, where: string, collection: string | undefined, value: string, title: string | undefined): string[] {
  const response = successSchema(swagger, target);
  if (!response) return [`${where}: ${target.operation.operationId} declares no 2xx response schema to read options from`];
  const list = collection ? schemaAt(swagger, response, collection) : response;
  if (list?.type !== 'array') return [`${where}: ${collection ?? 'the response'} of ${target.operation.operationId} is not an array`];
  const violations: string[] = [];
  for (const path of [value, title]) {
    if (path !== undefined && !schemaAt(swagger, list.items, path)) violations.push(`${where}: the items of ${target.operation.operationId} have no ${path}`);
  }
  return violations;
}

const dynamicReferences: Rule = {
  id: 'dynamic-references',
  description:
    'x-ms-dynamic-* and x-ms-capabilities name existing operations, with parameters those operations and their callers have, and dropdowns read paths that the called operation returns.',
  check({ swagger }) {
    const violations: string[] = [];
    const byId = new Map(operationsOf(swagger).map((ref) => [ref.operation.operationId, ref]));
    const testConnection = swagger['x-ms-capabilities']?.testConnection?.operationId;
    if (testConnection && !byId.has(testConnection)) violations.push(`x-ms-capabilities.testConnection names ${testConnection}, which does not exist`);
    for (const { where, kind, call, owner } of dynamicCalls(swagger)) {
      const target = byId.get(call.operationId);
      if (!target) {
        violations.push(`${where} ${kind}: operation ${call.operationId} does not exist`);
        continue;
      }
      if (kind === 'x-ms-dynamic-values') {
        violations.push(...dropdownPathViolations(swagger, target, `${where} ${kind}`, call['value-collection'], call['value-path'], call['value-title']));
      }
      if (kind === 'x-ms-dynamic-list') {
        violations.push(...dropdownPathViolations(swagger, target, `${where} ${kind}`, call.itemsPath, call.itemValuePath, call.itemTitlePath));
      }
      const targetParameters = new Set(parametersOf(swagger, target).map((p) => p.name));
      const callerParameters = new Set(owner ? parametersOf(swagger, owner).map((p) => p.name) : []);
      for (const [name, value] of Object.entries<any>(call.parameters ?? {})) {
        if (!targetParameters.has(name)) violations.push(`${where} ${kind}: ${call.operationId} has no parameter ${name}`);
        const reference = typeof value === 'object' ? (value.parameter ?? value.parameterReference) : undefined;
        if (reference !== undefined && !callerParameters.has(String(reference).split('/')[0])) {
          violations.push(`${where} ${kind}: the caller has no parameter ${reference} to pass as ${name}`);
        }
      }
    }
    return violations;
  },
};

/** A dynamic call's parameter in one form: `{parameter: x}` / `{parameterReference: x}` → `ref:x`, a literal → `value:"v"`. */
function parameterSource(value: any): string {
  if (value && typeof value === 'object') {
    if ('parameter' in value || 'parameterReference' in value) return `ref:${value.parameter ?? value.parameterReference}`;
    if ('value' in value) return `value:${JSON.stringify(value.value)}`;
  }
  return `value:${JSON.stringify(value)}`;
}

function sameParameters(a: Json | undefined, b: Json | undefined): boolean {
  const normalise = (parameters: Json | undefined) =>
    JSON.stringify(Object.entries(parameters ?? {}).map(([name, value]) => [name, parameterSource(value)]).sort());
  return normalise(a) === normalise(b);
}

/**
 * The old designer reads x-ms-dynamic-values/-schema, the new one x-ms-dynamic-list/-properties; when the
 * two halves of a pair disagree, the flow maker sees different options depending on the designer.
 */
function pairDisagreements(kind: string, call: Json, other: Json): string[] {
  const values = kind === 'x-ms-dynamic-values' ? call : kind === 'x-ms-dynamic-list' ? other : undefined;
  const list = kind === 'x-ms-dynamic-list' ? call : kind === 'x-ms-dynamic-values' ? other : undefined;
  const schema = kind === 'x-ms-dynamic-schema' ? call : kind === 'x-ms-dynamic-properties' ? other : undefined;
  const properties = kind === 'x-ms-dynamic-properties' ? call : kind === 'x-ms-dynamic-schema' ? other : undefined;
  const differences: string[] = [];
  if (values && list) {
    if ((values['value-collection'] ?? '') !== (list.itemsPath ?? '')) differences.push('value-collection ≠ itemsPath');
    if (values['value-path'] !== list.itemValuePath) differences.push('value-path ≠ itemValuePath');
    if (values['value-title'] !== list.itemTitlePath) differences.push('value-title ≠ itemTitlePath');
    if (!sameParameters(values.parameters, list.parameters)) differences.push('their parameters differ');
  }
  if (schema && properties) {
    if ((schema['value-path'] ?? '') !== (properties.itemValuePath ?? '')) differences.push('value-path ≠ itemValuePath');
    if (!sameParameters(schema.parameters, properties.parameters)) differences.push('their parameters differ');
  }
  return differences;
}

const dynamicPairs: Rule = {
  id: 'dynamic-pairs',
  description:
    'x-ms-dynamic-values comes with x-ms-dynamic-list, and x-ms-dynamic-schema with x-ms-dynamic-properties, calling the same operation with the same parameters and paths.',
  check({ swagger }) {
    const violations: string[] = [];
    const pairs: Array<[string, string]> = [
      ['x-ms-dynamic-values', 'x-ms-dynamic-list'],
      ['x-ms-dynamic-schema', 'x-ms-dynamic-properties'],
    ];
    for (const { where, kind, call, host } of dynamicCalls(swagger)) {
      const pair = pairs.find(([a, b]) => a === kind || b === kind)!;
      const other = pair[0] === kind ? pair[1] : pair[0];
      if (!host[other]) violations.push(`${where}: ${kind} without ${other}`);
      else if (host[other].operationId !== call.operationId) violations.push(`${where}: ${kind} and ${other} call different operations`);
      else if (pair[0] === kind) {
        for (const difference of pairDisagreements(kind, call, host[other])) violations.push(`${where}: ${kind} and ${other} disagree: ${difference}`);
      }
    }
    return violations;
  },
};

const connectionPolicies: Rule = {
  id: 'connection-policies',
  description:
    'apiProperties sets the host over https and sends the key (a securestring) in the header the definition declares, and every @connectionParameters() exists.',
  check({ swagger, apiProperties }) {
    const violations: string[] = [];
    const properties = apiProperties.properties ?? {};
    const parametersByName = properties.connectionParameters ?? {};
    const policies: Json[] = properties.policyTemplateInstances ?? [];
    const host = policies.find((p) => p.templateId?.toLowerCase() === 'dynamichosturl' && !p.parameters?.['x-ms-apimTemplate-operationName']);
    if (!host) violations.push('no dynamicHostUrl policy sets the host for every operation');
    else if (!/^https:\/\//.test(host.parameters['x-ms-apimTemplateParameter.urlTemplate'])) violations.push('the dynamicHostUrl policy does not use https');

    const declared = Object.values<Json>(swagger.securityDefinitions ?? {}).find((d) => d.type === 'apiKey');
    const header = policies.find((p) => p.templateId?.toLowerCase() === 'setheader' && p.parameters?.['x-ms-apimTemplateParameter.name']?.toLowerCase() === declared?.name?.toLowerCase());
    if (!declared) violations.push('securityDefinitions declares no apiKey header');
    else if (!header) violations.push(`no setheader policy sends the ${declared.name} header that securityDefinitions declares`);
    else {
      const used = /@connectionParameters\('([^']+)'\)/.exec(header.parameters['x-ms-apimTemplateParameter.value'] ?? '')?.[1];
      if (!used || parametersByName[used]?.type !== 'securestring') violations.push(`the ${declared.name} header is not set from a securestring connection parameter`);
    }
    for (const match of JSON.stringify(policies).matchAll(/@connectionParameters\('([^']+)'\)/g)) {
      if (!parametersByName[match[1]]) violations.push(`a policy uses @connectionParameters('${match[1]}'), which is not a connection parameter`);
    }
    return violations;
  },
};

const fileSize: Rule = {
  id: 'file-size',
  description: `apiDefinition.swagger.json is under 1 MB (${MAX_DEFINITION_BYTES} bytes).`,
  check({ swaggerBytes }) {
    return swaggerBytes < MAX_DEFINITION_BYTES ? [] : [`apiDefinition.swagger.json is ${swaggerBytes} bytes`];
  },
};

export const RULES: Rule[] = [
  title,
  description,
  contact,
  connectorMetadata,
  operationIds,
  summaries,
  descriptions,
  parameters,
  internalDefaults,
  pathParameters,
  responses,
  consumes,
  refs,
  webhookTriggers,
  unsubscribe,
  dynamicReferences,
  dynamicPairs,
  connectionPolicies,
  fileSize,
];

export function checkConnector(files: ConnectorFiles): Array<{ rule: string; violations: string[] }> {
  return RULES.map((rule) => ({ rule: rule.id, violations: rule.check(files) })).filter((result) => result.violations.length);
}
