/** Shared set-up for the delivery tests: a controllable clock, hooks, events and awaited conditions. */
import type { Clock } from '../../server/src/app-deps';
import { getCatalog } from '../../server/src/catalog/catalog';
import type { TestServer } from '../helpers/start-server';

export interface FakeClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-03-02T09:00:00Z')): FakeClock {
  let now = start;
  return {
    now: () => now,
    set(ms) {
      now = ms;
    },
    advance(ms) {
      now += ms;
    },
  };
}

let brandCounter = 0;
/** A brand of its own for each test, so hooks of other tests in the same server never match. */
export function uniqueBrand(): string {
  brandCounter += 1;
  return `brand-${process.pid}-${brandCounter}`;
}

export function sample(type: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(getCatalog().get(type)!.sample));
}

export async function createHook(server: TestServer, body: Record<string, unknown>): Promise<{ id: string; secret: string } & Record<string, any>> {
  const response = await server.request('POST', '/v1/hooks', { body });
  if (response.status !== 201) throw new Error(`hook not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function publish(server: TestServer, type: string, brand: string, data: Record<string, unknown> = sample(type)): Promise<string> {
  const response = await server.request('POST', '/v1/events', { body: { type, brand, data } });
  if (response.status !== 202) throw new Error(`event not accepted: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Wakes the engine and waits until it has nothing in flight. */
export async function settle(server: TestServer): Promise<void> {
  server.engine.wake();
  await server.engine.idle();
}

export async function deliveriesOf(server: TestServer, hookId: string): Promise<any[]> {
  const response = await server.request('GET', `/v1/hooks/${hookId}/deliveries?limit=100`);
  return response.body.data;
}

export async function deliveryDetail(server: TestServer, id: string): Promise<any> {
  return (await server.request('GET', `/v1/deliveries/${id}`)).body;
}

/** Polls an awaited condition over the API (bounded), for work that another process or timer does. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  return last;
}

/** Deletes every hook of the default tenant (cancelling their queues), so tests sharing a server stay apart. */
export async function deleteAllHooks(server: TestServer): Promise<void> {
  for (;;) {
    const page = await server.request('GET', '/v1/hooks?limit=100');
    if (page.body.data.length === 0) return;
    for (const hook of page.body.data) await server.request('DELETE', `/v1/hooks/${hook.id}`);
  }
}
