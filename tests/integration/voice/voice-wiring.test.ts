import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, StartChatContactCommand, StartContactStreamingCommand, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import type { Clock } from '../../../functions/core/ports/runtime.ts';
import { createParticipantService } from '../../../functions/adapters/connect/participant-service.ts';
import { createChatContactStarter } from '../../../functions/adapters/connect/start-chat-contact.ts';
import { createTaskContactStarter } from '../../../functions/adapters/connect/start-task-contact.ts';
import { createConnectContactLinks } from '../../../functions/adapters/voice/connect-contact-links.ts';
import { createChatStreaming } from '../../../functions/adapters/voice/start-contact-streaming.ts';
import { createWorkspaceChats, workspaceChatKey } from '../../../functions/adapters/voice/workspace-chats.ts';
import { noCallMediaFetcher, noCallMediaStore, noDeferredCallWork } from '../../../functions/adapters/voice/voice-intake-parts.ts';
import { createContactEventHandler } from '../../../functions/channels/voice/contact-event-handler.ts';
import { createContactStartHandler } from '../../../functions/channels/voice/contact-start-handler.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { WorkspaceNotReadyError, putInAgentWorkspace } from '../../../functions/core/voice/agent-workspace.ts';
import { createDynamoComplaintSuggestionStore } from '../../../functions/adapters/knowledge/dynamodb-complaint-suggestions.ts';
import { createVoiceStatusHistory } from '../../../functions/core/voice/contact-status-history.ts';
import { createVoiceComplaints } from '../../../functions/core/voice/voice-complaints.ts';
import { createConnectReplyStreamHandler } from '../../../functions/handlers/connect-reply-stream.ts';
import { createAgentWorkspaceRouterHandler } from '../../../functions/handlers/agent-workspace-router.ts';
import { startFakeConnectParticipant, type FakeConnectParticipant } from '../../support/fake-connect-participant.ts';
import { loadFixture } from '../../support/fixtures.ts';
import { FakeTranslator, RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, type Harness } from '../intake/harness.ts';

type FlowEvent = { Details: { ContactData: { ContactId: string; InitialContactId: string; CustomerEndpoint: { Address: string; Type: string } | null } } };
type ContactEvent = { id: string; detail: Record<string, unknown> };

const flowEvent = (contactId: string, address: string | null): FlowEvent => {
  const event = loadFixture<FlowEvent>('connect', address === null ? 'flow-event-null-endpoint' : 'flow-event-voice-inbound');
  event.Details.ContactData.ContactId = contactId;
  event.Details.ContactData.InitialContactId = contactId;
  if (address !== null) event.Details.ContactData.CustomerEndpoint = { Address: address, Type: 'TELEPHONE_NUMBER' };
  return event;
};
const contactEvent = (name: string, contactId: string): ContactEvent => {
  const event = loadFixture<ContactEvent>('connect', name);
  event.detail.contactId = contactId;
  event.detail.initialContactId = contactId;
  return event;
};
const instant = async () => {};

