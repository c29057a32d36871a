/**
 * What every command needs: the server's address and the tenant key (flags first, then the environment),
 * the typed client built from them, and where to write. Commands write results to stdout and progress,
 * warnings and errors to stderr, so `deskhooks hooks list > hooks.txt` keeps only the list.
 */
import { type DeskhooksClient, createDeskhooksClient, normalizeBaseUrl } from '../deskhooks-client';
import { UsageError, describeApiFailure } from './errors';

export const DEFAULT_SERVER = 'http://127.0.0.1:3000';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext {
  /** The server's address without a trailing slash or `/v1`. */
  serverUrl: string;
  apiKey: string;
  client: DeskhooksClient;
  output: Output;
  /** Runs an API call, turning a refused key or an unreachable server into the CLI's one-line errors. */
  api<T>(call: () => Promise<T>): Promise<T>;
}

export interface GlobalOptions {
  server?: string;
  key?: string;
}

export function resolveServerUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag ?? env.DESKHOOKS_URL ?? DEFAULT_SERVER;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UsageError(`--server must be an http(s) URL such as ${DEFAULT_SERVER}, not "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--server must be an http(s) URL such as ${DEFAULT_SERVER}, not "${raw}"`);
  }
  return normalizeBaseUrl(raw);
}

export function createContext(options: GlobalOptions, env: NodeJS.ProcessEnv, output: Output): CommandContext {
  const serverUrl = resolveServerUrl(options.server, env);
  const apiKey = (options.key ?? env.DESKHOOKS_API_KEY ?? '').trim();
  if (!apiKey) {
    throw new UsageError('No API key: pass --key dhk_… or set DESKHOOKS_API_KEY (npm start prints the first one; see the README).');
  }
  const client = createDeskhooksClient({ baseUrl: serverUrl, apiKey });
  return {
    serverUrl,
    apiKey,
    client,
    output,
    async api(call) {
      try {
        return await call();
      } catch (error) {
        throw describeApiFailure(error, serverUrl);
      }
    },
  };
}
