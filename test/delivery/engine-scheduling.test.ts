/**
 * When the engine sends: new deliveries at once (not at the next look at the queue), due retries on
 * its own timer (nobody wakes it), and a batch hook's window as one request even when the window
 * holds more events than the engine has free request slots.
 */
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, deliveriesOf, fakeClock, publish, settle, uniqueBrand } from './fixtures';

let receiver: Receiver;
const servers: TestServer[] = [];

async function server(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(options);
  servers.push(started);
  return started;
}

beforeEach(async () => {
  receiver = await startReceiver({ status: 204 });
});
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
  await receiver.close();
});

test('when an event is accepted, then its delivery goes out at once, not at the next look at the queue', async () => {
  // The engine would otherwise look at the queue only once an hour.
  const lazy = await server({ engineOptions: { maxIdleMs: 3_600_000 } });
  const brand = uniqueBrand();
  const hook = await createHook(lazy, { url: `${receiver.url}/in`, events: ['ticket.created'], brand });
  const eventId = await publish(lazy, 'ticket.created', brand);
  const [request] = await receiver.waitFor(1, 5000);
  expect((new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any).id).toBe(eventId);
});

test('when a retry falls due and nothing wakes the engine, then its own timer picks the retry up', async () => {
  const clock = fakeClock();
  const timed = await server({ clock });
  const brand = uniqueBrand();
  receiver.reply({ status: 500 });
  await createHook(timed, { url: `${receiver.url}/in`, events: ['ticket.created'], brand, retryPolicy: { type: 'custom', delays: [30] } });
  await publish(timed, 'ticket.created', brand);
  await receiver.waitFor(1);
  await settle(timed);
  receiver.reply({ status: 200 });
  clock.advance(30_000);
  // No wake(), no new event: only the engine's timer (at most a second between looks) can send it.
  const [first, second] = await receiver.waitFor(2, 5000);
  expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
});

describe('batch requests', () => {
  async function publishWindow(target: TestServer, clock: ReturnType<typeof fakeClock>, count: number) {
    const brand = uniqueBrand();
    const hook = await createHook(target, { url: `${receiver.url}/batch`, events: ['chat.updated'], brand, format: 'batch' });
    clock.set(Math.ceil(clock.now() / 2000) * 2000 + 1); // inside one 2-second window
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push(await publish(target, 'chat.updated', brand));
    await settle(target);
    expect(receiver.requests).toHaveLength(0); // still collecting
    clock.advance(2000);
    await settle(target);
    return { hook, ids };
  }

  test('when a window holds more events than the engine has request slots, then they still leave in one request', async () => {
    const clock = fakeClock();
    const narrow = await server({ clock, config: { workerConcurrency: 2, batchWindowMs: 2000 } });
    const { hook, ids } = await publishWindow(narrow, clock, 7);
    expect(receiver.requests).toHaveLength(1);
    const batch = new Webhook(hook.secret).verify(receiver.requests[0].body, receiver.requests[0].headers as Record<string, string>) as any[];
    expect(batch.map((event) => event.id)).toEqual(ids);
    expect((await deliveriesOf(narrow, hook.id)).map((d) => d.status)).toEqual(Array(7).fill('succeeded'));
  });

  test('when a window holds more events than a batch may carry, then they leave in requests of at most that many, in order', async () => {
    const clock = fakeClock();
    const capped = await server({ clock, config: { batchWindowMs: 2000 }, engineOptions: { maxBatchEvents: 3 } });
    const { hook, ids } = await publishWindow(capped, clock, 7);
    const batches = receiver.requests.map((request) => (new Webhook(hook.secret).verify(request.body, request.headers as Record<string, string>) as any[]).map((e) => e.id));
    expect(batches.map((batch) => batch.length).sort()).toEqual([1, 3, 3]);
    expect(batches.flat().sort()).toEqual([...ids].sort());
    for (const batch of batches) expect(batch).toEqual(ids.filter((id) => batch.includes(id)));
  });
});
