import fs from 'node:fs';
import path from 'node:path';

export const OPENAPI_PATH = path.resolve(__dirname, '../../../openapi/generated/openapi.json');

let cached: Record<string, any> | undefined;

/** The bundled contract (`npm run generate`), read once per process. Callers get their own copy. */
export function loadOpenApiDocument(): Record<string, any> {
  cached ??= JSON.parse(fs.readFileSync(OPENAPI_PATH, 'utf8')) as Record<string, any>;
  return structuredClone(cached);
}

/** The document as served at /openapi.json: the same, with this server as its server URL. */
export function servedOpenApiDocument(publicUrl: string): Record<string, any> {
  const doc = loadOpenApiDocument();
  doc.servers = [{ url: publicUrl, description: 'This deskhooks server.' }];
  return doc;
}
