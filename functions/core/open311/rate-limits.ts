import { Open311Error } from './errors.ts';
import type { Open311Store } from './ports.ts';

/** Requests per fixed window that change something (POST a request, upload a photo). */
export interface RateLimits {
  windowMs: number;
  perSourceIp: number;
  perClient: number;
}

/**
 * Per source address and per client app. The city's own site shares one key among all its
 * visitors, so its per-client limit is high and the per-address one does the work; another
 * app's key is limited as a whole. 429 with Retry-After: the spec's "basically 400" for other
 * errors, made precise so a client knows to wait rather than fix its request.
 */
export async function checkRateLimits(store: Open311Store, limits: RateLimits, who: { sourceIp: string; client: string }, now: Date): Promise<void> {
  const start = now.getTime() - (now.getTime() % limits.windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((start + limits.windowMs - now.getTime()) / 1000));
  const byAddress = await store.countRequest({ subject: `ip:${who.sourceIp}`, start, lengthMs: limits.windowMs, limit: limits.perSourceIp });
  if (!byAddress) throw new Open311Error(429, `too many requests from this address: at most ${limits.perSourceIp} per ${limits.windowMs / 1000} s`, retryAfterSeconds);
  const byClient = await store.countRequest({ subject: `key:${who.client}`, start, lengthMs: limits.windowMs, limit: limits.perClient });
  if (!byClient) throw new Open311Error(429, `too many requests with this api_key: at most ${limits.perClient} per ${limits.windowMs / 1000} s`, retryAfterSeconds);
}
