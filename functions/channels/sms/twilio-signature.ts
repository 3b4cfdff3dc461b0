import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header Twilio puts its signature in (API Gateway lower-cases header names). */
export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature';

export interface TwilioSignatureInput {
  authToken: string;
  /**
   * The full public URL Twilio requested, query string included, exactly as configured in Twilio;
   * or every spelling it may have had (channels/sms/twilio-signed-url.ts).
   */
  url: string | readonly string[];
  /** Every form parameter received: Twilio adds new ones without notice and signs them all. */
  params: Readonly<Record<string, string>>;
  /** Value of X-Twilio-Signature; absent means not from Twilio. */
  signature: string | null | undefined;
}

/**
 * Twilio's algorithm: HMAC-SHA1 keyed with the auth token over the URL followed by each
 * parameter name and value, names in sorted order, base64-encoded.
 */
export function computeTwilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/**
 * True when `signature` is what Twilio would send for this URL and these parameters.
 * Twilio's back end sometimes signs the URL with the default port spelled out and sometimes
 * without, so both spellings are accepted, as Twilio's own helper libraries do.
 */
export function validateTwilioSignature({ authToken, url, params, signature }: TwilioSignatureInput): boolean {
  if (authToken.length === 0) throw new Error('Twilio auth token is not configured');
  if (typeof signature !== 'string' || signature.length === 0) return false;
  const candidates = [...new Set((typeof url === 'string' ? [url] : url).flatMap(defaultPortVariants))];
  if (candidates.length === 0) return false;

  const received = Buffer.from(signature, 'utf8');
  let valid = false;
  // No early exit: every candidate is compared so timing does not tell which spelling matched.
  for (const candidate of candidates) {
    const expected = Buffer.from(computeTwilioSignature(authToken, candidate, params), 'utf8');
    if (expected.length === received.length && timingSafeEqual(expected, received)) valid = true;
  }
  return valid;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * The URL as given, and with and without its scheme's default port, both as written (host case,
 * user:password and escapes kept: what Twilio signs) and as WHATWG URL normalises it (what
 * twilio-node compares).
 */
export function defaultPortVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined) return [];
  const variants = new Set<string>([url]);
  if (parsed.port !== '') {
    // A non-default port is part of the identity of the URL: nothing to vary.
    variants.add(parsed.toString());
    return [...variants];
  }
  // WHATWG URL drops a default port on parse, so toString() is the "without" spelling.
  variants.add(parsed.toString());
  const written = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/i.exec(url);
  if (written) {
    const [, scheme = '', authority = '', rest = ''] = written;
    const hostStart = authority.lastIndexOf('@') + 1;
    const host = authority.slice(hostStart).replace(/:\d*$/, '');
    const userinfo = authority.slice(0, hostStart);
    variants.add(`${scheme}${userinfo}${host}${rest}`);
    variants.add(`${scheme}${userinfo}${host}:${defaultPort}${rest}`);
  }
  const auth = parsed.username || parsed.password ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  variants.add(`${parsed.protocol}//${auth}${parsed.host}:${defaultPort}${parsed.pathname}${parsed.search}${parsed.hash}`);
  return [...variants];
}
