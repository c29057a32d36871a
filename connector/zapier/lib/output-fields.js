'use strict';

/**
 * Turns a JSON Schema (fully inlined, as the catalog's envelopeSchema() returns it) into Zapier
 * outputFields. Used at generation time for the catalog triggers and at run time for custom event
 * types, so both get the same keys and labels.
 *
 * Keys follow how Zapier flattens trigger output: nested objects join with `__` (`data__chat__id`),
 * fields of objects inside an array are line items (`data__chat__users[]name`). Zapier supports one
 * level of line items, so an array inside a line item is listed as one field.
 */

const NULL_TYPE = 'null';

/** The non-null branches of anyOf/oneOf merged into one schema (`{$ref: User} | null` → User). */
function normalize(schema) {
  if (!schema || typeof schema !== 'object') return {};
  const branches = (schema.anyOf || schema.oneOf || []).filter((branch) => !isNullOnly(branch));
  if (!branches.length) return schema;
  const merged = { ...schema };
  delete merged.anyOf;
  delete merged.oneOf;
  for (const branch of branches.map(normalize)) {
    const properties = { ...(merged.properties || {}), ...(branch.properties || {}) };
    Object.assign(merged, { ...branch, ...pick(schema, ['title', 'description']) });
    if (Object.keys(properties).length) merged.properties = properties;
  }
  return merged;
}

function isNullOnly(schema) {
  return schema && (schema.type === NULL_TYPE || (Array.isArray(schema.type) && schema.type.every((t) => t === NULL_TYPE)));
}

function pick(object, keys) {
  const result = {};
  for (const key of keys) if (object[key] !== undefined) result[key] = object[key];
  return result;
}

function types(schema) {
  const declared = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nonNull = declared.filter((t) => t !== NULL_TYPE);
  if (!nonNull.length && schema.properties) return ['object'];
  return nonNull;
}

/** Zapier's field type for a scalar schema, or undefined when the value may be of several kinds. */
function zapierType(schema) {
  const [type, ...others] = types(schema);
  if (others.length) return undefined;
  if (type === 'string') return schema.format === 'date-time' ? 'datetime' : 'string';
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  return undefined;
}

/**
 * Joins a parent's label and a child's title without repeating the words they share:
 * "Chat Session" + "Chat Session ID" → "Chat Session ID"; "Creator Company" + "Company Name" → "Creator Company Name".
 */
function joinLabel(parent, title) {
  if (!parent) return title;
  const parentWords = parent.split(' ');
  const titleWords = title.split(' ');
  for (let overlap = Math.min(parentWords.length, titleWords.length); overlap > 0; overlap -= 1) {
    const tail = parentWords.slice(-overlap).join(' ').toLowerCase();
    const head = titleWords.slice(0, overlap).join(' ').toLowerCase();
    if (tail === head) return [...parentWords, ...titleWords.slice(overlap)].join(' ');
  }
  return `${parent} ${title}`;
}

function titleOf(schema, name) {
  if (typeof schema.title === 'string' && schema.title.trim()) return schema.title.trim();
  // Schemas written by tenants (custom event types) may lack titles; make the key readable instead.
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace(/\b(Id|Url|Ip)\b/g, (word) => word.toUpperCase());
}

function field(key, label, schema, extra = {}) {
  const result = { key, label };
  const type = zapierType(schema);
  if (type) result.type = type;
  return Object.assign(result, extra);
}

/**
 * @param {object} schema an object schema (the envelope, or a custom event's data schema)
 * @param {{keyPrefix?: string, labelPrefix?: string, transparent?: string[]}} [options]
 *   keyPrefix: prepended to every key (`data` → `data__…`); labelPrefix: prepended to every label;
 *   transparent: top-level properties whose title is left out of their children's labels (`data`).
 * @returns {Array<{key: string, label: string, type?: string, list?: boolean}>}
 */
function outputFieldsFromSchema(schema, options = {}) {
  const fields = [];
  const transparent = new Set(options.transparent || []);

  const visitObject = (node, keyPrefix, labelPrefix, lineItem, depth) => {
    for (const [name, child] of Object.entries(node.properties || {})) {
      const key = keyPrefix ? `${keyPrefix}${keyPrefix.endsWith('[]') ? '' : '__'}${name}` : name;
      const skipTitle = depth === 0 && transparent.has(name);
      visit(normalize(child), key, skipTitle ? labelPrefix : joinLabel(labelPrefix, titleOf(child, name)), lineItem, depth + 1, name);
    }
  };

  const visit = (node, key, label, lineItem, depth, name) => {
    const [type] = types(node);
    if (type === 'object' && node.properties && Object.keys(node.properties).length) {
      visitObject(node, key, label, lineItem, depth);
      return;
    }
    if (type === 'array') {
      const items = normalize(node.items || {});
      const [itemType] = types(items);
      if (itemType === 'object' && items.properties && !lineItem) {
        visitObject(items, `${key}[]`, label, true, depth);
        return;
      }
      fields.push(field(key, label || titleOf(node, name), itemType === 'object' ? {} : items, { list: true }));
      return;
    }
    fields.push(field(key, label || titleOf(node, name), node));
  };

  visitObject(normalize(schema), options.keyPrefix || '', options.labelPrefix || '', false, 0);
  return fields;
}

module.exports = { outputFieldsFromSchema, normalize, types, joinLabel, titleOf };
