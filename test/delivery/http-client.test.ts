import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildConnector } from 'undici';
import { createHttpClient } from '../../server/src/outbound/http-client';
import { startReceiver, type Receiver } from '../helpers/receiver';

const base = { connectTimeoutMs: 1000, totalTimeoutMs: 5000, maxResponseBytes: 1024 };

describe('SSRF guard on every attempt (insecure targets off)', () => {
  // Each address is what the fake name resolves to; nothing may be dialled for any of them.
  const forms = [
    '10.0.0.5',
    '172.20.1.1',
    '192.168.0.10',
    '127.0.0.1',
    '169.254.169.254',
    '100.100.100.100',
    '0.0.0.0',
    '198.51.100.7',
    '224.0.0.251',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:10.0.0.5',
    '::ffff:169.254.169.254',
    '2002:a9fe:a9fe::1',
    '64:ff9b::10.0.0.5',
    '2001:0:4136:e378:8000:63bf:f5ff:fffa',
  ];

  test.each(forms)('when a name resolves to %s, then the attempt is refused and nothing is connected', async (address) => {
    const connector = jest.fn();
    const resolve = jest.fn(async () => [address]);
    const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve, connector });
    const result = await client.send({ url: 'https://hooks.fake.test/in', method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'refused' });
    expect(result.kind === 'error' && result.error).toMatch(/host hooks\.fake\.test resolves to .*address/);
    expect(resolve).toHaveBeenCalledWith('hooks.fake.test');
    expect(connector).not.toHaveBeenCalled();
  });

  test.each(['https://127.0.0.1/in', 'https://[::1]/in', 'https://[::ffff:7f00:1]/in', 'https://2130706433/in', 'https://0x7f.0.0.1/in', 'https://[64:ff9b::7f00:1]/in'])(
    'when the URL host is the literal %s, then it is refused without resolving or connecting',
    async (url) => {
      const connector = jest.fn();
      const resolve = jest.fn(async () => ['93.184.216.34']);
      const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve, connector });
      const result = await client.send({ url, method: 'POST', headers: {}, body: '{}' });
      await client.close();
      expect(result).toMatchObject({ kind: 'error', outcome: 'refused', error: expect.stringMatching(/loopback/) });
      expect(resolve).not.toHaveBeenCalled();
      expect(connector).not.toHaveBeenCalled();
    },
  );

  test('when the URL is plain http, then it is refused before anything else', async () => {
    const connector = jest.fn();
    const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve: async () => ['93.184.216.34'], connector });
    const result = await client.send({ url: 'http://hooks.fake.test/in', method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'refused', error: expect.stringContaining('only https') });
    expect(connector).not.toHaveBeenCalled();
  });

  test('when the name turns private between the check and the connect (DNS rebinding), then the connector is still never called', async () => {
    const connector = jest.fn();
    const answers = [['93.184.216.34'], ['10.0.0.5']];
    const resolve = jest.fn(async () => answers.shift() ?? ['10.0.0.5']);
    const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve, connector });
    const result = await client.send({ url: 'https://rebind.fake.test/in', method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'refused', error: expect.stringContaining('10.0.0.5, a private address') });
    expect(connector).not.toHaveBeenCalled();
  });

  test('when the name resolves to a public address, then the connector dials that checked address with the name kept for TLS', async () => {
    // The stand-in connector fails the connect itself, so no packet leaves this machine.
    const connector = jest.fn((_options: unknown, callback: (error: Error, socket: null) => void) => callback(new Error('stopped by the test'), null));
    const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve: async () => ['93.184.216.34'], connector });
    const result = await client.send({ url: 'https://public.fake.test:8443/in', method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'network' });
    expect(connector).toHaveBeenCalledTimes(1);
    expect(connector.mock.calls[0][0]).toMatchObject({ hostname: '93.184.216.34', host: 'public.fake.test:8443', protocol: 'https:' });
  });

  test('when a name has several public addresses and the first does not connect, then the next checked address is dialled', async () => {
    const receiver = await startReceiver({ status: 202, body: 'via the second address' });
    try {
      const real = buildConnector({ timeout: 1000 });
      // Stands in for the network: the IPv6 address is unreachable, the IPv4 one is this machine's receiver.
      const connector = jest.fn((options: buildConnector.Options, callback: buildConnector.Callback) => {
        if (options.hostname === '93.184.216.34') real({ ...options, hostname: '127.0.0.1', port: String(receiver.port), protocol: 'http:' }, callback);
        else callback(Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }), null);
      });
      const client = createHttpClient({ ...base, allowInsecureTargets: false, resolve: async () => ['2606:4700::1', '93.184.216.34'], connector });
      const result = await client.send({ url: 'https://dual.fake.test/in', method: 'POST', headers: {}, body: '{}' });
      await client.close();
      expect(connector.mock.calls.map(([options]) => options.hostname)).toEqual(['2606:4700::1', '93.184.216.34']);
      expect(result).toMatchObject({ kind: 'response', status: 202, body: 'via the second address' });
      expect(receiver.requests[0].headers.host).toBe('dual.fake.test');
    } finally {
      await receiver.close();
    }
  });

  test('when the name lookup hangs, then the total timeout still ends the attempt and nothing is connected', async () => {
    const connector = jest.fn();
    const client = createHttpClient({ ...base, totalTimeoutMs: 200, allowInsecureTargets: false, resolve: () => new Promise<string[]>(() => undefined), connector });
    const result = await client.send({ url: 'https://slow-dns.fake.test/in', method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'timeout', error: 'no complete response within 200 ms' });
    expect(connector).not.toHaveBeenCalled();
  });

  test('when the caller aborts during a hanging name lookup, then the send returns without waiting for it', async () => {
    const client = createHttpClient({ ...base, totalTimeoutMs: 60_000, allowInsecureTargets: false, resolve: () => new Promise<string[]>(() => undefined), connector: jest.fn() });
    const controller = new AbortController();
    const sending = client.send({ url: 'https://slow-dns.fake.test/in', method: 'POST', headers: {}, body: '{}' }, { signal: controller.signal });
    controller.abort(new Error('the lookup budget ran out'));
    const result = await sending;
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'network', error: 'the lookup budget ran out' });
  });
});

