import { startDeskhooks, sqliteTarget, createHookViaApi, authHeaders } from '../lib/deskhooks';
import { closedLoop } from '../lib/load';
import { publishBody } from '../lib/envelope';
(async () => {
  const s = await startDeskhooks(sqliteTarget(), { label: 'pub', startEngine: false, cpuProfDir: '/tmp/prof-pub', logLevel: 'info' });
  await createHookViaApi(s, 'http://127.0.0.1:9/x');
  const before = await s.child.call<number>('cpuMs');
  const r = await closedLoop({ origin: s.info.url, path: '/v1/events', headers: { 'content-type': 'application/json', ...authHeaders(s) }, body: (i) => publishBody(i, 'e') }, { concurrency: 32, connections: 32, durationMs: 600000, warmupMs: 0, maxRequests: 6000 });
  console.log(r.statuses, 'cpu ms/event', ((await s.child.call<number>('cpuMs')) - before) / 6000);
  await s.stop();
})();
