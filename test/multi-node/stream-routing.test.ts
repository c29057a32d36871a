/**
 * Streamed delivery on several nodes (issue #18): two deskhooks servers on one PostgreSQL database. The
 * node holding a hook's stream consumer is the one that claims and sends its deliveries, wherever they
 * were published, and an ack posted to the other node still settles the attempt (acks go through the
 * store; the waiting node picks them up). Skipped without TEST_DATABASE_URL, like the other suites here.
 */
import { openSse, type SseClient } from '../helpers/sse-client';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from './postgres-database';
import { TEST_ENCRYPTION_KEY } from './server-node';

jest.setTimeout(60_000);

describeWithPostgres('stream hooks on two nodes sharing PostgreSQL', (serverUrl) => {
  let database: TestDatabase;
  let nodeA: TestServer;
  let nodeB: TestServer;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'deskhooks_stream');
    const env = {
      DATABASE_URL: database.url,
      DESKHOOKS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      DESKHOOKS_API_KEY: 'dhk_stream_routing_tenant_key_01',
      DESKHOOKS_ADMIN_KEY: 'dhk_stream_routing_admin_key_001',
      DESKHOOKS_DELIVERY_TIMEOUT_MS: '5000',
    };
    nodeA = await startTestServer({ env: { ...env, DESKHOOKS_NODE_ID: 'node-a' }, engineOptions: { maxIdleMs: 200 } });
    nodeB = await startTestServer({ env: { ...env, DESKHOOKS_NODE_ID: 'node-b' }, engineOptions: { maxIdleMs: 200 } });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await database?.drop();
  });

  async function consumer(node: TestServer, hookId: string): Promise<SseClient> {
    const client = await openSse(`${node.url}/v1/hooks/${hookId}/stream`, node.apiKey);
    clients.push(client);
    await client.waitFor(1);
    return client;
  }

  async function attemptsOn(node: TestServer): Promise<number> {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    return [...text.matchAll(/^deskhooks_delivery_attempts_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  }

  async function settled(node: TestServer, deliveryId: string) {
    const until = Date.now() + 15_000;
    for (;;) {
      const body = (await node.request('GET', `/v1/deliveries/${deliveryId}`)).body;
      if (body.status !== 'pending' || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function publish(node: TestServer): Promise<void> {
    const data = (await node.request('GET', '/v1/triggers/chat.missed/sample')).body.data;
    expect((await node.request('POST', '/v1/events', { body: { type: 'chat.missed', data } })).status).toBe(202);
  }

  test('when the consumer is on node A and the event is published and acknowledged through node B, then A sends it and the delivery succeeds', async () => {
    const hook = (await nodeB.request('POST', '/v1/hooks', { body: { destination: { type: 'stream' }, events: ['chat.missed'] } })).body;
    const onA = await consumer(nodeA, hook.id);
    const [attemptsA, attemptsB] = [await attemptsOn(nodeA), await attemptsOn(nodeB)];

    await publish(nodeB);
    const data = JSON.parse((await onA.waitFor(2))[1].data);
    const ack = await nodeB.request('POST', `/v1/hooks/${hook.id}/stream/acks`, { body: { attemptId: data.attemptId, status: 200, body: 'via B' } });
    expect(ack.status).toBe(204);

    const delivery = await settled(nodeB, data.deliveryId);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attemptLog).toEqual([expect.objectContaining({ number: 1, url: 'stream:', responseStatus: 200, responseBody: 'via B' })]);
    expect(await attemptsOn(nodeA)).toBe(attemptsA + 1);
    expect(await attemptsOn(nodeB)).toBe(attemptsB);
  });

  test('when no consumer is connected anywhere, then the delivery waits; once one connects to node B, B sends it', async () => {
    const hook = (await nodeA.request('POST', '/v1/hooks', { body: { destination: { type: 'stream' }, events: ['chat.missed'] } })).body;
    await publish(nodeA);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const waiting = (await nodeA.request('GET', `/v1/hooks/${hook.id}/deliveries`)).body.data;
    expect(waiting).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);

    const attemptsA = await attemptsOn(nodeA);
    const onB = await consumer(nodeB, hook.id);
    const data = JSON.parse((await onB.waitFor(2))[1].data);
    expect(data.deliveryId).toBe(waiting[0].id);
    expect((await nodeA.request('POST', `/v1/hooks/${hook.id}/stream/acks`, { body: { attemptId: data.attemptId, status: 204 } })).status).toBe(204);
    expect((await settled(nodeA, data.deliveryId)).status).toBe('succeeded');
    expect(await attemptsOn(nodeA)).toBe(attemptsA);
  });
});
