/**
 * Each measured party (receiver, baseline server, deskhooks server, seeder) runs in its own process,
 * so no scenario shares an event loop with the load it generates and the server's memory is its own.
 * The orchestrator drives them over the fork IPC channel with request/answer messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

interface Request {
  rpc: number;
  op: string;
  args: unknown;
}

interface Answer {
  rpc: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (args: any) => unknown>;

/** Child side: answers the parent's calls and exits with it (a bench never leaves processes behind). */
export function serve(handlers: Handlers, ready: unknown = {}, onDisconnect?: () => Promise<void>): void {
  if (!process.send) throw new Error('this script runs as a bench child process (fork with an IPC channel)');
  process.on('disconnect', () => {
    const done = () => process.exit(0);
    if (onDisconnect) onDisconnect().then(done, done);
    else done();
  });
  process.on('message', async (message: Request) => {
    const handler = handlers[message.op];
    let answer: Answer;
    try {
      if (!handler) throw new Error(`unknown op ${message.op}`);
      answer = { rpc: message.rpc, ok: true, result: await handler(message.args) };
    } catch (error) {
      answer = { rpc: message.rpc, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send!(answer);
  });
  process.send({ rpc: 0, ok: true, result: ready } satisfies Answer);
}

export interface Child<R = unknown> {
  /** What the child sent when it was ready. */
  info: R;
  pid: number;
  call<T = unknown>(op: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit (closing what it holds) and waits; kills it if it does not. */
  stop(): Promise<void>;
}

const living = new Set<ChildProcess>();
function killAll(): void {
  for (const child of living) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface SpawnOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
  /** The child's stdout: the server logs there (pino), which the terminal does not need. */
  stdout?: 'inherit' | 'ignore';
}

/** Forks `bench/processes/<name>.ts` under tsx and waits for its ready message. */
export function spawnChild<R = unknown>(name: string, options: SpawnOptions = {}): Promise<Child<R>> {
  const script = path.join(REPO_ROOT, 'bench/processes', `${name}.ts`);
  const proc = fork(script, options.args ?? [], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    serialization: 'advanced',
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
  });
  living.add(proc);
  let next = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exited = true;
      living.delete(proc);
      for (const [, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`bench child ${name} exited (${signal ?? code}) before answering`));
      }
      pending.clear();
      resolve();
    }),
  );

  return new Promise((resolveReady, rejectReady) => {
    const readyTimer = setTimeout(() => {
      proc.kill('SIGKILL');
      rejectReady(new Error(`bench child ${name} was not ready within ${options.readyTimeoutMs ?? 60000} ms`));
    }, options.readyTimeoutMs ?? 60000);
    proc.once('exit', (code) => {
      clearTimeout(readyTimer);
      rejectReady(new Error(`bench child ${name} exited (${code}) before it was ready`));
    });
    proc.on('message', (message: Answer) => {
      if (message.rpc === 0) {
        clearTimeout(readyTimer);
        if (!message.ok) {
          rejectReady(new Error(message.error));
          return;
        }
        resolveReady({
          info: message.result as R,
          pid: proc.pid!,
          call(op, args, timeoutMs = 600000) {
            if (exited) return Promise.reject(new Error(`bench child ${name} has exited`));
            const rpc = next++;
            return new Promise((resolve, reject) => {
              const timer = setTimeout(() => {
                pending.delete(rpc);
                reject(new Error(`bench child ${name}: ${op} took longer than ${timeoutMs} ms`));
              }, timeoutMs);
              pending.set(rpc, { resolve, reject, timer });
              proc.send({ rpc, op, args } satisfies Request);
            });
          },
          async stop() {
            if (exited) return;
            const killer = setTimeout(() => proc.kill('SIGKILL'), 15000);
            proc.disconnect();
            await exitedPromise;
            clearTimeout(killer);
          },
        });
        return;
      }
      const waiter = pending.get(message.rpc);
      if (!waiter) return;
      pending.delete(message.rpc);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
  });
}

/** Milliseconds on the system's monotonic clock, comparable between processes on this machine. */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** CPU time this process has used so far, ms (user + system). */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
