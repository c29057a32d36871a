import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GeneratedFile, GeneratorContext } from '../generated-file';
import { GENERATED_NOTE } from '../generated-file';

/**
 * `--default-non-nullable false`: a property with a `default` stays optional unless the schema lists it
 * as required, so request bodies are typed as a caller writes them (no `enabled`, `ordered`, `source`
 * demanded on create); response schemas list what they always carry in `required`.
 */
const CLI_OPTIONS = ['--default-non-nullable', 'false'];

/** TypeScript types of the whole contract, by openapi-typescript (its CLI: the package is ESM-only). */
export function generateTypes({ root, openapi }: GeneratorContext): GeneratedFile[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-openapi-'));
  try {
    const input = path.join(tmp, 'openapi.json');
    fs.writeFileSync(input, JSON.stringify(openapi));
    const cli = path.join(root, 'node_modules/openapi-typescript/bin/cli.js');
    const types = execFileSync(process.execPath, [cli, input, ...CLI_OPTIONS], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const body = types.replace(/^\/\*\*[\s\S]*?\*\/\n+/, '');
    return [{ path: 'openapi/generated/types.ts', content: `// ${GENERATED_NOTE}\n\n${body}` }];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
