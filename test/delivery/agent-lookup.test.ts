/**
 * The synchronous agent lookup over real HTTP: an answer in the hook's response, an answer through
 * the callback endpoint (a low-code flow), and no answer within the budget.
 */
import { Webhook } from 'standardwebhooks';
import { getCatalog } from '../../server/src/catalog/catalog';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deleteAllHooks, sample, settle } from './fixtures';

let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer({ config: { agentLookupBudgetMs: 2500 } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  receiver = await startReceiver({ status: 204 });
});
afterEach(async () => {
  await deleteAllHooks(server);
  await receiver.close();
});

const chat = (sample('chat.agent_lookup') as any).chat;
const lookupBody = { chat, candidateAgents: ['hbit~m~42', 'hbit~m~57'], attempt: 2 };
const lookup = (body: Record<string, unknown> = lookupBody, chatId: string = chat.id) =>
  server.request('POST', `/v1/chats/${encodeURIComponent(chatId)}/agent-lookup`, { body });

describe('answers in the webhook response', () => {
  test('when a hook answers {"agent_id"} with a candidate, then the lookup assigns that agent', async () => {
    receiver.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"agent_id": "hbit~m~57"}' });
    const hook = await createHook(server, { url: `${receiver.url}/route`, events: ['chat.agent_lookup'] });
    const response = await lookup();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'assigned', agentId: 'hbit~m~57', answeredBy: { via: 'webhook_response', hookId: hook.id } });

    const [request] = receiver.requests;
    const envelope = new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any;
    expect(envelope.type).toBe('chat.agent_lookup');
    expect(getCatalog().validateData('chat.agent_lookup', envelope.data)).toEqual([]);
    expect(envelope.data).toMatchObject({
      lookupId: response.body.lookupId,
      attempt: 2,
      candidateAgents: [expect.objectContaining({ userId: 'hbit~m~42' }), expect.objectContaining({ userId: 'hbit~m~57' })],
      responseUrl: `${server.config.publicUrl}/v1/agent-lookups/${response.body.lookupId}/response`,
    });
    // Sent directly, not queued: the hook has no delivery rows.
    expect((await server.request('GET', `/v1/hooks/${hook.id}/deliveries`)).body.data).toEqual([]);
  });

  test('when one hook answers with a non-candidate and another with a candidate, then the valid one wins', async () => {
    const other = await startReceiver({ status: 200, body: '{"agent_id": "hbit~m~999"}' });
    try {
      receiver.reply({ status: 200, body: '{"agent_id": "hbit~m~42"}', delayMs: 50 });
      await createHook(server, { url: `${other.url}/route`, events: ['chat.agent_lookup'] });
      const good = await createHook(server, { url: `${receiver.url}/route`, events: ['*'] });
      const response = await lookup();
      expect(response.body).toMatchObject({ status: 'assigned', agentId: 'hbit~m~42', answeredBy: { hookId: good.id } });
      expect(other.requests).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('answers through the callback', () => {
  test('when a flow acknowledges and then posts the agent to the response URL, then the lookup assigns it', async () => {
    const callbacks: Array<Promise<{ status: number; body: any }>> = [];
    receiver.reply((request) => {
      const { lookupId } = JSON.parse(request.body).data;
      // A bad answer first (not a candidate), then the right one.
      callbacks.push(
        server
          .request('POST', `/v1/agent-lookups/${lookupId}/response`, { body: { agentId: 'hbit~m~1' } })
          .then((bad) => {
            callbacks.push(server.request('POST', `/v1/agent-lookups/${lookupId}/response`, { body: { agentId: 'hbit~m~42' } }));
            return bad;
          }),
      );
      return { status: 202 };
    });
    await createHook(server, { url: `${receiver.url}/flow`, events: ['chat.agent_lookup'] });
    const response = await lookup();
    expect(response.body).toMatchObject({ status: 'assigned', agentId: 'hbit~m~42', answeredBy: { via: 'callback', hookId: null } });
    const [bad, good] = await Promise.all(callbacks);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/agentId' });
    expect(good).toMatchObject({ status: 200, body: { status: 'assigned', agentId: 'hbit~m~42' } });

    const late = await server.request('POST', `/v1/agent-lookups/${response.body.lookupId}/response`, { body: { agentId: 'hbit~m~57' } });
    expect(late.status).toBe(409);
  });

  test('when the lookup id is unknown, then 404', async () => {
    const response = await server.request('POST', '/v1/agent-lookups/lkp_nope/response', { body: { agentId: 'hbit~m~42' } });
    expect(response.status).toBe(404);
  });
});

describe('no agent in time', () => {
  test('when no agent is named within the budget, then the call says so and chat.no_agents_available is emitted', async () => {
    const watcher = await startReceiver();
    try {
      // Acknowledged without an agent, and no callback follows.
      receiver.reply({ status: 200, body: '{"received": true}' });
      await createHook(server, { url: `${receiver.url}/ack`, events: ['chat.agent_lookup'] });
      const watching = await createHook(server, { url: `${watcher.url}/watch`, events: ['chat.no_agents_available'] });
      const response = await lookup();
      expect(response.body).toMatchObject({ status: 'no_agents_available', agentId: null, answeredBy: null });
      const [notice] = await watcher.waitFor(1);
      const event = new Webhook(watching.secret).verify(notice.body, notice.headers as Record<string, string>) as any;
      expect(event).toMatchObject({ type: 'chat.no_agents_available', data: { chat: { id: chat.id }, attempts: 2 } });
      expect(event.data.invitedAgents.map((a: any) => a.userId)).toEqual(['hbit~m~42']);
      const late = await server.request('POST', `/v1/agent-lookups/${response.body.lookupId}/response`, { body: { agentId: 'hbit~m~42' } });
      expect(late.status).toBe(409);
      await settle(server);
    } finally {
      await watcher.close();
    }
  });

  test('when the hook hangs past the budget, then the lookup does not wait for it and ends with no agent', async () => {
    receiver.reply({ status: 200, body: '{"agent_id": "hbit~m~42"}', delayMs: 4000 });
    await createHook(server, { url: `${receiver.url}/hangs`, events: ['chat.agent_lookup'] });
    const response = await lookup();
    expect(response.body).toMatchObject({ status: 'no_agents_available', agentId: null });
    expect(receiver.requests).toHaveLength(1);
  });

  test('when no hook is subscribed, then the lookup ends with no agent at once instead of waiting out the budget', async () => {
    const response = await lookup();
    expect(response.body).toMatchObject({ status: 'no_agents_available', agentId: null });
    // Nobody received the question, so nobody can answer it: waiting would only delay the chat.
    expect(response.body.elapsedMs).toBeLessThan(server.config.agentLookupBudgetMs);
  });
});

describe('metrics', () => {
  test('when lookups end, then /metrics counts them by result', async () => {
    const count = async (status: string) => {
      const text = (await server.request('GET', '/metrics')).body as string;
      return Number(new RegExp(`deskhooks_agent_lookups_total\\{status="${status}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    const [assigned, none] = [await count('assigned'), await count('no_agents_available')];
    receiver.reply({ status: 200, body: '{"agent_id": "hbit~m~42"}' });
    await createHook(server, { url: `${receiver.url}/route`, events: ['chat.agent_lookup'] });
    expect((await lookup()).body.status).toBe('assigned');
    expect(await count('assigned')).toBe(assigned + 1);
    expect(await count('no_agents_available')).toBe(none);
  });
});

describe('validation', () => {
  test('when the chat id differs from the path, then 422 names /chat/id', async () => {
    const response = await lookup(lookupBody, 'another-chat');
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/chat/id' })]);
  });

  test('when a candidate id is not a user of the chat, then 422 names that candidate', async () => {
    const response = await lookup({ ...lookupBody, candidateAgents: ['hbit~m~42', 'nobody'] });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/candidateAgents/1' })]);
  });

  test('when the chat does not match the ChatSession schema, then 422 names the field', async () => {
    const response = await lookup({ ...lookupBody, chat: { ...chat, status: 'bogus' } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: any) => e.pointer)).toContain('/chat/status');
  });
});
