/**
 * Smoke test of the benchmark harness: `npm run bench -- --quick --out FILE` runs every scenario on
 * this machine (loopback only) and writes all six figures. It checks that the harness works and that
 * what it delivered was complete and signed; it asserts nothing about speed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The median of run[i] / reference[i]: each deskhooks run is compared with the reference run next to it. */
function pairedRatio(runs: number[], references: number[]): number {
  expect(references).toHaveLength(runs.length);
  const ratios = runs.map((value, i) => value / references[i]).sort((a, b) => a - b);
  return ratios[Math.ceil(ratios.length / 2) - 1];
}

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  let dir: string;
  let out: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let results: any;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-bench-test-'));
    out = path.join(dir, 'quick.json');
    run = await runBench(['--quick', '--out', out]);
    if (fs.existsSync(out)) results = JSON.parse(fs.readFileSync(out, 'utf8'));
  }, 170_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when the quick run finishes, then it exits 0 and writes the JSON to --out', () => {
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(results).toMatchObject({ benchmark: 'deskhooks', quick: true });
  });

  it('when the results are read, then they name the machine and the date', () => {
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.memoryMb).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(results.date))).toBe(false);
  });

  it('when the raw limit and the ingest baseline ran, then both counted answered requests without errors', () => {
    expect(results.rawLimit.perSecond).toBeGreaterThan(0);
    expect(results.rawLimit.errors).toBe(0);
    expect(results.rawLimit.envelopeBytes).toBeGreaterThan(1000);
    expect(results.ingestBaseline.perSecond).toBeGreaterThan(0);
    expect(results.ingestBaseline.errors).toBe(0);
  });

  it('when deskhooks ran on SQLite, then every figure is there with its ratio, and every delivery arrived once and signed', () => {
    const sqlite = results.stores.find((s: any) => s.store === 'sqlite');
    expect(sqlite.failures).toEqual({});
    expect(sqlite.delivery).toMatchObject({ unsigned: 0, extra: 0 });
    expect(sqlite.delivery.perSecond).toBeGreaterThan(0);
    expect(sqlite.delivery.ratio).toBeCloseTo(pairedRatio(sqlite.delivery.runs, sqlite.delivery.pairedRawPerSecond), 2);
    expect(sqlite.ingest.errors).toBe(0);
    expect(sqlite.ingest.ratio).toBeCloseTo(pairedRatio(sqlite.ingest.runs, sqlite.ingest.pairedBaselinePerSecond), 2);
    expect(sqlite.ingest.serverCpuMsPerRequest).toBeGreaterThan(0);
    expect(sqlite.batch).toMatchObject({ errors: 0, batchEvents: results.settings.sizes.batchEvents });
    expect(sqlite.batch.eventsPerSecond).toBeGreaterThan(0);
    expect(sqlite.batch.ratio).toBeCloseTo(pairedRatio(sqlite.batch.runs, sqlite.batch.pairedBaselinePerSecond), 2);
    expect(sqlite.latency.map((l: any) => l.rate)).toEqual(results.settings.sizes.latencyRates);
    for (const latency of sqlite.latency) {
      expect(latency).toMatchObject({ lost: 0, errors: 0 });
      expect(latency.events).toBeGreaterThan(0);
      expect(latency.p50Ms).toBeLessThanOrEqual(latency.p99Ms);
    }
    expect(sqlite.fanOut.length).toBeGreaterThan(0);
    for (const fan of sqlite.fanOut) expect(fan).toMatchObject({ unsigned: 0 });
    expect(sqlite.backlog.map((b: any) => b.pending)).toEqual(results.settings.sizes.backlogs);
    for (const backlog of sqlite.backlog) {
      expect(backlog.peakRssMb).toBeGreaterThan(0);
      expect(Number.isFinite(backlog.claimMedianMs)).toBe(true);
    }
  });

  it('when the run ends, then the table is printed and no target is judged on quick figures', () => {
    expect(run.stdout).toContain('(1) raw limit');
    expect(run.stdout).toContain('(6)');
    expect(results.targets.length).toBeGreaterThan(0);
    expect(results.targets.every((t: any) => t.met === null)).toBe(true);
  });
});
