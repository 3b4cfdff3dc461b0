import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import type { XUser } from '../../../schemas/x-api.ts';
import type { IntakeQueue } from '../ports/intake-queue.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { MentionEdits, MentionsPage, MentionToInbound, PollerMetrics, PollerStateStore, XMentionsSource } from './ports.ts';
import { kstDay } from '../kst.ts';
import { compareTweetIds, newestTweetId } from './tweet-id.ts';

/*
 * One scheduled poll of the city's mention timeline. The rules that make it lose nothing and
 * process nothing twice (see docs/adr/0004-x-mention-polling.md):
 * - a lease: a second overlapping run finds it held and returns at once;
 * - the since_id cursor moves only after every page of the poll has been enqueued, and only
 *   forward; a crash, a 429, a lost lease or an exhausted budget leave it where it was, so
 *   the next run re-reads (the pipeline dedupes on the tweet id);
 * - every page is paid for before it is requested: reads are reserved against the monthly
 *   budget (X bills per post read) and the unused part of the reservation is refunded;
 * - the first run ever takes only the newest page: the gateway does not backfill history.
 */

export interface PollMentionsDeps {
  source: XMentionsSource;
  /** The X channel's mapper from a post to the canonical message (injected: core never imports channels). */
  toInbound: MentionToInbound;
  state: PollerStateStore;
  queue: IntakeQueue;
  metrics: PollerMetrics;
  clock: Clock;
  log: Log;
  /** Where edits of stored mentions are recorded; without it an edit is enqueued under its original id. */
  edits?: MentionEdits;
}

export interface PollMentionsConfig {
  /** The city's X user id (whose mentions we read). */
  accountId: string;
  /** Posts the poller may read per calendar month (UTC), lookups excluded. */
  monthlyReadBudget: number;
  /** max_results per page, 5..100. */
  pageSize?: number;
  /** Safety stop; X serves at most the 800 most recent mentions (8 pages of 100). */
  maxPages?: number;
  /** Must outlive the Lambda timeout so a live run never loses its lease. */
  leaseSeconds?: number;
}

export type PollOutcome =
  | 'completed'
  | 'lease-held'
  | 'lease-lost'
  | 'waiting-for-rate-limit'
  | 'rate-limited'
  | 'usage-capped'
  | 'waiting-for-usage-cap'
  | 'budget-exhausted';

export interface PollResult {
  outcome: PollOutcome;
  pages: number;
  enqueued: number;
  skipped: number;
  /** Edits recorded on mentions already stored. */
  edited?: number;
  /** The cursor after the poll. */
  sinceId?: string;
  /** When the poll stopped on a rate limit: the earliest next request. */
  retryAfter?: string;
}

/** X refuses max_results below 5. */
export const X_MIN_PAGE_SIZE = 5;
export const X_MAX_PAGE_SIZE = 100;
const DEFAULTS = { pageSize: X_MAX_PAGE_SIZE, maxPages: 8, leaseSeconds: 120 };

export function billingMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export async function pollMentions(deps: PollMentionsDeps, config: PollMentionsConfig, owner: string): Promise<PollResult> {
  const { state, log } = deps;
  const pageSize = Math.min(X_MAX_PAGE_SIZE, Math.max(X_MIN_PAGE_SIZE, config.pageSize ?? DEFAULTS.pageSize));
  const maxPages = Math.max(1, config.maxPages ?? DEFAULTS.maxPages);
  const leaseSeconds = config.leaseSeconds ?? DEFAULTS.leaseSeconds;
  const startedAt = deps.clock.now();

  if (!(await state.acquireLease(owner, startedAt, leaseSeconds))) {
    log.info('x poll skipped: another run holds the lease');
    return { outcome: 'lease-held', pages: 0, enqueued: 0, skipped: 0 };
  }
  try {
    return await pollUnderLease(deps, { ...config, pageSize, maxPages, leaseSeconds }, owner, startedAt);
  } finally {
    await state.releaseLease(owner).catch((error: unknown) => {
      // The lease expires on its own; a failed release only delays the next run.
      log.warn('x poll lease release failed', { error: String(error) });
    });
  }
}

interface ResolvedConfig extends PollMentionsConfig {
  pageSize: number;
  maxPages: number;
  leaseSeconds: number;
}

