/**
 * Which IP addresses a webhook may be sent to. Only public unicast addresses pass; everything that
 * could reach this host, its network or a cloud metadata service is refused with the rule that
 * refused it, including IPv4 addresses smuggled inside IPv6 forms (mapped, 6to4, NAT64, Teredo).
 */
import ipaddr from 'ipaddr.js';

export type AddressCategory =
  | 'public'
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'reserved'
  | 'multicast'
  | 'broadcast'
  | 'unique-local'
  | 'site-local'
  | 'discard'
  | 'ipv4-compatible'
  | 'nat64-local'
  | 'unallocated';

export interface AddressVerdict {
  /** The address as given. */
  address: string;
  public: boolean;
  category: AddressCategory;
  /** Why it was refused, e.g. "10.0.0.5, a private address"; null when public. */
  reason: string | null;
}

const IPV4_DESCRIPTIONS: Record<string, [AddressCategory, string] | null> = {
  unicast: null,
  // Anycast services on public addresses: nothing internal lives there.
  as112: null,
  amt: null,
  unspecified: ['unspecified', 'an unspecified address'],
  broadcast: ['broadcast', 'a broadcast address'],
  multicast: ['multicast', 'a multicast address'],
  linkLocal: ['link-local', 'a link-local address'],
  loopback: ['loopback', 'a loopback address'],
  carrierGradeNat: ['carrier-grade-nat', 'a carrier-grade NAT (CGNAT) address'],
  private: ['private', 'a private address'],
  reserved: ['reserved', 'a reserved address'],
};

const IPV6_DESCRIPTIONS: Record<string, [AddressCategory, string] | null> = {
  unicast: null,
  unspecified: ['unspecified', 'an unspecified address'],
  linkLocal: ['link-local', 'a link-local address'],
  multicast: ['multicast', 'a multicast address'],
  loopback: ['loopback', 'a loopback address'],
  uniqueLocal: ['unique-local', 'a unique local (ULA) address'],
  deprecatedSiteLocal: ['site-local', 'a site-local address'],
  discard: ['discard', 'a discard-only address'],
  benchmarking: ['reserved', 'a benchmarking address'],
  amt: ['reserved', 'a reserved address'],
  as112v6: ['reserved', 'a reserved address'],
  deprecatedOrchid: ['reserved', 'a reserved address'],
  orchid2: ['reserved', 'a reserved address'],
  droneRemoteIdProtocolEntityTags: ['reserved', 'a reserved address'],
  segmentRouting: ['reserved', 'a reserved address'],
  reserved: ['reserved', 'a reserved address'],
};

function verdict(address: string, category: AddressCategory, reason: string | null): AddressVerdict {
  return { address, public: category === 'public', category, reason };
}

function classifyIPv4(address: string, ip: ipaddr.IPv4): AddressVerdict {
  const range = ip.range();
  const described = IPV4_DESCRIPTIONS[range];
  if (described === undefined) return verdict(address, 'reserved', `${ip.toString()}, a ${range} address`);
  if (described === null) return verdict(address, 'public', null);
  return verdict(address, described[0], `${ip.toString()}, ${described[1]}`);
}

/** The IPv4 address held in the 32 bits of `parts` starting at 16-bit word `word`. */
function embeddedIPv4(ip: ipaddr.IPv6, word: number, invert = false): ipaddr.IPv4 {
  const high = ip.parts[word];
  const low = ip.parts[word + 1];
  const mask = invert ? 0xff : 0;
  return new ipaddr.IPv4([(high >> 8) ^ mask, (high & 0xff) ^ mask, (low >> 8) ^ mask, (low & 0xff) ^ mask]);
}

/** An IPv6 form that carries an IPv4 address passes only when the IPv4 address would. */
function classifyEmbedded(address: string, form: string, embedded: ipaddr.IPv4[]): AddressVerdict {
  for (const inner of embedded) {
    const innerVerdict = classifyIPv4(inner.toString(), inner);
    if (!innerVerdict.public) {
      return verdict(address, innerVerdict.category, `${address}, ${form} of ${innerVerdict.reason}`);
    }
  }
  return verdict(address, 'public', null);
}

function classifyIPv6(address: string, ip: ipaddr.IPv6): AddressVerdict {
  const range = ip.range();
  const shown = ip.toString();
  switch (range) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return classifyEmbedded(shown, 'an IPv4-mapped form', [embeddedIPv4(ip, 6)]);
    case '6to4':
      return classifyEmbedded(shown, 'a 6to4 form', [embeddedIPv4(ip, 1)]);
    case 'teredo':
      // Teredo: words 2-3 hold the server, words 6-7 the client inverted; either could be internal.
      return classifyEmbedded(shown, 'a Teredo form', [embeddedIPv4(ip, 6, true), embeddedIPv4(ip, 2)]);
    case 'rfc6052': {
      // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only.
      const wellKnown = ip.parts[0] === 0x64 && ip.parts[1] === 0xff9b && ip.parts.slice(2, 6).every((p) => p === 0);
      if (!wellKnown) return verdict(address, 'nat64-local', `${shown}, a local-use NAT64 address`);
      return classifyEmbedded(shown, 'a NAT64 form', [embeddedIPv4(ip, 6)]);
    }
    default:
      break;
  }
  const described = IPV6_DESCRIPTIONS[range];
  if (described === undefined) return verdict(address, 'reserved', `${shown}, a ${range} address`);
  if (described !== null) return verdict(address, described[0], `${shown}, ${described[1]}`);
  if (ip.parts.slice(0, 6).every((p) => p === 0)) {
    return verdict(address, 'ipv4-compatible', `${shown}, a deprecated IPv4-compatible address`);
  }
  // Only 2000::/3 is allocated for global unicast; anything else outside the named ranges is not.
  if ((ip.parts[0] & 0xe000) !== 0x2000) return verdict(address, 'unallocated', `${shown}, an unallocated address`);
  return verdict(address, 'public', null);
}

/**
 * Classifies an IP address literal (IPv4 in any form ipaddr.js accepts, IPv6 with or without
 * brackets and zone). Anything that does not parse is refused.
 */
export function classifyAddress(input: string): AddressVerdict {
  const address = input.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(address)) return verdict(input, 'invalid', `${input}, not an IP address`);
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv4' ? classifyIPv4(address, ip as ipaddr.IPv4) : classifyIPv6(address, ip as ipaddr.IPv6);
}

/** True when `host` (as in a URL: IPv6 in brackets or not) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[(.*)\]$/, '$1'));
}
