/**
 * `deskhooks listen` end to end over real HTTP on 127.0.0.1: the CLI (a child process) creates a temporary
 * stream hook on a test server, forwards each streamed delivery to a local receiver with its original
 * method, headers and body (so the signature verifies with the secret it prints), acks with the local
 * answer or with the reason the receiver could not be reached, and deletes its hook on SIGINT or SIGTERM.
 */
import net from 'node:net';
import path from 'node:path';
import { type Receiver, startReceiver } from '../helpers/receiver';
import { type TestServer, startTestServer } from '../helpers/start-server';
import { type RunningCli, runCli, startCli } from './run-cli';

const { verifyWebhook } = require(path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js')) as {
  verifyWebhook(secret: string, headers: Record<string, string>, rawBody: string): string;
};

let server: TestServer;
let receiver: Receiver;
let env: Record<string, string>;
const running: RunningCli[] = [];

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 202, body: 'taken locally' });
  env = { DESKHOOKS_URL: server.url, DESKHOOKS_API_KEY: server.apiKey };
});

afterAll(async () => {
  for (const cli of running) if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  await receiver?.close();
  await server?.close();
});

async function api(method: string, url: string, body?: unknown) {
  const response = await server.request(method, url, { body });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function listen(args: string[]): RunningCli {
  const cli = startCli(['listen', ...args], env);
  running.push(cli);
  return cli;
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('deskhooks listen', () => {
  it('when an event is published, then the local receiver gets the delivery as it would have been posted, signed with the printed secret; the line shows the local answer; Ctrl-C deletes the hook', async () => {
    const cli = listen(['--events', 'chat.missed,ticket.created', '--forward-to', `${receiver.url}/local/hook?from=cli`, '--print-secret']);
    const [, hookId] = await cli.waitForOutput(/through hook (\S+), forwarding to/);
    const [, secret] = await cli.waitForOutput(/^Signing secret: (whsec_\S+)$/m);
    await cli.waitForOutput(/Connected\. Waiting for deliveries/, 20_000, 'stderr');

    const hook = await api('GET', `/v1/hooks/${hookId}`);
    expect(hook).toMatchObject({ destination: { type: 'stream' }, status: 'active', deleted: false });
    expect([...hook.events].sort()).toEqual(['chat.missed', 'ticket.created']);
    expect(hook.url).toBeUndefined();
    expect((await api('GET', `/v1/hooks/${hookId}/secret`)).secret).toBe(secret);

    // Published through the CLI too, as the README shows: the whole path on one machine.
    const published = await runCli(['trigger', 'chat.missed'], env);
    expect(published.code).toBe(0);
    const [, eventId] = published.stdout.match(/as event (\S+): 1 delivery/) ?? [];
    expect(eventId).toBeDefined();

    const [received] = await receiver.waitFor(1, 20_000);
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/local/hook?from=cli');
    const headers = received.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    const sample = (await api('GET', '/v1/triggers/chat.missed')).sample;
    expect(JSON.parse(verifyWebhook(secret, headers, received.body))).toMatchObject({ id: eventId, type: 'chat.missed', data: sample });
    const deliveryId = headers['webhook-id'];

    // What the receiver got is, header for header, what the server logged for the attempt.
    const delivery = await waitUntil(async () => {
      const detail = await api('GET', `/v1/deliveries/${deliveryId}`);
      return detail.status === 'succeeded' ? detail : undefined;
    });
    expect(delivery.attemptLog).toHaveLength(1);
    expect(delivery.attemptLog[0]).toMatchObject({ responseStatus: 202, outcome: 'succeeded' });
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'user-agent']) {
      const logged = Object.entries(delivery.attemptLog[0].requestHeaders as Record<string, string>).find(([key]) => key.toLowerCase() === name);
      expect({ name, value: headers[name] }).toEqual({ name, value: logged?.[1] });
    }

    await cli.waitForOutput(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  chat\\.missed  202  \\d+ ms  ${deliveryId}$`, 'm'));

    cli.child.kill('SIGINT');
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Deleted hook ${hookId}.`);
    expect(await api('GET', `/v1/hooks/${hookId}`)).toMatchObject({ deleted: true });
    expect((await api('GET', '/v1/hooks')).data.map((listed: { id: string }) => listed.id)).not.toContain(hookId);
  }, 60_000);

  it('when the local receiver is down, then the line says so, the attempt is logged as a network failure and retried, and SIGTERM deletes the hook', async () => {
    const port = await closedPort();
    const cli = listen(['--events', 'ticket.created', '--forward-to', `http://127.0.0.1:${port}/hook`]);
    const [, hookId] = await cli.waitForOutput(/through hook (\S+), forwarding to/);
    expect(cli.stdout()).not.toContain('Signing secret');
    await cli.waitForOutput(/Connected\. Waiting for deliveries/, 20_000, 'stderr');

    const sample = (await api('GET', '/v1/triggers/ticket.created')).sample;
    await api('POST', '/v1/events', { type: 'ticket.created', data: sample });

    const [, deliveryId] = await cli.waitForOutput(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ticket\\.created  error  \\d+ ms  (\\S+): the local receiver at http://127\\.0\\.0\\.1:${port}/hook is down \\(connection refused\\)$`, 'm'),
    );
    const delivery = await waitUntil(async () => {
      const detail = await api('GET', `/v1/deliveries/${deliveryId}`);
      return detail.attemptLog.length >= 1 ? detail : undefined;
    });
    expect(delivery.status).toBe('pending');
    expect(delivery.nextAttemptAt).not.toBeNull();
    expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'network', responseStatus: null });
    expect(delivery.attemptLog[0].error).toContain('connection refused');

    cli.child.kill('SIGTERM');
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Received SIGTERM: stopping.');
    expect(await api('GET', `/v1/hooks/${hookId}`)).toMatchObject({ deleted: true });
  }, 60_000);

  it('when the local receiver answers 500, then the line shows it and the attempt is logged as failed with the local answer\'s body, to be retried', async () => {
    const failing = await startReceiver({ status: 500, body: 'local handler threw' });
    try {
      const cli = listen(['--events', 'ticket.created', '--forward-to', `${failing.url}/hook`]);
      await cli.waitForOutput(/Connected\. Waiting for deliveries/, 20_000, 'stderr');
      const sample = (await api('GET', '/v1/triggers/ticket.created')).sample;
      await api('POST', '/v1/events', { type: 'ticket.created', data: sample });

      const [, deliveryId] = await cli.waitForOutput(/^\d\d:\d\d:\d\d  ticket\.created  500  \d+ ms  (\S+)$/m);
      const delivery = await waitUntil(async () => {
        const detail = await api('GET', `/v1/deliveries/${deliveryId}`);
        return detail.attemptLog.length >= 1 ? detail : undefined;
      });
      expect(delivery.status).toBe('pending');
      expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'failed', responseStatus: 500, responseBody: 'local handler threw' });

      cli.child.kill('SIGINT');
      expect((await cli.exited).code).toBe(0);
    } finally {
      await failing.close();
    }
  }, 60_000);

  it('when Ctrl-C comes while a delivery is at the local receiver, then its answer is still acknowledged before the hook is deleted', async () => {
    const slow = await startReceiver({ status: 201, delayMs: 1500 });
    try {
      const cli = listen(['--events', 'ticket.created', '--forward-to', `${slow.url}/slow`]);
      const [, hookId] = await cli.waitForOutput(/through hook (\S+), forwarding to/);
      await cli.waitForOutput(/Connected\. Waiting for deliveries/, 20_000, 'stderr');
      const sample = (await api('GET', '/v1/triggers/ticket.created')).sample;
      await api('POST', '/v1/events', { type: 'ticket.created', data: sample });
      const [received] = await slow.waitFor(1, 20_000);

      cli.child.kill('SIGINT');
      const result = await cli.exited;
      expect(result.code).toBe(0);
      const deliveryId = received.headers['webhook-id'] as string;
      expect(result.stdout).toMatch(new RegExp(`ticket\\.created  201  \\d+ ms  ${deliveryId}\n[\\s\\S]*Deleted hook ${hookId}\\.`));
      const delivery = await api('GET', `/v1/deliveries/${deliveryId}`);
      expect(delivery).toMatchObject({ status: 'succeeded', lastResponseStatus: 201 });
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('when the key is refused, then listen exits 1 at once without creating anything', async () => {
    const before = (await api('GET', '/v1/hooks')).data.length;
    const result = await runCli(['listen', '--events', 'chat.missed', '--forward-to', `${receiver.url}/hook`], { DESKHOOKS_URL: server.url, DESKHOOKS_API_KEY: 'dhk_not_a_real_key_at_all_000000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the API key: 401/);
    expect((await api('GET', '/v1/hooks')).data.length).toBe(before);
  });
});
