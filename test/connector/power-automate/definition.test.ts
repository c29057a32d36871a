import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Catalog, eventComponentName } from '../../../server/src/catalog/catalog';
import { inlineDefinitions } from '../../../connector/power-automate/shared-schemas';
import { envelopeDefinition } from '../../../connector/power-automate/swagger-document';
import { validateWithSwaggerParser } from '../../helpers/swagger-parser';
import { readConnectorFiles, SWAGGER_PATH } from './connector-files';
import { describeErrors, microsoftValidators } from './microsoft-schemas';
import { SwaggerSchemaValidator } from './swagger-schema-validator';

const catalog = new Catalog();
const { swagger, apiProperties } = readConnectorFiles();
const validators = microsoftValidators();
const schemas = new SwaggerSchemaValidator(swagger);

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

describe('apiDefinition.swagger.json', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-pa-'));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('when swagger-parser validates it, then it is a valid Swagger 2.0 document', async () => {
    await expect(validateWithSwaggerParser(SWAGGER_PATH)).resolves.toBeUndefined();
  });

  test('when two operations share an operationId, then swagger-parser refuses the document', async () => {
    const broken = clone(swagger);
    broken.paths['/v1/events'].get.operationId = broken.paths['/v1/triggers/{type}/events'].post.operationId;
    const file = path.join(scratch, 'duplicate-operation-id.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    await expect(validateWithSwaggerParser(file)).rejects.toThrow(/duplicate operation id|operationId/i);
  });

  test("when it is checked against Microsoft's apiDefinition schema, then it conforms", () => {
    const valid = validators.apiDefinition(swagger);
    expect(describeErrors(validators.apiDefinition.errors)).toBe('');
    expect(valid).toBe(true);
  });

  test("when a trigger declares an unknown x-ms-trigger kind, then Microsoft's schema refuses it", () => {
    const broken = clone(swagger);
    broken.paths['/v1/triggers/chat.missed/hooks'].post['x-ms-trigger'] = 'sometimes';
    expect(validators.apiDefinition(broken)).toBe(false);
    expect(describeErrors(validators.apiDefinition.errors)).toMatch(/x-ms-trigger/);
  });

  test('when the connector is compared with the catalog, then every catalog event has its own trigger and the generic trigger covers the rest', () => {
    const triggers = Object.values<any>(swagger.paths)
      .map((item) => item.post)
      .filter((operation) => operation?.['x-ms-trigger'])
      .map((operation) => operation.operationId)
      .sort();
    const expected = [...catalog.triggers.map((t) => t.meta.powerAutomate.operationId), 'OnEvent'].sort();
    expect(triggers).toEqual(expected);
    for (const trigger of catalog.triggers) {
      const operation = swagger.paths[`/v1/triggers/${trigger.type}/hooks`].post;
      expect(operation.summary).toBe(trigger.meta.powerAutomate.summary);
      expect(operation.description).toBe(trigger.meta.powerAutomate.description);
    }
  });

  test('when the shared definitions are inlined again, then every trigger schema is exactly its catalog envelope in Swagger 2.0 (sharing loses no label)', () => {
    const differing = catalog.types.filter(
      (type) => !isDeepStrictEqual(inlineDefinitions(swagger.definitions[eventComponentName(type)], swagger.definitions), envelopeDefinition(catalog, type)),
    );
    expect(differing).toEqual([]);
    // Sharing is in use: a chat session's close record is one definition, not one copy per chat trigger.
    const closeRecordUsers = catalog.types.filter((type) => JSON.stringify(swagger.definitions[eventComponentName(type)]).includes('"$ref":"#/definitions/CloseRecord"'));
    expect(closeRecordUsers.length).toBeGreaterThan(1);
  });

  test.each(catalog.types)("when the %s sample envelope and its variants are validated against the trigger's notification schema, then they conform", (type) => {
    const content = swagger.paths[`/v1/triggers/${type}/hooks`]['x-ms-notification-content'];
    expect(content.schema).toEqual({ $ref: `#/definitions/${eventComponentName(type)}` });
    const validate = schemas.compile(content.schema);
    const trigger = catalog.get(type)!;
    for (const variant of [undefined, ...Object.keys(trigger.variants)]) {
      const envelope = catalog.sampleEnvelope(type, variant);
      expect({ variant, valid: validate(envelope), errors: describeErrors(validate.errors) }).toEqual({ variant, valid: true, errors: '' });
    }
    // The schema is not vacuous: a wrong event type and a missing data field are refused.
    expect(validate({ ...catalog.sampleEnvelope(type), type: 'some.other_type' })).toBe(false);
    const required = Object.keys(trigger.sample)[0];
    const { [required]: _removed, ...incomplete } = trigger.sample;
    if ((catalog.dataSchema(type).required ?? []).includes(required)) {
      expect(validate({ ...catalog.sampleEnvelope(type), data: incomplete })).toBe(false);
    }
  });
});

describe('apiProperties.json', () => {
  test("when it is checked against Microsoft's apiProperties schema (with the newer policy templates), then it conforms", () => {
    const valid = validators.apiProperties(apiProperties);
    expect(describeErrors(validators.apiProperties.errors)).toBe('');
    expect(valid).toBe(true);
  });

  test("when Microsoft's schema is used with its own (older) list of policy templates, then only the newer template is what it refuses", () => {
    const older = microsoftValidators({ extendPolicyTemplates: false });
    expect(older.apiProperties(apiProperties)).toBe(false);
    const withoutNewer = clone(apiProperties);
    withoutNewer.properties.policyTemplateInstances = withoutNewer.properties.policyTemplateInstances.filter(
      (policy: any) => policy.templateId !== 'setconnectionstatustounauthenticated',
    );
    expect(older.apiProperties(withoutNewer)).toBe(true);
  });

  test('when a policy uses an unknown template or a misspelt parameter, then the schema refuses it', () => {
    const unknown = clone(apiProperties);
    unknown.properties.policyTemplateInstances.push({ templateId: 'teleport', parameters: {} });
    expect(validators.apiProperties(unknown)).toBe(false);
    const misspelt = clone(apiProperties);
    const header = misspelt.properties.policyTemplateInstances.find((p: any) => p.templateId === 'setheader');
    header.parameters['x-ms-apimTemplateParameter.nmae'] = header.parameters['x-ms-apimTemplateParameter.name'];
    delete header.parameters['x-ms-apimTemplateParameter.name'];
    expect(validators.apiProperties(misspelt)).toBe(false);
  });

  test('when the connection is set up, then it asks for the site host and a secure API key', () => {
    const parameters = apiProperties.properties.connectionParameters;
    expect(parameters.siteHost.type).toBe('string');
    expect(parameters.apiKey.type).toBe('securestring');
  });
});
