import { HttpMediaFetcher } from './http-media-fetcher.ts';

/**
 * Twilio's API origin: MediaUrlN points here (`/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…`),
 * and it is the only origin that ever receives the account's basic auth.
 */
export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * Where Twilio serves MMS media from (docs/adr/0009-safe-media-fetch.md cites the sources): the
 * API answers with a redirect to a short-lived URL on mms.twiliocdn.com when media auth is on,
 * on s3-external-1.amazonaws.com for media stored before it was switched on.
 */
export const TWILIO_MEDIA_ORIGINS = [TWILIO_API_ORIGIN, 'https://*.twiliocdn.com', 'https://s3-external-1.amazonaws.com'] as const;

export interface TwilioMediaFetcherConfig {
  /** The account's SID and auth token (or an API key and secret): sent to TWILIO_API_ORIGIN only. */
  credentials?: { username: string; password: string };
  /** Origins of other providers' media, https only (MEDIA_ALLOWED_ORIGINS). */
  extraOrigins?: readonly string[];
  /** Local tests only (MEDIA_ALLOW_LOOPBACK_FOR_TESTS): see HttpMediaFetcherOptions. */
  allowLoopbackForTests?: boolean;
  timeoutMs?: number;
}

/** The intake pipeline's media fetcher, the same in AWS and locally. */
export function createTwilioMediaFetcher(config: TwilioMediaFetcherConfig): HttpMediaFetcher {
  return new HttpMediaFetcher({
    allowedOrigins: [...TWILIO_MEDIA_ORIGINS, ...(config.extraOrigins ?? [])],
    ...(config.credentials ? { credentials: { ...config.credentials, origin: TWILIO_API_ORIGIN } } : {}),
    ...(config.allowLoopbackForTests ? { allowLoopbackForTests: true } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });
}
