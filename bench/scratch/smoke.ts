import { spawnChild } from '/work/main/bench/lib/rpc';
import { startDeskhooks, sqliteTarget, createHookViaApi, authHeaders } from '/work/main/bench/lib/deskhooks';
import { publishBody } from '/work/main/bench/lib/envelope';
import { request } from '/work/main/node_modules/undici';
(async () => {
  const r = await spawnChild<{url:string}>('receiver');
  const s = await startDeskhooks(sqliteTarget(), { label: 'smoke', startEngine: true, cpuProfDir: null, logLevel: 'warn' });
  console.log(s.info);
  const id = await createHookViaApi(s, r.info.url + '/d');
  console.log('hook', id);
  const a = await request(s.info.url + '/v1/events', { method: 'POST', headers: { ...authHeaders(s), 'content-type': 'application/json' }, body: publishBody(1) });
  console.log(a.statusCode, await a.body.text());
  console.log(await r.call('waitFor', { count: 1, timeoutMs: 5000 }));
  await s.stop(); await r.stop();
})().catch((e) => { console.error(e); process.exit(1); });