describe('outbound HTTP over loopback (insecure targets on)', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  test('when the receiver answers, then status, headers and body come back and the request arrived as sent', async () => {
    receiver.reply({ status: 202, headers: { 'x-answer': 'yes' }, body: 'accepted' });
    const client = createHttpClient({ ...base, allowInsecureTargets: true });
    const result = await client.send({ url: `${receiver.url}/in?x=1`, method: 'PUT', headers: { 'x-custom': 'v' }, body: 'payload' });
    await client.close();
    expect(result).toMatchObject({ kind: 'response', status: 202, body: 'accepted', truncated: false, headers: expect.objectContaining({ 'x-answer': 'yes' }) });
    expect(receiver.requests[0]).toMatchObject({ method: 'PUT', url: '/in?x=1', body: 'payload', headers: expect.objectContaining({ 'x-custom': 'v' }) });
  });

  test('when the receiver redirects, then the redirect is not followed', async () => {
    receiver.reply({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const client = createHttpClient({ ...base, allowInsecureTargets: true });
    const result = await client.send({ url: `${receiver.url}/in`, method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'response', status: 302 });
    expect(receiver.requests.map((r) => r.url)).toEqual(['/in']);
  });

  test('when the response is larger than the cap, then only the cap is read and it is marked truncated', async () => {
    receiver.reply({ status: 200, body: 'x'.repeat(200_000) });
    const client = createHttpClient({ ...base, maxResponseBytes: 1000, allowInsecureTargets: true });
    const result = await client.send({ url: `${receiver.url}/in`, method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(result.kind === 'response' && result.body.length).toBe(1000);
  });

  test('when the response body never ends, then reading stops at the cap instead of running into the timeout', async () => {
    // A receiver that streams for ever: without the cap the attempt could only end by timing out.
    const endless = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'z'.repeat(16 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const client = createHttpClient({ ...base, totalTimeoutMs: 30_000, maxResponseBytes: 5000, allowInsecureTargets: true });
      const result = await client.send({ url: `http://127.0.0.1:${(endless.address() as AddressInfo).port}/in`, method: 'POST', headers: {}, body: '{}' });
      await client.close();
      expect(result).toMatchObject({ kind: 'response', status: 200, truncated: true, body: 'z'.repeat(5000) });
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  test('when the receiver does not answer within the total timeout, then the outcome is timeout', async () => {
    receiver.reply({ status: 200, delayMs: 1500 });
    const client = createHttpClient({ ...base, totalTimeoutMs: 200, allowInsecureTargets: true });
    const result = await client.send({ url: `${receiver.url}/in`, method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'timeout', error: 'no complete response within 200 ms' });
  });

  test('when the receiver resets the connection, then the outcome is a network error', async () => {
    receiver.reply({ reset: true });
    const client = createHttpClient({ ...base, allowInsecureTargets: true });
    const result = await client.send({ url: `${receiver.url}/in`, method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'network' });
  });

  test('when nothing listens on the port, then the outcome is a network error naming the refusal', async () => {
    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    const client = createHttpClient({ ...base, allowInsecureTargets: true });
    const result = await client.send({ url: `${url}/in`, method: 'POST', headers: {}, body: '{}' });
    await client.close();
    expect(result).toMatchObject({ kind: 'error', outcome: 'network', error: expect.stringContaining('ECONNREFUSED') });
  });
});
