import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The key every test node is started with (DESKHOOKS_ENCRYPTION_KEY). */
export const TEST_ENCRYPTION_KEY = `test:${Buffer.alloc(32, 9).toString('base64')}`;

/** One real deskhooks process (`node --import tsx server/src/main.ts`), as an operator would run it. */
export interface ServerNode {
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Graceful stop (SIGTERM), then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

/** Runs main.ts with `env` on top of this process's environment (minus any DATABASE_URL of its own). */
export function spawnServer(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | string>; output: () => string } {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.NODE_OPTIONS; // jest's, if any: the server must start the way `npm start` does
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    // Every node of a deployment shares one key (required with PostgreSQL); a test may override it.
    env: { ...inherited, LOG_LEVEL: 'warn', DESKHOOKS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, exited, output: () => output };
}

/** Starts a node and resolves once it prints where it listens (PORT=0: the OS picks the port). */
export async function startNode(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<ServerNode> {
  const { child, exited, output } = spawnServer({ PORT: '0', DESKHOOKS_NODE_ID: name, ...env });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const look = () => {
      const match = /API:\s+http:\/\/[^\s:]+:(\d+)\/v1/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening:\n${output()}`));
    });
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
