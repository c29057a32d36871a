/** The results document (JSON) and the terminal table, with the issue's targets checked. */
import type { MachineInfo } from './machine';
import type { RawLimitResult } from '../scenarios/raw-limit';
import type { IngestLoadResult } from '../scenarios/ingest-baseline';
import type { DeliveryResult } from '../scenarios/delivery';
import type { IngestResult } from '../scenarios/ingest';
import type { BatchIngestResult } from '../scenarios/ingest-batch';
import type { LatencyResult } from '../scenarios/latency';
import type { FanOutResult } from '../scenarios/fan-out';
import type { BacklogResult } from '../scenarios/backlog';
import type { NeighbourResult } from '../scenarios/neighbour';
import type { StoreKind } from './deskhooks';

export interface StoreResults {
  store: StoreKind;
  delivery?: DeliveryResult;
  ingest?: IngestResult;
  batch?: BatchIngestResult;
  latency?: LatencyResult[];
  fanOut?: FanOutResult[];
  backlog?: BacklogResult[];
  neighbour?: NeighbourResult;
  /** Scenarios that failed, with why: the run goes on and reports the rest. */
  failures: Record<string, string>;
}

export interface TargetCheck {
  store: StoreKind;
  target: string;
  value: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

export interface BenchResults {
  benchmark: 'deskhooks';
  date: string;
  quick: boolean;
  durationSeconds: number;
  machine: MachineInfo;
  /** Load averages at the end of the run (the start is in machine). */
  loadAverageAfter: number[];
  settings: { logLevel: string; envelopeType: string; sizes: unknown };
  rawLimit?: RawLimitResult;
  ingestBaseline?: IngestLoadResult;
  stores: StoreResults[];
  targets: TargetCheck[];
  notes: string[];
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function checkTargets(stores: StoreResults[], quick: boolean): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of stores) {
    const add = (target: string, value: string, met: boolean | null) => checks.push({ store: s.store, target, value, met });
    // The delivery engine issue's targets: SQLite ≥ 0.30 of the raw limit with ≤ 0.20 ms of server CPU a
    // delivery; PostgreSQL ≥ 0.15 with ≤ 0.3 ms of the database's own CPU a delivery.
    const minRatio = s.store === 'sqlite' ? 0.3 : 0.15;
    add(`delivery ratio (2)/(1) ≥ ${minRatio}`, s.delivery ? fmt(s.delivery.ratio, 2) : '–', s.delivery ? s.delivery.ratio >= minRatio : null);
    if (s.store === 'sqlite') {
      add('server CPU ≤ 0.20 ms per delivery', s.delivery ? `${fmt(s.delivery.deliveryCpuMs, 3)} ms` : '–', s.delivery ? s.delivery.deliveryCpuMs <= 0.2 : null);
    } else {
      const db = s.delivery?.databaseCpuMs;
      add('database CPU ≤ 0.3 ms per delivery', db != null ? `${fmt(db, 3)} ms` : '–', db != null ? db <= 0.3 : null);
    }
    if (s.store === 'sqlite') {
      add('ingest ratio ≥ 0.20', s.ingest ? fmt(s.ingest.ratio, 2) : '–', s.ingest ? s.ingest.ratio >= 0.2 : null);
    } else {
      // PostgreSQL: at least half of SQLite's events/s, when both ran.
      const sqlite = stores.find((other) => other.store === 'sqlite')?.ingest;
      const half = s.ingest && sqlite ? s.ingest.perSecond / sqlite.perSecond : undefined;
      add('ingest ≥ half of SQLite’s', half === undefined ? '–' : `${fmt(half, 2)} of SQLite`, half === undefined ? null : half >= 0.5);
    }
    const cpu = s.ingest?.serverCpuMsPerRequest;
    add('server CPU per event ≤ 0.15 ms', cpu === undefined ? '–' : `${fmt(cpu, 3)} ms`, cpu === undefined ? null : cpu <= 0.15);
    add(
      'batch events/s ≥ baseline req/s',
      s.batch ? `${fmt(s.batch.eventsPerSecond)} (${fmt(s.batch.ratio, 2)})` : '–',
      s.batch ? s.batch.ratio >= 1 && s.batch.errors === 0 : null,
    );
    const steady = s.latency?.find((l) => l.rate === 1_000);
    const p99Target = s.store === 'sqlite' ? 20 : 50;
    add(
      `p99 at 1,000 ev/s ≤ ${p99Target} ms`,
      steady ? `${fmt(steady.p99Ms, 1)} ms` : '–',
      steady ? steady.p99Ms <= p99Target && steady.lost === 0 && steady.errors === 0 : null,
    );
    const fan = s.fanOut?.find((f) => f.hooks === 10_000);
    const fanLimit = s.store === 'sqlite' ? 1 : 3;
    add(`10,000-hook fan-out ≤ ${fanLimit} s`, fan ? `${fmt(fan.seconds, 2)} s` : '–', fan ? fan.seconds <= fanLimit : null);
    const million = s.backlog?.find((b) => b.pending === 1_000_000);
    add('RSS < 256 MB at 1,000,000 pending', million ? `${fmt(million.peakRssMb)} MB` : '–', million ? million.peakRssMb < 256 : null);
    const smallest = s.backlog?.[0];
    const largest = s.backlog?.[s.backlog.length - 1];
    // "Flat": the claim at the largest backlog within 2x (plus 1 ms of timer noise) of the smallest one's.
    const flat = smallest && largest && smallest !== largest ? largest.claimMedianMs <= 2 * smallest.claimMedianMs + 1 : null;
    add(
      'flat claim time with backlog',
      smallest && largest ? `${fmt(smallest.claimMedianMs, 2)} → ${fmt(largest.claimMedianMs, 2)} ms` : '–',
      flat,
    );
    const n = s.neighbour;
    add(
      "neighbour: B's p99 with A hanging ≤ 2× alone",
      n ? `${fmt(n.withNeighbourP99Ms, 1)} ms vs ${fmt(n.aloneP99Ms, 1)} ms alone` : '–',
      n ? n.withNeighbourP99Ms <= 2 * n.aloneP99Ms && n.lost === 0 : null,
    );
  }
  // Quick runs are too small to judge anything: report values, decide nothing.
  return quick ? checks.map((c) => ({ ...c, met: null })) : checks;
}

