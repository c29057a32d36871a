/**
 * `npm run bench`: deskhooks next to the machine's own limit, measured in the same run (README,
 * "Performance"). Prints a table, writes every figure to a JSON file, and exits non-zero when a
 * scenario could not run. It asserts nothing about speed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions, USAGE, type ScenarioName } from './lib/options';
import { machineInfo } from './lib/machine';
import { monoMs, spawnChild } from './lib/rpc';
import { postgresTarget, sqliteTarget, type StoreTarget } from './lib/deskhooks';
import { checkTargets, renderTable, type BenchResults, type StoreResults } from './lib/report';
import { BENCH_EVENT_TYPE } from './lib/envelope';
import { round } from './lib/stats';
import { summarizeProfileDir } from './lib/profile-summary';
import { measureRawLimit } from './scenarios/raw-limit';
import { measureIngestBaseline } from './scenarios/ingest-baseline';
import { measureDelivery } from './scenarios/delivery';
import { measureIngest } from './scenarios/ingest';
import { measureBatchIngest } from './scenarios/ingest-batch';
import { measureLatency } from './scenarios/latency';
import { measureFanOut } from './scenarios/fan-out';
import { measureBacklog } from './scenarios/backlog';
import { measureNeighbour } from './scenarios/neighbour';
import type { ReceiverInfo, ScenarioContext } from './scenarios/context';

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const started = monoMs();
  const machine = machineInfo();
  const { sizes } = options;
  const wants = (name: ScenarioName) => options.only.has(name);
  if (options.cpuProfDir) fs.mkdirSync(options.cpuProfDir, { recursive: true });
  log(`${options.quick ? 'quick run' : 'full run'} on ${machine.cores} cores, Node ${machine.node}; results → ${path.relative(process.cwd(), options.out) || options.out}`);

  const results: BenchResults = {
    benchmark: 'deskhooks',
    date: new Date().toISOString(),
    quick: options.quick,
    durationSeconds: 0,
    machine,
    loadAverageAfter: [],
    settings: { logLevel: options.logLevel, envelopeType: BENCH_EVENT_TYPE, sizes },
    stores: [],
    targets: [],
    notes: [],
  };

  const receiver = await spawnChild<ReceiverInfo>('receiver');
  let failed = false;
  try {
    // (1) and the baseline on their own; the ratios pair each deskhooks run with one of them run next to it.
    if (wants('raw')) {
      log('(1) raw limit');
      results.rawLimit = await measureRawLimit(receiver, sizes);
      log(`(1) raw limit: ${results.rawLimit.perSecond} req/s`);
    }
    if (wants('raw') || wants('ingest') || wants('batch')) {
      log('(3) ingest baseline');
      results.ingestBaseline = await measureIngestBaseline(sizes);
      log(`(3) ingest baseline: ${results.ingestBaseline.perSecond} req/s`);
    }

    const targets: StoreTarget[] = [];
    if (!options.skipSqlite) targets.push(sqliteTarget());
    if (options.databaseUrl) targets.push(postgresTarget(options.databaseUrl));

    for (const target of targets) {
      const store: StoreResults = { store: target.kind, failures: {} };
      results.stores.push(store);
      const context: ScenarioContext = {
        target,
        receiver,
        sizes,
        cpuProfDir: options.cpuProfDir,
        logLevel: options.logLevel,
        log: (message) => log(`[${target.kind}] ${message}`),
      };
      const attempt = async (name: ScenarioName, run: () => Promise<void>) => {
        if (!wants(name)) return;
        context.log(`${name}…`);
        try {
          await run();
        } catch (error) {
          failed = true;
          store.failures[name] = (error as Error).stack ?? String(error);
          context.log(`${name} FAILED: ${(error as Error).message}`);
        }
        // What is measured so far survives a run that is cut short (the table comes at the end).
        fs.mkdirSync(path.dirname(options.out), { recursive: true });
        fs.writeFileSync(options.out, `${JSON.stringify({ ...results, partial: true }, null, 2)}\n`);
      };
      await attempt('delivery', async () => {
        store.delivery = await measureDelivery(context);
      });
      await attempt('ingest', async () => {
        store.ingest = await measureIngest(context);
      });
      await attempt('batch', async () => {
        store.batch = await measureBatchIngest(context);
      });
      await attempt('latency', async () => {
        store.latency = [];
        for (const rate of sizes.latencyRates) {
          const result = await measureLatency(context, rate);
          store.latency.push(result);
          context.log(`latency at ${rate} ev/s: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
        }
      });
      await attempt('fanout', async () => {
        store.fanOut = [];
        for (const hooks of sizes.fanOutHooks) store.fanOut.push(await measureFanOut(context, hooks));
      });
      await attempt('neighbour', async () => {
        store.neighbour = await measureNeighbour(context);
      });
      await attempt('backlog', async () => {
        store.backlog = [];
        for (const pending of sizes.backlogs) store.backlog.push(await measureBacklog(context, pending));
      });
    }
  } finally {
    await receiver.stop();
  }

  results.targets = checkTargets(results.stores, options.quick);
  results.durationSeconds = round((monoMs() - started) / 1000, 1);
  results.loadAverageAfter = os.loadavg().map((value) => round(value, 2));
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(results)}\n\nJSON: ${options.out} (${results.durationSeconds} s)\n`);
  if (options.cpuProfDir) {
    const summary = summarizeProfileDir(options.cpuProfDir);
    fs.writeFileSync(path.join(options.cpuProfDir, 'summary.txt'), `${summary}\n`);
    process.stdout.write(`\nCPU profiles (${options.cpuProfDir}):\n${summary}\n`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
