'use strict';

/**
 * Zapier input fields from a custom event type's `data` schema, and the `data` object back from what the
 * zap builder filled in. Keys and labels follow the output fields (`data__owner__name`, "Owner Name"), so
 * a field reads the same in the trigger and in the action. Values are typed as the schema says; a part
 * Zapier cannot offer as separate fields (objects inside arrays, free-form objects) is one JSON field.
 */

const { inlineRefs } = require('./schema-refs');
const { normalize, types, joinLabel, titleOf } = require('./output-fields');

const HELP_MAX = 1000;
const MAX_FIELDS = 200;

function helpText(schema, extra) {
  const text = [typeof schema.description === 'string' ? schema.description.trim() : '', extra].filter(Boolean).join(' ');
  if (!text) return undefined;
  return text.length > HELP_MAX ? `${text.slice(0, HELP_MAX - 1)}…` : text;
}

/** How one schema node is entered: a scalar kind, a list of scalars, or JSON text. */
function kindOf(schema) {
  const declared = types(schema);
  if (declared.length === 1) {
    const [type] = declared;
    if (['string', 'integer', 'number', 'boolean'].includes(type)) return { kind: type };
    if (type === 'array') {
      const items = normalize(schema.items || {});
      const itemTypes = types(items);
      if (itemTypes.length === 1 && ['string', 'integer', 'number', 'boolean'].includes(itemTypes[0])) return { kind: itemTypes[0], list: true, items };
    }
  }
  if (!declared.length && Array.isArray(schema.enum)) return { kind: 'string' };
  return { kind: 'json' };
}

/**
 * @returns {Array<{key, label, required, type?, list?, choices?, helpText?, path: string[], kind: string}>}
 *   Zapier input fields plus `path` and `kind`, which `dataFromInputs` needs (strip them for Zapier).
 */
function describeInputs(rawSchema) {
  const schema = normalize(inlineRefs(rawSchema || {}));
  const fields = [];

  const visit = (node, path, label, required) => {
    if (fields.length >= MAX_FIELDS) return;
    const [type] = types(node);
    if (type === 'object' && node.properties && Object.keys(node.properties).length && types(node).length === 1) {
      const requiredNames = new Set(Array.isArray(node.required) ? node.required : []);
      for (const [name, child] of Object.entries(node.properties)) {
        const childSchema = normalize(child);
        visit(childSchema, [...path, name], joinLabel(label, titleOf(childSchema, name)), required && requiredNames.has(name));
      }
      return;
    }
    const { kind, list, items } = kindOf(node);
    // A schema with no declared properties at all: the whole `data` as one JSON field.
    const field = path.length
      ? { key: `data__${path.join('__')}`, label: label || titleOf(node, path[path.length - 1]), required, path, kind }
      : { key: 'data', label: 'Data', required: true, path, kind };
    const enumSource = list ? items : node;
    if (kind === 'json') {
      field.type = 'text';
      field.helpText = helpText(node, 'Enter it as JSON.');
    } else {
      if (Array.isArray(enumSource.enum) && enumSource.enum.length) {
        field.choices = enumSource.enum.filter((v) => v !== null).map((v) => ({ value: String(v), label: String(v), sample: String(v) }));
      } else if (kind === 'string') {
        field.type = enumSource.format === 'date-time' ? 'datetime' : 'string';
      } else {
        field.type = kind;
      }
      if (list) field.list = true;
      const help = helpText(node);
      if (help) field.helpText = help;
    }
    fields.push(field);
  };

  visit(schema, [], '', true);
  return fields;
}

/** The Zapier input fields of a custom type's `data`. */
function inputFieldsFromSchema(schema) {
  return describeInputs(schema).map(({ path: _path, kind: _kind, ...field }) => field);
}

function isEmpty(value) {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function coerce(z, field, raw) {
  const fail = (what) => {
    throw new z.errors.Error(`${field.label}: "${String(raw).slice(0, 100)}" is not ${what}.`, 'InvalidInput', 400);
  };
  if (field.kind === 'json') {
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw);
    } catch {
      return fail('valid JSON');
    }
  }
  if (field.kind === 'string') return typeof raw === 'string' ? raw : String(raw);
  if (field.kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const text = String(raw).trim().toLowerCase();
    if (['true', 'yes', '1'].includes(text)) return true;
    if (['false', 'no', '0'].includes(text)) return false;
    return fail('yes or no');
  }
  const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(number) || (field.kind === 'integer' && !Number.isInteger(number))) return fail(`a${field.kind === 'integer' ? 'n integer' : ' number'}`);
  return number;
}

/** The event's `data` from the Zap's inputs: only filled-in fields, each typed as its schema says. */
function dataFromInputs(z, schema, inputData) {
  const data = {};
  for (const field of describeInputs(schema)) {
    const raw = (inputData || {})[field.key];
    if (isEmpty(raw)) continue;
    const value = field.list ? (Array.isArray(raw) ? raw : String(raw).split(',')).map((item) => coerce(z, field, item)) : coerce(z, field, raw);
    let node = data;
    for (const name of field.path.slice(0, -1)) {
      if (!node[name] || typeof node[name] !== 'object' || Array.isArray(node[name])) node[name] = {};
      node = node[name];
    }
    if (!field.path.length) return value;
    node[field.path[field.path.length - 1]] = value;
  }
  return data;
}

module.exports = { inputFieldsFromSchema, dataFromInputs };
