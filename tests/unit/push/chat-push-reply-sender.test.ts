import { describe, expect, it } from 'vitest';
import { chatWithPushSend } from '../../../functions/channels/chat/chat-push-reply-sender.ts';
import type { ChatChannelSendResult } from '../../../functions/channels/chat/chat-reply-sender.ts';
import { subscribeToPush } from '../../../functions/core/push/subscriptions.ts';
import { CapturingLog, ManualClock, testPiiProtector } from '../../support/in-memory-ports.ts';
import { InMemoryPushLeases, InMemoryPushSubscriptions, RecordingPushGateway } from '../../support/in-memory-push.ts';

const FCM = 'https://fcm.googleapis.com/fcm/send/abc123';

async function setup(chatDelivery: ChatChannelSendResult['delivery']) {
  const push = { subscriptions: new InMemoryPushSubscriptions(), leases: new InMemoryPushLeases(), gateway: new RecordingPushGateway(), pii: testPiiProtector(), clock: new ManualClock(), log: new CapturingLog() };
  await subscribeToPush(push, { accountId: 'ca_1', subscription: { endpoint: FCM, keys: { p256dh: 'p', auth: 'a' } } });
  const chatCalls: string[] = [];
  const chat = async ({ idempotencyKey }: { idempotencyKey: string }): Promise<ChatChannelSendResult> => {
    chatCalls.push(idempotencyKey);
    return chatDelivery === 'pushed' ? { providerMessageId: `chat:${idempotencyKey}`, delivery: 'pushed', connections: 1 } : { providerMessageId: `chat:${idempotencyKey}`, delivery: 'queued' };
  };
  const send = chatWithPushSend(chat, push);
  const reply = () => send({ to: 'ca_1', body: 'answer', idempotencyKey: 'r1', context: { complaintId: 'c1', replyId: 'r1', language: 'en' } });
  return { push, chatCalls, reply };
}

describe('chatWithPushSend', () => {
  it('does not push when a live chat connection took the reply (the app is open)', async () => {
    const { push, reply } = await setup('pushed');
    expect((await reply()).providerMessageId).toBe('chat:r1');
    expect(push.gateway.sent).toHaveLength(0);
  });

  it('pushes when nobody was online, the reply still waiting for the chat sync, and records push:<key>', async () => {
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
