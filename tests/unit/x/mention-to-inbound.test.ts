import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageHintFromX, mentionToInbound, textAfterLeadingMentions, unescapeXText } from '../../../functions/channels/x/mention-to-inbound.ts';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import { XMentionsResponseSchema } from '../../../schemas/x-api.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/x/${name}.json`, import.meta.url), 'utf8'));

const context = { accountId: '2244994945', fallbackReceivedAt: '2025-03-14T05:00:00.000Z' };

describe('mention -> InboundMessage', () => {
  it('maps the documented mentions response to valid canonical messages', () => {
    const body = XMentionsResponseSchema.parse(fixture('mentions-page'));
    const users = new Map(body.includes?.users?.map((user) => [user.id, user]));
    const messages = (body.data ?? []).map((tweet) => mentionToInbound(tweet, users.get(tweet.author_id ?? ''), context));

    expect(messages[0]).toEqual({
      kind: 'message',
      message: {
        channel: 'x',
        provider: 'x-api',
        providerMessageId: '1866503928398045184',
        citizenHandle: '1234567890',
        citizenHandleKind: 'x-user',
        citizenName: '@developer',
        recipient: '2244994945',
        text: '@XDevelopers 버스정류장 조명이 고장났어요 💡 & 어두워요',
        media: [],
        conversationRef: '1866503928398045184',
        receivedAt: '2024-01-15T10:30:00.000Z',
      },
    });
    for (const mapped of messages) {
      if (mapped.kind === 'message') expect(InboundMessageSchema.safeParse(mapped.message).success).toBe(true);
    }
  });

  it('passes X\'s own language tag on as a hint when it is one of the line\'s languages', () => {
    const tweet = { id: '1866503928398045999', text: '@Seoul_120 xin chao, den duong bi hong', author_id: '1234567890', lang: 'vi' };
    const mapped = mentionToInbound(tweet, undefined, context);
    expect(mapped.kind === 'message' && mapped.message.languageHint).toBe('vi');
    expect(InboundMessageSchema.safeParse(mapped.kind === 'message' ? mapped.message : null).success).toBe(true);
    expect(languageHintFromX('zh-TW')).toBe('zh');
    for (const none of ['und', 'qme', 'zxx', 'fr', undefined]) expect(languageHintFromX(none)).toBeUndefined();
    const untagged = mentionToInbound({ ...tweet, lang: 'und' }, undefined, context);
    expect(untagged.kind === 'message' && 'languageHint' in untagged.message).toBe(false);
  });

  it('reads an empty page as no mentions', () => {
    const body = XMentionsResponseSchema.parse(fixture('mentions-empty'));
    expect(body.data).toBeUndefined();
    expect(body.meta.result_count).toBe(0);
  });

  it('keeps Hangul, emoji and the leading @mention byte for byte; only X’s &amp;/&lt;/&gt; escaping is undone', () => {
    const text = '@seoul_city 안녕하세요 👨‍👩‍👧 a&amp;b &lt;3 &amp;lt;';
    const mapped = mentionToInbound({ id: '1', text, author_id: '2' }, undefined, context);
    expect(mapped.kind === 'message' && mapped.message.text).toBe('@seoul_city 안녕하세요 👨‍👩‍👧 a&b <3 &lt;');
    expect(unescapeXText('&quot;')).toBe('&quot;');
  });

  it('uses the poll time when created_at is missing and leaves the name out when the author was not expanded', () => {
    const mapped = mentionToInbound({ id: '1', text: 'hi', author_id: '2' }, undefined, context);
    expect(mapped).toMatchObject({ kind: 'message', message: { receivedAt: context.fallbackReceivedAt, citizenHandle: '2' } });
    expect(mapped.kind === 'message' && 'citizenName' in mapped.message).toBe(false);
  });

  it('skips retweets, the account’s own posts and posts without an author', () => {
    expect(mentionToInbound({ id: '1', text: 'RT', author_id: '2', referenced_tweets: [{ type: 'retweeted', id: '0' }] }, undefined, context)).toEqual({
      kind: 'skipped',
      reason: 'retweet',
    });
    expect(mentionToInbound({ id: '1', text: 'x', author_id: '2244994945' }, undefined, context)).toEqual({ kind: 'skipped', reason: 'own-post' });
    expect(mentionToInbound({ id: '1', text: 'x' }, undefined, context)).toEqual({ kind: 'skipped', reason: 'no-author' });
  });

  it('offers the text after the leading mentions for consumers that want it', () => {
    expect(textAfterLeadingMentions('@seoul_city @Other_1 가로등이 꺼졌어요')).toBe('가로등이 꺼졌어요');
    expect(textAfterLeadingMentions('가로등 @seoul_city')).toBe('가로등 @seoul_city');
  });
});
