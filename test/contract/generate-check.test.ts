import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const readme = path.join(root, 'README.md');

async function generateCheck(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/scripts/generate.ts', '--check'], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe('generate:check', () => {
  it('when a generated section is edited by hand, then the check fails and names the file and the command', async () => {
    const original = fs.readFileSync(readme, 'utf8');
    try {
      fs.writeFileSync(readme, original.replace('| `chat.missed` |', '| `chat.missed (edited)` |'));
      const result = await generateCheck();
      expect(result.code).toBe(1);
      expect(result.output).toContain('README.md');
      expect(result.output).toContain('npm run generate');
    } finally {
      fs.writeFileSync(readme, original);
    }
  }, 60000);
});
