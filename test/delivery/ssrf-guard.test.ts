/**
 * The SSRF guard inside the running engine, with the development switch OFF: names that resolve to
 * non-public addresses (the injected resolver stands in for DNS) and non-public literals are
 * refused on the attempt itself, recorded as `refused`, and the connector is never called.
 * Nothing here sends a packet anywhere: every target is refused before any connect.
 */
import type { HookRecord } from '../../server/src/store/store';
import { hook } from '../store/fixtures';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { deliveriesOf, deliveryDetail, fakeClock, publish, settle, uniqueBrand } from './fixtures';

const RESOLVES_TO: Record<string, string> = {
  'private.fake.test': '10.0.0.5',
  'loopback.fake.test': '127.0.0.1',
  'metadata.fake.test': '169.254.169.254',
  'cgnat.fake.test': '100.64.1.2',
  'reserved.fake.test': '240.1.2.3',
  'ula.fake.test': 'fd12:3456:789a::1',
  'linklocal6.fake.test': 'fe80::1',
  'loopback6.fake.test': '::1',
  'mapped.fake.test': '::ffff:10.0.0.5',
  '6to4.fake.test': '2002:a9fe:a9fe::1',
  'nat64.fake.test': '64:ff9b::7f00:1',
  'teredo.fake.test': '2001:0:4136:e378:8000:63bf:f5ff:fffa',
};

const LITERAL_URLS = ['https://127.0.0.1/in', 'https://[::1]/in', 'https://[::ffff:a9fe:a9fe]/in', 'https://0x7f.1/in', 'https://[64:ff9b::a00:5]/in'];

const clock = fakeClock();
const connector = jest.fn();
const resolve = jest.fn(async (host: string) => {
  const address = RESOLVES_TO[host];
  if (!address) throw Object.assign(new Error(`no such name ${host}`), { code: 'ENOTFOUND' });
  return [address];
});
let server: TestServer;
let tenantId: string;

beforeAll(async () => {
  server = await startTestServer({
    clock,
    env: { DESKHOOKS_ALLOW_INSECURE_TARGETS: '0' },
    engineOptions: { resolve, connector },
  });
  tenantId = (await server.request('GET', '/v1/me')).body.tenant.id;
});
afterAll(async () => {
  await server.close();
});

function hookRecord(id: string, url: string, brand: string): HookRecord {
  const now = clock.now();
  return hook(tenantId, { id, url, brand, events: ['ticket.created'], createdAt: now, updatedAt: now });
}

test('when subscribing to a non-public literal or plain http, then the API refuses with 422 naming /url and the rule', async () => {
  for (const [url, rule] of [
    ['https://10.0.0.5/in', '10.0.0.5, a private address'],
    ['https://[::ffff:127.0.0.1]/in', 'IPv4-mapped form of 127.0.0.1, a loopback address'],
    ['http://hooks.example.com/in', 'must use https'],
  ]) {
    const response = await server.request('POST', '/v1/hooks', { body: { url, events: ['ticket.created'] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/url', detail: expect.stringContaining(rule) })]);
  }
  expect(connector).not.toHaveBeenCalled();
});

test('when hooks point at names resolving to non-public addresses or at non-public literals, then every attempt is refused and nothing is connected', async () => {
  const brand = uniqueBrand();
  const targets = [...Object.keys(RESOLVES_TO).map((host) => `https://${host}/in`), ...LITERAL_URLS];
  const hooks = targets.map((url, index) => hookRecord(`hook_ssrf_${index}`, url, brand));
  for (const hook of hooks) await server.store.createHook(hook);

  await publish(server, 'ticket.created', brand);
  await settle(server);

  for (const [index, hook] of hooks.entries()) {
    const [delivery] = await deliveriesOf(server, hook.id);
    const [attempt] = (await deliveryDetail(server, delivery.id)).attemptLog;
    expect({ url: targets[index], outcome: attempt.outcome }).toEqual({ url: targets[index], outcome: 'refused' });
    expect(attempt.error).toMatch(/^target refused: host .* (resolves to|is) .*address/);
    expect(attempt.responseStatus).toBeNull();
    expect(delivery.status).toBe('pending'); // retried later: DNS may be fixed by then
  }
  for (const host of Object.keys(RESOLVES_TO)) expect(resolve).toHaveBeenCalledWith(host);
  expect(connector).not.toHaveBeenCalled();
});
