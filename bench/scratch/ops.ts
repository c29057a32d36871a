import fs from 'node:fs';
import { createStore } from '../../server/src/store/create-store';
import { planDeliveries } from '../../server/src/delivery/plan';
import { toEnvelope } from '../../server/src/domain/events';
import { newEventId } from '../../server/src/domain/ids';
import { sampleData, BENCH_EVENT_TYPE } from '../lib/envelope';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
(async () => {
  const file = `/tmp/ops-${process.pid}.db`;
  const store: any = await createStore(file);
  const now = Date.now();
  await store.createTenant({ id: 't', name: 't', webhooksEnabled: true, createdAt: now });
  await store.createHook({ id: 'h', tenantId: 't', url: 'http://127.0.0.1:1/x', events: [BENCH_EVENT_TYPE], name: null, description: '', brand: null, status: 'active', disabledReason: null, format: 'envelope', template: null, method: 'POST', auth: { type: 'none' }, headers: {}, filter: null, retryPolicy: { type: 'standard' }, ordered: false, source: 'api', secrets: [{ secret: 'whsec_AAAA', createdAt: now, expiresAt: null }], failingSince: null, lastDelivery: null, deletedAt: null, deletedBy: null, deletedReason: null, createdAt: now, updatedAt: now });
  const data = sampleData();
  const n = 4000;
  let c = cpu();
  for (let i = 0; i < n; i++) {
    const ev = { id: newEventId(), tenantId: 't', type: BENCH_EVENT_TYPE, brand: null, data, timestamp: now, idempotencyKey: null, test: false, deliveryCount: 0, createdAt: now };
    const env = toEnvelope(ev);
    await store.appendEvent(ev, (cands: any) => planDeliveries(env, cands, now, { batchWindowMs: 0 }));
  }
  console.log('appendEvent (1 delivery)  cpu ms/op', ((cpu() - c) / n).toFixed(3));
  const complete = (cl: any, patch: boolean) => store.completeAttempt({ owner: 'o', attempt: { deliveryId: cl.delivery.id, tenantId: 't', number: 1, startedAt: now, durationMs: 1, url: 'http://127.0.0.1:1/x', method: 'POST', requestHeaders: { 'content-type': 'application/json', 'webhook-id': cl.delivery.id, 'webhook-timestamp': '1767225600', 'webhook-signature': '(redacted)' }, responseStatus: 204, responseBody: '', error: null, outcome: 'succeeded' }, update: { status: 'succeeded', attempts: 1, nextAttemptAt: null, lastAttemptAt: now, lastResponseStatus: 204, lastError: null }, hookPatch: patch ? { lastDelivery: { deliveryId: cl.delivery.id, status: 'succeeded', responseStatus: 204, at: now } } : undefined });
  const inflight: any[] = await store.claimDeliveries({ owner: 'o', leaseMs: 60000, limit: 32, now: Date.now() });
  for (const [refill, patch, rounds] of [[1, true, 600], [1, false, 600], [16, true, 40], [16, false, 40]] as const) {
    let claimCpu = 0, completeCpu = 0, done = 0, claimedN = 0;
    for (let r = 0; r < rounds; r++) {
      let c0 = cpu();
      for (let j = 0; j < refill; j++) { await complete(inflight.shift(), patch); done++; }
      completeCpu += cpu() - c0;
      c0 = cpu();
      const b = await store.claimDeliveries({ owner: 'o', leaseMs: 60000, limit: refill, now: Date.now() });
      claimCpu += cpu() - c0; claimedN += b.length;
      inflight.push(...b);
    }
    console.log(`refill ${refill} hookPatch ${patch}: claim cpu ms/delivery ${(claimCpu / claimedN).toFixed(3)}, complete cpu ms/delivery ${(completeCpu / done).toFixed(3)}`);
  }
  c = cpu();
  for (let i = 0; i < 2000; i++) await store.queueStats(Date.now());
  console.log('queueStats cpu ms/op', ((cpu() - c) / 2000).toFixed(3));
  await store.close();
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
})();
