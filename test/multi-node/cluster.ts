import { Pool } from 'pg';
import { getCatalog } from '../../server/src/catalog/catalog';
import { startReceiver, type Receiver } from '../helpers/receiver';
import type { ReplyPlan } from '../helpers/receiver';
import { createTestDatabase, type TestDatabase } from './postgres-database';
import { startNode, type ServerNode } from './server-node';

export const TENANT_KEY = 'dhk_multinode_tenant_key_0001';
export const ADMIN_KEY = 'dhk_multinode_admin_key_00001';

/** Event types published round-robin, and which receiver subscribes to what. */
export const EVENT_TYPES = ['ticket.created', 'chat.missed', 'message.created'] as const;
const SUBSCRIPTIONS: ReadonlyArray<ReadonlyArray<string>> = EVENT_TYPES.map((type) => [type]);

/** Three deskhooks processes on one fresh PostgreSQL database, three receivers subscribed through the API. */
export interface Cluster {
  database: TestDatabase;
  db: Pool;
  nodes: ServerNode[];
  receivers: Receiver[];
  /** Receiver index → the event types it should get (`*`: all). */
  subscriptions: ReadonlyArray<ReadonlyArray<string>>;
  close(): Promise<void>;
}

export async function startCluster(serverUrl: string, env: Record<string, string>, reply: ReplyPlan = { status: 204 }): Promise<Cluster> {
  const database = await createTestDatabase(serverUrl, 'deskhooks_mn');
  const receivers: Receiver[] = [];
  const nodes: ServerNode[] = [];
  const db = new Pool({ connectionString: database.url, max: 2 });
  const cluster: Cluster = {
    database,
    db,
    nodes,
    receivers,
    subscriptions: SUBSCRIPTIONS,
    async close() {
      await Promise.all(nodes.map((node) => node.stop()));
      await Promise.all(receivers.map((receiver) => receiver.close()));
      await db.end();
      await database.drop();
    },
  };
  try {
    const nodeEnv = {
      DATABASE_URL: database.url,
      DESKHOOKS_API_KEY: TENANT_KEY,
      DESKHOOKS_ADMIN_KEY: ADMIN_KEY,
      DESKHOOKS_ALLOW_INSECURE_TARGETS: '1',
      PG_POOL_MAX: '6',
      ...env,
    };
    // The first node migrates and creates the tenant and keys; the other two then start together.
    nodes.push(await startNode('node-1', nodeEnv));
    nodes.push(...(await Promise.all([startNode('node-2', nodeEnv), startNode('node-3', nodeEnv)])));
    for (const events of SUBSCRIPTIONS) {
      const receiver = await startReceiver(reply);
      receivers.push(receiver);
      const response = await api(nodes[0], 'POST', '/v1/hooks', { url: `${receiver.url}/hook`, events });
      if (response.status !== 201) throw new Error(`creating a hook failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}

export async function api(node: ServerNode, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TENANT_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Publishes `count` events round-robin over the nodes still alive, `concurrency` at a time. A request
 * a node cannot answer (it was killed) is sent again to the next node, with the same event id, as a
 * load balancer would: a repeat of an event that was in fact stored is answered as a duplicate.
 */
export async function publishEvents(nodes: ServerNode[], count: number, concurrency = 12): Promise<void> {
  const catalog = getCatalog();
  const samples = EVENT_TYPES.map((type) => catalog.get(type)!.sample);
  const dead = new Set<ServerNode>();
  let next = 0;
  const publishOne = async (i: number) => {
    const type = EVENT_TYPES[i % EVENT_TYPES.length];
    for (let turn = i; ; turn++) {
      const alive = nodes.filter((node) => !dead.has(node) && node.child.exitCode === null && node.child.signalCode === null);
      if (alive.length === 0) throw new Error('no node left to publish to');
      const node = alive[turn % alive.length];
      try {
        const response = await api(node, 'POST', '/v1/events', { id: `evt_mn_${i}`, type, data: samples[i % EVENT_TYPES.length] });
        if (response.status !== 202) throw new Error(`publishing evt_mn_${i} failed: ${response.status} ${JSON.stringify(response.body)}`);
        return;
      } catch (error) {
        // fetch's network failure (a TypeError from Node's realm, not the test's): try another node.
        if ((error as Error).message !== 'fetch failed') throw error;
        dead.add(node);
      }
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await publishOne(next++);
    }),
  );
}

/** Polls an awaited condition (the state lives in other processes, so there is nothing to subscribe to). */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** webhook-id → how many times it arrived, over all receivers. */
export function arrivals(receivers: Receiver[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const receiver of receivers) {
    for (const request of receiver.requests) {
      const id = String(request.headers['webhook-id']);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** The delivery attempts each node made, from its own /metrics. */
export async function attemptsByNode(nodes: ServerNode[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const node of nodes) {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    result[node.name] = [...text.matchAll(/^deskhooks_delivery_attempts_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  }
  return result;
}
