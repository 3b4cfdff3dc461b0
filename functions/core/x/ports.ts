import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { XTweet, XUser } from '../../../schemas/x-api.ts';

/** One page of the mention timeline, already validated against the wire schema. */
export interface MentionsPage {
  tweets: XTweet[];
  /** includes.users; may lack some authors. */
  users: XUser[];
  resultCount: number;
  newestId?: string;
  nextToken?: string;
  /** From x-rate-limit-remaining / x-rate-limit-reset, when X sent them. */
  rateLimit?: { remaining: number; resetAt: Date };
}

export interface RateLimited {
  kind: 'rate-limited';
  /** x-rate-limit-reset: the instant the window reopens; for a usage cap, the next probe. */
  resetAt: Date;
  /** 429 UsageCapExceeded: the app's monthly post cap, not the endpoint's 15-minute window. */
  usageCapped?: boolean;
}

export type FetchPageResult = { kind: 'page'; page: MentionsPage } | RateLimited;

export interface FetchPageRequest {
  sinceId?: string;
  paginationToken?: string;
  /** 5..100 per X; the poller never asks for more than its read reservation. */
  maxResults: number;
}

/** The user mention timeline (twitter-api-v2 on X API v2 in every runtime). Throws on 5xx/network. */
export interface XMentionsSource {
  fetchPage(request: FetchPageRequest): Promise<FetchPageResult>;
}

export interface PollerState {
  /** Newest mention id fully enqueued; undefined before the first successful poll. */
  sinceId?: string;
  /** Set after a 429 on the mention timeline: no mentions request before this instant. */
  rateLimitedUntil?: Date;
  /** Set after a 429 on the post lookup (its own window, as X keeps one per endpoint). */
  lookupRateLimitedUntil?: Date;
  /** Set after a 429 UsageCapExceeded: no read of any endpoint before this instant. */
  usageCappedUntil?: Date;
  /** KST day of the oldest mention ever enqueued: how far back stored copies can reach. */
  oldestMentionDay?: string;
}

/** The read endpoints whose rate-limit windows are kept apart. */
export type XReadEndpoint = 'mentions' | 'lookup';

/**
 * Poller bookkeeping: cursor, lease and monthly read budget. Every write is a single
 * conditional write (DynamoDB in AWS and locally).
 */
