/**
 * The PostgreSQL half of the group-committed outbox (Store.appendEvents): many events in one
 * transaction of a fixed number of statements, whatever their count. Per event, the single-append
 * path pays four round trips and a commit; here a group pays them once:
 *   1. insert every new event (ON CONFLICT DO NOTHING) and load the candidate hooks of every
 *      (tenant, type, brand) in the group;
 *   2. (rare) read back the events that turned out to exist already;
 *   3. insert the deliveries the plans returned, set each event's delivery count and notify.
 */
import type { AppendEventResult, AppendRequest, DeliveryRecord, EventRecord, HookRecord } from '../store';
import { candidateHooksSql } from './candidate-hooks';
import { deliveries as deliveriesTable, events } from '../columns';
import type { RowMappers } from '../sql-store';
import { insertSql } from './insert-sql';
import type { Queryable } from './transaction';

/** Rows per INSERT: far below PostgreSQL's 65,535 bind parameters (events have 10 columns, deliveries 16). */
const EVENT_CHUNK = 2_000;
const DELIVERY_CHUNK = 500;

export interface Notification {
  channel: string;
  tag: string;
}

const comboKey = (event: EventRecord) => `${event.tenantId}\u0000${event.type}\u0000${event.brand ?? '\u0001'}`;

/**
 * Which earlier request each request repeats (same tenant and id, else same tenant and idempotency
 * key), or -1: a repeat inside one call is answered as a duplicate of the first, as it would be had
 * they come one after the other.
 */
function repeatsOf(requests: AppendRequest[]): number[] {
  const first = new Map<string, number>();
  return requests.map(({ event }, index) => {
    const byId = `${event.tenantId}\u0000i\u0000${event.id}`;
    const byKey = event.idempotencyKey === null ? null : `${event.tenantId}\u0000k\u0000${event.idempotencyKey}`;
    const earlier = first.get(byId) ?? (byKey === null ? undefined : first.get(byKey));
    if (earlier !== undefined) return earlier;
    first.set(byId, index);
    if (byKey !== null) first.set(byKey, index);
    return -1;
  });
}

