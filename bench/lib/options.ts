import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './rpc';

export const SCENARIOS = ['raw', 'ingest', 'batch', 'delivery', 'latency', 'fanout', 'backlog', 'neighbour'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  out: string;
  /** PostgreSQL URL: the deskhooks scenarios run on it too. */
  databaseUrl: string | null;
  /** Write a V8 CPU profile of every deskhooks server process to this directory. */
  cpuProfDir: string | null;
  only: Set<ScenarioName>;
  /** Skip the SQLite runs (with --database-url, to profile PostgreSQL alone). */
  skipSqlite: boolean;
  /** The server's LOG_LEVEL: info, its default, so the cost of logging is measured as deployed. */
  logLevel: string;
  sizes: Sizes;
}

/** How much each scenario does; --quick shrinks everything so the whole run takes well under a minute. */
export interface Sizes {
  runs: number;
  rawSeconds: number;
  ingestSeconds: number;
  warmupSeconds: number;
  /** Events per POST /v1/events/batch request in the batch-ingest scenario. */
  batchEvents: number;
  deliveryEvents: number;
  /** Steady publish rates, events/s: the target's 1,000, and higher ones to show where each store saturates. */
  latencyRates: number[];
  latencySeconds: number;
  latencyWarmupSeconds: number;
  /** How long to wait for the last deliveries of the latency run. */
  latencyWaitSeconds: number;
  fanOutHooks: number[];
  fanOutRepeats: number;
  backlogs: number[];
  backlogClaims: number;
  /** Deliveries run through a server before fan-out and latency are measured. */
  warmUpEvents: number;
  /** How long the engine works the backlog while memory is sampled. */
  backlogWorkSeconds: number;
}

const FULL: Sizes = {
  runs: 3,
  rawSeconds: 3,
  ingestSeconds: 3,
  warmupSeconds: 0.5,
  batchEvents: 100,
  deliveryEvents: 10_000,
  latencyRates: [1_000, 2_000, 5_000],
  latencySeconds: 10,
  latencyWarmupSeconds: 1,
  latencyWaitSeconds: 60,
  fanOutHooks: [1_000, 10_000],
  fanOutRepeats: 3,
  backlogs: [100_000, 1_000_000],
  backlogClaims: 20,
  backlogWorkSeconds: 5,
  warmUpEvents: 500,
};

const QUICK: Sizes = {
  runs: 1,
  rawSeconds: 0.5,
  ingestSeconds: 0.5,
  warmupSeconds: 0.2,
  batchEvents: 20,
  deliveryEvents: 300,
  latencyRates: [200],
  latencySeconds: 1,
  latencyWarmupSeconds: 0.2,
  latencyWaitSeconds: 10,
  fanOutHooks: [100],
  fanOutRepeats: 1,
  backlogs: [500, 5_000],
  backlogClaims: 5,
  backlogWorkSeconds: 1,
  warmUpEvents: 50,
};

export const USAGE = `Usage: npm run bench -- [options]

  --quick               a small run (under a minute) that checks the harness; figures mean little
  --out FILE            write the JSON results to FILE (default bench/results/latest.json)
  --database-url URL    also run the deskhooks scenarios on PostgreSQL (or BENCH_DATABASE_URL)
  --skip-sqlite         only the PostgreSQL runs (needs a database URL)
  --only a,b            only these scenarios: ${SCENARIOS.join(', ')}
  --log-level LEVEL     the server's LOG_LEVEL (default info, as deployed; logs go to /dev/null)
  --cpu-prof [DIR]      write V8 CPU profiles of the deskhooks server processes (default bench/profiles)
  --help                this text
`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  // --cpu-prof takes an optional directory: accept it bare.
  const args = [...argv];
  const profIndex = args.indexOf('--cpu-prof');
  if (profIndex >= 0 && (args[profIndex + 1] === undefined || args[profIndex + 1].startsWith('--'))) {
    args.splice(profIndex + 1, 0, path.join(REPO_ROOT, 'bench/profiles'));
  }
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      'database-url': { type: 'string' },
      'skip-sqlite': { type: 'boolean', default: false },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = new Set<ScenarioName>();
  for (const name of (values.only ?? SCENARIOS.join(',')).split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);
    only.add(name as ScenarioName);
  }
  const databaseUrl = values['database-url'] ?? env.BENCH_DATABASE_URL ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('--database-url must be a postgres:// URL');
  if (values['skip-sqlite'] && !databaseUrl) throw new Error('--skip-sqlite needs --database-url or BENCH_DATABASE_URL');
  return {
    quick: values.quick ?? false,
    out: path.resolve(values.out ?? path.join(REPO_ROOT, 'bench/results/latest.json')),
    databaseUrl,
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    only,
    skipSqlite: values['skip-sqlite'] ?? false,
    logLevel: values['log-level'] ?? 'info',
    sizes: values.quick ? QUICK : FULL,
  };
}
