/**
 * Writes every artifact derived from the trigger catalog and the OpenAPI base document.
 * `--check` writes nothing and fails, naming the command to run, when any artifact is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Catalog } from '../src/catalog/catalog';
import { type GeneratedFile, type Generator, jsonFile } from './generated-file';
import { generateEventTypes } from './generators/event-types';
import { buildOpenApiDocument } from './generators/openapi-document';
import { generateReadmeTriggerTable } from './generators/readme-trigger-table';
import { generateTypes } from './generators/typescript-types';

const root = path.resolve(__dirname, '../..');

/** Generators owned by other parts of the tree (connectors), loaded when present. */
const EXTERNAL_GENERATORS = ['connector/zapier/generate.ts', 'connector/power-automate/generate.ts'];

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const catalog = new Catalog(path.join(root, 'triggers'));
  const openapi = buildOpenApiDocument(root, catalog);
  const context = { root, catalog, openapi };

  const generators: Generator[] = [
    () => [jsonFile('openapi/generated/openapi.json', openapi)],
    generateTypes,
    generateEventTypes,
    generateReadmeTriggerTable,
  ];
  for (const relative of EXTERNAL_GENERATORS) {
    const file = path.join(root, relative);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (fs.existsSync(file)) generators.push(require(file).generate as Generator);
  }

  const files: GeneratedFile[] = [];
  for (const generator of generators) files.push(...(await generator(context)));

  const stale: string[] = [];
  for (const file of files) {
    const target = path.join(root, file.path);
    const wanted = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content);
    const current = fs.existsSync(target) ? fs.readFileSync(target) : undefined;
    if (current && current.equals(wanted)) continue;
    stale.push(file.path);
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, wanted);
    }
  }

  if (check) {
    if (stale.length) {
      console.error(`Generated files are stale:\n${stale.map((f) => `  - ${f}`).join('\n')}\nRun: npm run generate`);
      process.exit(1);
    }
    console.log(`generate:check: ${files.length} generated files are up to date.`);
  } else {
    console.log(stale.length ? `Wrote:\n${stale.map((f) => `  - ${f}`).join('\n')}` : 'Everything was up to date.');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
