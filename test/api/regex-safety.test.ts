import { startTestServer, type TestServer } from '../helpers/start-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const CATASTROPHIC = '^(a+)+$';

describe('tenant-written regular expressions', () => {
  it('when a hook filter uses a catastrophic $regex, then 422 names it and a plain one is accepted', async () => {
    const refused = await server.request('POST', '/v1/hooks', {
      body: { url: 'http://127.0.0.1:9/in', events: ['chat.missed'], filter: { 'data.chat.name': { $regex: CATASTROPHIC } } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: '/filter/data.chat.name/$regex', detail: expect.stringMatching(/backtrack/) }),
    ]);

    const accepted = await server.request('POST', '/v1/hooks', {
      body: { url: 'http://127.0.0.1:9/in', events: ['chat.missed'], filter: { 'data.chat.name': { $regex: '^Printer', $options: 'i' } } },
    });
    expect(accepted.status).toBe(201);
  });

  it('when a custom event schema has a catastrophic pattern or patternProperties key, then 422 names each', async () => {
    const response = await server.request('PUT', '/v1/custom-event-types/custom.device_offline', {
      body: {
        schema: {
          type: 'object',
          properties: { code: { type: 'string', pattern: '(x+x+)+y' } },
          patternProperties: { [CATASTROPHIC]: { type: 'string' } },
        },
        sample: { code: 'A1' },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(
      ['/schema/patternProperties/^(a+)+$', '/schema/properties/code/pattern'].sort(),
    );
  });
});
