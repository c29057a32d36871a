'use strict';

/**
 * Inlines the local references (`#/$defs/owner`, `#/definitions/…`, `#`) of a custom event type's schema,
 * so its fields keep their titles and nesting in Zapier like the catalog's (which are inlined when
 * generated). The schema is the tenant's: a reference cycle ends in a plain object, and the expansion
 * is bounded, so no schema can make the app loop or balloon.
 */

const MAX_NODES = 5000;
const MAX_DEPTH = 32;

function pointerTarget(root, ref) {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** `schema` with every local `$ref` replaced by its target (siblings of `$ref` win); `$defs` dropped. */
function inlineRefs(schema) {
  if (!schema || typeof schema !== 'object') return schema;
  let budget = MAX_NODES;

  const visit = (node, stack, depth) => {
    if (Array.isArray(node)) return node.map((item) => visit(item, stack, depth + 1));
    if (!node || typeof node !== 'object') return node;
    budget -= 1;
    if (budget < 0 || depth > MAX_DEPTH) return {};
    let result = {};
    if (typeof node.$ref === 'string') {
      const target = stack.includes(node.$ref) ? undefined : pointerTarget(schema, node.$ref);
      // A cycle (a tree of comments referring to itself) or an outside reference: an object without fields.
      if (target && typeof target === 'object') result = visit(target, [...stack, node.$ref], depth + 1);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' || key === '$defs' || key === 'definitions' || key === '$id' || key === '$schema') continue;
      result[key] = visit(value, stack, depth + 1);
    }
    return result;
  };

  return visit(schema, [], 0);
}

module.exports = { inlineRefs };
