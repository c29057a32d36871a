/**
 * Several deskhooks nodes on one PostgreSQL database: three real server processes share the work of
 * delivering 3,000 events to three local receivers, once with every node healthy and once with one
 * node SIGKILLed mid-run.
 */
import { arrivals, attemptsByNode, publishEvents, startCluster, waitUntil, type Cluster } from './cluster';
import { describeWithPostgres } from './postgres-database';

const EVENTS = 3000;
/** Each receiver subscribes to one of the event types, which are published round-robin: one delivery per event. */
const EXPECTED_DELIVERIES = EVENTS;

// Generous ceilings for a loaded 2-core CI machine; each test usually takes a fraction of this.
jest.setTimeout(240_000);

describeWithPostgres('three deskhooks nodes on one PostgreSQL database', (serverUrl) => {
  let cluster: Cluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  async function deliveryRows(c: Cluster) {
    const { rows } = await c.db.query<{ id: string; event_type: string; hook_url: string; status: string }>(
      `SELECT d.id, d.event_type, h.url AS hook_url, d.status FROM deliveries d JOIN hooks h ON h.id = d.hook_id`,
    );
    return rows;
  }

  async function pendingCount(c: Cluster): Promise<number> {
    const { rows } = await c.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status <> 'succeeded'`);
    return rows[0].n;
  }

  /** Every receiver got the event types it subscribed to, and nothing else. */
  function expectRouting(c: Cluster): void {
    c.receivers.forEach((receiver, index) => {
      const types = new Set(receiver.requests.map((request) => JSON.parse(request.body).type as string));
      expect([...types].sort()).toEqual([...c.subscriptions[index]].sort());
    });
  }

  test('when 3,000 events are published across three healthy nodes, then every delivery arrives exactly once and every node sends some', async () => {
    cluster = await startCluster(serverUrl, {});
    const c = cluster;

    await publishEvents(c.nodes, EVENTS);
    await waitUntil(async () => (await pendingCount(c)) === 0, 180_000, 'every delivery succeeded');

    const deliveries = await deliveryRows(c);
    expect(deliveries).toHaveLength(EXPECTED_DELIVERIES);
    const counts = arrivals(c.receivers);
    expect([...counts.keys()].sort()).toEqual(deliveries.map((d) => d.id).sort());
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expectRouting(c);
    const perNode = await attemptsByNode(c.nodes);
    expect(Object.values(perNode).reduce((a, b) => a + b, 0)).toBe(EXPECTED_DELIVERIES);
    for (const attempts of Object.values(perNode)) expect(attempts).toBeGreaterThan(0);
  });

  test('when one node is SIGKILLed mid-run, then every delivery still arrives, and only the ones it had in flight may arrive twice', async () => {
    // A short lease so the survivors take the dead node's deliveries over within seconds; the send
    // timeout stays well below it, so a live node never loses a lease while still sending.
    cluster = await startCluster(serverUrl, {
      DESKHOOKS_LEASE_MS: '6000',
      DESKHOOKS_DELIVERY_TIMEOUT_MS: '3000',
      DESKHOOKS_CONNECT_TIMEOUT_MS: '1000',
    });
    const c = cluster;
    const victim = c.nodes[2];
    const leasedByVictim = async () =>
      (
        await c.db.query<{ id: string }>(`SELECT id FROM deliveries WHERE lease_owner LIKE $1 AND status = 'pending'`, [
          `${victim.name}:%`,
        ])
      ).rows.map((row) => row.id);

    const publishing = publishEvents(c.nodes, EVENTS);
    await c.receivers[2].waitFor(EVENTS / 3 / 4, 180_000);
    // Receivers now answer slowly, so the victim is caught with sends under way.
    for (const receiver of c.receivers) receiver.reply({ status: 204, delayMs: 400 });
    await waitUntil(async () => (await leasedByVictim()).length >= 2, 60_000, `${victim.name} has deliveries in flight`);
    victim.child.kill('SIGKILL');
    await victim.exited;
    // Its leases on unfinished deliveries: exactly what it may have sent without recording it.
    const inFlight = new Set(await leasedByVictim());
    for (const receiver of c.receivers) receiver.reply({ status: 204 });
    await publishing;
    await waitUntil(async () => (await pendingCount(c)) === 0, 180_000, 'every delivery succeeded');

    const deliveries = await deliveryRows(c);
    expect(deliveries).toHaveLength(EXPECTED_DELIVERIES);
    const counts = arrivals(c.receivers);
    const missing = deliveries.filter((d) => !counts.has(d.id));
    expect(missing).toEqual([]);
    const known = new Set(deliveries.map((d) => d.id));
    expect([...counts.keys()].filter((id) => !known.has(id))).toEqual([]);
    expect(inFlight.size).toBeGreaterThan(0);
    const twice = [...counts.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice.filter((id) => !inFlight.has(id))).toEqual([]);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    expectRouting(c);
  });
});
