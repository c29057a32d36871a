import fs from 'node:fs';
import { createStore } from '../../server/src/store/create-store';
import { planDeliveries } from '../../server/src/delivery/plan';
import { toEnvelope } from '../../server/src/domain/events';
import { newEventId } from '../../server/src/domain/ids';
import { sampleData, BENCH_EVENT_TYPE } from '../lib/envelope';
import { startDeskhooks } from '../lib/deskhooks';
(async () => {
  const pragma = process.argv[2];
  const file = `/tmp/append-${process.pid}.db`;
  const store: any = await createStore(file);
  if (pragma) for (const p of pragma.split(';')) store.db.pragma(p);
  const now = Date.now();
  await store.createTenant({ id: 't', name: 't', webhooksEnabled: true, createdAt: now });
  await store.createHook({ id: 'h', tenantId: 't', url: 'http://127.0.0.1:1/x', events: [BENCH_EVENT_TYPE], name: null, description: '', brand: null, status: 'active', disabledReason: null, format: 'envelope', template: null, method: 'POST', auth: { type: 'none' }, headers: {}, filter: null, retryPolicy: { type: 'standard' }, ordered: false, source: 'api', secrets: [{ secret: 'whsec_AAAA', createdAt: now, expiresAt: null }], failingSince: null, lastDelivery: null, deletedAt: null, deletedBy: null, deletedReason: null, createdAt: now, updatedAt: now });
  const data = sampleData();
  const n = 5000;
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const ev = { id: newEventId(), tenantId: 't', type: BENCH_EVENT_TYPE, brand: null, data, timestamp: now, idempotencyKey: null, test: false, deliveryCount: 0, createdAt: now };
    const env = toEnvelope(ev);
    await store.appendEvent(ev, (c: any) => planDeliveries(env, c, now, { batchWindowMs: 0 }));
  }
  const c1 = process.cpuUsage(c0); const t1 = performance.now();
  console.log(pragma ?? 'default', 'append: wall ms', ((t1 - t0) / n).toFixed(3), 'cpu', ((c1.user + c1.system) / 1000 / n).toFixed(3), 'sys', (c1.system / 1000 / n).toFixed(3));
  // claim + complete singles
  const c2 = process.cpuUsage(); const t2 = performance.now();
  let k = 0;
  for (;;) {
    const cl = await store.claimDeliveries({ owner: 'o', leaseMs: 60000, limit: 1, now: Date.now() });
    if (!cl.length) break;
    k++;
    await store.completeAttempt({ owner: 'o', attempt: { deliveryId: cl[0].delivery.id, tenantId: 't', number: 1, startedAt: now, durationMs: 1, url: 'http://x', method: 'POST', requestHeaders: {}, responseStatus: 204, responseBody: '', error: null, outcome: 'succeeded' }, update: { status: 'succeeded', attempts: 1, nextAttemptAt: null, lastAttemptAt: now, lastResponseStatus: 204, lastError: null }, hookPatch: { lastDelivery: { deliveryId: cl[0].delivery.id, status: 'succeeded', responseStatus: 204, at: now } } });
  }
  const c3 = process.cpuUsage(c2); const t3 = performance.now();
  console.log('claim1+complete: n', k, 'wall ms', ((t3 - t2) / k).toFixed(3), 'cpu', ((c3.user + c3.system) / 1000 / k).toFixed(3), 'sys', (c3.system / 1000 / k).toFixed(3));
  await store.close();
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
})();
