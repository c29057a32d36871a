/**
 * The typed client (client/) as a developer meets it: the README example is client/example.ts word for
 * word, compiles with `tsc --strict` without casts, and runs against a real server (who am I, subscribe,
 * publish, list deliveries, rotate the secret, delete). The request types accept what a caller writes
 * and refuse what the server would refuse.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Schema, createDeskhooksClient, normalizeBaseUrl, ok } from '../../client/deskhooks-client';
import { type Receiver, startReceiver } from '../helpers/receiver';
import { type TestServer, startTestServer } from '../helpers/start-server';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const examplePath = path.join(root, 'client/example.ts');
const example = fs.readFileSync(examplePath, 'utf8');

/** The example's code without its opening file comment, as the README shows it. */
function exampleBody(): string {
  return example.replace(/^\/\*\*[\s\S]*?\*\/\n/, '').trim();
}

async function runProcess(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

// Compile-time checks of the request types (npm run typecheck fails if any @ts-expect-error is not an error).
export function requestTypes(client: ReturnType<typeof createDeskhooksClient>): void {
  // What a caller writes: no enabled, ordered or source, which have defaults.
  void client.POST('/v1/hooks', { body: { url: 'https://example.com/hook', events: ['chat.missed'] } });
  void client.POST('/v1/triggers/{type}/hooks', { params: { path: { type: 'chat.missed' } }, body: { url: 'https://example.com/hook' } });
  void client.PATCH('/v1/hooks/{hookId}', { params: { path: { hookId: 'hk_1' } }, body: { enabled: false } });
  // A hook has a url or a destination (either one: the server answers 422 for both or neither).
  void client.POST('/v1/hooks', { body: { destination: { type: 'inspector' }, events: ['chat.missed'] } });
  // @ts-expect-error a destination is inspector or stream (a URL hook is given by its url)
  void client.POST('/v1/hooks', { body: { destination: { type: 'url' }, events: ['chat.missed'] } });
  // @ts-expect-error a per-trigger subscription needs a url too
  void client.POST('/v1/triggers/{type}/hooks', { params: { path: { type: 'chat.missed' } }, body: { brand: 'contoso' } });
  // @ts-expect-error format is one of the documented values
  void client.POST('/v1/hooks', { body: { url: 'https://example.com/hook', events: ['*'], format: 'yaml' } });
}

let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 204 });
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('the typed client', () => {
  it('when the README shows the example, then it is client/example.ts word for word', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

    expect(readme).toContain(`\`\`\`ts\n${exampleBody()}\n\`\`\``);
  });

  it('when the example is compiled with tsc --strict, then it compiles, and it has no casts or any', async () => {
    const code = exampleBody().replace(/'[^'\n]*'|`[^`\n]*`|\/\/[^\n]*/g, '');
    expect(code).not.toMatch(/\bas\s+[A-Za-z{[(]|\bany\b|<[A-Z][A-Za-z]*>\s*\w|\w!\./);

    const result = await runProcess(process.execPath, [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '--strict',
      '--noEmit',
      '--module', 'commonjs',
      '--moduleResolution', 'node',
      '--target', 'ES2022',
      '--esModuleInterop',
      '--skipLibCheck',
      '--types', 'node',
      examplePath,
    ]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  it('when the example runs against a real server (its URL with /v1, as the banner prints it), then every step succeeds', async () => {
    const result = await runProcess(process.execPath, ['--import', 'tsx', examplePath], {
      DESKHOOKS_URL: `${server.url}/v1`,
      DESKHOOKS_API_KEY: server.apiKey,
      RECEIVER_URL: `${receiver.url}/typed-client`,
    });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^tenant \S.*, key \S+/);
    const hookId = /^hook (\S+), signing secret whsec_/.exec(lines[1])?.[1];
    expect(hookId).toBeDefined();
    const eventId = /^event (\S+): 1 delivery$/.exec(lines[2])?.[1];
    expect(eventId).toBeDefined();
    expect(lines[3]).toMatch(new RegExp(`^delivery \\S+ of ${eventId}: (pending|succeeded)$`));
    expect(lines[4]).toBe('2 secrets sign now');
    expect(lines[5]).toBe(`hook ${hookId} deleted`);

    const deleted = await server.request('GET', `/v1/hooks/${hookId}`);
    expect(deleted.body).toMatchObject({ id: hookId, deleted: true, brand: 'contoso', events: ['system.event', 'chat.missed'] });
  }, 120_000);

  it('when a call is refused, then ok() throws the problem with the field it names, and nothing was created', async () => {
    const client = createDeskhooksClient({ baseUrl: server.url, apiKey: server.apiKey });
    const data: Schema<'SystemEventData'> = { kind: 'x', description: 'y', occurredDateTime: 'not a date', chat: null, ticket: null };

    const refused = client.POST('/v1/events', { body: { type: 'system.event', data } }).then(ok);

    await expect(refused).rejects.toThrow(/^422 .*\/data\/occurredDateTime: must match format "date-time"/);
    const events = ok(await client.GET('/v1/events', { params: { query: { type: 'system.event' } } }));
    expect(events.data.some((e) => e.data.description === 'y')).toBe(false);
  });

  it('when the base URL ends with /v1 or a slash, then the client still calls /v1 once', () => {
    expect(normalizeBaseUrl('https://deskhooks.example.com/v1/')).toBe('https://deskhooks.example.com');
    expect(normalizeBaseUrl('https://deskhooks.example.com/proxy/')).toBe('https://deskhooks.example.com/proxy');
  });
});
