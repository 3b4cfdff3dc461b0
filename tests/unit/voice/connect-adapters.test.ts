import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConnectClient,
  InvalidParameterException,
  LimitExceededException,
  StartChatContactCommand,
  StartOutboundVoiceContactCommand,
  StartTaskContactCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { createChatContactStarter, type AgentWorkspaceContact } from '../../../functions/adapters/connect/start-chat-contact.ts';
import { createTaskContactStarter } from '../../../functions/adapters/connect/start-task-contact.ts';
import { createOutboundVoiceCaller } from '../../../functions/adapters/connect/start-outbound-voice.ts';
import { ConnectRejectedError, ConnectRetryableError } from '../../../functions/adapters/connect/connect-retry.ts';
import { MAX_ATTRIBUTES_BYTES, utf8Bytes } from '../../../functions/core/voice/contact-attributes.ts';

const connect = mockClient(ConnectClient);
const client = new ConnectClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const throttle = () => new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
const delays: number[] = [];
const retry = { sleep: async (ms: number) => void delays.push(ms), random: () => 0.5, baseDelayMs: 100, maxAttempts: 4 };

const contact: AgentWorkspaceContact = {
  messageId: 'SM0123456789abcdef',
  complaintId: 'C-1',
  receiptNo: '120-20250106-000001',
  channel: 'sms',
  language: 'vi',
  originalText: 'Đường bị hỏng trước nhà tôi 🚧',
  koreanText: '우리 집 앞 도로가 파손되었습니다 🚧',
  displayName: '+82 10-****-5678',
};

beforeEach(() => {
  connect.reset();
  delays.length = 0;
});

describe('StartChatContact adapter', () => {
  it('retries two throttles with growing jittered backoff, then succeeds with the same ClientToken each time', async () => {
    connect.on(StartChatContactCommand).rejectsOnce(throttle()).rejectsOnce(throttle()).resolves({ ContactId: 'contact-1', ParticipantToken: 'secret' });
    const starter = createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry });
    const result = await starter.start(contact);
    expect(result.contactId).toBe('contact-1');
    const calls = connect.commandCalls(StartChatContactCommand);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.args[0].input.ClientToken))).toEqual(new Set(['SM0123456789abcdef']));
    expect(delays).toEqual([50, 100]);
  });

  it('sends receipt number, language, original and Korean text as attributes, routed through the chat flow', async () => {
    connect.on(StartChatContactCommand).resolves({ ContactId: 'contact-2' });
    await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start(contact);
    const input = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      InstanceId: 'inst',
      ContactFlowId: 'flow-chat',
      Attributes: { receiptNo: contact.receiptNo, language: 'vi', originalText: contact.originalText, koreanText: contact.koreanText, channel: 'sms' },
      InitialMessage: { ContentType: 'text/plain', Content: contact.originalText },
      ParticipantDetails: { DisplayName: '+82 10-****-5678' },
    });
  });

  it('passes the suggested knowledge cases as attributes the workspace app and the flow can read', async () => {
    connect.on(StartChatContactCommand).resolves({ ContactId: 'contact-5' });
    const suggestedCases = [
      { caseId: '120-10028', title: '불법 주정차 신고 방법', score: 1 },
      { caseId: '120-10031', title: '거주자 우선주차 신청', score: 0.42 },
    ];
    await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start({ ...contact, suggestedCases });
    const attributes = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input.Attributes ?? {};
    expect(attributes.suggestedCaseIds).toBe('120-10028,120-10031');
    expect(attributes.suggestedCases).toBe('불법 주정차 신고 방법 (120-10028)\n거주자 우선주차 신청 (120-10031)');
    for (const key of Object.keys(attributes)) expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('names the self-service answer the citizen came from ("this did not help"), before the texts', async () => {
    connect.on(StartChatContactCommand).resolves({ ContactId: 'contact-7' });
    const huge = '민원'.repeat(20_000);
    await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start({ ...contact, originalText: huge, koreanText: huge, selfServiceCaseId: '120-2001' });
    const attributes = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input.Attributes ?? {};
    expect(attributes.selfServiceCaseId).toBe('120-2001');
  });

  it('keeps the suggestions when a huge text must be cut to fit 32 KB', async () => {
    connect.on(StartChatContactCommand).resolves({ ContactId: 'contact-6' });
    const huge = '민원'.repeat(20_000);
    await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start({ ...contact, originalText: huge, koreanText: huge, suggestedCases: [{ caseId: '120-10028', title: '불법 주정차 신고 방법', score: 1 }] });
    const attributes = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input.Attributes ?? {};
    expect(attributes.suggestedCaseIds).toBe('120-10028');
    expect(Object.entries(attributes).reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0)).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
  });

  it('keeps the attributes within 32 KB and the initial message within 1,024 characters for a huge text', async () => {
    connect.on(StartChatContactCommand).resolves({ ContactId: 'contact-3' });
    const huge = '민원'.repeat(20_000);
    await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start({ ...contact, originalText: huge, koreanText: huge });
    const input = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input;
    const total = Object.entries(input?.Attributes ?? {}).reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0);
    expect(total).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
    expect(input?.Attributes?.receiptNo).toBe(contact.receiptNo);
    expect(input?.InitialMessage?.Content?.length).toBeLessThanOrEqual(1024);
  });

  it('throws a retryable error after the last attempt so the queue redelivers, never dropping the contact', async () => {
    connect.on(StartChatContactCommand).rejects(new LimitExceededException({ message: 'concurrent chats', $metadata: { httpStatusCode: 429 } }));
    const starter = createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry });
    await expect(starter.start(contact)).rejects.toBeInstanceOf(ConnectRetryableError);
    expect(connect.commandCalls(StartChatContactCommand)).toHaveLength(4);
  });

  it('retries a 5xx answer', async () => {
    const serverError = Object.assign(new Error('boom'), { name: 'InternalServerError', $metadata: { httpStatusCode: 503 } });
    connect.on(StartChatContactCommand).rejectsOnce(serverError).resolves({ ContactId: 'contact-4' });
    expect((await createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry }).start(contact)).contactId).toBe('contact-4');
  });

  it('does not retry a request Connect rejects as invalid', async () => {
    connect.on(StartChatContactCommand).rejects(new InvalidParameterException({ message: 'bad flow', $metadata: { httpStatusCode: 400 } }));
    await expect(createChatContactStarter({ client, instanceId: 'inst', contactFlowId: 'nope', retry }).start(contact)).rejects.toBeInstanceOf(ConnectRejectedError);
    expect(connect.commandCalls(StartChatContactCommand)).toHaveLength(1);
  });
});