async function pollUnderLease(deps: PollMentionsDeps, config: ResolvedConfig, owner: string, startedAt: Date): Promise<PollResult> {
  const { source, state, queue, metrics, clock, log } = deps;
  const current = await state.getState();
  const result: PollResult = { outcome: 'completed', pages: 0, enqueued: 0, skipped: 0 };
  if (current.sinceId !== undefined) result.sinceId = current.sinceId;

  if (current.usageCappedUntil !== undefined && current.usageCappedUntil.getTime() > startedAt.getTime()) {
    log.info('x poll waiting for the usage cap', { until: current.usageCappedUntil.toISOString() });
    return { ...result, outcome: 'waiting-for-usage-cap', retryAfter: current.usageCappedUntil.toISOString() };
  }
  if (current.rateLimitedUntil !== undefined && current.rateLimitedUntil.getTime() > startedAt.getTime()) {
    log.info('x poll waiting for the rate-limit window', { until: current.rateLimitedUntil.toISOString() });
    return { ...result, outcome: 'waiting-for-rate-limit', retryAfter: current.rateLimitedUntil.toISOString() };
  }

  const firstRun = current.sinceId === undefined;
  const month = billingMonth(startedAt);
  let paginationToken: string | undefined;
  let newest: string | undefined;
  let exhaustedWindow: Date | undefined;
  /** Edits waiting for their original to be stored: the cursor stays below the oldest. */
  const held: string[] = [];
  const seen: string[] = [];
  let oldestKnownDay = current.oldestMentionDay;

  for (;;) {
    if (result.pages > 0 && !(await state.renewLease(owner, clock.now(), config.leaseSeconds))) {
      log.warn('x poll lost its lease; stopping without moving the cursor', { pages: result.pages });
      return { ...result, outcome: 'lease-lost' };
    }
    const granted = await state.reserveReads(month, config.pageSize, X_MIN_PAGE_SIZE, config.monthlyReadBudget);
    if (granted === 0) {
      metrics.readBudgetExhausted(month, config.monthlyReadBudget);
      log.error('x poll stopped: monthly read budget exhausted', { month, budget: config.monthlyReadBudget });
      return { ...result, outcome: 'budget-exhausted' };
    }

    let fetched;
    try {
      fetched = await source.fetchPage({
        maxResults: granted,
        ...(current.sinceId !== undefined ? { sinceId: current.sinceId } : {}),
        ...(paginationToken !== undefined ? { paginationToken } : {}),
      });
    } catch (error) {
      await refundQuietly(deps, month, granted);
      throw error;
    }

    if (fetched.kind === 'rate-limited' && fetched.usageCapped) {
      await refundQuietly(deps, month, granted);
      await state.recordUsageCap(fetched.resetAt);
      metrics.usageCapped(fetched.resetAt);
      log.error('x poll stopped: X usage cap reached (UsageCapExceeded); cursor kept', { until: fetched.resetAt.toISOString() });
      return { ...result, outcome: 'usage-capped', retryAfter: fetched.resetAt.toISOString() };
    }
    if (fetched.kind === 'rate-limited') {
      await refundQuietly(deps, month, granted);
      await state.recordRateLimit(fetched.resetAt);
      metrics.rateLimited(fetched.resetAt);
      log.warn('x poll rate limited; cursor kept', { resetAt: fetched.resetAt.toISOString(), pages: result.pages });
      return { ...result, outcome: 'rate-limited', retryAfter: fetched.resetAt.toISOString() };
    }

    const { page } = fetched;
    const unused = granted - page.tweets.length;
    if (unused > 0) await refundQuietly(deps, month, unused);

    const envelopes = await toEnvelopes(deps, page, { accountId: config.accountId, polledAt: clock.now(), sinceId: current.sinceId }, result, held);
    if (envelopes.length > 0) await queue.send(envelopes);
    // The compliance sweep lists complaint days back to the oldest mention ever enqueued.
    const days = envelopes.flatMap((envelope) => (envelope.kind === 'inbound' ? [kstDay(envelope.message.receivedAt)] : []));
    const oldestDay = days.sort()[0];
    if (oldestDay !== undefined && (oldestKnownDay === undefined || oldestDay < oldestKnownDay)) {
      await state.recordMentionDay(oldestDay);
      oldestKnownDay = oldestDay;
    }
    result.enqueued += envelopes.filter((envelope) => envelope.kind === 'inbound').length;
    result.pages += 1;
    newest = newestTweetId([newest, page.newestId, ...page.tweets.map((tweet) => tweet.id)]);
    seen.push(...page.tweets.map((tweet) => tweet.id));

    if (page.rateLimit?.remaining === 0) exhaustedWindow = page.rateLimit.resetAt;
    else exhaustedWindow = undefined;

    if (firstRun || page.nextToken === undefined) break;
    if (result.pages >= config.maxPages) {
      log.warn('x poll reached its page cap; older mentions are beyond what X serves', { pages: result.pages });
      break;
    }
    if (exhaustedWindow !== undefined) {
      // The next request would be a 429: stop now, like a 429, and keep the cursor.
      await state.recordRateLimit(exhaustedWindow);
      metrics.rateLimited(exhaustedWindow);
      log.warn('x poll rate-limit window used up mid-poll; cursor kept', { resetAt: exhaustedWindow.toISOString() });
      return { ...result, outcome: 'rate-limited', retryAfter: exhaustedWindow.toISOString() };
    }
    paginationToken = page.nextToken;
  }

  if (held.length > 0) newest = cursorBelow(held, seen, current.sinceId);
  if (newest !== undefined && (current.sinceId === undefined || compareTweetIds(newest, current.sinceId) > 0)) {
    await state.advanceCursor(newest, clock.now());
    result.sinceId = newest;
  }
  if (exhaustedWindow !== undefined) await state.recordRateLimit(exhaustedWindow);
  if (result.enqueued > 0) metrics.mentionsEnqueued(result.enqueued);
  log.info('x poll completed', { pages: result.pages, enqueued: result.enqueued, skipped: result.skipped, firstRun, sinceId: result.sinceId });
  return result;
}

