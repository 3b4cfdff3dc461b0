import { X509Certificate, verify as verifySignature, type KeyObject } from 'node:crypto';
import { SnsHttpMessageSchema, type SnsHttpMessage } from '../../../schemas/sns-message.ts';
import type { CertificateFetcher } from './certificate-fetcher.ts';

export type { CertificateFetcher } from './certificate-fetcher.ts';

export type SnsRejection =
  | 'invalid-message'
  | 'unknown-signature-version'
  | 'topic-mismatch'
  | 'untrusted-certificate-url'
  | 'certificate-unavailable'
  | 'stale-message'
  | 'bad-signature';

export type SnsVerification =
  | { ok: true; message: SnsHttpMessage }
  | { ok: false; reason: SnsRejection; detail: string };

export interface SnsVerifierOptions {
  /** The only topic this endpoint accepts messages from. */
  expectedTopicArn: string;
  fetcher: CertificateFetcher;
  /** Certificate validity and message freshness are checked against this instant. */
  now?: () => Date;
  /** Distinct certificate URLs kept in memory; SNS rotates its certificate rarely. */
  cacheSize?: number;
}

export interface SnsMessageVerifier {
  /** Checks a parsed HTTP body (the JSON document SNS POSTed) before anything else reads it. */
  verify(body: unknown): Promise<SnsVerification>;
}

/** SNS signs with a certificate served from its own regional endpoint, nowhere else. */
const SNS_CERT_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export function isTrustedSigningCertUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    SNS_CERT_HOST.test(parsed.hostname) &&
    parsed.pathname.endsWith('.pem')
  );
}

/** The documented string SNS signs: "Name\nvalue\n" for a fixed field list per message type. */
export function snsStringToSign(message: SnsHttpMessage): string {
  const fields: Array<[string, string | undefined]> =
    message.Type === 'Notification'
      ? [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['Subject', message.Subject],
          ['Timestamp', message.Timestamp],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ]
      : [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['SubscribeURL', message.SubscribeURL],
          ['Timestamp', message.Timestamp],
          ['Token', message.Token],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ];
  let out = '';
  for (const [name, value] of fields) {
    // Subject is signed only when present.
    if (value !== undefined) out += `${name}\n${value}\n`;
  }
  return out;
}

const ALGORITHM: Readonly<Record<string, string>> = { '1': 'sha1', '2': 'sha256' };

/**
 * Oldest Timestamp accepted. SNS stops retrying an HTTP/S delivery within 3,600 seconds ("The total
 * policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds. This is a hard
 * limit", SNS Developer Guide, message delivery retries), so a genuine delivery is never older: an
 * older message, however well signed, is a replay.
 */
export const SNS_MAX_MESSAGE_AGE_MS = 60 * 60 * 1000;
/** Clock skew tolerated between SNS and this host for a Timestamp in the future. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Why a Timestamp is outside the delivery window, or null when it is inside. */
export function snsTimestampProblem(timestamp: string, now: Date): string | null {
  const age = now.getTime() - Date.parse(timestamp);
  if (Number.isNaN(age)) return 'Timestamp is not a date';
  if (age > SNS_MAX_MESSAGE_AGE_MS) return 'Timestamp is older than one hour, the longest SNS retries an HTTP/S delivery';
  if (age < -MAX_CLOCK_SKEW_MS) return 'Timestamp is more than 15 minutes in the future';
  return null;
}

export function createSnsMessageVerifier(options: SnsVerifierOptions): SnsMessageVerifier {
  const now = options.now ?? (() => new Date());
  const cacheSize = options.cacheSize ?? 16;
  const keys = new Map<string, Promise<KeyObject>>();

  const publicKeyFor = (url: string): Promise<KeyObject> => {
    const cached = keys.get(url);
    if (cached) return cached;
    const loading = options.fetcher.fetchPem(url).then((pem) => {
      const certificate = new X509Certificate(pem);
      const at = now().getTime();
      if (at < Date.parse(certificate.validFrom) || at > Date.parse(certificate.validTo)) {
        throw new Error('signing certificate is outside its validity period');
      }
      return certificate.publicKey;
    });
    // A failed download must not poison the cache: the next delivery retries it.
    loading.catch(() => keys.delete(url));
    if (keys.size >= cacheSize) {
      const oldest = keys.keys().next().value;
      if (oldest !== undefined) keys.delete(oldest);
    }
    keys.set(url, loading);
    return loading;
  };

  return {
    async verify(body) {
      if (typeof body !== 'object' || body === null) return reject('invalid-message', 'body is not a JSON object');
      const fields = body as Record<string, unknown>;
      const version = fields.SignatureVersion;
      if (typeof version !== 'string' || ALGORITHM[version] === undefined) {
        return reject('unknown-signature-version', `SignatureVersion ${JSON.stringify(version)} is not 1 or 2`);
      }
      if (fields.TopicArn !== options.expectedTopicArn) {
        return reject('topic-mismatch', 'TopicArn is not the expected topic');
      }
      if (typeof fields.SigningCertURL !== 'string' || !isTrustedSigningCertUrl(fields.SigningCertURL)) {
        return reject('untrusted-certificate-url', 'SigningCertURL is not an https .pem URL on sns.<region>.amazonaws.com');
      }
      const parsed = SnsHttpMessageSchema.safeParse(body);
      if (!parsed.success) return reject('invalid-message', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const message = parsed.data;
      // Before any download: a replayed message costs nothing.
      const stale = snsTimestampProblem(message.Timestamp, now());
      if (stale) return reject('stale-message', stale);

      let key: KeyObject;
      try {
        key = await publicKeyFor(message.SigningCertURL);
      } catch (error) {
        return reject('certificate-unavailable', error instanceof Error ? error.message : 'certificate could not be loaded');
      }
      const signature = Buffer.from(message.Signature, 'base64');
      const algorithm = ALGORITHM[message.SignatureVersion] ?? 'sha256';
      const valid = verifySignature(algorithm, Buffer.from(snsStringToSign(message), 'utf8'), key, signature);
      return valid ? { ok: true, message } : reject('bad-signature', 'signature does not match the message');
    },
  };
}

function reject(reason: SnsRejection, detail: string): SnsVerification {
  return { ok: false, reason, detail };
}