export async function appendEventsPostgres(
  client: Queryable,
  requests: AppendRequest[],
  notification: Notification,
  map: RowMappers,
): Promise<AppendEventResult[]> {
  const repeats = repeatsOf(requests);
  const firsts = requests.filter((_, index) => repeats[index] === -1);

  // (1) Insert, and the candidates of every combination in the group, in one statement per chunk.
  const inserted = new Set<string>();
  const candidates = new Map<string, HookRecord[]>();
  const combos = [...new Map(firsts.map(({ event }) => [comboKey(event), event])).values()];
  for (let i = 0; i < firsts.length; i += EVENT_CHUNK) {
    const chunk = firsts.slice(i, i + EVENT_CHUNK);
    const values: unknown[] = [];
    const insert = insertSql(events, chunk.map(({ event }) => ({ ...event, deliveryCount: 0 })), values);
    let candidatesSelect = 'NULL::json';
    if (i === 0) {
      const tenants = `$${values.push(combos.map((e) => e.tenantId))}::text[]`;
      const types = `$${values.push(combos.map((e) => e.type))}::text[]`;
      const brands = `$${values.push(combos.map((e) => e.brand))}::text[]`;
      candidatesSelect = `(SELECT json_agg(json_build_object('n', k.n, 'hook', row_to_json(c)) ORDER BY k.n, c.seq)
        FROM unnest(${tenants}, ${types}, ${brands}) WITH ORDINALITY AS k(tenant, type, brand, n)
        CROSS JOIN LATERAL (${candidateHooksSql('k.tenant', 'k.type', 'k.brand')}) c)`;
    }
    // No conflict target: a clash on the id or on the idempotency key both mean "already have it".
    const { rows } = await client.query(
      `WITH inserted AS (${insert.text} ON CONFLICT DO NOTHING RETURNING tenant_id, id)
       SELECT (SELECT json_agg(json_build_array(tenant_id, id)) FROM inserted) AS inserted, ${candidatesSelect} AS candidates`,
      values,
    );
    for (const [tenantId, id] of (rows[0].inserted ?? []) as Array<[string, string]>) inserted.add(`${tenantId}\u0000${id}`);
    for (const { n, hook } of (rows[0].candidates ?? []) as Array<{ n: number; hook: Record<string, unknown> }>) {
      const key = comboKey(combos[n - 1]);
      const list = candidates.get(key) ?? [];
      // A hook subscribed to both the type and `*` comes once.
      if (!list.some((h) => h.id === hook.id)) list.push(map.hookOf(hook));
      candidates.set(key, list);
    }
  }

  // Plan the new events; (2) read back those that existed already.
  const results: AppendEventResult[] = new Array(requests.length);
  const deliveries: DeliveryRecord[] = [];
  const counts: Array<[string, string, number]> = [];
  for (let index = 0; index < requests.length; index++) {
    if (repeats[index] !== -1) continue;
    const { event, plan } = requests[index];
    if (!inserted.has(`${event.tenantId}\u0000${event.id}`)) {
      results[index] = await existingEvent(client, event, map);
      continue;
    }
    const planned = plan(candidates.get(comboKey(event)) ?? []);
    deliveries.push(...planned);
    if (planned.length > 0) counts.push([event.tenantId, event.id, planned.length]);
    results[index] = { event: { ...event, deliveryCount: planned.length }, deliveries: planned, duplicate: false };
  }
  for (let index = 0; index < requests.length; index++) {
    if (repeats[index] === -1) continue;
    const first = results[repeats[index]];
    results[index] = { event: first.event, deliveries: first.deliveries, duplicate: true };
  }

  // (3) Deliveries, counts and the wake-up, the last chunk in one statement with the rest.
  for (let i = 0; i < deliveries.length; i += DELIVERY_CHUNK) {
    const values: unknown[] = [];
    const insert = insertSql(deliveriesTable, deliveries.slice(i, i + DELIVERY_CHUNK), values);
    if (i + DELIVERY_CHUNK < deliveries.length) {
      await client.query(insert.text, values);
      continue;
    }
    const tenants = `$${values.push(counts.map((c) => c[0]))}::text[]`;
    const ids = `$${values.push(counts.map((c) => c[1]))}::text[]`;
    const numbers = `$${values.push(counts.map((c) => c[2]))}::int[]`;
    const channel = `$${values.push(notification.channel)}`;
    const tag = `$${values.push(notification.tag)}`;
    await client.query(
      `WITH inserted AS (${insert.text}),
            counted AS (UPDATE events e SET delivery_count = v.n FROM unnest(${tenants}, ${ids}, ${numbers}) AS v(tenant, id, n)
                        WHERE e.tenant_id = v.tenant AND e.id = v.id)
       SELECT pg_notify(${channel}, ${tag})`,
      values,
    );
  }
  return results;
}

/** The event that made an append a duplicate (same id, else same idempotency key), with its deliveries. */
async function existingEvent(client: Queryable, event: EventRecord, map: RowMappers): Promise<AppendEventResult> {
  const existing = await client.query(
    `SELECT * FROM events WHERE tenant_id = $1 AND (id = $2 OR ($3::text IS NOT NULL AND idempotency_key = $3))
     ORDER BY (id = $2) DESC LIMIT 1`,
    [event.tenantId, event.id, event.idempotencyKey],
  );
  const found = map.eventOf(existing.rows[0]);
  const deliveries = await client.query('SELECT * FROM deliveries WHERE tenant_id = $1 AND event_id = $2 ORDER BY seq', [
    found.tenantId,
    found.id,
  ]);
  return { event: found, deliveries: deliveries.rows.map(map.deliveryOf), duplicate: true };
}
