import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingMonth } from '../../../functions/core/x/poll-mentions.ts';
import type { FetchPageRequest, FetchPageResult, XMentionsSource } from '../../../functions/core/x/ports.ts';
import { USAGE_CAP_BACKOFF_MS } from '../../../functions/core/x/x-api-limits.ts';
import { buildXPoller } from '../../../functions/adapters/x/build-x-poller.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';
import { APP_BEARER, CITY_ACCOUNT_ID, CITY_OWNER_TOKEN, silentLog, makeMentions, startPollerHarness, type PollerHarness } from './harness.ts';

describe('X mention poller (twitter-api-v2 against a local X API v2, embedded DynamoDB)', () => {
  let h: PollerHarness;

  beforeEach(async () => {
    h = await startPollerHarness({ pageSize: 5 });
  });
  afterEach(async () => {
    await h.close();
  });

  async function seed(count: number, cursor = '1866503928398045183'): Promise<string[]> {
    const mentions = makeMentions(count);
    for (const { tweet, author } of mentions) h.x.addMention(tweet, author);
    if (cursor) await h.state.advanceCursor(cursor, h.clock.now());
    return mentions.map(({ tweet }) => tweet.id);
  }

  it('enqueues every mention across all pages and advances since_id to the newest only after the last page', async () => {
    const ids = await seed(23);

    const result = await h.poll();

    expect(result).toMatchObject({ outcome: 'completed', pages: 5, enqueued: 23, sinceId: '1866503928398045206' });
    expect(new Set(h.queue.ids())).toEqual(new Set(ids));
    expect((await h.state.getState()).sinceId).toBe('1866503928398045206');
    const requests = h.x.mentionRequests();
    expect(requests).toHaveLength(5);
    expect(requests.every((request) => request.query.get('since_id') === '1866503928398045183')).toBe(true);
    expect(requests[0]?.query.has('pagination_token')).toBe(false);
    expect(requests.slice(1).every((request) => request.query.has('pagination_token'))).toBe(true);
    expect(requests[0]?.query.get('expansions')).toBe('author_id');
    expect(requests[0]?.query.get('tweet.fields')?.split(',')).toEqual(
      expect.arrayContaining(['created_at', 'conversation_id', 'author_id', 'in_reply_to_user_id', 'referenced_tweets']),
    );
    expect(requests[0]?.authorization).toMatch(/^Bearer /);
  });

  it('maps a mention to the canonical InboundMessage with ids kept as exact strings', async () => {
    await seed(1);

    await h.poll();

    const [message] = h.queue.messages();
    expect(message).toEqual({
      channel: 'x',
      provider: 'x-api',
      providerMessageId: '1866503928398045184',
      citizenHandle: '9000000000000000000',
      citizenHandleKind: 'x-user',
      citizenName: '@citizen_0',
      recipient: CITY_ACCOUNT_ID,
      text: '@seoul_city 민원 0 🚌 bus stop light broken',
      media: [],
      conversationRef: '1866503928398045184',
      receivedAt: '2025-03-14T04:00:00.000Z',
    });
  });

  it('asks X for each post\'s language and passes it on as the message\'s language hint', async () => {
    h.x.addMention({ id: '1866503928398046001', text: '@seoul_city xin chao, den duong bi hong', author_id: '78', lang: 'vi' });
    h.x.addMention({ id: '1866503928398046002', text: '@seoul_city 👍', author_id: '79', lang: 'zxx' });

    await h.poll();

    expect(h.x.mentionRequests()[0]?.query.get('tweet.fields')?.split(',')).toContain('lang');
    const byId = new Map(h.queue.messages().map((message) => [message.providerMessageId, message]));
    expect(byId.get('1866503928398046001')?.languageHint).toBe('vi');
    expect(byId.get('1866503928398046002')).not.toHaveProperty('languageHint');
  });

  it('takes only the newest page on the very first run (no backfill), then continues from its cursor', async () => {
    const ids = await seed(12, '');

    const first = await h.poll();

    expect(first).toMatchObject({ outcome: 'completed', pages: 1, enqueued: 5, sinceId: ids[11] });
    expect(h.queue.ids().sort()).toEqual(ids.slice(7).sort());
    h.x.addMention({ id: '1866503928398045999', text: '@seoul_city new one', author_id: '77' });

    const second = await h.poll();

    expect(second).toMatchObject({ outcome: 'completed', enqueued: 1, sinceId: '1866503928398045999' });
    expect(h.x.mentionRequests().at(-1)?.query.get('since_id')).toBe(ids[11]);
  });

  it('on 429 keeps the cursor, waits until x-rate-limit-reset, then re-reads without losing a mention', async () => {
    const ids = await seed(12);
    const resetEpoch = Math.floor(h.clock.now().getTime() / 1000) + 600;
    h.x.script('mentions', { kind: 'pass' }, { kind: 'rate-limit', resetEpochSeconds: resetEpoch });

    const limited = await h.poll();

    expect(limited).toMatchObject({ outcome: 'rate-limited', pages: 1, retryAfter: new Date(resetEpoch * 1000).toISOString() });
    expect((await h.state.getState()).sinceId).toBe('1866503928398045183');
    expect(h.metrics.events).toContainEqual({ name: 'RateLimited', value: new Date(resetEpoch * 1000).toISOString() });

    h.clock.advance(60_000);
    const requestsBefore = h.x.mentionRequests().length;
    const waiting = await h.poll();
    expect(waiting.outcome).toBe('waiting-for-rate-limit');
    expect(h.x.mentionRequests()).toHaveLength(requestsBefore);

    h.x.setRateLimit({ limit: 450, remaining: 450, resetEpochSeconds: resetEpoch + 900 });
    h.clock.advance(600_000);
    const resumed = await h.poll();

    expect(resumed).toMatchObject({ outcome: 'completed', sinceId: ids[11] });
    expect(new Set(h.queue.ids())).toEqual(new Set(ids));
  });

  it('backs off X\'s monthly usage cap (429 UsageCapExceeded) for hours, not for a 15-minute window, with its own alarm metric', async () => {
    await seed(3);
    h.x.setMonthlyPostCap(0);

    const capped = await h.poll('run-cap');

    expect(capped).toMatchObject({ outcome: 'usage-capped', retryAfter: new Date(h.clock.now().getTime() + USAGE_CAP_BACKOFF_MS).toISOString() });
    expect(h.metrics.events).toContainEqual({ name: 'UsageCapExceeded', value: capped.retryAfter });
    expect(h.metrics.events.some((event) => event.name === 'RateLimited')).toBe(false);
    // Well past any 15-minute window, still waiting: no request spent on a certain 429.
    h.clock.advance(60 * 60_000);
    const waiting = await h.poll('run-cap-2');
    expect(waiting.outcome).toBe('waiting-for-usage-cap');
    expect(h.x.mentionRequests()).toHaveLength(1);
  });

  // docs.x.com x-api/getting-started/pricing, "Owned Reads": GET /2/users/{id}/mentions is billed
  // $0.001 per post instead of $0.005 when {id} is the authenticated user and that user owns the app.
  it('reads the mention timeline as the city account (OAuth 1.0a of the app owner), so X bills Owned Reads', async () => {
    await seed(4);
    const owner = { appKey: 'consumer-key', appSecret: 'consumer-secret', accessToken: CITY_OWNER_TOKEN, accessSecret: 'owner-secret' };
    const poller = buildXPoller({
      db: h.db,
      tableName: h.table.tableName,
      intake: h.queue,
      credentials: { bearerToken: APP_BEARER, ...owner },
      accountId: CITY_ACCOUNT_ID,
      apiBaseUrl: h.x.baseUrl,
      monthlyReadBudget: 10_000,
      metrics: h.metrics,
      clock: h.clock,
      log: silentLog,
    });

    expect(await poller.pollOnce('owner-run')).toMatchObject({ outcome: 'completed', enqueued: 4 });
    expect(h.x.mentionRequests()[0]?.authorization).toMatch(/^OAuth .*oauth_token="1422222222222222222-owner"/);
    expect(h.x.billed).toEqual({ ownedReads: 4, reads: 0 });
  });

  it('reads with the bearer token, and says so once, when the city account\'s OAuth 1.0a keys are not stored', async () => {
    await seed(2);
    const log = new CapturingLog();
    const poller = buildXPoller({
      db: h.db,
      tableName: h.table.tableName,
      intake: h.queue,
      credentials: { bearerToken: APP_BEARER },
      accountId: CITY_ACCOUNT_ID,
      apiBaseUrl: h.x.baseUrl,
      monthlyReadBudget: 10_000,
      metrics: h.metrics,
      clock: h.clock,
      log,
    });

    await poller.pollOnce('bearer-run');

    expect(h.x.mentionRequests()[0]?.authorization).toMatch(/^Bearer /);
    expect(h.x.billed).toEqual({ ownedReads: 0, reads: 2 });
    expect(log.lines.filter((line) => line.level === 'warn' && /Owned Reads/.test(line.message))).toHaveLength(1);
  });

  it('after a crash mid-poll the rerun re-reads from the old cursor: every mention arrives, duplicates only in the stream', async () => {
    const ids = await seed(12);
    h.queue.failOnSend = 2;

    await expect(h.poll()).rejects.toThrow('intake queue unavailable');
    expect((await h.state.getState()).sinceId).toBe('1866503928398045183');

    const rerun = await h.poll();

    expect(rerun.outcome).toBe('completed');
    expect(new Set(h.queue.ids())).toEqual(new Set(ids));
    expect(h.queue.ids().length).toBeGreaterThanOrEqual(ids.length);
    expect((await h.state.getState()).sinceId).toBe(ids[11]);
  });

  it('fails the run on a 5xx from X without moving the cursor, and frees the lease for the next run', async () => {
    const ids = await seed(7);
    h.x.script('mentions', { kind: 'pass' }, { kind: 'server-error', status: 503 });

    await expect(h.poll('crashing-run')).rejects.toThrow(/503/);
    expect((await h.state.getState()).sinceId).toBe('1866503928398045183');

    const next = await h.poll('next-run');
    expect(next.outcome).toBe('completed');
    expect(new Set(h.queue.ids())).toEqual(new Set(ids));
  });

  it('handles an empty page ({"meta":{"result_count":0}}) without moving the cursor or spending budget', async () => {
    await h.state.advanceCursor('1866503928398045183', h.clock.now());

    const result = await h.poll();

    expect(result).toMatchObject({ outcome: 'completed', pages: 1, enqueued: 0, sinceId: '1866503928398045183' });
    expect(await h.state.readsUsed(billingMonth(h.clock.now()))).toBe(0);
  });

  it('keeps a mention whose author is missing from includes.users, with the author id as handle and no name', async () => {
    await seed(3);
    h.x.script('mentions', { kind: 'drop-users' });

    await h.poll();

    const messages = h.queue.messages();
    expect(messages).toHaveLength(3);
    expect(messages.every((message) => message.citizenName === undefined && /^9{1}0+[0-2]$/.test(message.citizenHandle))).toBe(true);
  });

  it('skips retweets of mentions and the city account’s own posts', async () => {
    await h.state.advanceCursor('100', h.clock.now());
    h.x.addMention({ id: '201', text: 'RT @someone: @seoul_city hello', author_id: '55', referenced_tweets: [{ type: 'retweeted', id: '150' }] });
    h.x.addMention({ id: '202', text: '@seoul_city thread part', author_id: CITY_ACCOUNT_ID });
    h.x.addMention({ id: '203', text: '@seoul_city a real question &amp; more', author_id: '56' });

    const result = await h.poll();

    expect(result).toMatchObject({ enqueued: 1, skipped: 2, sinceId: '203' });
    expect(h.queue.messages()[0]?.text).toBe('@seoul_city a real question & more');
  });

  it('compares cursor ids as decimal strings: a 19-digit id is newer than an 18-digit one that sorts higher as text', async () => {
    await h.state.advanceCursor('999999999999999999', h.clock.now());
    h.x.addMention({ id: '1000000000000000001', text: '@seoul_city 19 digits', author_id: '56' });

    const result = await h.poll();

    expect(result.sinceId).toBe('1000000000000000001');
    expect(await h.state.advanceCursor('999999999999999999', h.clock.now())).toBe(false);
    expect((await h.state.getState()).sinceId).toBe('1000000000000000001');
  });

  it('stops at the monthly read budget with the alarm metric instead of overspending', async () => {
    await seed(30);
    const month = billingMonth(h.clock.now());

    const result = await h.poll(undefined, { monthlyReadBudget: 12 });

    expect(result).toMatchObject({ outcome: 'budget-exhausted', pages: 2, sinceId: '1866503928398045183' });
    expect(h.metrics.events).toContainEqual({ name: 'ReadBudgetExhausted', value: { month, budget: 12 } });
    expect(h.x.mentionRequests()).toHaveLength(2);
    expect(await h.state.readsUsed(month)).toBeLessThanOrEqual(12);
    expect((await h.state.getState()).sinceId).toBe('1866503928398045183');
  });

  it('asks X for no more posts than the budget has left', async () => {
    await seed(30);

    await h.poll(undefined, { monthlyReadBudget: 7 });

    expect(h.x.mentionRequests().map((request) => request.query.get('max_results'))).toEqual(['5']);
    const next = await h.poll(undefined, { monthlyReadBudget: 8, pageSize: 100 });
    expect(next.outcome).toBe('budget-exhausted');
    expect(await h.state.readsUsed(billingMonth(h.clock.now()))).toBe(5);
  });

  it('lets only one of two overlapping runs poll (lease), the other returns at once', async () => {
    const ids = await seed(6);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gated: XMentionsSource = {
      fetchPage: async (request: FetchPageRequest): Promise<FetchPageResult> => {
        entered();
        await gate;
        return h.source.fetchPage(request);
      },
    };

    const first = h.poll('run-a', { source: gated });
    await inside;
    const second = await h.poll('run-b');
    release();

    expect(second).toMatchObject({ outcome: 'lease-held', enqueued: 0 });
    expect(await first).toMatchObject({ outcome: 'completed', enqueued: 6 });
    expect(h.queue.ids().sort()).toEqual([...ids].sort());
  });

  it('takes over an expired lease; the stalled run then stops without moving the cursor', async () => {
    await seed(12);
    let stalled = true;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pausedAfterFirstPage!: () => void;
    const paused = new Promise<void>((resolve) => (pausedAfterFirstPage = resolve));
    let calls = 0;
    const stalling: XMentionsSource = {
      fetchPage: async (request) => {
        calls += 1;
        const page = await h.source.fetchPage(request);
        if (calls === 1 && stalled) {
          pausedAfterFirstPage();
          await gate;
        }
        return page;
      },
    };

    const slow = h.poll('slow-run', { source: stalling, leaseSeconds: 60 });
    await paused;
    h.clock.advance(61_000);
    const takeover = await h.poll('takeover-run', { leaseSeconds: 60 });
    stalled = false;
    release();
    const slowResult = await slow;

    expect(takeover.outcome).toBe('completed');
    expect(slowResult.outcome).toBe('lease-lost');
    expect((await h.state.getState()).sinceId).toBe(takeover.sinceId);
  });
});
