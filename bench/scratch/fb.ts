import { spawnChild } from '../lib/rpc';
import { sqliteTarget } from '../lib/deskhooks';
import { measureFanOut } from '../scenarios/fan-out';
import { measureBacklog } from '../scenarios/backlog';
import { parseOptions } from '../lib/options';
(async () => {
  const opts = parseOptions([]);
  const sizes = { ...opts.sizes, fanOutRepeats: 2 };
  const receiver = await spawnChild<any>('receiver');
  const ctx = { target: sqliteTarget(), receiver, sizes, cpuProfDir: null, logLevel: 'info', log: (m: string) => console.log(m) };
  console.log(JSON.stringify(await measureFanOut(ctx, Number(process.argv[2] ?? 1000))));
  console.log(JSON.stringify(await measureBacklog(ctx, Number(process.argv[3] ?? 100000))));
  await receiver.stop();
})();
