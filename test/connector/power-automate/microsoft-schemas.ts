/**
 * Microsoft's JSON schemas for connector files (from microsoft/PowerPlatformConnectors, MIT, copied
 * unmodified into ./microsoft-schemas so the tests do not depend on anything outside the repository).
 *
 * They are draft-04 JSON with comments, so they are parsed with jsonc-parser and compiled with
 * ajv-draft-04. Two adjustments, both explicit below: the `id`/`$schema` keywords are dropped (the
 * apiProperties schema claims draft-07 while being written in draft-04, and Ajv refuses the mix), and
 * the apiProperties schema's closed list of policy templates is extended with the newer template that
 * certified connectors such as DeskDirector's use.
 */
import fs from 'node:fs';
import path from 'node:path';
import AjvDraft04, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

export const MICROSOFT_SCHEMAS_DIR = path.join(__dirname, 'microsoft-schemas');

export function readJsonWithComments(file: string): any {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length) {
    throw new Error(`${file}: ${errors.map((e) => `${printParseErrorCode(e.error)} at offset ${e.offset}`).join(', ')}`);
  }
  return value;
}

/**
 * Policy templates newer than the schema's list. Each is described as narrowly as the schema describes
 * the others (known template id, known parameters only), so an unknown template or a typo still fails.
 */
export const NEWER_POLICY_TEMPLATES: Record<string, any> = {
  'PolicyTemplateInstance-setconnectionstatustounauthenticated': {
    type: 'object',
    required: ['templateId', 'parameters'],
    additionalProperties: false,
    properties: {
      templateId: { type: 'string', enum: ['setconnectionstatustounauthenticated'] },
      title: { type: 'string' },
      parameters: {
        type: 'object',
        required: ['x-ms-apimTemplateParameter.statusCode'],
        additionalProperties: false,
        properties: {
          'x-ms-apimTemplate-operationName': { type: 'array', items: { type: 'string' } },
          'x-ms-apimTemplateParameter.statusCode': { type: 'integer', minimum: 400, maximum: 599 },
        },
      },
    },
  },
};

function loadSchema(file: string): any {
  const schema = readJsonWithComments(path.join(MICROSOFT_SCHEMAS_DIR, file));
  delete schema.id;
  delete schema.$schema;
  return schema;
}

export interface MicrosoftValidators {
  apiDefinition: ValidateFunction;
  apiProperties: ValidateFunction;
}

export function microsoftValidators(options: { extendPolicyTemplates?: boolean } = {}): MicrosoftValidators {
  // strict: false because the schemas carry editor-only keywords (defaultSnippets, examples).
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);

  const apiProperties = loadSchema('paconn-apiProperties.schema.json');
  for (const [name, definition] of Object.entries(options.extendPolicyTemplates === false ? {} : NEWER_POLICY_TEMPLATES)) {
    apiProperties.definitions[name] = definition;
    apiProperties.definitions.PolicyTemplateInstance.oneOf.push({ $ref: `#/definitions/${name}` });
  }

  return {
    apiDefinition: ajv.compile(loadSchema('apiDefinition.swagger.schema.json')),
    apiProperties: ajv.compile(apiProperties),
  };
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}
