import { HttpMediaFetcher } from './http-media-fetcher.ts';

export interface Open311MediaFetcherConfig {
  /** Origins a client's media_url may point to (https only; OPEN311_MEDIA_ALLOWED_ORIGINS). None: every link is refused. */
  allowedOrigins: readonly string[];
  /** Local tests only (see HttpMediaFetcherOptions). */
  allowLoopbackForTests?: boolean;
  timeoutMs?: number;
}

/**
 * The fetcher for media_url links of Open311 requests (ADR 0009's second configuration): the
 * same SSRF-safe fetch as MMS media, its own allow-list, and no credentials for anyone. Photos
 * sent to our own upload endpoint never come here: the pipeline reads them from the bucket.
 */
export function createOpen311MediaFetcher(config: Open311MediaFetcherConfig): HttpMediaFetcher {
  return new HttpMediaFetcher({
    allowedOrigins: config.allowedOrigins,
    ...(config.allowLoopbackForTests ? { allowLoopbackForTests: true } : {}),
    timeoutMs: config.timeoutMs ?? 10_000,
    maxRedirects: 3,
  });
}
