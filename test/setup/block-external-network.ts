/**
 * Every test file runs with outbound connections limited to loopback: tests talk to the real
 * server and real receivers on 127.0.0.1/::1, never to another host. A connect or DNS lookup
 * to anything else fails loudly instead of leaving this machine.
 */
import dns from 'node:dns';
import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(host: unknown): boolean {
  if (typeof host !== 'string' || host === '') return true; // Node defaults to localhost
  if (LOOPBACK_NAMES.has(host)) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./i.test(host);
  return false;
}

class ExternalNetworkBlocked extends Error {
  constructor(target: string) {
    super(`Tests may only connect to loopback; refused a connection to ${target}`);
    this.name = 'ExternalNetworkBlocked';
  }
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: any[]) {
  const first = args[0];
  const options = Array.isArray(first) ? first[0] : first;
  let host: unknown;
  if (options && typeof options === 'object') {
    if (typeof options.path === 'string') return originalConnect.apply(this, args as any); // unix socket
    host = options.host;
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = args[1];
  } else if (typeof first === 'string') {
    return originalConnect.apply(this, args as any); // unix socket path
  }
  if (!isLoopback(host)) throw new ExternalNetworkBlocked(String(host));
  return originalConnect.apply(this, args as any);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
(dns as any).lookup = function patchedLookup(hostname: string, ...rest: any[]) {
  if (!isLoopback(hostname)) throw new ExternalNetworkBlocked(`DNS lookup of ${hostname}`);
  return (originalLookup as any).call(dns, hostname, ...rest);
};
const originalPromisesLookup = dns.promises.lookup;
(dns.promises as any).lookup = function patchedPromisesLookup(hostname: string, ...rest: any[]) {
  if (!isLoopback(hostname)) return Promise.reject(new ExternalNetworkBlocked(`DNS lookup of ${hostname}`));
  return (originalPromisesLookup as any).call(dns.promises, hostname, ...rest);
};
