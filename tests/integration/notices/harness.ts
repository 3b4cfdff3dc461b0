import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoNoticeOutbox } from '../../../functions/adapters/dynamodb/notice-outbox.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import type { NoticeDeps } from '../../../functions/core/notices/deps.ts';
import { noticesForEvent } from '../../../functions/core/notices/plan-notices.ts';
import type { ComplaintStatus } from '../../../functions/core/model.ts';
import type { ComplaintStatusChangedEvent, DomainEvent } from '../../../functions/core/ports/events.ts';
import { senderFor, type ChannelSend } from '../../../functions/core/reply.ts';
import type { InboundMessageInput } from '../../../schemas/inbound-message.ts';
import { CapturingLog, FakeTranslator, ManualClock, RecordingEventPublisher, RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, uniquePhone, type Harness } from '../intake/harness.ts';

/** KST wall time → UTC ISO instant. */
export const kst = (wall: string): string => new Date(`${wall}+09:00`).toISOString();

export interface NoticeWorld {
  deps: NoticeDeps;
  clock: ManualClock;
  sms: RecordingSmsSender;
  chat: Array<Parameters<ChannelSend>[0]>;
  events: RecordingEventPublisher;
  translator: FakeTranslator;
  log: CapturingLog;
  preferences: DynamoCitizenPreferences;
  outbox: DynamoNoticeOutbox;
  /** A new complaint from a new number, received at `at`. */
  complaint(overrides?: Partial<InboundMessageInput>, at?: string): Promise<{ complaintId: string; receiptNo: string; phone: string }>;
  /** Changes the status as a counselor does and hands the announcement to the notice function, as EventBridge would. */
  move(complaintId: string, to: ComplaintStatus, actor?: string): Promise<ComplaintStatusChangedEvent>;
  /** Every event published so far, handed to the notice function again (a redelivery). */
  deliver(event: DomainEvent): ReturnType<typeof noticesForEvent>;
}

export function noticeWorld(harness: Harness, start = kst('2026-12-07T14:00:00.000')): NoticeWorld {
  const clock = new ManualClock(start);
  const sms = new RecordingSmsSender();
  const chat: NoticeWorld['chat'] = [];
  const events = new RecordingEventPublisher();
  const translator = new FakeTranslator();
  const log = new CapturingLog();
  const preferences = new DynamoCitizenPreferences(harness.documents, harness.table.tableName);
  const outbox = new DynamoNoticeOutbox(harness.documents, harness.table.tableName);
  const chatSend: ChannelSend = async (args) => {
    chat.push(args);
    return { providerMessageId: `chat:${args.idempotencyKey}` };
  };
  const smsSend = senderFor({ smsSender: sms }, 'sms') as ChannelSend;
  const deps: NoticeDeps = { outbox, repository: harness.repository, preferences, pii: harness.pii, clock, log, senders: { sms: smsSend, chat: chatSend }, translator };
  const ingest = intakeDeps(harness, { clock, events, log });
  return {
    deps,
    clock,
    sms,
    chat,
    events,
    translator,
    log,
    preferences,
    outbox,
    async complaint(overrides = {}, at = clock.now().toISOString()) {
      const phone = uniquePhone();
      const result = await ingestMessage(ingest, smsMessage({ citizenHandle: phone, receivedAt: at, ...overrides }));
      return { complaintId: result.complaintId, receiptNo: result.receiptNo, phone };
    },
    async move(complaintId, to, actor = 'counselor:kim') {
      await changeStatus({ repository: harness.repository, clock, events }, { complaintId, to, actor, reason: `to ${to}` });
      const event = events.ofType('complaint.status_changed').at(-1) as ComplaintStatusChangedEvent;
      await noticesForEvent(deps, event);
      return event;
    },
    deliver: (event) => noticesForEvent(deps, event),
  };
}
