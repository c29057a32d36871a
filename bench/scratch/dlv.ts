import { spawnChild } from '../lib/rpc';
import { sqliteTarget } from '../lib/deskhooks';
import { measureDelivery } from '../scenarios/delivery';
import { measureRawLimit } from '../scenarios/raw-limit';
import { parseOptions } from '../lib/options';
(async () => {
  const opts = parseOptions(['--quick']);
  const sizes = { ...opts.sizes, runs: 2, deliveryEvents: Number(process.argv[3] ?? 3000) };
  const receiver = await spawnChild<any>('receiver');
  const raw = await measureRawLimit(receiver, { ...sizes, rawSeconds: 2 });
  console.log('raw', raw.perSecond, raw.clientCpuMsPerRequest);
  for (const level of (process.argv[2] ?? 'info,warn').split(',')) {
    const r = await measureDelivery({ target: sqliteTarget(), receiver, sizes, cpuProfDir: null, logLevel: level, log: () => {} }, raw.perSecond);
    console.log(level, JSON.stringify(r));
  }
  await receiver.stop();
})();
