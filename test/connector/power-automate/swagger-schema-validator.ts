/**
 * Validates JSON values against Swagger 2.0 schemas of the connector, the way a strict reader of the
 * definition would: Swagger's schema object is draft-04 plus `x-nullable`, so the schema is rewritten
 * to draft-04 (`x-nullable` → a `null` alternative) and compiled with ajv-draft-04.
 */
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Json } from '../../../connector/power-automate/certification-rules';

function toDraft04(node: any): any {
  if (Array.isArray(node)) return node.map(toDraft04);
  if (!node || typeof node !== 'object') return node;
  const result: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-ms-') || key === 'x-nullable' || key === 'example') continue;
    if (key === 'properties' || key === 'definitions') {
      result[key] = Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, toDraft04(child)]));
    } else {
      result[key] = toDraft04(value);
    }
  }
  if (node['x-nullable'] === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum)) result.enum = [...result.enum, null];
    if (result.$ref) return { anyOf: [{ $ref: result.$ref }, { type: 'null' }] };
  }
  return result;
}

/** Compiles schemas that may `$ref` the definition's `#/definitions/…`; the definitions are loaded once. */
export class SwaggerSchemaValidator {
  private readonly ajv = new AjvDraft04({ allErrors: true, strict: false });

  constructor(swagger: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ id: 'swagger', definitions: toDraft04(swagger.definitions ?? {}) });
  }

  compile(schema: Json): ValidateFunction {
    return this.ajv.compile(JSON.parse(JSON.stringify(toDraft04(schema)).replace(/"#\/definitions\//g, '"swagger#/definitions/')));
  }
}