export function renderTable(results: BenchResults): string {
  const stores = results.stores.map((s) => s.store);
  const rows: string[][] = [['Figure', ...stores, 'Target']];
  const per = (pick: (s: StoreResults) => string) => results.stores.map((s) => pick(s));
  const raw = results.rawLimit;
  const base = results.ingestBaseline;
  rows.push(['(1) raw limit: undici → receiver, req/s', ...stores.map(() => (raw ? fmt(raw.perSecond) : '–')), '']);
  rows.push([
    '(2) delivery: deliveries/s (ratio to 1)',
    ...per((s) => (s.delivery ? `${fmt(s.delivery.perSecond)} (${fmt(s.delivery.ratio, 2)})` : fail(s, 'delivery'))),
    results.stores.some((s) => s.store === 'postgres') ? '≥ 0.30 / 0.15' : 'ratio ≥ 0.30',
  ]);
  rows.push(['    ingest baseline: minimal node:http, req/s', ...stores.map(() => (base ? fmt(base.perSecond) : '–')), '']);
  rows.push([
    '(3) ingest, engine off: events/s (ratio to baseline)',
    ...per((s) => (s.ingest ? `${fmt(s.ingest.perSecond)} (${fmt(s.ingest.ratio, 2)})` : fail(s, 'ingest'))),
    'SQLite ≥ 0.20, PG ≥ ½ SQLite',
  ]);
  const batchSize = results.stores.find((s) => s.batch)?.batch?.batchEvents;
  rows.push([
    `(3b) batch ingest${batchSize ? ` (${batchSize}/request)` : ''}: events/s (ratio)`,
    ...per((s) => (s.batch ? `${fmt(s.batch.eventsPerSecond)} (${fmt(s.batch.ratio, 2)})` : fail(s, 'batch'))),
    'ratio ≥ 1',
  ]);
  const rates = [...new Set(results.stores.flatMap((s) => (s.latency ?? []).map((l) => l.rate)))];
  if (!rates.length) rows.push(['(4) latency', ...per((s) => fail(s, 'latency')), '']);
  for (const rate of rates) {
    rows.push([
      `(4) latency at ${fmt(rate)} ev/s: p50 / p95 / p99 ms`,
      ...per((s) => {
        const l = s.latency?.find((x) => x.rate === rate);
        return l ? `${fmt(l.p50Ms, 1)} / ${fmt(l.p95Ms, 1)} / ${fmt(l.p99Ms, 1)}` : fail(s, 'latency');
      }),
      rate === 1_000 ? 'p99 ≤ 20 ms (PG 50)' : '',
    ]);
  }
  const fanSizes = [...new Set(results.stores.flatMap((s) => (s.fanOut ?? []).map((f) => f.hooks)))];
  if (!fanSizes.length) rows.push(['(5) fan-out', ...per((s) => fail(s, 'fanout')), '']);
  for (const hooks of fanSizes) {
    rows.push([
      `(5) fan-out to ${fmt(hooks)} hooks: s`,
      ...per((s) => {
        const f = s.fanOut?.find((x) => x.hooks === hooks);
        return f ? fmt(f.seconds, 2) : fail(s, 'fanout');
      }),
      hooks === 10_000 ? '≤ 1 s (PG 3 s)' : '',
    ]);
  }
  const backlogSizes = [...new Set(results.stores.flatMap((s) => (s.backlog ?? []).map((b) => b.pending)))];
  if (!backlogSizes.length) rows.push(['(6) backlog', ...per((s) => fail(s, 'backlog')), '']);
  for (const pending of backlogSizes) {
    rows.push([
      `(6) ${fmt(pending)} pending: peak RSS MB / claim ms`,
      ...per((s) => {
        const b = s.backlog?.find((x) => x.pending === pending);
        if (!b) return fail(s, 'backlog');
        const stale = b.claimMedianMsStaleStats !== undefined ? ` (${fmt(b.claimMedianMsStaleStats, 0)} before ANALYZE)` : '';
        return `${fmt(b.peakRssMb)} / ${fmt(b.claimMedianMs, 2)}${stale}`;
      }),
      pending === 1_000_000 ? '< 256 MB, flat' : '',
    ]);
  }
  rows.push([
    "(7) neighbour: B's p99 ms alone / with A hanging",
    ...per((s) => (s.neighbour ? `${fmt(s.neighbour.aloneP99Ms, 1)} / ${fmt(s.neighbour.withNeighbourP99Ms, 1)}` : fail(s, 'neighbour'))),
    '≤ 2× alone',
  ]);
  // CPU time per operation: what each side costs, whatever share of the cores it got on a busy machine.
  rows.push(['CPU ms per operation (robust to a busy machine):', ...stores.map(() => ''), '']);
  rows.push(['    raw limit: undici client, per request', ...stores.map(() => (raw ? fmt(raw.clientCpuMsPerRequest, 3) : '–')), '']);
  rows.push([
    '    delivery: server, per delivery (client÷server)',
    ...per((s) => (s.delivery && raw ? `${fmt(s.delivery.deliveryCpuMs, 3)} (${fmt(raw.clientCpuMsPerRequest / s.delivery.deliveryCpuMs, 2)})` : '–')),
    '',
  ]);
  rows.push([
    '    delivery: database backends, per delivery',
    ...per((s) => (s.delivery?.databaseCpuMs != null ? fmt(s.delivery.databaseCpuMs, 3) : s.store === 'sqlite' ? '(in process)' : '–')),
    'pg ≤ 0.3',
  ]);
  rows.push(['    ingest baseline: server, per request', ...stores.map(() => (base?.serverCpuMsPerRequest ? fmt(base.serverCpuMsPerRequest, 3) : '–')), '']);
  rows.push([
    '    ingest (3): server, per event (base÷server)',
    ...per((s) =>
      s.ingest?.serverCpuMsPerRequest && base?.serverCpuMsPerRequest
        ? `${fmt(s.ingest.serverCpuMsPerRequest, 3)} (${fmt(base.serverCpuMsPerRequest / s.ingest.serverCpuMsPerRequest, 2)})`
        : '–',
    ),
    '≤ 0.15',
  ]);
  rows.push(['    batch ingest (3b): server, per event', ...per((s) => (s.batch ? fmt(s.batch.serverCpuMsPerEvent, 3) : '–')), '']);
  rows.push([
    '    ingest (2): server, per event, engine off (base÷server)',
    ...per((s) =>
      s.delivery && base?.serverCpuMsPerRequest ? `${fmt(s.delivery.publishCpuMs, 3)} (${fmt(base.serverCpuMsPerRequest / s.delivery.publishCpuMs, 2)})` : '–',
    ),
    '',
  ]);
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => [...row[col]].length)));
  const line = (row: string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];

  out.push('');
  for (const t of results.targets) {
    const mark = t.met === null ? '·' : t.met ? '✓' : '✗';
    out.push(`${mark} [${t.store}] ${t.target}: ${t.value}`);
  }
  const m = results.machine;
  out.push(
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${fmt(m.memoryMb / 1024, 1)} GB, ${m.platform} ${m.kernel}, Node ${m.node}; load ${m.loadAverage.join(' ')} → ${results.loadAverageAfter.join(' ')}`,
    `Date: ${results.date}${results.quick ? ' (quick run: the figures check the harness, they are not measurements)' : ''}`,
  );
  for (const s of results.stores) for (const [name, why] of Object.entries(s.failures)) out.push(`! [${s.store}] ${name} failed: ${why.split('\n')[0]}`);
  return out.join('\n');
}

function fail(s: StoreResults, name: string): string {
  return s.failures[name] ? 'failed' : '–';
}