/** How long an edit waits for its original to be stored before it is taken as the first copy. */
export const EDIT_HOLD_MS = 60 * 60 * 1000;

/** The newest id seen that is older than every held edit (or the old cursor): the next poll re-reads the held ones. */
function cursorBelow(held: string[], seen: string[], sinceId: string | undefined): string | undefined {
  const oldestHeld = held.reduce((a, b) => (compareTweetIds(a, b) <= 0 ? a : b));
  return newestTweetId([sinceId, ...seen.filter((id) => compareTweetIds(id, oldestHeld) < 0)]);
}

/**
 * The page's mentions as intake envelopes. An edited mention (edit_history_tweet_ids names
 * older versions) is not a new contact: its edit is recorded on the message stored for the
 * original id, whose translation is asked for again. When no message holds that id: an
 * original in this page is dropped for its newest version, enqueued under the original id; an
 * original polled before is probably still in the intake queue, so the edit is held (the
 * cursor stays below it and the next poll reads it again, which X does not bill twice in a
 * UTC day) until the original is stored, or for an hour after the edit (an original the
 * gateway never received: the edit is then enqueued under the original id).
 */
async function toEnvelopes(
  deps: PollMentionsDeps,
  page: MentionsPage,
  context: { accountId: string; polledAt: Date; sinceId: string | undefined },
  counters: PollResult,
  held: string[],
): Promise<IntakeEnvelope[]> {
  const { tweets } = page;
  const authors = new Map(page.users.map((user: XUser) => [user.id, user]));
  const inPage = new Set(tweets.map((tweet) => tweet.id));
  // Every version but the newest of an edit chain (X lists the whole chain, oldest first, on each version).
  const superseded = new Set(tweets.flatMap((tweet) => (tweet.edit_history_tweet_ids ?? []).slice(0, -1)));
  const newestFirst = [...tweets].sort((a, b) => compareTweetIds(b.id, a.id));
  const envelopes: IntakeEnvelope[] = [];
  for (const tweet of newestFirst) {
    if (superseded.has(tweet.id)) continue;
    const mapped = deps.toInbound(tweet, tweet.author_id !== undefined ? authors.get(tweet.author_id) : undefined, {
      accountId: context.accountId,
      fallbackReceivedAt: context.polledAt.toISOString(),
    });
    if (mapped.kind === 'skipped') {
      counters.skipped += 1;
      continue;
    }
    const originalId = tweet.edit_history_tweet_ids?.[0];
    if (originalId === undefined || originalId === tweet.id) {
      envelopes.push({ kind: 'inbound', message: mapped.message });
      continue;
    }
    const recorded = deps.edits
      ? await deps.edits.recordEdit(originalId, { tweetId: tweet.id, text: mapped.message.text, at: context.polledAt })
      : { kind: 'not-stored' as const };
    if (recorded.kind === 'recorded') {
      counters.edited = (counters.edited ?? 0) + 1;
      envelopes.push({ kind: 'translate', complaintId: recorded.complaintId, messageId: recorded.messageId, attempt: 1 });
      continue;
    }
    if (recorded.kind === 'unchanged') continue;
    const editedAt = Date.parse(tweet.created_at ?? '');
    const recent = Number.isFinite(editedAt) && context.polledAt.getTime() - editedAt < EDIT_HOLD_MS;
    if (deps.edits && !inPage.has(originalId) && recent) {
      held.push(tweet.id);
      deps.log.info('x edit held until its original is stored', { tweetId: tweet.id });
      continue;
    }
    envelopes.push({ kind: 'inbound', message: { ...mapped.message, providerMessageId: originalId } });
  }
  return envelopes.reverse();
}

async function refundQuietly(deps: PollMentionsDeps, month: string, count: number): Promise<void> {
  try {
    await deps.state.refundReads(month, count);
  } catch (error) {
    // Keeping the reservation only makes the budget stricter, never overspent.
    deps.log.warn('x read-budget refund failed', { month, count, error: String(error) });
  }
}
