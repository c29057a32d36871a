/**
 * Plays Power Automate using only the connector files: it reads an operation from
 * apiDefinition.swagger.json and builds the HTTP request the way the Power Platform runtime does —
 * host from the dynamicHostUrl policy, basePath and path with x-ms-url-encoding, internal parameters
 * from their defaults, the flow's callback URL where x-ms-notification-url says, headers from the
 * setheader policies of apiProperties.json — then sends it over real HTTP.
 *
 * Anything it does not understand (an unknown policy template, an input the operation does not declare,
 * a missing required value) is an error, so the connector cannot pass a test by being vague.
 */
import { type Dispatcher, request } from 'undici';
import { type Json, type OperationRef, deref, operationsOf } from '../../../connector/power-automate/certification-rules';

export type ConnectionValues = Record<string, string>;

export interface OperationInputs {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  /** The flow's callback URL, placed where x-ms-notification-url says. */
  notificationUrl?: string;
}

export interface RuntimeRequest {
  operationId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RuntimeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
  /** True when a setconnectionstatustounauthenticated policy matched the status. */
  connectionUnauthenticated: boolean;
}

const KNOWN_TEMPLATES = new Set(['dynamichosturl', 'setheader', 'setconnectionstatustounauthenticated']);

export class PowerAutomateRuntime {
  private readonly operations: Map<string, OperationRef>;
  private readonly policies: Json[];

  constructor(
    readonly swagger: Json,
    readonly apiProperties: Json,
    private readonly connection: ConnectionValues,
    private readonly dispatcher?: Dispatcher,
  ) {
    this.operations = new Map(operationsOf(swagger).map((ref) => [ref.operation.operationId, ref]));
    this.policies = apiProperties.properties.policyTemplateInstances ?? [];
    for (const policy of this.policies) {
      if (!KNOWN_TEMPLATES.has(String(policy.templateId).toLowerCase())) throw new Error(`unknown policy template ${policy.templateId}`);
    }
    for (const [name, parameter] of Object.entries<Json>(apiProperties.properties.connectionParameters ?? {})) {
      if (parameter.uiDefinition?.constraints?.required === 'true' && !connection[name]) throw new Error(`the connection needs ${name}`);
    }
  }

  operation(operationId: string): OperationRef {
    const ref = this.operations.get(operationId);
    if (!ref) throw new Error(`the connector has no operation ${operationId}`);
    return ref;
  }

  /** Every webhook trigger of the definition. */
  triggers(): OperationRef[] {
    return [...this.operations.values()].filter((ref) => ref.operation['x-ms-trigger']);
  }