describe('voice on the embedded DynamoDB', () => {
  let harness: Harness;
  let sequence = 0;
  const nextPhone = () => `+82105555${String(1000 + (sequence += 1)).padStart(4, '0')}`;
  const nextContact = () => `4a573372-1f28-4e26-b97b-${String((sequence += 1)).padStart(12, '0')}`;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  const contactStart = () => {
    const deps = intakeDeps(harness, { translator: null, intakeQueue: noDeferredCallWork, mediaFetcher: noCallMediaFetcher, mediaStore: noCallMediaStore });
    return { deps, handler: createContactStartHandler({ complaints: createVoiceComplaints(deps), log: deps.log, now: () => deps.clock.now(), sleep: () => new Promise(() => {}) }) };
  };

  describe('contact start', () => {
    it('creates one complaint per ContactId however often Connect retries the Lambda', async () => {
      const { handler } = contactStart();
      const event = flowEvent(nextContact(), nextPhone());
      const first = await handler(event);
      const again = await handler(event);
      expect(first.route).toBe('language');
      expect(first.receiptNo).toMatch(/^\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(again).toEqual(first);
      const detail = await harness.repository.getComplaintDetail(first.complaintId as string);
      expect(detail?.complaint.channel).toBe('voice');
      expect(detail?.messages).toHaveLength(1);
      expect(detail?.complaint.citizen.masked).toMatch(/^\+82 10-\*+-\d{4}$/);
    });

    it('gives a call the language its contact already carries (a transfer from the foreign-language line), and none otherwise', async () => {
      const { handler } = contactStart();
      const transferred = flowEvent(nextContact(), nextPhone()) as FlowEvent & { Details: { ContactData: { Attributes?: Record<string, string> } } };
      transferred.Details.ContactData.Attributes = { ...(transferred.Details.ContactData.Attributes ?? {}), language: 'vi' };
      const vietnamese = await handler(transferred);
      expect((await harness.repository.getComplaint(vietnamese.complaintId as string))?.language).toBe('vi');

      const plainEvent = flowEvent(nextContact(), nextPhone()) as FlowEvent & { Details: { ContactData: { Attributes?: Record<string, string> } } };
      const plain = await handler(plainEvent);
      expect((await harness.repository.getComplaint(plain.complaintId as string))?.language).toBe('und');

      // The main IVR calls again after the menu, with the language it set: the complaint takes it, once.
      plainEvent.Details.ContactData.Attributes = { language: 'mn' };
      expect(await handler(plainEvent)).toMatchObject({ complaintId: plain.complaintId, language: 'mn' });
      expect((await harness.repository.getComplaint(plain.complaintId as string))?.language).toBe('mn');
      plainEvent.Details.ContactData.Attributes = { language: 'en' };
      await handler(plainEvent);
      expect((await harness.repository.getComplaint(plain.complaintId as string))?.language).toBe('mn');
    });

    it('counts the caller\'s other open complaints on every channel, and a second call joins the open voice complaint', async () => {
      const phone = nextPhone();
      const sms = intakeDeps(harness);
      await ingestMessage(sms, smsMessage({ citizenHandle: phone.replace('+8210', '010-').replace(/(\d{4})(\d{4})$/, '$1-$2') }));
      const { handler } = contactStart();
      const firstCall = await handler(flowEvent(nextContact(), phone));
      expect(firstCall.openComplaintCount).toBe('1');
      const secondCall = await handler(flowEvent(nextContact(), phone));
      expect(secondCall.complaintId).toBe(firstCall.complaintId);
      expect(secondCall.openComplaintCount).toBe('2');
    });

    it('stores a withheld number (null CustomerEndpoint, empty Parameters) as a per-contact anonymous caller with no history lookup', async () => {
      const { handler } = contactStart();
      const a = await handler(flowEvent(nextContact(), null));
      const b = await handler(flowEvent(nextContact(), null));
      expect(a.route).toBe('language');
      expect(a.openComplaintCount).toBe('0');
      expect(b.complaintId).not.toBe(a.complaintId);
      const complaint = await harness.repository.getComplaint(a.complaintId as string);
      expect(complaint?.citizen.kind).toBe('anonymous-caller');
      expect(complaint?.citizen.masked).toBe('anonymous caller');
    });
  });

  describe('contact events', () => {
    it('appends queued, connected (with the counselor) and disconnected entries once, whatever EventBridge redelivers', async () => {
      const { handler } = contactStart();
      const contactId = nextContact();
      const started = await handler(flowEvent(contactId, nextPhone()));
      const status = createVoiceStatusHistory({ repository: harness.repository, log: intakeDeps(harness).log });
      const events = createContactEventHandler({ status, log: intakeDeps(harness).log });
      const queued = contactEvent('contact-event-queued', contactId);
      const connected = contactEvent('contact-event-connected-to-agent', contactId);
      await events(queued);
      await Promise.all([events(connected), events(connected)]);
      await events(queued);
      await events(contactEvent('contact-event-disconnected', contactId));

      const detail = await harness.repository.getComplaintDetail(started.complaintId as string);
      const fromConnect = detail?.statusEvents.filter((e) => e.sourceEventId) ?? [];
      expect(fromConnect.map((e) => [e.from, e.to, e.actor])).toEqual([
        ['received', 'received', 'connect'],
        ['received', 'in_progress', 'counselor:99999999-8888-7777-6666-555555555555'],
        ['in_progress', 'in_progress', 'connect'],
      ]);
      expect(detail?.complaint.status).toBe('in_progress');
      expect(new Set(fromConnect.map((e) => e.sourceEventId)).size).toBe(3);
    });

    it('skips contacts that have no complaint (a happy call) without failing the delivery', async () => {
      const status = createVoiceStatusHistory({ repository: harness.repository, log: intakeDeps(harness).log });
      const [entry] = (await createContactEventHandler({ status: { append: async () => {} }, log: intakeDeps(harness).log })(contactEvent('contact-event-queued', 'happy-call-contact'))) ?? [];
      expect(entry).toBeDefined();
      await expect(status.appendOne(entry!)).resolves.toBe('no-complaint');
    });
  });

  describe('agent workspace and counselor replies', () => {
    const connect = mockClient(ConnectClient);
    let participant: FakeConnectParticipant;
    beforeAll(async () => {
      participant = await startFakeConnectParticipant(['secret-token']);
    });
    afterAll(async () => participant.close());
    beforeEach(() => {
      participant.requests.length = 0;
      participant.accept('secret-token');
      connect.reset();
      connect.on(StartChatContactCommand).resolves({ ContactId: 'chat-contact-0001', ParticipantId: 'p-1', ParticipantToken: 'secret-token' });
      connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-contact-0001' });
      connect.on(StartContactStreamingCommand).resolves({ StreamingId: 'stream-1' });
    });

    const workspaceDeps = (clock: Clock = intakeDeps(harness).clock) => {
      const client = new ConnectClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      const options = { client, instanceId: 'c8c0e68d-2200-4265-82c0-000000000000', contactFlowId: 'flow-chat', retry: { sleep: instant } };
      return {
        repository: harness.repository,
        chat: createChatContactStarter(options),
        task: createTaskContactStarter(options),
        streaming: createChatStreaming({ client, instanceId: options.instanceId, topicArn: 'arn:aws:sns:ap-northeast-2:111122223333:gateway-chat-stream', retry: { sleep: instant } }),
        links: createConnectContactLinks(harness.documents, harness.table.tableName),
        chats: createWorkspaceChats(harness.documents, harness.table.tableName),
        participant: createParticipantService({ baseUrl: participant.url, retry: { sleep: instant } }),
        pii: harness.pii,
        clock,
        log: intakeDeps(harness).log,
      };
    };

    it('starts one chat contact per new SMS complaint (ClientToken = message id) in the citizen language, streams it, and relays the counselor reply translated to SMS once', async () => {
      const ingest = intakeDeps(harness, { translator: new FakeTranslator() });
      const stored = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0001', text: 'The bus stop sign is broken near city hall' }));
      const router = createAgentWorkspaceRouterHandler(async () => workspaceDeps());
      const event = {
        source: 'citizen-contact-gateway',
        'detail-type': 'message.stored',
        detail: { type: 'message.stored', complaintId: stored.complaintId, messageId: stored.messageId, channel: 'sms', at: '2026-03-02T01:00:00.000Z' },
      };
      const outcome = await router(event, {} as never);
      await router(event, {} as never);
      expect(outcome).toMatchObject({ status: 'started', kind: 'chat', contactId: 'chat-contact-0001' });
      const starts = connect.commandCalls(StartChatContactCommand).map((c) => c.args[0].input);
      // The redelivered event finds the chat set up (its token stored): nothing is started or connected twice.
      expect(starts).toHaveLength(1);
      expect(starts[0]?.ClientToken).toBe(stored.messageId);
      // The customer side is connected at once (Connect ends a chat whose customer has not connected within 5 minutes).
      expect(participant.requests.filter((r) => r.bearer === 'secret-token')).toEqual([
        { path: '/participant/connection', bearer: 'secret-token', body: { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true } },
      ]);
      expect(starts[0]?.Attributes).toMatchObject({ receiptNo: stored.receiptNo, language: 'en', channel: 'sms', originalText: 'The bus stop sign is broken near city hall' });
      expect(starts[0]?.Attributes?.koreanText).toBeTruthy();
      expect(JSON.stringify(starts)).not.toContain('7777');
      expect(connect.commandCalls(StartContactStreamingCommand)[0]?.args[0].input).toMatchObject({
        ContactId: 'chat-contact-0001',
        ChatStreamingConfiguration: { StreamingEndpointArn: 'arn:aws:sns:ap-northeast-2:111122223333:gateway-chat-stream' },
      });

      const sms = new RecordingSmsSender();
      const replyHandler = createConnectReplyStreamHandler(async () => ({
        links: createConnectContactLinks(harness.documents, harness.table.tableName),
        reply: { repository: harness.repository, pii: harness.pii, clock: ingest.clock, log: ingest.log, translator: new FakeTranslator(), events: ingest.events, smsSender: sms },
        log: ingest.log,
      }));
      const streamEvent = loadFixture<SNSEvent>('connect', 'chat-stream-agent-message');
      const [relayed] = await replyHandler(streamEvent, {} as never);
      await replyHandler(streamEvent, {} as never);
      expect(relayed).toMatchObject({ status: 'relayed', reply: { delivery: 'sent', language: 'en' } });
      expect(sms.sent).toHaveLength(1);
      expect(sms.sent[0]?.to).toBe('+821077770001');
      const complaint = await harness.repository.getComplaint(stored.complaintId);
      expect(complaint?.status).toBe('answered');
    });

    it('hands the counselor the knowledge cases suggested at intake with the contact it starts', async () => {
      const suggestions = {
        suggest: async () => [{ caseId: '120-10040', title: '도로 파손 신고', category: '도로·시설물', score: 0.8, snippet: '' }],
        store: createDynamoComplaintSuggestionStore(harness.documents, harness.table.tableName),
      };
      const stored = await ingestMessage(intakeDeps(harness, { suggestions }), smsMessage({ citizenHandle: '010-7777-0009', text: '집 앞 도로가 파손됐어요' }));
      await putInAgentWorkspace(workspaceDeps(), { type: 'message.stored', complaintId: stored.complaintId, messageId: stored.messageId, channel: 'sms', at: '2026-03-02T01:00:00.000Z' });
      const attributes = connect.commandCalls(StartChatContactCommand)[0]?.args[0].input.Attributes;
      expect(attributes).toMatchObject({ suggestedCaseIds: '120-10040', suggestedCases: '도로 파손 신고 (120-10040)' });
    });

    it('posts a follow-up into the live chat as the citizen (once, token kept sealed), starts a new chat when it has ended, and ignores voice', async () => {
      const ingest = intakeDeps(harness, { translator: new FakeTranslator() });
      const first = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0002', text: 'Streetlight out on my road' }));
      const followUp = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0002', text: 'It is in front of building 12' }));
      expect(followUp.complaintId).toBe(first.complaintId);
      const deps = workspaceDeps();
      const at = '2026-03-02T01:00:00.000Z';
      const event = (messageId: string, channel = 'sms') => ({ type: 'message.stored' as const, complaintId: first.complaintId, messageId, channel, at });

      await expect(putInAgentWorkspace(deps, event(first.messageId))).resolves.toMatchObject({ status: 'started', kind: 'chat', contactId: 'chat-contact-0001' });
      const stored = await harness.documents.send(new GetCommand({ TableName: harness.table.tableName, Key: workspaceChatKey(first.complaintId) }));
      expect(stored.Item?.contactId).toBe('chat-contact-0001');
      expect(JSON.stringify(stored.Item)).not.toContain('secret-token');

      await expect(putInAgentWorkspace(deps, event(followUp.messageId))).resolves.toEqual({ status: 'posted', contactId: 'chat-contact-0001' });
      await putInAgentWorkspace(deps, event(followUp.messageId));
      expect(participant.messages).toEqual([{ participantToken: 'secret-token', clientToken: followUp.messageId, content: expect.stringMatching(/^It is in front of building 12\n\n\[번역\] /) }]);
      expect(participant.requests.every((r) => r.path !== '/participant/message' || r.bearer?.startsWith('connection-'))).toBe(true);
      expect(connect.commandCalls(StartChatContactCommand)).toHaveLength(1);

      // The counselor closed the chat: the next message starts a chat of its own, which later ones join.
      participant.end('secret-token');
      connect.on(StartChatContactCommand).resolves({ ContactId: 'chat-contact-0002', ParticipantId: 'p-2', ParticipantToken: 'second-token' });
      participant.accept('second-token');
      const third = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0002', text: 'Still dark tonight' }));
      await expect(putInAgentWorkspace(deps, event(third.messageId))).resolves.toMatchObject({ status: 'started', kind: 'chat', contactId: 'chat-contact-0002' });
      expect(connect.commandCalls(StartChatContactCommand)[1]?.args[0].input).toMatchObject({ ClientToken: third.messageId, Attributes: expect.objectContaining({ receiptNo: first.receiptNo }) });
      // Redelivered, the message that started the new chat is not posted into it a second time.
      const postedBefore = participant.messages.length;
      await expect(putInAgentWorkspace(deps, event(third.messageId))).resolves.toMatchObject({ status: 'started', contactId: 'chat-contact-0002' });
      expect(participant.messages).toHaveLength(postedBefore);
      const fourth = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0002', text: 'Thanks' }));
      await expect(putInAgentWorkspace(deps, event(fourth.messageId))).resolves.toEqual({ status: 'posted', contactId: 'chat-contact-0002' });
      expect(participant.messages.at(-1)).toMatchObject({ participantToken: 'second-token', clientToken: fourth.messageId });

      await expect(putInAgentWorkspace(deps, event(first.messageId, 'voice'))).resolves.toMatchObject({ status: 'ignored' });
    });

    it('marks a workspace chat ended when Connect reports it disconnected, so the next follow-up starts a contact without a refused call', async () => {
      connect.on(StartChatContactCommand).resolves({ ContactId: 'chat-contact-0101', ParticipantId: 'p-9', ParticipantToken: 'token-0101' });
      participant.accept('token-0101');
      const ingest = intakeDeps(harness);
      const first = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0004', text: 'Pothole on the main road' }));
      const deps = workspaceDeps();
      const at = '2026-03-02T01:00:00.000Z';
      await putInAgentWorkspace(deps, { type: 'message.stored', complaintId: first.complaintId, messageId: first.messageId, channel: 'sms', at });

      const chats = createWorkspaceChats(harness.documents, harness.table.tableName);
      const links = createConnectContactLinks(harness.documents, harness.table.tableName);
      const status = createVoiceStatusHistory({ repository: harness.repository, links, chats, log: ingest.log });
      await createContactEventHandler({ status, log: ingest.log })(contactEvent('contact-event-disconnected', 'chat-contact-0101'));
      expect((await chats.get(first.complaintId))?.endedAt).toBeTruthy();

      const requestsBefore = participant.requests.length;
      connect.on(StartChatContactCommand).resolves({ ContactId: 'chat-contact-0102', ParticipantId: 'p-10', ParticipantToken: 'token-0102' });
      participant.accept('token-0102');
      const later = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0004', text: 'It got bigger' }));
      await expect(putInAgentWorkspace(deps, { type: 'message.stored', complaintId: first.complaintId, messageId: later.messageId, channel: 'sms', at })).resolves.toMatchObject({ status: 'started', contactId: 'chat-contact-0102' });
      // Nothing was tried on the ended chat; only the new chat's customer side was connected.
      expect(participant.requests.slice(requestsBefore).map((r) => r.bearer)).toEqual(['token-0102']);
      expect((await chats.get(first.complaintId))?.contactId).toBe('chat-contact-0102');
    });

    it('refuses to leave a chat whose customer side can no longer connect: the event fails (to be retried, then dead-lettered) and no chat is stored', async () => {
      connect.on(StartChatContactCommand).resolves({ ContactId: 'chat-contact-0201', ParticipantId: 'p-20', ParticipantToken: 'token-0201-ended' });
      const ingest = intakeDeps(harness);
      const first = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0005', text: 'Broken bench in the park' }));
      await expect(
        putInAgentWorkspace(workspaceDeps(), { type: 'message.stored', complaintId: first.complaintId, messageId: first.messageId, channel: 'sms', at: '2026-03-02T01:00:00.000Z' }),
      ).rejects.toThrow(/ended before its customer side was connected/);
      expect(await createWorkspaceChats(harness.documents, harness.table.tableName).get(first.complaintId)).toBeNull();
    });

    it('lets a follow-up wait for its complaint\'s first contact, and gives a complaint without one a contact of its own', async () => {
      const ingest = intakeDeps(harness);
      const first = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0003' }));
      const followUp = await ingestMessage(ingest, smsMessage({ citizenHandle: '010-7777-0003', text: '하나 더 있어요' }));
      const event = { type: 'message.stored' as const, complaintId: first.complaintId, messageId: followUp.messageId, channel: 'sms', at: '2026-03-02T01:00:00.000Z' };
      await expect(putInAgentWorkspace(workspaceDeps(), event)).rejects.toBeInstanceOf(WorkspaceNotReadyError);
      expect(connect.commandCalls(StartChatContactCommand)).toHaveLength(0);

      const later = { now: () => new Date(ingest.clock.now().getTime() + 60 * 60_000) };
      await expect(putInAgentWorkspace(workspaceDeps(later), event)).resolves.toMatchObject({ status: 'started', kind: 'chat' });
      expect(connect.commandCalls(StartChatContactCommand)[0]?.args[0].input.ClientToken).toBe(followUp.messageId);
    });

    it('never sends the citizen a counselor message Connect marks visible to agents only (MessageVisibility AGENT), nor one without a visibility', async () => {
      const ingest = intakeDeps(harness);
      const sms = new RecordingSmsSender();
      const replyHandler = createConnectReplyStreamHandler(async () => ({
        links: createConnectContactLinks(harness.documents, harness.table.tableName),
        reply: { repository: harness.repository, pii: harness.pii, clock: ingest.clock, log: ingest.log, translator: null, events: ingest.events, smsSender: sms },
        log: ingest.log,
      }));
      const agentsOnly = loadFixture<SNSEvent>('connect', 'chat-stream-agent-message');
      agentsOnly.Records[0]!.Sns.MessageAttributes.MessageVisibility = { Type: 'String', Value: 'AGENT' };
      await expect(replyHandler(agentsOnly, {} as never)).resolves.toEqual([{ status: 'ignored', reason: 'visibility AGENT' }]);
      const unmarked = loadFixture<SNSEvent>('connect', 'chat-stream-agent-message');
      delete unmarked.Records[0]!.Sns.MessageAttributes.MessageVisibility;
      await expect(replyHandler(unmarked, {} as never)).resolves.toEqual([{ status: 'ignored', reason: 'visibility unknown' }]);
      expect(sms.sent).toHaveLength(0);
    });

    it('ignores customer echoes in the counselor reply stream', async () => {
      const ingest = intakeDeps(harness);
      const streamEvent = loadFixture<SNSEvent>('connect', 'chat-stream-agent-message');
      const record = streamEvent.Records[0]!;
      record.Sns.Message = record.Sns.Message.replace('"AGENT"', '"CUSTOMER"');
      const sms = new RecordingSmsSender();
      const replyHandler = createConnectReplyStreamHandler(async () => ({
        links: createConnectContactLinks(harness.documents, harness.table.tableName),
        reply: { repository: harness.repository, pii: harness.pii, clock: ingest.clock, log: ingest.log, translator: null, events: ingest.events, smsSender: sms },
        log: ingest.log,
      }));
      await expect(replyHandler(streamEvent, {} as never)).resolves.toEqual([{ status: 'ignored', reason: 'participant CUSTOMER' }]);
      expect(sms.sent).toHaveLength(0);
    });

    it('starts a task for an X complaint and maps that contact\'s events to the complaint through the link', async () => {
      const ingest = intakeDeps(harness);
      const stored = await ingestMessage(ingest, {
        channel: 'x',
        provider: 'x-api',
        providerMessageId: '1880000000000000001',
        citizenHandle: '2244994945',
        citizenHandleKind: 'x-user',
        text: '@Seoul_120 가로등이 꺼져 있어요',
        media: [],
        conversationRef: '1880000000000000001',
        receivedAt: '2026-03-02T01:00:00.000Z',
      });
      const outcome = await putInAgentWorkspace(workspaceDeps(), { type: 'message.stored', complaintId: stored.complaintId, messageId: stored.messageId, channel: 'x', at: '2026-03-02T01:00:00.000Z' });
      expect(outcome).toMatchObject({ status: 'started', kind: 'task', contactId: 'task-contact-0001' });
      expect(connect.commandCalls(StartContactStreamingCommand)).toHaveLength(0);
      expect(connect.commandCalls(StartTaskContactCommand)[0]?.args[0].input.ClientToken).toBe(stored.messageId);

      const status = createVoiceStatusHistory({ repository: harness.repository, links: createConnectContactLinks(harness.documents, harness.table.tableName), log: ingest.log });
      await createContactEventHandler({ status, log: ingest.log })(contactEvent('contact-event-connected-to-agent', 'task-contact-0001'));
      expect((await harness.repository.getComplaint(stored.complaintId))?.status).toBe('in_progress');
    });
  });
});
