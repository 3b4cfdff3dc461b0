import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import type { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoXStoredMentions } from '../../../functions/adapters/dynamodb/x-stored-mentions.ts';
import { buildXChannelSend } from '../../../functions/adapters/x/build-x-channel-send.ts';
import { ingestMessage, type IngestDeps } from '../../../functions/core/ingest-message.ts';
import { sendReply, type ReplyDeps } from '../../../functions/core/reply.ts';
import { CapturingLog, FakeTranslator } from '../../support/in-memory-ports.ts';
import { pipelineDeps } from './pipeline-deps.ts';
import { silentLog, startPollerHarness, type PollerHarness } from './harness.ts';

const userContext = { appKey: 'consumer-key', appSecret: 'consumer-secret', accessToken: 'access-token', accessSecret: 'access-secret' };

describe('the reply use case on X (embedded DynamoDB, local X API v2)', () => {
  let h: PollerHarness;
  let repository: DynamoComplaintRepository;
  let ingest: IngestDeps;
  let replies: ReplyDeps;

  beforeEach(async () => {
    h = await startPollerHarness();
    ({ repository, ingest } = pipelineDeps(h, null));
    const { pii, events } = ingest;
    const x = buildXChannelSend({ credentials: userContext, apiBaseUrl: h.x.baseUrl, complaints: repository, privateChannels: { sms: '120' }, log: silentLog });
    replies = { repository, pii, clock: h.clock, log: new CapturingLog(), translator: null, events, senders: { x } };
  });
  afterEach(async () => {
    await h.close();
  });

  async function mention(id: string, text: string, receivedAt: string, author = '44001'): Promise<string> {
    const message = InboundMessageSchema.parse({
      channel: 'x',
      provider: 'x-api',
      providerMessageId: id,
      citizenHandle: author,
      citizenHandleKind: 'x-user',
      text,
      conversationRef: '1866503928398200000',
      receivedAt,
    });
    return (await ingestMessage(ingest, message)).complaintId;
  }

  it('answers the latest mention of the conversation', async () => {
    const complaintId = await mention('1866503928398200000', '@seoul_city 가로등이 꺼졌어요', '2025-03-14T04:00:00.000Z');
    await mention('1866503928398200007', '@seoul_city 아직도 꺼져 있어요', '2025-03-14T04:30:00.000Z');

    const reply = await sendReply(replies, { complaintId, counselor: 'kim', textKo: '확인 후 수리하겠습니다.', replyId: 'reply-latest-1' });

    expect(reply.delivery).toBe('sent');
    expect(h.x.posted).toEqual([{ id: reply.providerMessageId, text: '확인 후 수리하겠습니다.', inReplyToTweetId: '1866503928398200007' }]);
  });

  it('resumes an interrupted thread after the parts already posted when the same reply is retried', async () => {
    const complaintId = await mention('1866503928398200010', '@seoul_city 버스 정류장 조명이 고장났어요', '2025-03-14T04:00:00.000Z');
    const textKo = '안녕하세요, 서울시 다산콜센터입니다. 말씀하신 버스정류장 조명 고장은 담당 부서에 전달되었고 이번 주 안에 수리될 예정입니다. '.repeat(3).trim();
    h.x.script('post', { kind: 'pass' }, { kind: 'server-error', status: 503 });

    const interrupted = await sendReply(replies, { complaintId, counselor: 'kim', textKo, replyId: 'reply-resume-1' });
    const firstId = h.x.posted[0]?.id;
    const resumed = await sendReply(replies, { complaintId, counselor: 'kim', textKo, replyId: 'reply-resume-1' });

    expect(interrupted).toMatchObject({ delivery: 'failed', providerMessageId: firstId });
    expect(interrupted.lastError).toMatch(/PartiallySentError/);
    expect(resumed.delivery).toBe('sent');
    expect(h.x.posted.length).toBeGreaterThan(1);
    expect(new Set(h.x.posted.map((post) => post.text)).size).toBe(h.x.posted.length);
    expect(h.x.posted[1]?.inReplyToTweetId).toBe(firstId);
    expect(resumed.providerMessageId).toBe(h.x.posted.map((post) => post.id).join(','));
  });

  it('answers a citizen who wrote Traditional Chinese (X lang zh-tw) in Traditional Chinese: the reply is translated into zh-TW', async () => {
    const translator = new FakeTranslator();
    const complaintId = await mention('1866503928398200030', '@seoul_city 我們這裡的路燈壞了，請儘快處理。', '2025-03-14T04:00:00.000Z');

    const reply = await sendReply({ ...replies, translator }, { complaintId, counselor: 'kim', textKo: '확인 후 수리하겠습니다.', replyId: 'reply-zh-tw-1' });

    expect(translator.calls).toEqual([{ text: '확인 후 수리하겠습니다.', source: 'ko', target: 'zh-TW' }]);
    expect(reply).toMatchObject({ delivery: 'sent', language: 'zh' });
  });

  it('records X\'s duplicate-content refusal as a final refusal with the reason, and posts nothing more when it is retried', async () => {
    const first = await mention('1866503928398200040', '@seoul_city 가로등이 꺼졌어요', '2025-03-14T04:00:00.000Z');
    const second = await mention('1866503928398200041', '@seoul_city 신호등이 꺼졌어요', '2025-03-14T04:01:00.000Z', '44002');
    h.x.addMention({ id: '1866503928398200040', text: '@seoul_city 가로등이 꺼졌어요', author_id: '44001' });
    h.x.addMention({ id: '1866503928398200041', text: '@seoul_city 신호등이 꺼졌어요', author_id: '44002' });
    await sendReply(replies, { complaintId: first, counselor: 'kim', textKo: '확인 후 조치하겠습니다.', replyId: 'reply-dup-1' });

    const refused = await sendReply(replies, { complaintId: second, counselor: 'kim', textKo: '확인 후 조치하겠습니다.', replyId: 'reply-dup-2' });
    const again = await sendReply(replies, { complaintId: second, counselor: 'kim', textKo: '확인 후 조치하겠습니다.', replyId: 'reply-dup-2' });

    expect(refused.delivery).toBe('failed');
    expect(refused.lastError).toMatch(/^refused: .*duplicate/);
    expect(again).toMatchObject({ delivery: 'failed', lastError: refused.lastError });
    expect(h.x.posted).toHaveLength(1);
  });

  it('records the self-serve reply restriction (author did not mention the city) as a final refusal, nothing posted', async () => {
    // A reply inside a conversation, whose author did not @mention the city: X refuses a reply under it.
    const complaintId = await mention('1866503928398200050', '저도 같은 문제가 있어요', '2025-03-14T04:00:00.000Z');
    h.x.addMention({ id: '1866503928398200050', text: '저도 같은 문제가 있어요', author_id: '44001' });

    const reply = await sendReply(replies, { complaintId, counselor: 'kim', textKo: '확인하겠습니다.', replyId: 'reply-restricted-1' });

    expect(reply.delivery).toBe('failed');
    expect(reply.lastError).toMatch(/^refused: .*not allowed/);
    expect(h.x.posted).toHaveLength(0);
  });

  it('leaves a reply refused for a spent POST window retryable: the same reply id goes out after the window resets', async () => {
    const complaintId = await mention('1866503928398200060', '@seoul_city 보도블록이 깨졌어요', '2025-03-14T04:00:00.000Z');
    h.x.setRateLimit({ limit: 100, remaining: 0, resetEpochSeconds: 1_900_000_000 }, 'post');

    const limited = await sendReply(replies, { complaintId, counselor: 'kim', textKo: '확인하겠습니다.', replyId: 'reply-limited-1' });
    h.x.setRateLimit({ limit: 100, remaining: 100, resetEpochSeconds: 1_900_000_900 }, 'post');
    const retried = await sendReply(replies, { complaintId, counselor: 'kim', textKo: '확인하겠습니다.', replyId: 'reply-limited-1' });

    expect(limited.delivery).toBe('failed');
    expect(limited.lastError).toMatch(/rate limit/i);
    expect(limited.lastError).not.toMatch(/^refused: /);
    expect(retried.delivery).toBe('sent');
  });

  it('fails clearly, posting nothing, when every mention of the complaint was deleted at X', async () => {
    const complaintId = await mention('1866503928398200020', '@seoul_city 지울 글', '2025-03-14T04:00:00.000Z');
    await new DynamoXStoredMentions(h.db, h.table.tableName, { windowDays: 1, clock: h.clock }).redactMentionText('1866503928398200020', 'deleted', h.clock.now());

    const reply = await sendReply(replies, { complaintId, counselor: 'kim', textKo: '답변입니다.', replyId: 'reply-gone-1' });

    expect(reply.delivery).toBe('failed');
    expect(reply.lastError).toMatch(/no mention left to reply to/);
    expect(h.x.posted).toHaveLength(0);
  });
});
