import { describe, expect, it } from 'vitest';
import { checkAddress, ipLiteralOf, isLoopback } from '../../../../functions/adapters/media/address-policy.ts';

// Builds the range tables while this file loads, outside any test. The policy builds them on its
// first check and keeps them, so otherwise only the test that runs first would "cover" them and
// Stryker would run a broken range against that one test; reached at load, a mutant in them is
// static and runs against every test in a fresh module (docs/operations/mutation-testing.md).
checkAddress('192.0.2.1');

/** The address a URL names, as the fetcher sees it after WHATWG URL parsing. */
function literalIn(url: string): string {
  const literal = ipLiteralOf(new URL(url).hostname);
  if (literal === null) throw new Error(`${url} names no IP literal`);
  return literal;
}

describe('checkAddress: where media may never be fetched from', () => {
  it.each([
    // IPv4 loopback in every spelling a URL accepts: decimal, octal, hex, short forms.
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://127.0.1/', 'loopback'],
    ['http://127.255.255.254/', 'loopback'],
    // Cloud metadata and other link-local addresses.
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://2852039166/', 'link-local'],
    ['http://0xa9.0xfe.0xa9.0xfe/', 'link-local'],
    ['http://0251.0376.0251.0376/', 'link-local'],
    ['http://169.254.170.2/v2/credentials', 'link-local'],
    // RFC 1918, CGNAT, unspecified, multicast, reserved, broadcast, documentation, benchmarking.
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'shared address space'],
    ['http://100.127.255.254/', 'shared address space'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://255.255.255.255/', 'reserved'],
    ['http://192.0.2.10/', 'documentation'],
    ['http://198.51.100.7/', 'documentation'],
    ['http://203.0.113.9/', 'documentation'],
    ['http://198.18.0.1/', 'benchmarking'],
    ['http://192.0.0.170/', 'IETF protocol assignment'],
    // IPv6 loopback, unspecified, link-local, unique local (AWS metadata fd00:ec2::254), multicast.
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf:ffff::1]/', 'link-local'],
    ['http://[fd00:ec2::254]/', 'unique local'],
    ['http://[fc00::1]/', 'unique local'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://[fec0::1]/', 'site-local'],
    ['http://[2001:db8::1]/', 'documentation'],
    ['http://[3fff::1]/', 'documentation'],
    ['http://[100::1]/', 'discard'],
    ['http://[2001::1]/', 'IETF protocol assignment'],
    // IPv4 hidden in IPv6: mapped, compatible, NAT64, 6to4.
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['http://[0:0:0:0:0:ffff:10.0.0.1]/', 'private'],
    ['http://[::127.0.0.1]/', 'IPv4-compatible'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local'],
    ['http://[64:ff9b:1::1]/', 'local-use NAT64'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    ['http://[2002:a9fe:a9fe::1]/', 'link-local'],
    ['http://[4000::1]/', 'not global unicast'],
  ])('refuses %s (%s)', (url, category) => {
    const verdict = checkAddress(literalIn(url));
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toContain(category);
  });

  it.each([
    ['8.8.8.8'],
    ['52.95.110.1'],
    ['172.32.0.1'],
    ['100.128.0.1'],
    ['192.169.0.1'],
    ['2600:1f18::1'],
    ['2a05:d014::1'],
    ['::ffff:8.8.8.8'],
    ['64:ff9b::808:808'],
    ['2002:808:808::1'],
  ])('lets the public address %s through', (address) => {
    expect(checkAddress(address)).toEqual({ allowed: true });
  });

  it('lets loopback through only when tests ask for it, and nothing else private', () => {
    expect(checkAddress('127.0.0.1', { allowLoopback: true })).toEqual({ allowed: true });
    expect(checkAddress('::1', { allowLoopback: true })).toEqual({ allowed: true });
    expect(checkAddress('::ffff:127.0.0.1', { allowLoopback: true })).toEqual({ allowed: true });
    expect(checkAddress('169.254.169.254', { allowLoopback: true }).allowed).toBe(false);
    expect(checkAddress('10.0.0.1', { allowLoopback: true }).allowed).toBe(false);
    expect(checkAddress('fd00:ec2::254', { allowLoopback: true }).allowed).toBe(false);
    expect(checkAddress('0.0.0.0', { allowLoopback: true }).allowed).toBe(false);
  });

  it('refuses what is not an IP address at all', () => {
    expect(checkAddress('localhost')).toMatchObject({ allowed: false });
    expect(checkAddress('')).toMatchObject({ allowed: false });
    expect(checkAddress('1.2.3')).toMatchObject({ allowed: false });
  });

  it('names the address and what it is in the reason', () => {
    expect(checkAddress('::ffff:a9fe:a9fe')).toEqual({ allowed: false, reason: expect.stringMatching(/::ffff:a9fe:a9fe.*169\.254\.169\.254.*link-local/) });
  });

  it('names how an IPv4 address was carried in IPv6', () => {
    expect(checkAddress('::ffff:a9fe:a9fe')).toEqual({ allowed: false, reason: 'address ::ffff:a9fe:a9fe (IPv4-mapped 169.254.169.254) is link-local (cloud metadata)' });
    expect(checkAddress('64:ff9b::a00:1')).toEqual({ allowed: false, reason: 'address 64:ff9b::a00:1 (NAT64 of 10.0.0.1) is private' });
    expect(checkAddress('2002:c0a8:101::1')).toEqual({ allowed: false, reason: 'address 2002:c0a8:101::1 (6to4 of 192.168.1.1) is private' });
  });

  it('refuses the 6to4 relay anycast block, which the IPv6 forms do not reach', () => {
    expect(checkAddress('192.88.99.1')).toEqual({ allowed: false, reason: 'address 192.88.99.1 is reserved (6to4 relay anycast)' });
  });

  it('says what is not an IP address, naming an empty one as such', () => {
    expect(checkAddress('localhost')).toEqual({ allowed: false, reason: 'localhost is not an IP address' });
    expect(checkAddress('')).toEqual({ allowed: false, reason: '(empty) is not an IP address' });
  });

  it('takes an IPv6 address in brackets or with a zone, but no bracket inside it', () => {
    expect(checkAddress('[2600:1f18::1]')).toEqual({ allowed: true });
    expect(checkAddress('[::1]')).toEqual({ allowed: false, reason: 'address ::1 is loopback' });
    expect(checkAddress('fe80::1%eth0')).toEqual({ allowed: false, reason: 'address fe80::1 is link-local' });
    expect(checkAddress('2600:[1f18::1')).toEqual({ allowed: false, reason: '2600:[1f18::1 is not an IP address' });
    expect(checkAddress('2600:1f18]::1')).toEqual({ allowed: false, reason: '2600:1f18]::1 is not an IP address' });
  });

  it('reads IPv6 addresses written out in full, without ::', () => {
    expect(checkAddress('2600:1f18:0:1:2:3:4:5')).toEqual({ allowed: true });
    expect(checkAddress('fd00:ec2:0:0:0:0:0:254')).toEqual({ allowed: false, reason: 'address fd00:ec2:0:0:0:0:0:254 is unique local (private)' });
    expect(checkAddress('0:0:0:0:0:ffff:a00:1')).toMatchObject({ allowed: false, reason: expect.stringContaining('is private') });
  });

  it('takes only ::1 as IPv6 loopback: ::2 stays refused when loopback is let through', () => {
    expect(checkAddress('::2', { allowLoopback: true })).toEqual({ allowed: false, reason: 'address ::2 is IPv4-compatible (deprecated)' });
  });
});

describe('isLoopback (plain http only to the tests\' own servers)', () => {
  it('is true for 127.0.0.0/8 and ::1 in any spelling, and false for every other address', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '[::1]']) expect(isLoopback(address)).toBe(true);
    for (const address of ['8.8.8.8', '10.0.0.1', '169.254.169.254', '2600:1f18::1', '::', 'localhost']) expect(isLoopback(address)).toBe(false);
  });
});

describe('ipLiteralOf', () => {
  it('finds IPv4 and bracketed IPv6 literals in URL host names, and nothing in DNS names', () => {
    expect(ipLiteralOf('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteralOf('[::1]')).toBe('::1');
    expect(ipLiteralOf('api.twilio.com')).toBeNull();
    expect(ipLiteralOf('127.0.0.1.nip.io')).toBeNull();
  });

  it('takes an IPv6 address without brackets as it is, and a half-bracketed one as no address', () => {
    expect(ipLiteralOf('2600:1f18::1')).toBe('2600:1f18::1');
    expect(ipLiteralOf('x::1]')).toBeNull();
    expect(ipLiteralOf('[::1x')).toBeNull();
    expect(ipLiteralOf('[::1')).toBeNull();
  });
});
