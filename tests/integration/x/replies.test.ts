import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitIntoThread, weightedLength } from '../../../functions/core/x/reply-thread.ts';
import { createXClient } from '../../../functions/adapters/x/x-client.ts';
import { TwitterApiV2ReplyPoster } from '../../../functions/adapters/x/x-reply-poster.ts';
import { XThreadInterruptedError } from '../../../functions/core/x/ports.ts';
import { sendXReply } from '../../../functions/core/x/send-x-reply.ts';
import { FakeXApi } from '../../support/fake-x-api.ts';
import { APP_BEARER, CITY_ACCOUNT_ID, silentLog } from './harness.ts';

const userContext = { appKey: 'consumer-key', appSecret: 'consumer-secret', accessToken: 'access-token', accessSecret: 'access-secret' };
const replyOptions = { privateChannels: { sms: '120', chatUrl: 'https://120.seoul.go.kr/chat' } };
const MENTION_ID = '1866503928398045184';

describe('X replies (twitter-api-v2 POST /2/tweets on a local X API v2)', () => {
  let x: FakeXApi;

  beforeEach(async () => {
    x = await FakeXApi.start({ accountId: CITY_ACCOUNT_ID, appBearerToken: APP_BEARER });
  });
  afterEach(async () => {
    await x.close();
  });

  const poster = (): TwitterApiV2ReplyPoster => new TwitterApiV2ReplyPoster(createXClient(userContext, { apiBaseUrl: x.baseUrl, mode: 'write' }));

  it('posts a long reply as a numbered thread, each part replying to the previous one, signed with OAuth 1.0a', async () => {
    const text = '안녕하세요, 서울시 다산콜센터입니다. 말씀하신 버스정류장 조명 고장은 담당 부서에 전달되었고 이번 주 안에 수리될 예정입니다. '.repeat(4);

    const sent = await sendXReply({ poster: poster(), log: silentLog }, { text, language: 'ko', inReplyToTweetId: MENTION_ID }, replyOptions);

    expect(sent.kind).toBe('posted');
    const expectedParts = splitIntoThread(text);
    expect(x.posted.map((post) => post.text)).toEqual(expectedParts);
    expect(x.posted[0]?.inReplyToTweetId).toBe(MENTION_ID);
    x.posted.slice(1).forEach((post, index) => expect(post.inReplyToTweetId).toBe(x.posted[index]?.id));
    expect(sent.kind === 'posted' && sent.tweetIds).toEqual(x.posted.map((post) => post.id));
    expect(x.posted.every((post) => weightedLength(post.text) <= 280)).toBe(true);
    expect(x.requests.every((request) => request.authorization?.startsWith('OAuth '))).toBe(true);
  });

  it('refuses a reply with a phone number and posts the invitation in the citizen’s language instead', async () => {
    const sent = await sendXReply(
      { poster: poster(), log: silentLog },
      { text: 'Please call our officer Kim at 010-9876-5432.', language: 'en', inReplyToTweetId: MENTION_ID },
      replyOptions,
    );

    expect(sent).toMatchObject({ kind: 'refused', reason: 'personal-data', found: ['phone'] });
    expect(x.posted).toHaveLength(1);
    expect(x.posted[0]?.text).toContain('text message to 120');
    expect(x.posted[0]?.text).not.toContain('9876');
    expect(x.posted[0]?.inReplyToTweetId).toBe(MENTION_ID);
  });

  it('reports the parts already posted when X refuses one, and resumes after them', async () => {
    const parts = ['part one (1/3)', 'part two (2/3)', 'part three (3/3)'];
    x.script('post', { kind: 'pass' }, { kind: 'server-error', status: 503 });

    const failure = await poster().postThread(MENTION_ID, parts).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(XThreadInterruptedError);
    const posted = (failure as XThreadInterruptedError).postedIds;
    expect(posted).toHaveLength(1);

    const ids = await poster().postThread(MENTION_ID, parts, posted);

    expect(x.posted.map((post) => post.text)).toEqual(parts);
    expect(x.posted[1]?.inReplyToTweetId).toBe(posted[0]);
    expect(ids).toEqual(x.posted.map((post) => post.id));
  });

  it('the fake weighs text like X (twitter-text: Hangul counts 2): 150 Hangul characters are over the limit and answered 400 too long', async () => {
    const hangul = '가'.repeat(150);
    const failure = await poster().postThread(MENTION_ID, [hangul]).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(XThreadInterruptedError);
    expect((failure as XThreadInterruptedError).cause).toMatchObject({ reason: 'too-long' });
    expect(x.posted).toHaveLength(0);
    // Our splitter agrees with X: the same text goes out as two parts X accepts.
    const sent = await sendXReply({ poster: poster(), log: silentLog }, { text: hangul, language: 'ko', inReplyToTweetId: MENTION_ID }, replyOptions);
    expect(sent.kind === 'posted' && sent.tweetIds).toHaveLength(2);
  });

  it('keeps a separate rate-limit window per endpoint: a spent POST window refuses replies while mention reads go on', async () => {
    x.setRateLimit({ limit: 100, remaining: 0, resetEpochSeconds: 1_900_000_000 }, 'post');

    const failure = await poster().postThread(MENTION_ID, ['hello']).catch((error: unknown) => error);
    const reader = createXClient({ bearerToken: APP_BEARER }, { apiBaseUrl: x.baseUrl, mode: 'read' });
    const mentions = await reader.userMentionTimeline(CITY_ACCOUNT_ID, { max_results: 5 });

    expect((failure as XThreadInterruptedError).cause).toMatchObject({ name: 'XRateLimitedError', resetAt: new Date(1_900_000_000_000) });
    expect(mentions.rateLimit.remaining).toBe(449);
    expect(x.rateWindow('post').remaining).toBe(0);
  });

  it('cannot post with the app-only bearer token (X requires user context)', async () => {
    expect(() => createXClient({ bearerToken: APP_BEARER }, { apiBaseUrl: x.baseUrl, mode: 'write' })).toThrow(/OAuth 1\.0a keys/);
    const appOnly = new TwitterApiV2ReplyPoster(createXClient({ bearerToken: APP_BEARER }, { apiBaseUrl: x.baseUrl, mode: 'read' }));
    await expect(appOnly.postThread(MENTION_ID, ['hello'])).rejects.toBeInstanceOf(XThreadInterruptedError);
    expect(x.posted).toHaveLength(0);
  });
});
