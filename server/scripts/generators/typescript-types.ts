import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GeneratedFile, GeneratorContext } from '../generated-file';
import { GENERATED_NOTE } from '../generated-file';

/** TypeScript types of the whole contract, by openapi-typescript (its CLI: the package is ESM-only). */
export function generateTypes({ root, openapi }: GeneratorContext): GeneratedFile[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-openapi-'));
  try {
    const input = path.join(tmp, 'openapi.json');
    fs.writeFileSync(input, JSON.stringify(openapi));
    const cli = path.join(root, 'node_modules/openapi-typescript/bin/cli.js');
    const types = execFileSync(process.execPath, [cli, input], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const body = types.replace(/^\/\*\*[\s\S]*?\*\/\n+/, '');
    return [{ path: 'openapi/generated/types.ts', content: `// ${GENERATED_NOTE}\n\n${body}` }];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
