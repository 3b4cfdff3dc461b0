import { describe, expect, it } from 'vitest';
import { checkAddress, ipLiteralOf } from '../../../../functions/adapters/media/address-policy.ts';

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
});

describe('ipLiteralOf', () => {
  it('finds IPv4 and bracketed IPv6 literals in URL host names, and nothing in DNS names', () => {
    expect(ipLiteralOf('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteralOf('[::1]')).toBe('::1');
    expect(ipLiteralOf('api.twilio.com')).toBeNull();
    expect(ipLiteralOf('127.0.0.1.nip.io')).toBeNull();
  });
});
