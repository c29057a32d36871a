/**
 * Text no store can keep (found by the contract fuzz on PostgreSQL): NUL anywhere and lone UTF-16
 * surrogates in bodies are refused with 422 naming where, and NUL in path or query parameters with
 * 400 naming the parameter, before anything is read or written. On SQLite these were silently
 * stored (or mangled to U+FFFD); on PostgreSQL they answered 500.
 */
import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
let hookId: string;
beforeAll(async () => {
  server = await startTestServer({ startEngine: false });
  hookId = (await server.request('POST', '/v1/hooks', { body: { url: 'http://127.0.0.1:9/t', events: ['chat.missed'] } })).body.id;
});
afterAll(async () => {
  await server.close();
});

describe('text that cannot be stored', () => {
  it('when event data holds a NUL or a lone surrogate, in a value or a key, then 422 names each place and no event is stored', async () => {
    const sample = (await server.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
    const data = { ...sample, chat: { ...sample.chat, name: 'before\u0000after', ['key\ud800']: 1 } };
    const before = (await server.request('GET', '/v1/events?limit=100')).body.data;
    const response = await server.request('POST', '/v1/events', { body: { type: 'chat.missed', data } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { pointer: '/data/chat/key\ud800', location: 'body', detail: expect.stringMatching(/^is a property name that is not valid Unicode text/) },
      { pointer: '/data/chat/name', location: 'body', detail: expect.stringContaining('NUL') },
    ]);
    expect((await server.request('GET', '/v1/events?limit=100')).body.data).toEqual(before);
  });

  it('when a hook edit holds a lone surrogate, then 422 names the field and the hook is unchanged', async () => {
    const response = await server.request('PATCH', `/v1/hooks/${hookId}`, { body: { description: 'half a pair \udc00' } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/description', detail: expect.stringContaining('lone surrogate') })]);
    expect((await server.request('GET', `/v1/hooks/${hookId}`)).body.description).toBe('');
  });

  it('when a path or query parameter holds %00, then 400 names the parameter', async () => {
    const path = await server.request('GET', '/v1/hooks/hook%00x');
    expect(path.status).toBe(400);
    expect(path.body.errors).toEqual([expect.objectContaining({ parameter: 'hookId', location: 'path' })]);
    const query = await server.request('GET', '/v1/hooks?brand=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([expect.objectContaining({ parameter: 'brand', location: 'query' })]);
    const reason = await server.request('DELETE', `/v1/hooks/${hookId}?reason=gone%00`);
    expect(reason.status).toBe(400);
    expect((await server.request('GET', `/v1/hooks/${hookId}`)).body.deleted).toBe(false);
  });
});
