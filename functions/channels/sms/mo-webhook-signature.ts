import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header the relay puts its signature in: `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`. */
export const MO_SIGNATURE_HEADER = 'X-Gateway-Signature';

/** A signature is accepted within this many seconds of our clock, either side (the replay window). */
export const MO_SIGNATURE_TOLERANCE_SECONDS = 300;

const MAX_HEADER_LENGTH = 1024;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

export type MoSignatureFailure = 'missing' | 'malformed' | 'mismatch' | 'stale' | 'future';
export type MoSignatureResult = { ok: true; timestamp: number } | { ok: false; reason: MoSignatureFailure; detail: string };

export interface MoSignatureInput {
  /** Value of X-Gateway-Signature; absent means the request is not from the relay. */
  header: string | null | undefined;
  /** The request body exactly as received (the signature covers its bytes, not a re-serialisation). */
  body: string;
  /** The active secrets: the current one, and the previous one during a rotation. */
  secrets: readonly string[];
  now: Date;
  toleranceSeconds?: number;
}

/** HMAC-SHA256 keyed with the secret over `<t>.<body>`, hex. */
function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value a relay sends for this body at this time (used by the test client and tests). */
export function signMoWebhook(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | string {
  if (header.length > MAX_HEADER_LENGTH) return 'header too long';
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const element of header.split(',')) {
    const separator = element.indexOf('=');
    if (separator < 1) return 'elements must be key=value';
    const key = element.slice(0, separator).trim();
    const value = element.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) return 't given twice';
      if (!UNIX_SECONDS.test(value)) return 't must be unix seconds';
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return 'v1 must be 64 hex digits';
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other keys (a later scheme) are ignored, so a relay can send both while we upgrade.
  }
  if (timestamp === undefined) return 't is missing';
  if (signatures.length === 0) return 'v1 is missing';
  return { timestamp, signatures };
}

/**
 * Verifies the relay's signature before the body is parsed: every v1 is compared with the HMAC
 * of every active secret in constant time (no early exit), then the timestamp must lie within
 * the replay window. A replay inside the window is harmless: intake dedupes on the message id.
 */
export function verifyMoWebhookSignature(input: MoSignatureInput): MoSignatureResult {
  if (input.secrets.length === 0 || input.secrets.some((secret) => secret.length === 0)) {
    throw new Error('no MO webhook secret is configured');
  }
  if (typeof input.header !== 'string' || input.header.length === 0) return { ok: false, reason: 'missing', detail: 'no signature header' };
  const parsed = parseHeader(input.header);
  if (typeof parsed === 'string') return { ok: false, reason: 'malformed', detail: parsed };

  let matched = false;
  for (const secret of input.secrets) {
    const expected = Buffer.from(signatureHex(secret, parsed.timestamp, input.body), 'hex');
    for (const received of parsed.signatures) matched = timingSafeEqual(expected, received) || matched;
  }
  if (!matched) return { ok: false, reason: 'mismatch', detail: 'no signature matches an active secret' };

  const tolerance = input.toleranceSeconds ?? MO_SIGNATURE_TOLERANCE_SECONDS;
  const skew = Math.floor(input.now.getTime() / 1000) - parsed.timestamp;
  if (skew > tolerance) return { ok: false, reason: 'stale', detail: `signed ${skew} s ago; the window is ${tolerance} s` };
  if (-skew > tolerance) return { ok: false, reason: 'future', detail: `signed ${-skew} s ahead of our clock; the window is ${tolerance} s` };
  return { ok: true, timestamp: parsed.timestamp };
}
