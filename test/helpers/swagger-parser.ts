import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Validates an OpenAPI/Swagger document with @apidevtools/swagger-parser in a plain Node process:
 * the parser pulls in an ESM-only dependency that jest's CommonJS runtime cannot require, while
 * Node itself can. Rejects with swagger-parser's message when the document is invalid.
 */
export async function validateWithSwaggerParser(documentPath: string): Promise<void> {
  const script = `
    const parser = require('@apidevtools/swagger-parser');
    parser.validate(process.argv[1]).then(
      () => process.exit(0),
      (error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); },
    );`;
  try {
    await run(process.execPath, ['-e', script, documentPath], { cwd: __dirname });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(`swagger-parser refused ${documentPath}: ${stderr || (error as Error).message}`);
  }
}