describe('StartTaskContact adapter', () => {
  it('carries the Korean translation and the original in the description with the message id as ClientToken', async () => {
    connect.on(StartTaskContactCommand).rejectsOnce(throttle()).resolves({ ContactId: 'task-1' });
    const starter = createTaskContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry, complaintUrl: (id) => `https://gateway.example/api/complaints/${id}` });
    expect(await starter.start({ ...contact, channel: 'x' })).toEqual({ contactId: 'task-1' });
    const calls = connect.commandCalls(StartTaskContactCommand);
    expect(calls.map((c) => c.args[0].input.ClientToken)).toEqual(['SM0123456789abcdef', 'SM0123456789abcdef']);
    const input = calls[0]?.args[0].input;
    expect(input?.Description).toContain(contact.koreanText);
    expect(input?.Description).toContain(contact.originalText);
    expect(input?.References?.complaint).toEqual({ Type: 'URL', Value: 'https://gateway.example/api/complaints/C-1' });
  });

  it('opens the description with the suggested cases, so a long complaint never cuts them off', async () => {
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-2' });
    const starter = createTaskContactStarter({ client, instanceId: 'inst', contactFlowId: 'flow-chat', retry });
    await starter.start({ ...contact, channel: 'x', koreanText: '도로 '.repeat(3000), suggestedCases: [{ caseId: '120-10040', title: '도로 파손 신고', score: 0.9 }] });
    const input = connect.commandCalls(StartTaskContactCommand)[0]?.args[0].input;
    expect(input?.Description?.split('\n')[0]).toBe('추천 상담 사례: 도로 파손 신고 (120-10040)');
    expect(input?.Description?.length).toBeLessThanOrEqual(4096);
    expect(input?.Attributes?.suggestedCaseIds).toBe('120-10040');
  });
});

describe('StartOutboundVoiceContact adapter', () => {
  it('places the happy call into the language queue with a stable ClientToken across throttled retries', async () => {
    connect.on(StartOutboundVoiceContactCommand).rejectsOnce(throttle()).rejectsOnce(throttle()).resolves({ ContactId: 'call-1' });
    const caller = createOutboundVoiceCaller({
      client,
      instanceId: 'inst',
      contactFlowId: 'flow-happy',
      queueIds: { ko: 'q-ko', en: 'q-en', zh: 'q-zh', ja: 'q-ja', vi: 'q-vi', mn: 'q-mn', sign: 'q-sign' },
      retry,
    });
    const out = await caller.start({ destinationE164: '+821012345678', language: 'mn', registrationId: 'HC-1', slot: '2025-01-06', clientToken: 'happy-call-HC-1-2025-01-06' });
    expect(out).toEqual({ contactId: 'call-1' });
    const calls = connect.commandCalls(StartOutboundVoiceContactCommand);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.args[0].input).toMatchObject({
        ClientToken: 'happy-call-HC-1-2025-01-06',
        QueueId: 'q-mn',
        ContactFlowId: 'flow-happy',
        Attributes: { language: 'mn', registrationId: 'HC-1', slot: '2025-01-06' },
      });
    }
  });
});
