/**
 * deskhooks under test, alone in its process (its memory and CPU profile are its own), started
 * through the real startServer with the bench's environment. The orchestrator sets it up (hooks,
 * engine start) and reads its queue and memory over IPC; all traffic goes over HTTP on 127.0.0.1.
 */
import { startServer, type RunningServer } from '../../server/src/server';
import { DEFAULT_TENANT_ID } from '../../server/src/domain/bootstrap';
import { createHook } from '../../server/src/domain/hooks';
import { monoMs, serve } from '../lib/rpc';

let running: RunningServer | null = null;
let sampler: NodeJS.Timeout | null = null;
let peakRss = 0;

function server(): RunningServer {
  if (!running) throw new Error('the server is not started');
  return running;
}

function rssMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

serve(
  {
    async start(args: { startEngine: boolean }) {
      running = await startServer({ env: process.env, startEngine: args.startEngine, host: '127.0.0.1', processMetrics: false });
      return {
        url: `http://127.0.0.1:${running.port}`,
        store: running.store.kind,
        workerConcurrency: running.config.workerConcurrency,
        leaseMs: running.config.leaseMs,
      };
    },
    startEngine() {
      const at = monoMs();
      server().engine.start();
      return at;
    },
    /**
     * Creates hooks through the domain layer (the API's own validation and records, without HTTP):
     * setting up 10,000 hooks over HTTP would take longer than the fan-out it prepares.
     */
    async createHooks(args: { count: number; urlPrefix: string; events: string[] }) {
      const started = monoMs();
      for (let i = 0; i < args.count; i++) {
        await createHook(server().deps, DEFAULT_TENANT_ID, { url: `${args.urlPrefix}${i}`, events: args.events });
      }
      return { ms: monoMs() - started };
    },
    async queue() {
      return server().store.queueStats(Date.now());
    },
    /** Polls the queue until nothing is pending; answers the monotonic time it saw it empty. */
    async waitDrained(args: { timeoutMs: number; pollMs: number }) {
      const deadline = monoMs() + args.timeoutMs;
      for (;;) {
        const { pending } = await server().store.queueStats(Date.now());
        const at = monoMs();
        if (pending === 0) return at;
        if (at > deadline) throw new Error(`still ${pending} deliveries pending after ${args.timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, args.pollMs));
      }
    },
    /** Times `count` claims of one batch (the engine's batch: workerConcurrency), then gives the leases back. */
    async claimTimes(args: { count: number; limit: number }) {
      const { store } = server();
      const times: number[] = [];
      let claimed = 0;
      const owner = `bench-probe-${process.pid}`;
      for (let i = 0; i < args.count; i++) {
        const started = monoMs();
        const batch = await store.claimDeliveries({ owner, leaseMs: 600_000, limit: args.limit, now: Date.now() });
        times.push(monoMs() - started);
        claimed += batch.length;
      }
      await store.releaseLeases(owner);
      return { times, claimed };
    },
    /** CPU time this process has used, ms (user + system): per-operation cost, robust to a busy machine. */
    cpuMs() {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    },
    memory() {
      const usage = process.memoryUsage();
      return { rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20, externalMb: usage.external / 2 ** 20, peakRssMb: peakRss };
    },
    /** Samples RSS every 50 ms from now on; memory() reports the peak. */
    sampleMemory() {
      peakRss = rssMb();
      if (sampler) clearInterval(sampler);
      sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssMb());
      }, 50);
      return peakRss;
    },
  },
  { pid: process.pid },
  async () => {
    if (sampler) clearInterval(sampler);
    await running?.close();
  },
);
