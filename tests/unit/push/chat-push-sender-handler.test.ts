import { describe, expect, it } from 'vitest';
import type { UndeliveredReply } from '../../../functions/core/chat/model.ts';
import { subscribeToPush } from '../../../functions/core/push/subscriptions.ts';
import { createChatPushSenderHandler } from '../../../functions/handlers/chat-push-sender.ts';
import { inMemoryPushReplyDeps } from '../../support/in-memory-push.ts';

const FCM = 'https://fcm.googleapis.com/fcm/send/abc123';

async function setup(waiting: UndeliveredReply[]) {
  const deps = { ...inMemoryPushReplyDeps(), waiting: { listUndelivered: async (accountId: string) => waiting.filter((reply) => reply.accountId === accountId) } };
  await subscribeToPush(deps, { accountId: 'ca_1', subscription: { endpoint: FCM, keys: { p256dh: 'p', auth: 'a' } } });
  return { deps, handler: createChatPushSenderHandler(async () => deps) };
}

/** As EventBridge delivers what EventBridgePublisher put (detail-type = the event type). */
const delivered = (detail: Record<string, unknown>) => ({
  version: '0',
  id: 'e1',
  source: 'citizen-contact-gateway',
  'detail-type': 'reply.push_requested',
  detail: { type: 'reply.push_requested', complaintId: 'c1', replyId: 'r1', accountId: 'ca_1', key: 'r1', language: 'vi', at: '2026-03-02T01:00:00.000Z', ...detail },
});

describe('chat push sender handler (rule target of reply.push_requested)', () => {
  it('pushes the waiting reply in the requested language, once however often the event is delivered', async () => {
    const { deps, handler } = await setup([{ accountId: 'ca_1', replyId: 'r1', text: 'Trả lời', at: '2026-03-02T00:59:00.000Z' }]);
    expect(await handler(delivered({}), {} as never)).toEqual({ status: 'pushed', accepted: 1, gone: 0, rejected: 0 });
    expect(await handler(delivered({}), {} as never)).toEqual({ status: 'pushed', accepted: 1, gone: 0, rejected: 0 });
    expect(deps.gateway.sent).toHaveLength(1);
    expect(JSON.parse(deps.gateway.sent[0]!.payload)).toMatchObject({ type: 'reply', replyId: 'r1', text: 'Trả lời', language: 'vi' });
  });

  it('sends nothing when the reply was read in the chat meanwhile', async () => {
    const { deps, handler } = await setup([]);
    expect(await handler(delivered({}), {} as never)).toEqual({ status: 'not-waiting' });
    expect(deps.gateway.sent).toHaveLength(0);
  });

  it('ignores (and logs) an event that is not a well-formed push request, sending nothing', async () => {
    const { deps, handler } = await setup([{ accountId: 'ca_1', replyId: 'r1', text: 'x', at: '2026-03-02T00:59:00.000Z' }]);
    expect(await handler({ ...delivered({}), 'detail-type': 'reply.sent' }, {} as never)).toMatchObject({ status: 'ignored' });
    expect(await handler(delivered({ accountId: '' }), {} as never)).toMatchObject({ status: 'ignored' });
    expect(deps.gateway.sent).toHaveLength(0);
    expect(deps.log.lines.some((line) => line.message.includes('ignored'))).toBe(true);
  });

  it('throws when the store fails, so EventBridge and Lambda retry and the DLQ keeps what never succeeds', async () => {
    const { deps, handler } = await setup([]);
    deps.waiting.listUndelivered = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    await expect(handler(delivered({}), {} as never)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
