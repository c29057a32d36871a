/**
 * The database's own CPU for a scenario: PostgreSQL does a share of the work in its backend
 * processes, which the server's process.cpuUsage() never sees. Samples the backends connected to
 * the scenario's database (pg_stat_activity) and reads their utime + stime from /proc/<pid>/stat,
 * keeping each backend's first and last reading; a backend that comes and goes between samples is
 * missed, so the figure is a floor. SQLite runs inside the server process: nothing to add.
 */
import fs from 'node:fs';
import { Client } from 'pg';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export interface DatabaseCpuMeter {
  /** Stops sampling; the CPU time the database's backends used since start, ms. */
  stop(): Promise<number>;
}

export async function meterDatabaseCpu(databaseUrl: string, sampleMs = 100): Promise<DatabaseCpuMeter> {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const own = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const seen = new Map<number, { first: number; last: number }>();
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [database, own]);
    for (const { pid } of rows) {
      const ticks = cpuTicks(pid);
      if (ticks === null) continue;
      const known = seen.get(pid);
      if (known) known.last = ticks;
      else seen.set(pid, { first: ticks, last: ticks });
    }
  };
  await sample();
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample, sample);
  }, sampleMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling.catch(() => undefined);
      await sample().catch(() => undefined);
      await client.end();
      let ticks = 0;
      for (const { first, last } of seen.values()) ticks += last - first;
      return (ticks / TICKS_PER_SECOND) * 1000;
    },
  };
}
