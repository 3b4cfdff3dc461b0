import { describe, expect, it } from 'vitest';
import { chatWithPushSend, pushRequestEvents } from '../../../functions/channels/chat/chat-push-reply-sender.ts';
import type { ChatChannelSendResult } from '../../../functions/channels/chat/chat-reply-sender.ts';
import type { UndeliveredReply } from '../../../functions/core/chat/model.ts';
import { pushRequestedReply } from '../../../functions/core/push/push-requested-reply.ts';
import { subscribeToPush } from '../../../functions/core/push/subscriptions.ts';
import { CapturingLog, ManualClock, RecordingEventPublisher } from '../../support/in-memory-ports.ts';
import { inMemoryPushReplyDeps } from '../../support/in-memory-push.ts';

const FCM = 'https://fcm.googleapis.com/fcm/send/abc123';

async function setup(chatDelivery: ChatChannelSendResult['delivery']) {
  const waitingReplies: UndeliveredReply[] = [];
  const push = {
    ...inMemoryPushReplyDeps(),
    waiting: { listUndelivered: async (accountId: string) => waitingReplies.filter((reply) => reply.accountId === accountId) },
  };
  await subscribeToPush(push, { accountId: 'ca_1', subscription: { endpoint: FCM, keys: { p256dh: 'p', auth: 'a' } } });
  const chatCalls: string[] = [];
  const chat = async ({ to, body, idempotencyKey }: { to: string; body: string; idempotencyKey: string }): Promise<ChatChannelSendResult> => {
    chatCalls.push(idempotencyKey);
    if (chatDelivery === 'pushed') return { providerMessageId: `chat:${idempotencyKey}`, delivery: 'pushed', connections: 1 };
    waitingReplies.push({ accountId: to, replyId: idempotencyKey, text: body, at: push.clock.now().toISOString() });
    return { providerMessageId: `chat:${idempotencyKey}`, delivery: 'queued' };
  };
  const send = chatWithPushSend(chat, (request) => pushRequestedReply(push, request), push.log);
  const reply = () => send({ to: 'ca_1', body: 'answer', idempotencyKey: 'r1', context: { complaintId: 'c1', replyId: 'r1', language: 'en' } });
  return { push, chatCalls, reply, waitingReplies };
}

describe('chatWithPushSend, pushed in this process (local gateway)', () => {
  it('does not push when a live chat connection took the reply (the app is open)', async () => {
    const { push, reply } = await setup('pushed');
    expect((await reply()).providerMessageId).toBe('chat:r1');
    expect(push.gateway.sent).toHaveLength(0);
  });

  it('pushes the waiting reply when nobody was online, and records push:<key>', async () => {
    const { push, chatCalls, reply } = await setup('queued');
    expect((await reply()).providerMessageId).toBe('push:r1');
    expect(chatCalls).toEqual(['r1']);
    expect(JSON.parse(push.gateway.sent[0]!.payload)).toMatchObject({ replyId: 'r1', text: 'answer', language: 'en' });
  });

  it('falls back to the chat delivery when the push service refuses', async () => {
    const { push, reply } = await setup('queued');
    push.gateway.outcomes.set(FCM, { kind: 'rejected', status: 403, reason: 'VAPID key mismatch' });
    expect((await reply()).providerMessageId).toBe('chat:r1');
  });

  it('does not fail the reply when the push store fails', async () => {
    const { push, reply } = await setup('queued');
    push.subscriptions.list = async () => {
      throw new Error('throttled');
    };
    expect((await reply()).providerMessageId).toBe('chat:r1');
  });
});

describe('chatWithPushSend, push requested by event (AWS)', () => {
  const clock = new ManualClock();
  const queued = async ({ idempotencyKey }: { idempotencyKey: string }): Promise<ChatChannelSendResult> => ({ providerMessageId: `chat:${idempotencyKey}`, delivery: 'queued' });
  const args = { to: 'ca_1', body: 'answer with 010-1234-5678', idempotencyKey: 'r1', context: { complaintId: 'c1', replyId: 'r1', language: 'en' as const } };

  it('publishes reply.push_requested with ids only (no text) and records chat:<key>', async () => {
    const events = new RecordingEventPublisher();
    const send = chatWithPushSend(queued, pushRequestEvents(events, clock), new CapturingLog());
    expect((await send(args)).providerMessageId).toBe('chat:r1');
    expect(events.events).toEqual([{ type: 'reply.push_requested', complaintId: 'c1', replyId: 'r1', accountId: 'ca_1', key: 'r1', language: 'en', at: clock.now().toISOString() }]);
  });

  it('publishes nothing when a live connection took the reply', async () => {
    const events = new RecordingEventPublisher();
    const pushed = async () => ({ providerMessageId: 'chat:r1', delivery: 'pushed' as const, connections: 1 });
    await chatWithPushSend(pushed, pushRequestEvents(events, clock), new CapturingLog())(args);
    expect(events.events).toEqual([]);
  });

  it('does not fail the reply when the event bus refuses (the reply waits in the chat)', async () => {
    const events = { publish: async () => Promise.reject(new Error('EventBridge rejected 1 event(s)')) };
    const log = new CapturingLog();
    expect((await chatWithPushSend(queued, pushRequestEvents(events, clock), log)(args)).providerMessageId).toBe('chat:r1');
  });
});

describe('pushRequestedReply', () => {
  it('sends nothing for a reply no longer waiting (read in the chat meanwhile)', async () => {
    const { push } = await setup('queued');
    expect(await pushRequestedReply(push, { complaintId: 'c1', accountId: 'ca_1', key: 'r1', replyId: 'r1', language: 'en' })).toBeNull();
    expect(push.gateway.sent).toHaveLength(0);
  });

  it('sends once per subscription when the request is delivered twice (at-least-once)', async () => {
    const { push, reply } = await setup('queued');
    await reply();
    const again = await pushRequestedReply(push, { complaintId: 'c1', accountId: 'ca_1', key: 'r1', replyId: 'r1', language: 'en' });
    expect(again).toMatchObject({ accepted: 1 });
    expect(push.gateway.sent).toHaveLength(1);
  });
});
