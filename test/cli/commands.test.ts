/**
 * The `deskhooks` command line as a developer runs it (a child process over real HTTP on 127.0.0.1):
 * trigger publishes, hooks list and deliveries list show what the API has, redeliver queues again, and a
 * refused key, an unreachable server or a usage mistake each end with one clear line and their exit code.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Receiver, startReceiver } from '../helpers/receiver';
import { type TestServer, startTestServer } from '../helpers/start-server';
import { ROOT, runCli } from './run-cli';

let server: TestServer;
let receiver: Receiver;
let env: Record<string, string>;
let tmp: string;

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 204 });
  env = { DESKHOOKS_URL: server.url, DESKHOOKS_API_KEY: server.apiKey };
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-cli-'));
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function api(method: string, url: string, body?: unknown) {
  const response = await server.request(method, url, { body });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('deskhooks trigger', () => {
  let hookId: string;

  beforeAll(async () => {
    hookId = (await api('POST', '/v1/hooks', { url: `${receiver.url}/trigger`, events: ['chat.missed'], description: 'cli trigger' })).id;
  });

  it('when run with a type, then it publishes the trigger\'s sample, prints the event id, and the subscribed receiver gets it', async () => {
    const trigger = await api('GET', '/v1/triggers/chat.missed');
    const before = receiver.requests.length;

    const result = await runCli(['trigger', 'chat.missed'], env);

    expect(result.stderr).toContain('Publishing chat.missed');
    expect(result.code).toBe(0);
    const [, eventId] = result.stdout.match(/^Published chat\.missed as event (\S+): 1 delivery\.$/m) ?? [];
    expect(eventId).toBeDefined();
    expect(await api('GET', `/v1/events/${eventId}`)).toMatchObject({ id: eventId, type: 'chat.missed', data: trigger.sample });
    const received = (await receiver.waitFor(before + 1))[before];
    expect(received.url).toBe('/trigger');
    expect(JSON.parse(received.body)).toMatchObject({ id: eventId, type: 'chat.missed', data: trigger.sample });
  });

  it('when run with --data file.json, then the file\'s object is the event\'s data', async () => {
    const data = (await api('GET', '/v1/triggers/chat.missed')).sample;
    data.chat = { ...data.chat, id: 'cli-data-file-0001' };
    const file = path.join(tmp, 'missed.json');
    fs.writeFileSync(file, JSON.stringify(data));

    const result = await runCli(['trigger', 'chat.missed', '--data', file], env);

    expect(result.code).toBe(0);
    const [, eventId] = result.stdout.match(/as event (\S+):/) ?? [];
    expect((await api('GET', `/v1/events/${eventId}`)).data.chat.id).toBe('cli-data-file-0001');
  });

  it('when the data does not fit the trigger\'s schema, then it exits 1 with the API\'s field errors and nothing is published', async () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ chat: 42 }));
    const before = (await api('GET', '/v1/events?type=chat.missed&limit=100')).data.length;

    const result = await runCli(['trigger', 'chat.missed', '--data', file], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: 422 .*\/data\/chat/m);
    expect((await api('GET', '/v1/events?type=chat.missed&limit=100')).data.length).toBe(before);
  });

  it('when the --data file is missing or not JSON, then it exits 1 naming the file', async () => {
    const missing = await runCli(['trigger', 'chat.missed', '--data', path.join(tmp, 'nope.json')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot read --data ${path.join(tmp, 'nope.json')}: no such file`);

    const file = path.join(tmp, 'not-json.json');
    fs.writeFileSync(file, '{ data: ');
    const invalid = await runCli(['trigger', 'chat.missed', '--data', file], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`--data ${file} is not JSON`);
  });

  it('when the type is unknown, then it exits 1 with the API\'s 404', async () => {
    const result = await runCli(['trigger', 'chat.teleported'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: 404 /m);
  });

  afterAll(async () => {
    await api('DELETE', `/v1/hooks/${hookId}`);
  });
});

describe('deskhooks hooks list, deliveries list and redeliver', () => {
  it('when hooks list runs, then it prints one line per hook with its id, status, destination and events', async () => {
    const hook = await api('POST', '/v1/hooks', { url: `${receiver.url}/listed`, events: ['ticket.created', 'chat.missed'], description: 'Listed by the CLI' });

    const result = await runCli(['hooks', 'list'], env);

    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+STATUS\s+DESTINATION\s+EVENTS\s+DESCRIPTION$/);
    const row = rows.find((line) => line.startsWith(hook.id));
    expect(row).toMatch(new RegExp(`^${hook.id}\\s+active\\s+${receiver.url}/listed\\s+ticket\\.created,chat\\.missed\\s+Listed by the CLI$`));
    await api('DELETE', `/v1/hooks/${hook.id}`);
  });

  it('when a delivery failed, then deliveries list --failed shows it, and redeliver queues it again under the same webhook-id', async () => {
    const failing = await startReceiver({ status: 500, body: 'receiver broke' });
    try {
      const hook = await api('POST', '/v1/hooks', { url: `${failing.url}/fails`, events: ['ticket.created'], retryPolicy: { type: 'custom', delays: [1] } });
      const sample = (await api('GET', '/v1/triggers/ticket.created')).sample;
      await api('POST', '/v1/events', { type: 'ticket.created', data: sample });
      const failed = await waitUntil(async () => (await api('GET', `/v1/deliveries?hookId=${hook.id}&status=failed`)).data[0]);

      const listed = await runCli(['deliveries', 'list', '--failed', '--hook', hook.id], env);
      expect(listed.code).toBe(0);
      const lines = listed.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^ID\s+CREATED\s+HOOK\s+EVENT\s+STATUS\s+ATTEMPTS\s+LAST ANSWER$/);
      expect(lines.slice(1)).toHaveLength(1);
      expect(lines[1]).toMatch(new RegExp(`^${failed.id}\\s+\\S+\\s+${hook.id}\\s+ticket\\.created\\s+failed\\s+2\\s+HTTP 500`));

      // Another hook's deliveries are not in this hook's list; without --failed the succeeded ones show too.
      const all = await runCli(['deliveries', 'list'], env);
      expect(all.stdout).toContain(failed.id);
      expect(all.stdout).toMatch(/succeeded/);

      failing.reply({ status: 204 });
      const before = failing.requests.length;
      const again = await runCli(['redeliver', failed.id], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`Delivery ${failed.id} (ticket.created to hook ${hook.id}) is queued again.`);
      const received = (await failing.waitFor(before + 1))[before];
      expect(received.headers['webhook-id']).toBe(failed.id);
      await waitUntil(async () => (await api('GET', `/v1/deliveries/${failed.id}`)).status === 'succeeded');
      expect((await runCli(['deliveries', 'list', '--failed', '--hook', hook.id], env)).stdout.trim()).toBe('No failed deliveries.');
    } finally {
      await failing.close();
    }
  });

  it('when redeliver names an unknown delivery, then it exits 1 with the API\'s 404', async () => {
    const result = await runCli(['redeliver', 'dlv_does_not_exist'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: 404 /m);
  });
});

describe('deskhooks errors', () => {
  it('when the key is refused, then it exits 1 with one line saying so and how to pass another', async () => {
    const result = await runCli(['hooks', 'list'], { DESKHOOKS_URL: server.url, DESKHOOKS_API_KEY: 'dhk_not_a_real_key_at_all_000000' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(new RegExp(`^Error: The server at ${server.url} refused the API key: 401 .*Pass a tenant key with --key or DESKHOOKS_API_KEY\\.$`));
  });

  it('when --key and --server are given, then they win over the environment', async () => {
    const result = await runCli(['hooks', 'list', '--server', server.url, '--key', server.apiKey], { DESKHOOKS_URL: 'http://127.0.0.1:1', DESKHOOKS_API_KEY: 'dhk_wrong_wrong_wrong_wrong' });
    expect(result.code).toBe(0);
  });

  it('when the server cannot be reached, then it exits 1 saying where it tried and why', async () => {
    const port = await closedPort();
    const result = await runCli(['trigger', 'chat.missed'], { DESKHOOKS_URL: `http://127.0.0.1:${port}`, DESKHOOKS_API_KEY: server.apiKey });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: Cannot reach the deskhooks server at http://127.0.0.1:${port}: connection refused. Is it running? Set --server or DESKHOOKS_URL.`);
  });

  it('when no key is set, an unknown command or option is given, or an argument is missing, then it exits 2 with the usage hint', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['hooks', 'list'], { DESKHOOKS_URL: server.url }, /No API key: pass --key/],
      [['publish'], env, /Unknown command "publish"/],
      [['hooks', 'list', '--verbose'], env, /Unknown option '--verbose'/],
      [['trigger', 'chat.missed', '--failed'], env, /--failed is not an option of deskhooks trigger/],
      [['redeliver'], env, /deskhooks redeliver needs <deliveryId>/],
      [['listen', '--events', 'chat.missed'], env, /needs --forward-to/],
      [['listen', '--forward-to', 'http://127.0.0.1:4000/hook'], env, /needs --events/],
      [['hooks', 'list', '--server', 'localhost:3000'], env, /--server must be an http\(s\) URL/],
    ];
    for (const [args, variables, message] of cases) {
      const result = await runCli(args, variables);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Run deskhooks --help for usage.');
    }
  });

  it('when run as `npx deskhooks` in the clone, then npm runs the package\'s own bin (nothing is fetched: --offline)', async () => {
    const npx = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile('npx', ['--offline', 'deskhooks', 'hooks', 'list'], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(npx.stderr).not.toMatch(/ERR!/);
    expect(npx.code).toBe(0);
    expect(npx.stdout).toMatch(/^ID\s+STATUS\s+DESTINATION|^No hooks yet\.$/m);
  });

  it('when --help is asked, then it prints the commands and exits 0; a command\'s --help prints its options', async () => {
    const help = await runCli(['--help'], {});
    expect(help.code).toBe(0);
    for (const command of ['listen', 'trigger <type>', 'hooks list', 'deliveries list', 'redeliver <deliveryId>']) expect(help.stdout).toContain(command);
    const listen = await runCli(['listen', '--help'], {});
    expect(listen.code).toBe(0);
    expect(listen.stdout).toContain('--print-secret');
  });
});