export interface PollerStateStore {
  getState(): Promise<PollerState>;
  /** True when `owner` now holds the lease (free, expired, or already its own). */
  acquireLease(owner: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** False when the lease was lost (expired and taken by another run). */
  renewLease(owner: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** Releases only if `owner` still holds it; never fails the poll. */
  releaseLease(owner: string): Promise<void>;
  /** Moves the cursor to `sinceId` only if that is newer; returns whether it moved. */
  advanceCursor(sinceId: string, now: Date): Promise<boolean>;
  /** Records a rate-limit wait of one endpoint; keeps the later instant if one is already stored. */
  recordRateLimit(until: Date, endpoint?: XReadEndpoint): Promise<void>;
  /** Records the app's usage cap: no read of any endpoint before `until`. */
  recordUsageCap(until: Date): Promise<void>;
  /** Lowers `oldestMentionDay` to `day` (YYYY-MM-DD, KST) when it is older; never raises it. */
  recordMentionDay(day: string): Promise<void>;
  /**
   * Reserves up to `requested` reads in `month` (YYYY-MM) without ever passing `budget`.
   * Grants what is left when that is at least `minimum`, otherwise 0 (budget exhausted).
   */
  reserveReads(month: string, requested: number, minimum: number, budget: number): Promise<number>;
  /** Gives back reads reserved but not used (a page shorter than its reservation). */
  refundReads(month: string, count: number): Promise<void>;
}

/** One edit of a mention: X's new post id for it and its text. */
export interface MentionEdit {
  /** The id X gave the new version (the last of edit_history_tweet_ids). */
  tweetId: string;
  text: string;
  at: Date;
}

/**
 * Edits of stored mentions (docs.x.com edit-posts: each edit is a new post id). The stored
 * message of the original id keeps its identity; its text becomes the new version.
 */
export interface MentionEdits {
  /**
   * Records `edit` on the message stored for `originalId`: `recorded` with where it lives (its
   * translation is asked for again), `not-stored` when no message holds that id (yet),
   * `unchanged` when this or a newer version is already recorded, or the text was removed.
   */
  recordEdit(
    originalId: string,
    edit: MentionEdit,
  ): Promise<{ kind: 'recorded'; complaintId: string; messageId: string } | { kind: 'not-stored' } | { kind: 'unchanged' }>;
}

/** Metrics and alarms; CloudWatch EMF in AWS, log lines locally. */
export interface PollerMetrics {
  mentionsEnqueued(count: number): void;
  rateLimited(resetAt: Date): void;
  /** The alarm: the monthly read budget stopped a poll. */
  readBudgetExhausted(month: string, budget: number): void;
  /** The alarm: X answered UsageCapExceeded; reads wait until `until`. */
  usageCapped(until: Date): void;
}

/** Posts a reply thread on X (twitter-api-v2 POST /2/tweets, user context). */
export interface XThreadPoster {
  /**
   * Posts `parts` in order, the first replying to `inReplyToTweetId`, each next one to the
   * previous part. `alreadyPosted` (ids from an interrupted attempt) resumes after them.
   * Returns the ids of every part, already posted ones included.
   */
  postThread(inReplyToTweetId: string, parts: string[], alreadyPosted?: string[]): Promise<string[]>;
}

/** Some parts of a thread were posted before a failure; retry with `alreadyPosted = postedIds`. */
export class XThreadInterruptedError extends Error {
  override readonly name = 'XThreadInterruptedError';
  constructor(
    message: string,
    readonly postedIds: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * X refused to publish a post for a reason a retry cannot fix (docs.x.com manage-tweets,
 * response codes): the text repeats a recent post of the account (403 duplicate content), the
 * self-serve reply rule (403: the author did not mention the account), or the weighted text is
 * over 280 (400 too long). Final for this reply: the counselor writes another or goes private.
 */
export type XPostRefusal = 'duplicate' | 'reply-not-allowed' | 'too-long';

export class XPostRefusedError extends Error {
  override readonly name = 'XPostRefusedError';
  constructor(
    readonly reason: XPostRefusal,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`X refused the post (${reason}): ${detail}`, options);
  }
}

/** A 429: the endpoint's window is spent until `resetAt`, or (usageCapped) the app's usage cap is reached. */
export class XRateLimitedError extends Error {
  override readonly name = 'XRateLimitedError';
  constructor(
    readonly resetAt: Date,
    readonly usageCapped: boolean,
    options?: { cause?: unknown },
  ) {
    super(usageCapped ? `X usage cap reached (UsageCapExceeded)` : `X rate limit until ${resetAt.toISOString()}`, options);
  }
}

/**
 * Why a stored copy was removed (X Developer Agreement III.B "Removals": deleted, protected,
 * suspended, withheld content must be deleted from our copy). `removed` is a batch compliance
 * `bounced` (the post failed X's own checks).
 */
export type GoneReason = 'deleted' | 'protected' | 'suspended' | 'withheld' | 'removed';
export const GONE_REASONS: readonly GoneReason[] = ['deleted', 'protected', 'suspended', 'withheld', 'removed'];

export interface TweetLookupResult {
  /** Ids X returned: still public. */
  found: string[];
  /** Ids X reported as not found (deleted), not authorized (protected author), or withheld in the city's country. */
  gone: { id: string; reason: GoneReason }[];
}

export type ComplianceJobStatus = 'created' | 'in_progress' | 'complete' | 'failed' | 'expired';

/**
 * X's batch compliance (POST /2/compliance/jobs, app-only): upload post ids, later download the
 * ids that had an event. Not a billed post read (docs.x.com fundamentals/post-cap lists the
 * billed endpoints; compliance is not among them).
 */
export interface XComplianceJobs {
  create(): Promise<{ id: string; uploadUrl: string; downloadUrl: string } | RateLimited>;
  upload(uploadUrl: string, ids: string[]): Promise<void>;
  status(jobId: string): Promise<{ status: ComplianceJobStatus } | RateLimited>;
  /** Ids with a compliance event, with X's reason (deleted, protected, suspended, bounced, scrub_geo). */
  results(downloadUrl: string): Promise<{ id: string; reason: string }[]>;
}

export interface PendingComplianceJob {
  jobId: string;
  downloadUrl: string;
  /** KST day it was submitted: one job a day. */
  submittedDay: string;
}

/** Bookkeeping of the compliance sweep (poller partition of the complaint table). */
export interface ComplianceSweepState {
  getComplianceJob(): Promise<{ pending?: PendingComplianceJob; lastSubmittedDay?: string }>;
  saveComplianceJob(job: PendingComplianceJob): Promise<void>;
  /** Forgets the pending job once its results are applied (or it failed). */
  clearComplianceJob(jobId: string): Promise<void>;
  /** True once per KST day: the day's lookup pass is this run's to make. */
  claimLookupDay(day: string): Promise<boolean>;
}

/** GET /2/tweets?ids= in batches of at most 100. */
export interface XTweetLookup {
  lookup(ids: string[]): Promise<TweetLookupResult | RateLimited>;
}

/** The stored copies of mentions (the complaint repository implements it). */
export interface StoredMentions {
  /** Ids of stored mentions whose text is still held, in pages; `due` picks complaint ages (whole KST days) to list. */
  listMentionIds(due?: (ageDays: number) => boolean): AsyncIterable<string[]>;
  /** Removes the stored text (and its translation) of one mention, keeping the contact record. */
  redactMentionText(tweetId: string, reason: GoneReason, at: Date): Promise<void>;
}

/** One mention -> one canonical InboundMessage (the X channel's mapper, channels/x/mention-to-inbound.ts). */
export type MentionMapping =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'skipped'; reason: 'retweet' | 'own-post' | 'no-author' };

export interface MentionContext {
  /** The city's X account id: the recipient, and the author of posts we must not ingest. */
  accountId: string;
  /** When X leaves created_at out (it never should with our tweet.fields): the poll time. */
  fallbackReceivedAt: string;
}

export type MentionToInbound = (tweet: XTweet, author: XUser | undefined, context: MentionContext) => MentionMapping;
