import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a server-side fetch of a URL someone else chose may connect to: public
 * unicast only. Everything in the IANA special-purpose registries that is not globally
 * reachable is refused (RFC 6890, RFC 5735/5737, RFC 6598, RFC 4193, RFC 4291, RFC 6052,
 * RFC 8215, RFC 9637), and IPv4 carried inside IPv6 (mapped, NAT64, 6to4) is judged as the
 * IPv4 address it names, so ::ffff:169.254.169.254 is the metadata address it looks like.
 * Addresses arrive canonical: from a WHATWG-parsed URL host (which already turned
 * 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1) or from the resolver.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export interface AddressPolicyOptions {
  /** Tests only: 127.0.0.0/8 and ::1 pass (their fake media servers); nothing else private does. */
  allowLoopback?: boolean;
}

interface V4Range {
  base: number;
  bits: number;
  what: string;
}

const v4 = (dotted: string, bits: number, what: string): V4Range => ({ base: ipv4ToNumber(dotted) ?? 0, bits, what });

const v4Special = (): readonly V4Range[] => [
  v4('0.0.0.0', 8, 'unspecified ("this network")'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared address space (carrier-grade NAT)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local (cloud metadata)'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'IETF protocol assignment'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved (6to4 relay anycast)'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'benchmarking'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

interface V6Range {
  prefix: readonly number[];
  bits: number;
  what: string;
}

const v6 = (text: string, bits: number, what: string): V6Range => ({ prefix: ipv6ToBytes(text) ?? [], bits, what });

/** Checked in order, after the exact ::, ::1 and the IPv4-embedding prefixes. */
const v6Special = (): readonly V6Range[] => [
  v6('::', 96, 'IPv4-compatible (deprecated)'),
  v6('64:ff9b:1::', 48, 'local-use NAT64'),
  v6('100::', 64, 'discard-only'),
  v6('2001:db8::', 32, 'documentation'),
  v6('2001::', 23, 'IETF protocol assignment (Teredo, ORCHID, ...)'),
  v6('3fff::', 20, 'documentation'),
  // AWS's IPv6 metadata and DNS addresses (fd00:ec2::254, fd00:ec2::23) are in here.
  v6('fc00::', 7, 'unique local (private)'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'site-local (deprecated)'),
  v6('ff00::', 8, 'multicast'),
];

interface SpecialRanges {
  v4: readonly V4Range[];
  v6: readonly V6Range[];
  /** Prefixes whose last 32 bits (or, for 6to4, bits 16-47) are an IPv4 address. */
  mapped: readonly number[];
  nat64: readonly number[];
  sixToFour: readonly number[];
  globalUnicast: readonly number[];
}

let special: SpecialRanges | undefined;

/**
 * Built on the first check, not when the module loads: node's isIPv6 compiles a large pattern on
 * its first call, which was 4% of the cold start of every function bundling this file, most of
 * which never fetch media (ADR 0008).
 */
function specialRanges(): SpecialRanges {
  special ??= {
    v4: v4Special(),
    v6: v6Special(),
    mapped: ipv6ToBytes('::ffff:0:0') ?? [],
    nat64: ipv6ToBytes('64:ff9b::') ?? [],
    sixToFour: ipv6ToBytes('2002::') ?? [],
    globalUnicast: ipv6ToBytes('2000::') ?? [],
  };
  return special;
}

export function checkAddress(address: string, options: AddressPolicyOptions = {}): AddressVerdict {
  if (isIPv4(address)) return checkV4(address, options);
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (isIPv6(bare)) return checkV6(bare, options);
  return { allowed: false, reason: `${address || '(empty)'} is not an IP address` };
}

/** The IP address a URL host names ('127.0.0.1', '[::1]' -> '::1'), or null for a DNS name. */
export function ipLiteralOf(hostname: string): string | null {
  if (isIPv4(hostname)) return hostname;
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIPv6(bare) ? bare : null;
}

/** True for 127.0.0.0/8 and ::1 in any spelling, IPv4-mapped included. */
export function isLoopback(address: string): boolean {
  const loopbackOnly = checkAddress(address, { allowLoopback: true }).allowed;
  return loopbackOnly && !checkAddress(address).allowed;
}

/** `shownAs` names the IPv6 form an embedded IPv4 address arrived in. */
function checkV4(address: string, options: AddressPolicyOptions, shownAs = address): AddressVerdict {
  const value = ipv4ToNumber(address);
  if (value === null) return { allowed: false, reason: `${shownAs} is not an IP address` };
  const range = specialRanges().v4.find((r) => inV4Range(value, r));
  if (!range) return { allowed: true };
  if (range.what === 'loopback' && options.allowLoopback) return { allowed: true };
  return { allowed: false, reason: `address ${shownAs} is ${range.what}` };
}

function checkV6(address: string, options: AddressPolicyOptions): AddressVerdict {
  const bytes = ipv6ToBytes(address);
  if (!bytes) return { allowed: false, reason: `${address} is not an IP address` };
  const embedded = embeddedV4(bytes);
  if (embedded) return checkV4(embedded.address, options, `${address} (${embedded.how} ${embedded.address})`);
  if (bytes.every((b) => b === 0)) return { allowed: false, reason: `address ${address} is unspecified` };
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) {
    return options.allowLoopback ? { allowed: true } : { allowed: false, reason: `address ${address} is loopback` };
  }
  const range = specialRanges().v6.find((r) => inV6Range(bytes, r.prefix, r.bits));
  if (range) return { allowed: false, reason: `address ${address} is ${range.what}` };
  if (!inV6Range(bytes, specialRanges().globalUnicast, 3)) return { allowed: false, reason: `address ${address} is not global unicast` };
  return { allowed: true };
}

function embeddedV4(bytes: readonly number[]): { address: string; how: string } | null {
  const dotted = (from: number) => bytes.slice(from, from + 4).join('.');
  const { mapped, nat64, sixToFour } = specialRanges();
  if (inV6Range(bytes, mapped, 96)) return { address: dotted(12), how: 'IPv4-mapped' };
  if (inV6Range(bytes, nat64, 96)) return { address: dotted(12), how: 'NAT64 of' };
  if (inV6Range(bytes, sixToFour, 16)) return { address: dotted(2), how: '6to4 of' };
  return null;
}

function inV4Range(value: number, range: V4Range): boolean {
  const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
  return ((value & mask) >>> 0) === ((range.base & mask) >>> 0);
}

function inV6Range(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  const whole = Math.floor(bits / 8);
  for (let i = 0; i < whole; i += 1) if (bytes[i] !== prefix[i]) return false;
  const rest = bits % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole] ?? 0) & mask) === ((prefix[whole] ?? 0) & mask);
}

/** Dotted-quad only (what URLs and resolvers produce); null otherwise. */
function ipv4ToNumber(dotted: string): number | null {
  if (!isIPv4(dotted)) return null;
  return dotted.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** 16 bytes, '::' expanded and a trailing dotted quad folded in; null if not IPv6. */
function ipv6ToBytes(text: string): number[] | null {
  if (!isIPv6(text)) return null;
  let groups = text;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (quad?.[1]) {
    const value = ipv4ToNumber(quad[1]);
    if (value === null) return null;
    groups = `${groups.slice(0, -quad[1].length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const words = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  if (words.length !== 8) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}
