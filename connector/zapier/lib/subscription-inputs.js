'use strict';

/**
 * The optional inputs that narrow a trigger's subscription: the brand (a dropdown of the tenant's brands)
 * and the trigger's filter fields (declared in the catalog's meta.json, generated into
 * generated/triggers.json). Chosen values become the hook's `brand` and `filter`, so deskhooks only
 * delivers the events the Zap wants; the same values narrow the recent events Zapier shows while testing.
 */

const BRAND_FIELD = {
  key: 'brand',
  label: 'Brand',
  required: false,
  dynamic: 'brand.id.name',
  helpText: 'Only events of this helpdesk brand. Leave it empty to receive the events of every brand.',
};

/** Zapier input fields for generated filter definitions (`{key, field, label, helpText, type, choices}`). */
function filterInputFields(filters = []) {
  return filters.map(({ key, label, helpText, type, choices }) => {
    const field = { key, label, required: false, helpText };
    if (choices && choices.length) field.choices = choices;
    else if (type !== 'string') field.type = type;
    return field;
  });
}

function isEmpty(value) {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A value typed in Zapier (always text there) as the JSON type the event carries, or an error naming the field. */
function coerce(z, filter, raw) {
  if (filter.type === 'string') return String(raw).trim();
  if (filter.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const text = String(raw).trim().toLowerCase();
    if (['true', 'yes', '1'].includes(text)) return true;
    if (['false', 'no', '0'].includes(text)) return false;
  } else {
    const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (Number.isFinite(number) && (filter.type === 'number' || Number.isInteger(number))) return number;
  }
  const wanted = { boolean: 'yes or no', integer: 'a whole number', number: 'a number' }[filter.type] || `a ${filter.type}`;
  throw new z.errors.Error(`${filter.label}: "${raw}" is not ${wanted}.`, 'InvalidInput', 400);
}

/** `{brand?, filter?}` for the subscribe body, from the Zap's inputs; only what the zap builder filled in. */
function subscriptionSettings(z, bundle, filters = []) {
  const input = bundle.inputData || {};
  const settings = {};
  if (!isEmpty(input.brand)) settings.brand = String(input.brand).trim();
  const filter = {};
  for (const definition of filters) {
    const raw = input[definition.key];
    if (!isEmpty(raw)) filter[definition.field] = coerce(z, definition, raw);
  }
  if (Object.keys(filter).length) settings.filter = filter;
  return settings;
}

function valueAt(item, dottedPath) {
  return dottedPath.split('.').reduce((node, name) => (node && typeof node === 'object' ? node[name] : undefined), item);
}

/** True when an item (a listed envelope) passes the same brand and filter the subscription would have. */
function matchesSettings(item, settings) {
  if (settings.brand !== undefined && item.brand !== settings.brand) return false;
  return Object.entries(settings.filter || {}).every(([field, value]) => valueAt(item, field) === value);
}

module.exports = { BRAND_FIELD, filterInputFields, subscriptionSettings, matchesSettings, valueAt };
