import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import { chatChannelSend } from '../../../functions/channels/chat/chat-reply-sender.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { previewReceipt, receiptNoFor } from '../../../functions/core/receipt.ts';
import { createChatConnectHandler } from '../../../functions/handlers/chat-connect.ts';
import { createChatDisconnectHandler } from '../../../functions/handlers/chat-disconnect.ts';
import { createChatMessageHandler } from '../../../functions/handlers/chat-message.ts';
import { RecordingConnectionSender } from '../../support/chat-fakes.ts';
import { connectEvent, disconnectEvent, messageEvent } from '../../support/chat-events.ts';
import { FakeMediaFetcher, FakeTranslator, InMemoryMediaStore, RecordingEventPublisher, RecordingIntakeQueue } from '../../support/in-memory-ports.ts';
import { startChatHarness, type ChatHarness } from './harness.ts';

const context = {} as Context;
const frame = (clientMessageId: string, text: string) => JSON.stringify({ action: 'sendMessage', clientMessageId, text });

describe('chat WebSocket handlers on the embedded DynamoDB', () => {
  let h: ChatHarness;
  let sender: RecordingConnectionSender;
  let accountId: string;
  let connect: ReturnType<typeof createChatConnectHandler>;
  let disconnect: ReturnType<typeof createChatDisconnectHandler>;
  let message: ReturnType<typeof createChatMessageHandler>;

  beforeEach(async () => {
    h = await startChatHarness();
    sender = new RecordingConnectionSender();
    ({ accountId } = await h.newAccount());
    const connectionDeps = async () => ({ connections: h.connections, clock: h.clock, log: h.log });
    connect = createChatConnectHandler(connectionDeps);
    disconnect = createChatDisconnectHandler(connectionDeps);
    message = createChatMessageHandler(async () => ({
      connections: h.connections,
      senderFor: () => sender,
      intake: h.intake,
      previewReceipt: (m) => previewReceipt({ repository: h.complaints, pii: h.pii }, m),
      receiptFor: receiptNoFor,
      previewBudgetMs: 5000,
      clock: h.clock,
      log: h.log,
    }));
  });
  afterEach(() => h.close());

  /** The pipeline's part, run in-process on what the handler enqueued. */
  async function runPipeline(): Promise<void> {
    const deps = {
      repository: h.complaints,
      pii: h.pii,
      clock: h.clock,
      log: h.log,
      translator: new FakeTranslator(),
      intakeQueue: new RecordingIntakeQueue(),
      mediaFetcher: new FakeMediaFetcher(),
      mediaStore: new InMemoryMediaStore(),
      events: new RecordingEventPublisher(),
    };
    for (const { envelope } of h.intake.drain()) if (envelope.kind === 'inbound') await ingestMessage(deps, envelope.message);
  }

  it('stores the connection at $connect with a 2-hour TTL and echoes the chat subprotocol', async () => {
    const result = await connect(connectEvent('conn-A=', accountId, 'citizen-chat, sometoken'), context);
    expect(result).toEqual({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'citizen-chat' } });
    const item = (await h.scan()).find((i) => i.pk === `CHATCONN#${accountId}`);
    expect(item?.expiresAt).toBe(Math.floor(h.clock.now().getTime() / 1000) + 7200);
    expect(await h.connections.listConnections(accountId, h.clock.now().toISOString())).toHaveLength(1);
  });

  it('refuses $connect without an authorised account', async () => {
    const event = connectEvent('conn-X=', accountId);
    delete event.requestContext.authorizer;
    expect((await connect(event, context)).statusCode).toBe(403);
  });

  it('enqueues a sendMessage frame as a chat InboundMessage and acks with the receipt number', async () => {
    await connect(connectEvent('conn-A=', accountId), context);
    const result = await message(messageEvent('conn-A=', accountId, frame('cm-00000001', '지하철 엘리베이터가 고장났어요')), context);
    expect(result.statusCode).toBe(200);
    const sent = h.intake.sent.map((s) => s.envelope) as Array<Extract<IntakeEnvelope, { kind: 'inbound' }>>;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message).toMatchObject({
      channel: 'chat',
      provider: 'websocket',
      providerMessageId: `${accountId}:cm-00000001`,
      citizenHandle: accountId,
      citizenHandleKind: 'chat-account',
      text: '지하철 엘리베이터가 고장났어요',
    });
    const receiptNo = receiptNoFor(sent[0]!.message);
    expect(sender.framesTo('conn-A=')).toEqual([{ type: 'ack', clientMessageId: 'cm-00000001', receiptNo }]);
  });

  it('stores one message when the same clientMessageId is resent, and the ack names the complaint either way', async () => {
    await message(messageEvent('conn-A=', accountId, frame('cm-00000001', 'first')), context);
    await runPipeline();
    await message(messageEvent('conn-A=', accountId, frame('cm-00000001', 'first')), context);
    await runPipeline();
    const [first, second] = sender.framesTo('conn-A=');
    expect(second).toEqual(first);
    const messages = (await h.scan()).filter((i) => typeof i.sk === 'string' && i.sk.startsWith('MSG#'));
    expect(messages).toHaveLength(1);
  });

  it('acks a follow-up message with the open complaint\'s receipt number (one complaint per conversation)', async () => {
    await message(messageEvent('conn-A=', accountId, frame('cm-00000001', 'Hello, the bus stop sign is broken')), context);
    await runPipeline();
    h.clock.advance(60_000);
    await message(messageEvent('conn-A=', accountId, frame('cm-00000002', 'It is at Gangnam station exit 3')), context);
    const [first, second] = sender.framesTo('conn-A=');
    expect(first?.type).toBe('ack');
    expect(second).toMatchObject({ type: 'ack', clientMessageId: 'cm-00000002' });
    expect(second?.type === 'ack' && first?.type === 'ack' && second.receiptNo === first.receiptNo).toBe(true);
  });

  it('answers malformed JSON and an unknown action with error frames and keeps the connection (200)', async () => {
    expect((await message(messageEvent('conn-A=', accountId, '{not json', '$default'), context)).statusCode).toBe(200);
    expect((await message(messageEvent('conn-A=', accountId, '{"action":"shout"}', '$default'), context)).statusCode).toBe(200);
    expect(sender.framesTo('conn-A=').map((f) => f.type === 'error' && f.code)).toEqual(['malformed_json', 'unknown_action']);
    expect(h.intake.sent).toHaveLength(0);
  });

  it('refuses a message over 2,000 characters with too_long and stores nothing', async () => {
    await message(messageEvent('conn-A=', accountId, frame('cm-00000009', 'a'.repeat(2001))), context);
    expect(sender.framesTo('conn-A=')[0]).toMatchObject({ type: 'error', code: 'too_long', clientMessageId: 'cm-00000009' });
    expect(h.intake.sent).toHaveLength(0);
    expect((await h.scan()).some((i) => String(i.pk).startsWith('CHATRATE#'))).toBe(false);
  });

  it('limits an account to 10 messages per 10 s across all its connections (five sockets get no more), then accepts again in the next window', async () => {
    const connections = ['conn-A=', 'conn-B=', 'conn-C=', 'conn-D=', 'conn-E='];
    for (let i = 0; i < 15; i += 1) {
      const connectionId = connections[i % connections.length] ?? 'conn-A=';
      await message(messageEvent(connectionId, accountId, frame(`cm-${String(100 + i).padStart(8, '0')}`, `m${i}`)), context);
    }
    const frames = connections.flatMap((id) => sender.framesTo(id));
    expect(frames.filter((f) => f.type === 'ack')).toHaveLength(10);
    expect(frames.filter((f) => f.type === 'error' && f.code === 'rate_limited')).toHaveLength(5);
    expect(h.intake.sent).toHaveLength(10);

    // Another account is not slowed down by this one.
    const other = await h.newAccount();
    await message(messageEvent('conn-Z=', other.accountId, frame('cm-00000300', 'someone else')), context);
    expect(sender.framesTo('conn-Z=')[0]?.type).toBe('ack');

    h.clock.advance(10_000);
    await message(messageEvent('conn-C=', accountId, frame('cm-00000201', 'later')), context);
    expect(sender.framesTo('conn-C=').at(-1)?.type).toBe('ack');
    const counters = (await h.scan()).filter((i) => String(i.pk).startsWith('CHATRATE#'));
    expect(counters.map((i) => i.pk).sort()).toEqual([`CHATRATE#${accountId}`, `CHATRATE#${accountId}`, `CHATRATE#${other.accountId}`].sort());
    for (const counter of counters) expect(typeof counter.expiresAt).toBe('number');
  });

  it('pushes a counselor reply to every live connection of the account', async () => {
    await connect(connectEvent('conn-A=', accountId), context);
    await connect(connectEvent('conn-B=', accountId), context);
    const send = chatChannelSend({ connections: h.connections, sender, clock: h.clock, log: h.log });
    const result = await send({ to: accountId, body: '확인했습니다. 담당 부서에 전달했어요.', idempotencyKey: 'rpl-1' });
    expect(result).toMatchObject({ providerMessageId: 'chat:rpl-1', delivery: 'pushed', connections: 2 });
    for (const id of ['conn-A=', 'conn-B=']) {
      expect(sender.framesTo(id)).toEqual([{ type: 'reply', replyId: 'rpl-1', text: '확인했습니다. 담당 부서에 전달했어요.', at: h.clock.now().toISOString() }]);
    }
  });

  it('removes a connection that answers 410 Gone, keeps the reply, and delivers it once on the next connection\'s sync', async () => {
    await connect(connectEvent('conn-A=', accountId), context);
    sender.gone.add('conn-A=');
    const send = chatChannelSend({ connections: h.connections, sender, clock: h.clock, log: h.log });
    expect(await send({ to: accountId, body: 'Your request was forwarded.', idempotencyKey: 'rpl-2' })).toMatchObject({ delivery: 'queued' });
    expect(await h.connections.listConnections(accountId, h.clock.now().toISOString())).toHaveLength(0);
    // A retried reply is queued once.
    await send({ to: accountId, body: 'Your request was forwarded.', idempotencyKey: 'rpl-2' });

    h.clock.advance(30 * 60_000);
    await connect(connectEvent('conn-C=', accountId), context);
    await message(messageEvent('conn-C=', accountId, '{"action":"sync"}', '$default'), context);
    expect(sender.framesTo('conn-C=')).toEqual([
      { type: 'reply', replyId: 'rpl-2', text: 'Your request was forwarded.', at: '2026-03-02T01:00:00.000Z' },
      { type: 'synced', delivered: 1 },
    ]);
    await message(messageEvent('conn-C=', accountId, '{"action":"sync"}', '$default'), context);
    expect(sender.framesTo('conn-C=').slice(2)).toEqual([{ type: 'synced', delivered: 0 }]);
  });

  it('forgets the connection at $disconnect', async () => {
    await connect(connectEvent('conn-A=', accountId), context);
    await disconnect(disconnectEvent('conn-A=', accountId), context);
    expect(await h.connections.listConnections(accountId, h.clock.now().toISOString())).toHaveLength(0);
  });

  it('treats a connection past its TTL as gone even before DynamoDB deletes it', async () => {
    await connect(connectEvent('conn-A=', accountId), context);
    h.clock.advance(2 * 3600_000);
    const send = chatChannelSend({ connections: h.connections, sender, clock: h.clock, log: h.log });
    expect(await send({ to: accountId, body: 'later', idempotencyKey: 'rpl-3' })).toMatchObject({ delivery: 'queued' });
    expect(sender.posts).toHaveLength(0);
  });
});
