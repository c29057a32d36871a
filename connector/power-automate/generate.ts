/**
 * The Power Automate connector's generator, called by `npm run generate` (server/scripts/generate.ts).
 *
 * Writes apiDefinition.swagger.json (from the catalog and the bundled OpenAPI contract) and icon.png
 * (drawn in the brand colour of apiProperties.json). apiProperties.json itself is hand-written: it
 * depends on neither source, and Microsoft's schema for it allows no extra field for a generated note.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type GeneratedFile, type GeneratorContext, jsonFile } from '../../server/scripts/generated-file';
import { drawIcon } from './icon';
import { buildSwaggerDocument } from './swagger-document';

export const CONNECTOR_DIR = 'connector/power-automate';

export function generate(context: GeneratorContext): GeneratedFile[] {
  const apiProperties = JSON.parse(fs.readFileSync(path.join(context.root, CONNECTOR_DIR, 'apiProperties.json'), 'utf8'));
  return [
    jsonFile(`${CONNECTOR_DIR}/apiDefinition.swagger.json`, buildSwaggerDocument(context.catalog, context.openapi)),
    { path: `${CONNECTOR_DIR}/icon.png`, content: drawIcon(apiProperties.properties.iconBrandColor) },
  ];
}