  private expand(template: string): string {
    return template.replace(/@connectionParameters\('([^']+)'\)/g, (_, name: string) => {
      if (this.connection[name] === undefined) throw new Error(`the connection has no ${name}`);
      return this.connection[name];
    });
  }

  private policiesFor(templateId: string, operationId: string): Json[] {
    return this.policies.filter((policy) => {
      if (String(policy.templateId).toLowerCase() !== templateId) return false;
      const only: string[] | undefined = policy.parameters?.['x-ms-apimTemplate-operationName'];
      return !only || only.includes(operationId);
    });
  }

  /** Scheme, host and port: the dynamicHostUrl policy's, else the definition's. */
  baseUrl(operationId: string): string {
    const hostPolicies = this.policiesFor('dynamichosturl', operationId);
    // The most specific policy (one naming this operation) wins over the connector-wide one.
    const policy = hostPolicies.find((p) => p.parameters['x-ms-apimTemplate-operationName']) ?? hostPolicies[0];
    const base = policy
      ? this.expand(policy.parameters['x-ms-apimTemplateParameter.urlTemplate'])
      : `${this.swagger.schemes?.[0] ?? 'https'}://${this.swagger.host}`;
    const basePath = (this.swagger.basePath ?? '/').replace(/\/$/, '');
    return `${base.replace(/\/$/, '')}${basePath}`;
  }

  private parameters(ref: OperationRef): Json[] {
    return [...(ref.pathItem.parameters ?? []), ...(ref.operation.parameters ?? [])].map((p) => deref(this.swagger, p));
  }

  private requestHeaders(operationId: string, existing: Record<string, string>): Record<string, string> {
    const headers = { ...existing };
    for (const policy of this.policiesFor('setheader', operationId)) {
      const section = policy.parameters['x-ms-apimTemplate-policySection'] ?? 'Request';
      if (section !== 'Request') continue;
      const name = policy.parameters['x-ms-apimTemplateParameter.name'].toLowerCase();
      const value = this.expand(policy.parameters['x-ms-apimTemplateParameter.value']);
      const action = policy.parameters['x-ms-apimTemplateParameter.existsAction'] ?? 'override';
      if (headers[name] !== undefined && action === 'skip') continue;
      headers[name] = headers[name] !== undefined && action === 'append' ? `${headers[name]},${value}` : value;
    }
    return headers;
  }

  buildRequest(operationId: string, inputs: OperationInputs = {}): RuntimeRequest {
    const ref = this.operation(operationId);
    const parameters = this.parameters(ref);
    const known = new Set(parameters.map((p) => p.name));
    for (const group of [inputs.path, inputs.query, inputs.headers]) {
      for (const name of Object.keys(group ?? {})) if (!known.has(name)) throw new Error(`${operationId} has no parameter ${name}`);
    }

    let path = ref.path;
    const query = new URLSearchParams();
    let headers: Record<string, string> = {};
    let body: string | undefined;
    for (const parameter of parameters) {
      if (parameter.in === 'body') {
        body = JSON.stringify(this.buildBody(operationId, parameter, inputs));
        headers['content-type'] = (ref.operation.consumes ?? this.swagger.consumes)[0];
        continue;
      }
      const given = ({ path: inputs.path, query: inputs.query, header: inputs.headers } as Record<string, any>)[parameter.in]?.[parameter.name];
      const value = given ?? parameter.default;
      if (value === undefined) {
        if (parameter.required) throw new Error(`${operationId} needs ${parameter.in} parameter ${parameter.name}`);
        continue;
      }
      if (parameter.enum && !parameter.enum.includes(value)) throw new Error(`${parameter.name} must be one of ${parameter.enum.join(', ')}`);
      if (parameter.in === 'path') {
        const once = encodeURIComponent(String(value));
        path = path.replace(`{${parameter.name}}`, parameter['x-ms-url-encoding'] === 'double' ? encodeURIComponent(once) : once);
      } else if (parameter.in === 'query') {
        query.set(parameter.name, String(value));
      } else if (parameter.in === 'header') {
        headers[parameter.name.toLowerCase()] = String(value);
      }
    }
    if (/\{[^}]+\}/.test(path)) throw new Error(`${operationId}: ${path} still has template variables`);
    headers = this.requestHeaders(operationId, headers);
    const search = query.toString();
    return {
      operationId,
      method: ref.method.toUpperCase(),
      url: `${this.baseUrl(operationId)}${path}${search ? `?${search}` : ''}`,
      headers,
      body,
    };
  }

  /** The body as Power Automate sends it: the maker's values, internal defaults, the callback URL. */
  private buildBody(operationId: string, parameter: Json, inputs: OperationInputs): Record<string, unknown> {
    const schema = deref(this.swagger, parameter.schema);
    let placed = false;
    const fill = (node: Json, given: any, path: string): any => {
      const resolved = deref(this.swagger, node);
      if (resolved.type !== 'object' || !resolved.properties) return given;
      const value: Record<string, unknown> = { ...(given ?? {}) };
      for (const key of Object.keys(value)) {
        if (!(key in resolved.properties)) throw new Error(`${operationId}: ${path}${key} is not a property of the body`);
      }
      for (const [name, child] of Object.entries<Json>(resolved.properties)) {
        const property = deref(this.swagger, child);
        if (property['x-ms-notification-url'] === true) {
          if (value[name] !== undefined) throw new Error(`${operationId}: ${path}${name} is filled in by Power Automate`);
          if (!inputs.notificationUrl) throw new Error(`${operationId} is a trigger and needs the flow's callback URL`);
          value[name] = inputs.notificationUrl;
          placed = true;
          continue;
        }
        if (property['x-ms-visibility'] === 'internal') {
          if (value[name] !== undefined) throw new Error(`${operationId}: ${path}${name} is internal; a flow maker cannot set it`);
          if (property.default !== undefined) value[name] = property.default;
        }
        if (value[name] !== undefined || (resolved.required ?? []).includes(name)) {
          const filled = fill(property, value[name], `${path}${name}/`);
          if (filled !== undefined) value[name] = filled;
        }
      }
      for (const name of resolved.required ?? []) {
        if (value[name] === undefined) throw new Error(`${operationId}: the body needs ${path}${name}`);
      }
      return value;
    };
    const body = fill(schema, inputs.body, '/');
    if (inputs.notificationUrl && !placed) throw new Error(`${operationId} has no x-ms-notification-url property for the callback URL`);
    return body;
  }

  async send(built: RuntimeRequest): Promise<RuntimeResponse> {
    const response = await request(built.url, {
      method: built.method as Dispatcher.HttpMethod,
      headers: built.headers,
      body: built.body,
      dispatcher: this.dispatcher,
    });
    const text = await response.body.text();
    const type = String(response.headers['content-type'] ?? '');
    const unauthenticated = this.policiesFor('setconnectionstatustounauthenticated', built.operationId).some(
      (policy) => Number(policy.parameters['x-ms-apimTemplateParameter.statusCode']) === response.statusCode,
    );
    return {
      status: response.statusCode,
      headers: response.headers,
      text,
      body: text && /json/.test(type) ? JSON.parse(text) : text,
      connectionUnauthenticated: unauthenticated,
    };
  }

  call(operationId: string, inputs: OperationInputs = {}): Promise<RuntimeResponse> {
    return this.send(this.buildRequest(operationId, inputs));
  }

  /**
   * What Power Automate does with a subscription's Location when the flow is removed: find the
   * operation whose path the URL matches (it must be on the connection's host) and call it with the
   * connector's policies.
   */
  unsubscribeRequest(location: string): RuntimeRequest {
    const url = new URL(location);
    const candidates = [...this.operations.values()].filter((ref) => ref.method === 'delete');
    for (const ref of candidates) {
      const base = new URL(this.baseUrl(ref.operation.operationId));
      if (url.origin !== base.origin) continue;
      const template = `${base.pathname.replace(/\/$/, '')}${ref.path}`;
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
      if (!pattern.test(url.pathname)) continue;
      return {
        operationId: ref.operation.operationId,
        method: 'DELETE',
        url: location,
        headers: this.requestHeaders(ref.operation.operationId, {}),
      };
    }
    throw new Error(`no DELETE operation of the connector matches ${location}`);
  }

  /** A body parameter's property (`brand`, `filter/data.chat.type`), resolved. */
  bodyProperty(operationId: string, parameterName: string, propertyPath: string): Json {
    const parameter = this.parameters(this.operation(operationId)).find((p) => p.name === parameterName && p.in === 'body');
    if (!parameter) throw new Error(`${operationId} has no body parameter ${parameterName}`);
    let node = deref(this.swagger, parameter.schema);
    for (const name of propertyPath.split('/')) node = deref(this.swagger, node?.properties?.[name]);
    if (!node) throw new Error(`${operationId}.${parameterName} has no property ${propertyPath}`);
    return node;
  }

  /**
   * The schema the designer shows for a body property with x-ms-dynamic-schema (an action's dynamic
   * inputs), for the inputs chosen so far (path and query values referenced with `{parameter: x}`).
   */
  async bodySchema(operationId: string, parameterName: string, propertyPath: string, inputs: OperationInputs): Promise<{ schema: Json; request: RuntimeRequest }> {
    const call = this.bodyProperty(operationId, parameterName, propertyPath)['x-ms-dynamic-schema'];
    if (!call) throw new Error(`${operationId}.${parameterName}/${propertyPath} has no dynamic schema`);
    const target = this.operation(call.operationId);
    const passed = literalInputs(target, call.parameters, this, (name) => inputs.path?.[name] ?? inputs.query?.[name]);
    const built = this.buildRequest(call.operationId, passed);
    const response = await this.send(built);
    if (response.status !== 200) throw new Error(`${call.operationId} answered ${response.status}: ${response.text}`);
    return { schema: call['value-path'] ? pick(response.body, call['value-path']) : response.body, request: built };
  }

  /** The values a dropdown (x-ms-dynamic-values) offers: a parameter's, or a body property's (`property`). */
  async dropdown(operationId: string, parameterName: string, property?: string): Promise<Array<{ value: unknown; title: unknown }>> {
    const parameter = property
      ? this.bodyProperty(operationId, parameterName, property)
      : this.parameters(this.operation(operationId)).find((p) => p.name === parameterName);
    const call = parameter?.['x-ms-dynamic-values'];
    if (!call) throw new Error(`${operationId}.${parameterName}${property ? `/${property}` : ''} is not a dropdown`);
    const response = await this.call(call.operationId, literalInputs(this.operation(call.operationId), call.parameters, this));
    if (response.status !== 200) throw new Error(`${call.operationId} answered ${response.status}: ${response.text}`);
    const items: any[] = call['value-collection'] ? pick(response.body, call['value-collection']) : response.body;
    return items.map((item) => ({ value: pick(item, call['value-path']), title: pick(item, call['value-title']) }));
  }

  /** The output schema of a trigger whose x-ms-notification-content is dynamic, for the chosen inputs. */
  async notificationSchema(operationId: string, inputs: OperationInputs): Promise<{ schema: Json; request: RuntimeRequest }> {
    const ref = this.operation(operationId);
    const call = ref.pathItem['x-ms-notification-content']?.schema?.['x-ms-dynamic-schema'];
    if (!call) throw new Error(`${operationId} has no dynamic notification schema`);
    const target = this.operation(call.operationId);
    const passed = literalInputs(target, call.parameters, this, (name) => inputs.path?.[name] ?? inputs.query?.[name]);
    const built = this.buildRequest(call.operationId, passed);
    const response = await this.send(built);
    if (response.status !== 200) throw new Error(`${call.operationId} answered ${response.status}: ${response.text}`);
    return { schema: call['value-path'] ? pick(response.body, call['value-path']) : response.body, request: built };
  }
}

function pick(value: any, path: string): any {
  return path.split('/').reduce((node, key) => node?.[key], value);
}

/** Inputs of a dynamic call: literal values as given, `{parameter: x}` taken from the caller's inputs. */
function literalInputs(target: OperationRef, parameters: Json | undefined, runtime: PowerAutomateRuntime, fromCaller?: (name: string) => unknown): OperationInputs {
  const inputs: OperationInputs = { path: {}, query: {} };
  const declared = [...(target.pathItem.parameters ?? []), ...(target.operation.parameters ?? [])].map((p) => deref(runtime.swagger, p));
  for (const [name, spec] of Object.entries<any>(parameters ?? {})) {
    const value = spec && typeof spec === 'object' ? fromCaller?.(spec.parameter ?? spec.parameterReference) : spec;
    if (value === undefined) throw new Error(`no value for ${name} of ${target.operation.operationId}`);
    const where = declared.find((p) => p.name === name)?.in;
    if (where === 'path') inputs.path![name] = String(value);
    else if (where === 'query') inputs.query![name] = value as string;
    else throw new Error(`${target.operation.operationId} has no path or query parameter ${name}`);
  }
  return inputs;
}
