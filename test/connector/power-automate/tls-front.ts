/**
 * An HTTPS front for the test server on 127.0.0.1, so the connector's real policy
 * (`https://@connectionParameters('siteHost')`) can be followed as written: it terminates TLS with a
 * throwaway self-signed certificate and pipes the bytes to the plain-HTTP server behind it.
 */
import net from 'node:net';
import tls from 'node:tls';
import { generate as generateCertificate } from 'selfsigned';
import { Agent } from 'undici';

export interface TlsFront {
  /** https://127.0.0.1:<port> */
  url: string;
  /** 127.0.0.1:<port>, what a flow maker would type as the connection's host. */
  host: string;
  port: number;
  /** The front's self-signed certificate (PEM), for clients that must trust it. */
  ca: string;
  /** A dispatcher that trusts the front's certificate (and nothing else). */
  dispatcher: Agent;
  /** Where to forward connections: the plain-HTTP server's port on 127.0.0.1. */
  forwardTo(port: number): void;
  close(): Promise<void>;
}

export async function startTlsFront(): Promise<TlsFront> {
  const pems = await generateCertificate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  let backendPort: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: pems.private, cert: pems.cert }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (backendPort === undefined) {
      client.destroy();
      return;
    }
    const backend = net.connect(backendPort, '127.0.0.1');
    sockets.add(backend);
    backend.on('close', () => sockets.delete(backend));
    client.pipe(backend).pipe(client);
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const dispatcher = new Agent({ connect: { ca: pems.cert } });
  return {
    url: `https://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    ca: pems.cert,
    dispatcher,
    forwardTo(next) {
      backendPort = next;
    },
    async close() {
      await dispatcher.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
