/**
 * Every client mistake is an RFC 9457 problem naming what is wrong, never a 5xx. The request helper
 * checks each answer against the OpenAPI document too (problem+json, Problem schema).
 */
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let strict: TestServer;
beforeAll(async () => {
  [server, strict] = await Promise.all([
    startTestServer({ env: { DESKHOOKS_BODY_LIMIT_BYTES: '4096' } }),
    // Production settings: https only, public addresses only.
    startTestServer({ env: { DESKHOOKS_ALLOW_INSECURE_TARGETS: '0' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), strict.close()]);
});

describe('routes and methods', () => {
  it('when a route does not exist, inside or outside /v1, then 404 problem+json', async () => {
    for (const path of ['/v1/nothing', '/v1/hooks/x/y/z', '/nothing', '/v2/hooks']) {
      const response = await server.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'https://deskhooks.dev/problems/not-found', title: 'Not found', status: 404, instance: path });
    }
  });

  it('when an unknown /v1 route is called without a key, then it is still 404 (routes are matched before authentication)', async () => {
    expect((await server.request('GET', '/v1/nothing', { key: null })).status).toBe(404);
    expect((await server.request('GET', '/v1/hooks', { key: null })).status).toBe(401);
  });

  it('when HEAD is sent to a GET operation, then it answers as GET would, without a body', async () => {
    const health = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await health.text()).toBe('');
    const anonymous = await fetch(`${server.url}/v1/hooks`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
    const keyed = await fetch(`${server.url}/v1/hooks`, { method: 'HEAD', headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(keyed.status).toBe(200);
  });

  it('when a method is not allowed on a route, then 405 problem with Allow', async () => {
    const response = await server.request('PUT', '/v1/hooks');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/GET/);
    expect(response.body.status).toBe(405);
  });
});

describe('bodies', () => {
  it('when the JSON is malformed, then 400 says so and points at the body', async () => {
    const response = await server.request('POST', '/v1/hooks', { body: '{"url": "http://127.0.0.1:9/", "events": [' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/', location: 'body' })]);
  });

  it('when the body is over the limit, then 413 problem+json', async () => {
    const response = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data: { padding: 'x'.repeat(5000) } } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, title: 'Payload too large' });
    expect(response.body.detail).toMatch(/4096/);
  });

  it('when the body is not JSON, then 415; when it is JSON but not an object, then 400', async () => {
    const text = await server.request('POST', '/v1/events', { body: 'type=chat.missed', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(text.status).toBe(415);
    const array = await server.request('POST', '/v1/events', { body: [] });
    expect(array.status).toBe(400);
    const scalar = await server.request('POST', '/v1/events', { body: '"chat.missed"' });
    expect(scalar.status).toBe(400);
  });

  it('when a body is required and missing, then 400 says the body is required', async () => {
    const response = await server.request('POST', '/v1/events');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ pointer: '/', location: 'body', detail: 'is required' }]);
  });

  it('when a header parameter is invalid (an Idempotency-Key over 128 characters), then 422 names the header', async () => {
    const response = await server.request('POST', '/v1/events', {
      body: { type: 'chat.missed', data: {} },
      headers: { 'Idempotency-Key': 'k'.repeat(256) },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ parameter: 'Idempotency-Key', location: 'header' }));
  });

  it('when a body nests deeper than 100 levels, then 400 points at where (not a 5xx from a stack overflow); 99 levels pass the edge', async () => {
    /** `n` arrays inside each other, as JSON text: the deepest sits n + 1 levels below the body. */
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const publish = (n: number) => server.request('POST', '/v1/events', { body: `{"type": "chat.missed", "data": {"x": ${nested(n)}}}` });
    const accepted = await publish(98);
    expect(accepted.status).toBe(422); // past the edge: the schema refuses the unknown field
    for (const n of [99, 1900]) {
      const refused = await publish(n);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: `/data/x${'/0'.repeat(98)}`, location: 'body', detail: 'nests deeper than 100 levels' }]);
    }
    const filter = `{"url": "http://127.0.0.1:9/", "events": ["chat.missed"], "filter": ${'{"$and": ['.repeat(300)}{}${']}'.repeat(300)}}`;
    expect((await server.request('POST', '/v1/hooks', { body: filter })).status).toBe(400);
  });

  it('when a grab bag of hostile input arrives, then no answer is a 5xx', async () => {
    const attempts: Array<[string, string, unknown]> = [
      ['POST', '/v1/hooks', { url: 'javascript:alert(1)', events: ['chat.missed'] }],
      ['POST', '/v1/hooks', { url: 'http://127.0.0.1:9/', events: ['chat.missed'], filter: { $where: 'while(true){}' } }],
      ['POST', '/v1/hooks', { url: 'http://127.0.0.1:9/', events: ['chat.missed'], format: 'template', template: { body: '{% for %}', contentType: 'json' } }],
      ['POST', '/v1/hooks', { url: 'http://127.0.0.1:9/', events: ['*', '*'] }],
      ['POST', '/v1/hooks', { url: 'http://[::1', events: ['chat.missed'] }],
      ['POST', '/v1/events', '{"type": "chat.missed", "data": {"__proto__": {"polluted": true}}}'],
      ['POST', '/v1/hooks', '{"url": "http://127.0.0.1:9/", "events": ["chat.missed"], "constructor": {"prototype": {"x": 1}}}'],
      ['POST', '/v1/events', { type: '../../etc/passwd', data: {} }],
      ['PATCH', '/v1/hooks/%00', { description: 'x' }],
      ['GET', '/v1/hooks?limit=1e3', undefined],
      ['GET', '/v1/hooks?limit=1&limit=2', undefined],
      ['GET', '/v1/events?cursor=%E0%A4%A', undefined],
      ['GET', '/v1/triggers/%E0%A4%A', undefined],
      ['DELETE', '/v1/hooks/x?reason=' + 'r'.repeat(600), undefined],
      ['PUT', '/v1/custom-event-types/custom.x', { schema: { type: 'object', properties: { a: { pattern: '(' } } }, sample: {} }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await server.request(method, path, { body });
      expect({ method, path, status: response.status < 500 }).toEqual({ method, path, status: true });
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('target URL rules (production settings)', () => {
  it('when a target is plain http, then 422 says https is required and how to allow http in development', async () => {
    const response = await strict.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['chat.missed'] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/url', location: 'body', detail: expect.stringMatching(/https.*DESKHOOKS_ALLOW_INSECURE_TARGETS/) })]);
  });

  it.each([
    ['https://127.0.0.1/hook', /loopback/],
    ['https://10.1.2.3/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::1]/hook', /loopback/],
    ['https://[fd00::1]/hook', /(private|unique local)/],
  ])('when a target is %s, then 422 names the rule that refused it', async (url, rule) => {
    const response = await strict.request('POST', '/v1/hooks', { body: { url, events: ['chat.missed'] } });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ pointer: '/url' });
    expect(response.body.errors[0].detail).toMatch(rule);
  });

  it('when an edit moves a hook to a refused target, then 422 and the hook keeps its URL', async () => {
    // A public IP literal passes the address rules without a DNS lookup (tests may not resolve names).
    const created = await strict.request('POST', '/v1/hooks', { body: { url: 'https://93.184.215.14/hook', events: ['chat.missed'], enabled: false } });
    expect(created.status).toBe(201);
    const patched = await strict.request('PATCH', `/v1/hooks/${created.body.id}`, { body: { url: 'https://192.168.1.10/hook' } });
    expect(patched.status).toBe(422);
    expect((await strict.request('GET', `/v1/hooks/${created.body.id}`)).body.url).toBe('https://93.184.215.14/hook');
  });
});
