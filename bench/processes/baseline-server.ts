/**
 * The ingest baseline: the least an HTTP server can do for `POST /v1/events` (read and parse the JSON
 * body, answer 202 with a small JSON body), on plain node:http, no validation and no storage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '../lib/rpc';

let accepted = 0;
let sequence = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let event: { id?: string; type?: string };
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/problem+json' });
      res.end('{"type":"about:blank","title":"Bad Request","status":400}');
      return;
    }
    accepted++;
    const id = event.id ?? `evt_${++sequence}`;
    const body = JSON.stringify({ id, type: event.type, deliveries: 1, duplicate: false });
    res.writeHead(202, { 'content-type': 'application/json', location: `/v1/events/${id}` });
    res.end(body);
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serve(
    {
      stats: () => ({ accepted }),
      cpuMs: () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      },
    },
    { url: `http://127.0.0.1:${port}`, port },
    () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  );
});
