/**
 * Fills a fresh database with a backlog of due pending deliveries before the server under test
 * starts, in its own process so that the bulk insert leaves nothing in the server's memory. Rows go
 * in through the Store interface (appendEvent with the real planner), as published events would.
 */
import { createStore } from '../../server/src/store/create-store';
import { parseEncryptionKeys } from '../../server/src/store/secret-box';
import { BENCH_ENCRYPTION_KEY } from '../lib/deskhooks';
import type { HookRecord, Store } from '../../server/src/store/store';
import { DEFAULT_TENANT_ID, DEFAULT_TENANT_NAME } from '../../server/src/domain/bootstrap';
import { newHookRecord } from '../../server/src/domain/hooks';
import { newEventId } from '../../server/src/domain/ids';
import { planDeliveries } from '../../server/src/rules/plan';
import { toEnvelope } from '../../server/src/domain/events';
import { BENCH_EVENT_TYPE, sampleData } from '../lib/envelope';
import { monoMs, serve } from '../lib/rpc';

function hookRecord(url: string, now: number): HookRecord {
  return newHookRecord(DEFAULT_TENANT_ID, { url, events: [BENCH_EVENT_TYPE], description: 'bench backlog' }, now);
}

serve({
  /**
   * `pending` due deliveries: `fanOut` hooks at `urlPrefix<i>`, and pending/fanOut events published
   * one a millisecond over the recent past, each delivered to every hook (a receiver that fell behind).
   */
  async seedBacklog(args: { databaseUrl: string; pending: number; fanOut: number; urlPrefix: string }) {
    const started = monoMs();
    const store: Store = await createStore(args.databaseUrl, { encryptionKeys: parseEncryptionKeys(BENCH_ENCRYPTION_KEY) });
    try {
      const now = Date.now();
      await store.createTenant({ id: DEFAULT_TENANT_ID, name: DEFAULT_TENANT_NAME, webhooksEnabled: true, liveChatAppId: null, createdAt: now });
      for (let i = 0; i < args.fanOut; i++) await store.createHook(hookRecord(`${args.urlPrefix}${i}`, now));
      const events = Math.ceil(args.pending / args.fanOut);
      const data = sampleData();
      let deliveries = 0;
      for (let i = 0; i < events; i++) {
        const at = now - (events - i);
        const event = {
          id: newEventId(at),
          tenantId: DEFAULT_TENANT_ID,
          type: BENCH_EVENT_TYPE,
          brand: null,
          data,
          timestamp: at,
          idempotencyKey: null,
          test: false,
          deliveryCount: 0,
          createdAt: at,
        };
        const envelope = toEnvelope(event);
        const result = await store.appendEvent(event, (candidates) =>
          planDeliveries(envelope, candidates.slice(0, args.pending - deliveries), at, { batchWindowMs: 0 }),
        );
        deliveries += result.deliveries.length;
      }
      const { pending } = await store.queueStats(Date.now());
      return { pending, events, seconds: (monoMs() - started) / 1000 };
    } finally {
      await store.close();
    }
  },
});
