import * as z from './zod-mini.ts';

/*
 * X API v2 wire shapes the gateway reads: the user mention timeline
 * (GET /2/users/:id/mentions), the post lookup (GET /2/tweets?ids=) used for deletion
 * compliance, and the create-post answer (POST /2/tweets).
 *
 * Ids are decimal strings and stay strings: post ids exceed Number.MAX_SAFE_INTEGER
 * (e.g. "1866503928398045184"), so a schema that accepted numbers would silently round them.
 * Unknown fields are stripped, so X adding fields never breaks the poller.
 */

/** A snowflake id as X sends it: 1 to 20 decimal digits, never a JSON number. */
export const XIdSchema = z.string().check(z.regex(/^[0-9]{1,20}$/, 'X ids are decimal strings'));
export type XId = z.infer<typeof XIdSchema>;

export const XReferencedTweetSchema = z.object({
  type: z.enum(['retweeted', 'quoted', 'replied_to']),
  id: XIdSchema,
});

/** A post with the fields the poller asks for in tweet.fields; only id and text are always present. */
export const XTweetSchema = z.object({
  id: XIdSchema,
  text: z.string(),
  author_id: z.optional(XIdSchema),
  conversation_id: z.optional(XIdSchema),
  created_at: z.optional(z.iso.datetime({ offset: true })),
  in_reply_to_user_id: z.optional(XIdSchema),
  referenced_tweets: z.optional(z.array(XReferencedTweetSchema)),
  edit_history_tweet_ids: z.optional(z.array(XIdSchema)),
  lang: z.optional(z.string()),
  /** Withholding details (data dictionary): country_codes where X withholds the post. */
  withheld: z.optional(z.object({ copyright: z.optional(z.boolean()), country_codes: z.optional(z.array(z.string())) })),
});
export type XTweet = z.infer<typeof XTweetSchema>;

/** An expanded author (expansions=author_id, user.fields=username,name,protected). */
export const XUserSchema = z.object({
  id: XIdSchema,
  username: z.string().check(z.minLength(1)),
  name: z.string(),
  protected: z.optional(z.boolean()),
});
export type XUser = z.infer<typeof XUserSchema>;

/**
 * Partial errors X returns next to data with HTTP 200 (a deleted post in a lookup, an author
 * that could not be expanded). `type` is a problem URI such as
 * https://api.twitter.com/2/problems/resource-not-found.
 */
export const XPartialErrorSchema = z.object({
  title: z.string(),
  type: z.string(),
  detail: z.optional(z.string()),
  value: z.optional(z.string()),
  resource_type: z.optional(z.string()),
  resource_id: z.optional(z.string()),
  parameter: z.optional(z.string()),
  section: z.optional(z.string()),
});
export type XPartialError = z.infer<typeof XPartialErrorSchema>;

export const XMentionsMetaSchema = z.object({
  result_count: z.number().check(z.int(), z.nonnegative()),
  newest_id: z.optional(XIdSchema),
  oldest_id: z.optional(XIdSchema),
  next_token: z.optional(z.string().check(z.minLength(1))),
  previous_token: z.optional(z.string().check(z.minLength(1))),
});

/**
 * GET /2/users/:id/mentions. An empty page is just {"meta":{"result_count":0}}: no data, no
 * includes. includes.users may miss an author (suspended, or X dropped the expansion).
 */
export const XMentionsResponseSchema = z.object({
  data: z.optional(z.array(XTweetSchema)),
  includes: z.optional(
    z.object({
      users: z.optional(z.array(XUserSchema)),
    }),
  ),
  meta: XMentionsMetaSchema,
  errors: z.optional(z.array(XPartialErrorSchema)),
});
export type XMentionsResponse = z.infer<typeof XMentionsResponseSchema>;

/** GET /2/tweets?ids=...: found posts in data, the others in errors (not found, not authorized). */
export const XTweetLookupResponseSchema = z.object({
  data: z.optional(z.array(XTweetSchema)),
  errors: z.optional(z.array(XPartialErrorSchema)),
});
export type XTweetLookupResponse = z.infer<typeof XTweetLookupResponseSchema>;

/** POST /2/tweets answer. */
export const XCreatedTweetResponseSchema = z.object({
  data: z.object({ id: XIdSchema, text: z.string() }),
});
export type XCreatedTweetResponse = z.infer<typeof XCreatedTweetResponseSchema>;

/** Problem type suffixes X uses in partial errors (host varies: api.twitter.com, api.x.com). */
export const X_PROBLEM = {
  notFound: '/2/problems/resource-not-found',
  notAuthorized: '/2/problems/not-authorized-for-resource',
} as const;
