import { ApiResponseError, type TwitterApiv2 } from 'twitter-api-v2';
import { X_PROBLEM, XTweetLookupResponseSchema, type XPartialError } from '../../../schemas/x-api.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import type { GoneReason, RateLimited, TweetLookupResult, XTweetLookup } from '../../core/x/ports.ts';
import { rateLimitedAnswer, XResponseShapeError } from './twitter-api-v2-source.ts';

/** Deleted posts come back as "Not Found Error"; protected or suspended authors as "Authorization Error". */
export function goneReason(error: XPartialError): GoneReason | undefined {
  if (error.type.endsWith(X_PROBLEM.notFound) || error.title === 'Not Found Error') return 'deleted';
  if (error.type.endsWith(X_PROBLEM.notAuthorized) || error.title === 'Authorization Error') return 'protected';
  return undefined;
}

/**
 * Withheld where the city's citizens read it (KR), in every country (XX), or for a DMCA
 * notice (XY): the copy is removed like a deleted post.
 */
const WITHHELD_HERE = new Set(['KR', 'XX', 'XY']);

/** GET /2/tweets?ids= through twitter-api-v2 (at most 100 ids per call, X's limit). */
export class TwitterApiV2TweetLookup implements XTweetLookup {
  constructor(
    private readonly client: TwitterApiv2,
    private readonly clock: Clock,
  ) {}

  async lookup(ids: string[]): Promise<TweetLookupResult | RateLimited> {
    if (ids.length === 0) return { found: [], gone: [] };
    if (ids.length > 100) throw new RangeError('X looks up at most 100 posts per request');
    let raw: unknown;
    try {
      raw = await this.client.tweets(ids, { 'tweet.fields': ['id', 'withheld'] });
    } catch (error) {
      if (error instanceof ApiResponseError && error.code === 429) return rateLimitedAnswer(error, this.clock.now());
      throw error;
    }
    const parsed = XTweetLookupResponseSchema.safeParse(raw);
    if (!parsed.success) throw new XResponseShapeError('unexpected lookup body');
    const asked = new Set(ids);
    const gone: TweetLookupResult['gone'] = [];
    for (const error of parsed.data.errors ?? []) {
      const id = error.resource_id ?? error.value;
      const reason = goneReason(error);
      if (id !== undefined && asked.has(id) && reason !== undefined) gone.push({ id, reason });
    }
    const found: string[] = [];
    for (const tweet of parsed.data.data ?? []) {
      found.push(tweet.id);
      const withheld = tweet.withheld;
      if (withheld && (withheld.copyright === true || (withheld.country_codes ?? []).some((code) => WITHHELD_HERE.has(code)))) gone.push({ id: tweet.id, reason: 'withheld' });
    }
    return { found, gone };
  }
}
