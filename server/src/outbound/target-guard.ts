/**
 * The SSRF guard: decides whether a host may be contacted and which checked addresses to connect
 * to. Used at subscribe time and again on every delivery attempt, because a name's records can
 * change between the two (DNS rebinding); the connection then goes to an address checked here.
 */
import dns from 'node:dns';
import { classifyAddress, isIpLiteral } from '../rules/address-policy';

/** Resolves a host name to IP address strings. Injected in tests; the system resolver otherwise. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => {
  const records = await dns.promises.lookup(host, { all: true, verbatim: true });
  return records.map((record) => record.address);
};

export type TargetCheck =
  | { allowed: true; addresses: string[] }
  | { allowed: false; reason: string };

/**
 * Resolves `host` (a URL hostname; IPv6 in brackets) and allows it only when every address is
 * public: one private record among public ones is enough to refuse, so an attacker cannot win by
 * mixing records.
 */
export async function checkTarget(host: string, resolve: Resolver = systemResolver): Promise<TargetCheck> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIpLiteral(bare)) {
    const verdict = classifyAddress(bare);
    return verdict.public ? { allowed: true, addresses: [bare] } : { allowed: false, reason: `is ${verdict.reason}` };
  }
  let addresses: string[];
  try {
    addresses = await resolve(bare);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { allowed: false, reason: `could not be resolved (${code})` };
  }
  if (addresses.length === 0) return { allowed: false, reason: 'could not be resolved (no addresses)' };
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict.public) return { allowed: false, reason: `resolves to ${verdict.reason}` };
  }
  return { allowed: true, addresses };
}
