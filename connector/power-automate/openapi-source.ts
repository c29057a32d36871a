/**
 * Reads operations, parameters and schemas out of the bundled OpenAPI 3.1 contract and hands them over
 * in Swagger 2.0 form, so the connector's request and response shapes come from the contract the server
 * validates against instead of being written twice.
 */
import { humanizePropertyName, type JsonSchema, oneLine, toSwagger2Schema } from '../../server/src/catalog/swagger2-schema';

export type OpenApiDocument = Record<string, any>;

/** A Swagger 2.0 non-body parameter. */
export interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  required: boolean;
  description: string;
  'x-ms-summary'?: string;
  [extension: string]: unknown;
}

/** Keywords a Swagger 2.0 path/query/header parameter may carry besides its name and placement. */
const PARAMETER_KEYWORDS = ['type', 'format', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern'];

export class OpenApiSource {
  constructor(readonly doc: OpenApiDocument) {}

  private resolve(node: any): any {
    let current = node;
    const seen = new Set<string>();
    while (current && typeof current.$ref === 'string') {
      if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
      seen.add(current.$ref);
      current = this.pointer(current.$ref);
    }
    return current;
  }

  private pointer(ref: string): any {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
    let node: any = this.doc;
    for (const part of ref.slice(2).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return node;
  }

  operation(path: string, method: string): Record<string, any> {
    const operation = this.doc.paths?.[path]?.[method];
    if (!operation) throw new Error(`the OpenAPI contract has no ${method.toUpperCase()} ${path}`);
    return operation;
  }

  /** Path-level and operation-level parameters, resolved, keyed by name. */
  parameters(path: string, method: string): Map<string, Record<string, any>> {
    const all = [...(this.doc.paths[path].parameters ?? []), ...(this.operation(path, method).parameters ?? [])];
    return new Map(all.map((parameter: any) => this.resolve(parameter)).map((parameter: any) => [parameter.name, parameter]));
  }

  /** A schema from the contract in Swagger 2.0 form; refuses to drop anything Swagger cannot say. */
  swaggerSchema(schema: JsonSchema, where: string): JsonSchema {
    const result = toSwagger2Schema(schema, { resolveRef: (ref) => this.pointer(ref), summariesFromNames: true });
    if (result.unsupported.length) {
      throw new Error(`${where} uses JSON Schema that Swagger 2.0 cannot express: ${result.unsupported.join(', ')}`);
    }
    return result.schema;
  }

  component(name: string): JsonSchema {
    const schema = this.doc.components?.schemas?.[name];
    if (!schema) throw new Error(`the OpenAPI contract has no components.schemas.${name}`);
    return this.swaggerSchema(schema, `components.schemas.${name}`);
  }

  /** One property of a component, for inputs that expose only part of a larger request shape. */
  componentProperty(name: string, property: string): JsonSchema {
    const schema = this.resolve(this.doc.components?.schemas?.[name]);
    const child = schema?.properties?.[property];
    if (!child) throw new Error(`the OpenAPI contract has no components.schemas.${name}.properties.${property}`);
    return this.swaggerSchema(child, `components.schemas.${name}.properties.${property}`);
  }

  requestSchema(path: string, method: string): JsonSchema {
    const body = this.resolve(this.operation(path, method).requestBody);
    const schema = body?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} has no application/json request body`);
    return this.swaggerSchema(schema, `${method.toUpperCase()} ${path} request body`);
  }

  /** The declared response of one status, with its description, headers and (JSON) schema. */
  response(path: string, method: string, status: string): { description: string; schema?: JsonSchema; headers: Record<string, any> } {
    const response = this.resolve(this.operation(path, method).responses?.[status]);
    if (!response) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
    const schema = response.content?.['application/json']?.schema;
    const headers: Record<string, any> = {};
    for (const [name, header] of Object.entries(response.headers ?? {})) headers[name] = this.resolve(header);
    return {
      description: oneLine(response.description ?? ''),
      schema: schema ? this.swaggerSchema(schema, `${method.toUpperCase()} ${path} ${status} response`) : undefined,
      headers,
    };
  }

  /**
   * A path, query or header parameter of the contract as a Swagger 2.0 parameter. `overrides` carries the
   * Power Automate wording and extensions; the name, placement and constraints always come from the contract.
   */
  parameter(path: string, method: string, name: string, overrides: Partial<SwaggerParameter> = {}): SwaggerParameter {
    const parameter = this.parameters(path, method).get(name);
    if (!parameter) throw new Error(`${method.toUpperCase()} ${path} has no parameter ${name}`);
    const schema = this.swaggerSchema(parameter.schema ?? { type: 'string' }, `${method.toUpperCase()} ${path} parameter ${name}`);
    const result: SwaggerParameter = {
      name,
      in: parameter.in,
      required: parameter.in === 'path' ? true : !!parameter.required,
      description: oneLine(parameter.description ?? ''),
      'x-ms-summary': humanizePropertyName(name),
    };
    for (const keyword of PARAMETER_KEYWORDS) if (schema[keyword] !== undefined) result[keyword] = schema[keyword];
    // Power Automate sends path values single-encoded unless told otherwise; say so explicitly.
    if (parameter.in === 'path') result['x-ms-url-encoding'] = 'single';
    return { ...result, ...overrides };
  }
}
