/**
 * The one minimal receiver every scenario delivers to: reads the body, answers 204, counts. It does the
 * same small work for every request (read the body, find the event id, check for a signature header)
 * so the raw limit and deskhooks' deliveries pay the same receiving cost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monoMs, serve } from '../lib/rpc';

const ID_PATTERN = /"id"\s*:\s*"([^"]+)"/;

let count = 0;
let unsigned = 0;
let firstMs = 0;
let lastMs = 0;
let recording = false;
let ids: string[] = [];
let times: number[] = [];
const waiters: Array<{ count: number; resolve: () => void }> = [];
/** Requests to /hang… are held open (a receiver that hangs) until reset or the sender gives up. */
let held: http.ServerResponse[] = [];
let hangCount = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url?.startsWith('/hang')) {
      hangCount++;
      held.push(res);
      res.on('close', () => {
        held = held.filter((r) => r !== res);
      });
      return;
    }
    const at = monoMs();
    const body = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    const id = ID_PATTERN.exec(body)?.[1] ?? '';
    if (!String(req.headers['webhook-signature'] ?? '').startsWith('v1,')) unsigned++;
    if (count === 0) firstMs = at;
    lastMs = at;
    count++;
    if (recording) {
      ids.push(id);
      times.push(at);
    }
    res.writeHead(204);
    res.end();
    if (waiters.length) {
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (count >= waiters[i].count) waiters.splice(i, 1)[0].resolve();
      }
    }
  });
});
// Long keep-alive: idle pooled connections from the client must not be closed between bursts.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;

function snapshot() {
  return { count, unsigned, firstMs, lastMs };
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serve(
    {
      reset(args: { record?: boolean }) {
        count = 0;
        unsigned = 0;
        firstMs = 0;
        lastMs = 0;
        recording = Boolean(args?.record);
        ids = [];
        times = [];
        for (const res of held) res.destroy();
        held = [];
        hangCount = 0;
        return snapshot();
      },
      stats() {
        return snapshot();
      },
      /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
      waitFor(args: { count: number; timeoutMs: number }) {
        if (count >= args.count) return snapshot();
        return new Promise((resolve, reject) => {
          const waiter = {
            count: args.count,
            resolve: () => {
              clearTimeout(timer);
              resolve(snapshot());
            },
          };
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(new Error(`receiver got ${count} of ${args.count} requests within ${args.timeoutMs} ms`));
          }, args.timeoutMs);
          waiters.push(waiter);
        });
      },
      cpuMs() {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      },
      records() {
        return { ids, times };
      },
      /** Requests to /hang… received since the last reset, and how many are held open now. */
      hanging() {
        return { received: hangCount, open: held.length };
      },
    },
    { url: `http://127.0.0.1:${port}`, port },
    () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  );
});
