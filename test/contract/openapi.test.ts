import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Catalog, eventComponentName } from '../../server/src/catalog/catalog';
import { validateWithSwaggerParser } from '../helpers/swagger-parser';

const documentPath = path.resolve(__dirname, '../../openapi/generated/openapi.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const document = require(documentPath);
const catalog = new Catalog();

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const operations = Object.entries<any>(document.paths).flatMap(([route, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ route, method, operation: item[method] })),
);

describe('OpenAPI contract', () => {
  it('when swagger-parser validates the bundled document, then it is valid OpenAPI 3.1', async () => {
    await expect(validateWithSwaggerParser(documentPath)).resolves.toBeUndefined();
  });

  it('when the document is broken, then the swagger-parser check fails', async () => {
    const broken = structuredClone(document);
    broken.paths['/v1/hooks'].post.responses['201'] = { $ref: '#/components/responses/NoSuchResponse' };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-contract-')), 'broken.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    await expect(validateWithSwaggerParser(file)).rejects.toThrow(/swagger-parser refused/);
  });

  it('when the webhooks section is read, then every catalog trigger has an entry with its schema and sample', () => {
    expect(Object.keys(document.webhooks).sort()).toEqual(catalog.types.slice().sort());
    for (const trigger of catalog.triggers) {
      const body = document.webhooks[trigger.type].post.requestBody.content['application/json'];
      expect(body.schema.$ref).toBe(`#/components/schemas/${eventComponentName(trigger.type)}`);
      expect(body.examples.sample.value.data).toEqual(trigger.sample);
    }
  });

  it('when every operation is read, then each has an id, a summary and problem+json errors', () => {
    for (const { route, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${route}`;
      expect({ where, id: typeof operation.operationId }).toEqual({ where, id: 'string' });
      expect({ where, summary: typeof operation.summary }).toEqual({ where, summary: 'string' });
      expect({ where, default: operation.responses.default?.$ref }).toEqual({ where, default: '#/components/responses/Problem' });
    }
  });

  it('when an operation takes a body, then it carries an example', () => {
    for (const { route, method, operation } of operations.filter((o) => o.operation.requestBody)) {
      const media = operation.requestBody.content['application/json'];
      expect({ route, method, example: media.example !== undefined || media.examples !== undefined }).toEqual({ route, method, example: true });
    }
  });

  it('when operations other than health and docs are read, then they require the API key', () => {
    const open = operations.filter((o) => Array.isArray(o.operation.security) && o.operation.security.length === 0).map((o) => o.route);
    expect(open.sort()).toEqual(['/healthz', '/metrics', '/openapi.json', '/readyz']);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiKeyHeader', 'bearerAuth']);
  });
});
