import { classifyAddress } from '../../server/src/rules/address-policy';
import { checkTarget } from '../../server/src/outbound/target-guard';

describe('address policy', () => {
  const refused: Array<[string, string, RegExp]> = [
    ['10.0.0.5', 'private', /10\.0\.0\.5, a private address/],
    ['172.16.3.4', 'private', /private/],
    ['192.168.1.1', 'private', /private/],
    ['127.0.0.1', 'loopback', /loopback/],
    ['127.255.0.9', 'loopback', /loopback/],
    ['169.254.169.254', 'link-local', /link-local/],
    ['100.64.0.1', 'carrier-grade-nat', /CGNAT/],
    ['0.0.0.0', 'unspecified', /unspecified/],
    ['255.255.255.255', 'broadcast', /broadcast/],
    ['224.0.0.1', 'multicast', /multicast/],
    ['240.0.0.1', 'reserved', /reserved/],
    ['192.0.2.10', 'reserved', /reserved/],
    ['198.18.0.1', 'reserved', /reserved/],
    ['0x7f.1', 'loopback', /127\.0\.0\.1, a loopback/],
    ['2130706433', 'loopback', /127\.0\.0\.1/],
    ['::', 'unspecified', /unspecified/],
    ['::1', 'loopback', /loopback/],
    ['[::1]', 'loopback', /loopback/],
    ['fe80::1', 'link-local', /link-local/],
    ['fe80::1%eth0', 'link-local', /link-local/],
    ['fd12:3456::1', 'unique-local', /unique local/],
    ['fc00::1', 'unique-local', /ULA/],
    ['fec0::1', 'site-local', /site-local/],
    ['ff02::1', 'multicast', /multicast/],
    ['::ffff:10.0.0.5', 'private', /IPv4-mapped form of 10\.0\.0\.5, a private address/],
    ['::ffff:127.0.0.1', 'loopback', /IPv4-mapped form of 127\.0\.0\.1/],
    ['::ffff:7f00:1', 'loopback', /IPv4-mapped form of 127\.0\.0\.1/],
    ['::ffff:0:169.254.169.254', 'link-local', /IPv4-mapped form of 169\.254\.169\.254/],
    ['2002:a00:5::1', 'private', /6to4 form of 10\.0\.0\.5/],
    ['2002:7f00:1::', 'loopback', /6to4 form of 127\.0\.0\.1/],
    ['64:ff9b::10.0.0.5', 'private', /NAT64 form of 10\.0\.0\.5/],
    ['64:ff9b::a9fe:a9fe', 'link-local', /NAT64 form of 169\.254\.169\.254/],
    ['64:ff9b:1::1', 'nat64-local', /local-use NAT64/],
    // Teredo: client 10.0.0.5 is stored inverted (f5ff:fffa); the server is public.
    ['2001:0:4136:e378:8000:63bf:f5ff:fffa', 'private', /Teredo form of 10\.0\.0\.5/],
    // Teredo whose server half is a loopback address.
    ['2001:0:7f00:1:8000:63bf:f7f7:f7f7', 'loopback', /Teredo form of 127\.0\.0\.1/],
    ['::a00:5', 'ipv4-compatible', /IPv4-compatible/],
    ['2001:db8::1', 'reserved', /reserved/],
    ['100::1', 'discard', /discard/],
    ['4000::1', 'unallocated', /unallocated/],
    ['not-an-ip', 'invalid', /not an IP address/],
  ];

  test.each(refused)('when the address is %s, then it is refused as %s with a named reason', (address, category, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.public).toBe(false);
    expect(verdict.category).toBe(category);
    expect(verdict.reason).toMatch(reason);
  });

  const allowed = [
    '93.184.216.34',
    '8.8.8.8',
    '100.128.0.1', // just above the CGNAT range
    '172.32.0.1', // just above 172.16/12
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    // Teredo with a public server (65.54.227.120) and a public client (8.8.8.8, inverted f7f7:f7f7).
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ];

  test.each(allowed)('when the address is %s, then it is public', (address) => {
    const verdict = classifyAddress(address);
    expect(verdict).toEqual({ address: expect.any(String), public: true, category: 'public', reason: null });
  });
});

describe('target guard', () => {
  test('when a name resolves to a private address among public ones, then it is refused naming that address', async () => {
    const check = await checkTarget('mixed.example', async () => ['93.184.216.34', '10.0.0.5']);
    expect(check).toEqual({ allowed: false, reason: 'resolves to 10.0.0.5, a private address' });
  });

  test('when a name resolves only to public addresses, then those addresses are the ones to connect to', async () => {
    const check = await checkTarget('public.example', async () => ['93.184.216.34', '2606:4700::1']);
    expect(check).toEqual({ allowed: true, addresses: ['93.184.216.34', '2606:4700::1'] });
  });

  test('when the host is an IPv6 literal in brackets, then it is classified without resolving', async () => {
    const resolve = jest.fn(async () => ['93.184.216.34']);
    const check = await checkTarget('[::ffff:10.0.0.5]', resolve);
    expect(check.allowed).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
  });

  test('when the name does not resolve, then it is refused with the resolver error code', async () => {
    const check = await checkTarget('nowhere.example', async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    });
    expect(check).toEqual({ allowed: false, reason: 'could not be resolved (ENOTFOUND)' });
  });
});
