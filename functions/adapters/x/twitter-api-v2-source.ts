import { ApiResponseError, type TwitterApiv2, type TwitterRateLimit } from 'twitter-api-v2';
import { XMentionsResponseSchema } from '../../../schemas/x-api.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import type { FetchPageRequest, FetchPageResult, MentionsPage, RateLimited, XMentionsSource } from '../../core/x/ports.ts';
import { usageCapRetryAt } from '../../core/x/x-api-limits.ts';

/** The fields the mapper needs; asked for explicitly because X returns only id and text by default. */
export const MENTION_QUERY_FIELDS = {
  expansions: ['author_id'],
  'tweet.fields': ['created_at', 'conversation_id', 'author_id', 'in_reply_to_user_id', 'referenced_tweets', 'lang'],
  'user.fields': ['username', 'name', 'protected'],
} as const;

/** When a 429 carries no x-rate-limit-reset: X's windows are 15 minutes. */
const DEFAULT_WINDOW_MS = 15 * 60 * 1000;

/** X answered with a body that does not match the documented shape. */
export class XResponseShapeError extends Error {
  override readonly name = 'XResponseShapeError';
}

/**
 * A 429 as the read ports report it: the endpoint's window (until x-rate-limit-reset), or the
 * app's usage cap (UsageCapExceeded, problem type usage-capped), which waits hours instead.
 */
export function rateLimitedAnswer(error: ApiResponseError, now: Date): RateLimited {
  const body = (typeof error.data === 'object' && error.data !== null ? error.data : {}) as { title?: unknown; type?: unknown };
  const capped = body.title === 'UsageCapExceeded' || (typeof body.type === 'string' && body.type.endsWith('/problems/usage-capped'));
  if (capped) return { kind: 'rate-limited', resetAt: usageCapRetryAt(now), usageCapped: true };
  return { kind: 'rate-limited', resetAt: rateLimitResetAt(error.rateLimit, now) };
}

export function rateLimitResetAt(rateLimit: Partial<TwitterRateLimit> | undefined, now: Date): Date {
  const reset = rateLimit?.reset;
  return typeof reset === 'number' && Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now.getTime() + DEFAULT_WINDOW_MS);
}

/** XMentionsSource on twitter-api-v2's userMentionTimeline, one page per call. */
export class TwitterApiV2MentionsSource implements XMentionsSource {
  constructor(
    private readonly client: TwitterApiv2,
    private readonly accountId: string,
    private readonly clock: Clock,
  ) {}

  async fetchPage(request: FetchPageRequest): Promise<FetchPageResult> {
    let paginator;
    try {
      paginator = await this.client.userMentionTimeline(this.accountId, {
        max_results: request.maxResults,
        ...(request.sinceId !== undefined ? { since_id: request.sinceId } : {}),
        ...(request.paginationToken !== undefined ? { pagination_token: request.paginationToken } : {}),
        expansions: [...MENTION_QUERY_FIELDS.expansions],
        'tweet.fields': [...MENTION_QUERY_FIELDS['tweet.fields']],
        'user.fields': [...MENTION_QUERY_FIELDS['user.fields']],
      });
    } catch (error) {
      if (error instanceof ApiResponseError && error.code === 429) return rateLimitedAnswer(error, this.clock.now());
      throw error;
    }

    // The paginator keeps the raw body; validate it ourselves rather than trust the typings.
    const parsed = XMentionsResponseSchema.safeParse(paginator.data);
    if (!parsed.success) {
      throw new XResponseShapeError(`unexpected mentions body: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const body = parsed.data;
    const page: MentionsPage = {
      tweets: body.data ?? [],
      users: body.includes?.users ?? [],
      resultCount: body.meta.result_count,
    };
    if (body.meta.newest_id !== undefined) page.newestId = body.meta.newest_id;
    if (body.meta.next_token !== undefined) page.nextToken = body.meta.next_token;
    const rateLimit: Partial<TwitterRateLimit> = paginator.rateLimit;
    if (typeof rateLimit.remaining === 'number' && Number.isFinite(rateLimit.remaining)) {
      page.rateLimit = { remaining: rateLimit.remaining, resetAt: rateLimitResetAt(rateLimit, this.clock.now()) };
    }
    return { kind: 'page', page };
  }
}
