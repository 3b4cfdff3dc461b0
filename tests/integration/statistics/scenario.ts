import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHappyCallRepository } from '../../../functions/adapters/dynamodb/happy-call-repository.ts';
import { createReservationRepository } from '../../../functions/adapters/dynamodb/reservation-repository.ts';
import { createStatisticsSources } from '../../../functions/adapters/dynamodb/statistics-sources.ts';
import { DynamoStatisticsStore } from '../../../functions/adapters/dynamodb/statistics-store.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import type { DomainEvent, EventPublisher } from '../../../functions/core/ports/events.ts';
import { sendReply } from '../../../functions/core/reply.ts';
import type { Reservation } from '../../../functions/core/reservations/model.ts';
import { registerHappyCall } from '../../../functions/core/voice/happy-call.ts';
import { recordOutcome } from '../../../functions/core/voice/happy-call-scheduler.ts';
import { protectHandle } from '../../../functions/core/protect-handle.ts';
import { intakeDeps, smsMessage, startHarness, type Harness } from '../intake/harness.ts';
import { CapturingLog, FakeTranslator, ManualClock, RecordingSmsSender } from '../../support/in-memory-ports.ts';

/** Collects what the use cases publish, to be delivered to statistics in any order, any number of times. */
export class CollectingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(events: DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }
}

export interface Scenario {
  harness: Harness;
  store: DynamoStatisticsStore;
  sources: ReturnType<typeof createStatisticsSources>;
  events: CollectingPublisher;
  clock: ManualClock;
  log: CapturingLog;
  /** KST days the scenario touched. */
  days: string[];
}

const kst = (local: string): string => new Date(`${local}+09:00`).toISOString();

/**
 * Three KST days of the gateway's work through the real use cases: SMS and chat contacts in
 * Korean and English (one a minute before and one a minute after midnight), replies, a reopening,
 * closings, a sign-language reservation kept, one cancelled and one no-show, happy calls.
 */
export async function runScenario(): Promise<Scenario> {
  const harness = await startHarness();
  const db = DynamoDBDocumentClient.from(harness.table.client);
  const events = new CollectingPublisher();
  const clock = new ManualClock(kst('2026-05-11T09:00:00'));
  const log = new CapturingLog();
  const deps = { ...intakeDeps(harness, { events }), clock, log, translator: null };
  const sms = new RecordingSmsSender();
  let pushed = 0;
  const chat = async () => ({ providerMessageId: `chat-${(pushed += 1)}` });
  // Replies are translated: a reply to the English citizen is otherwise held, never sent in Korean.
  const replyDeps = { repository: harness.repository, pii: harness.pii, clock, log, translator: new FakeTranslator(), events, smsSender: sms, senders: { chat } };
  const status = { repository: harness.repository, clock, events };

  const contact = async (local: string, from: string, text: string, channel: 'sms' | 'chat' = 'sms') => {
    clock.set(kst(local));
    const message =
      channel === 'sms'
        ? smsMessage({ citizenHandle: from, text, receivedAt: kst(local) })
        : smsMessage({ channel: 'chat', provider: 'websocket', citizenHandle: from, citizenHandleKind: 'chat-account', text, receivedAt: kst(local) });
    return ingestMessage(deps, message);
  };
  const answer = async (local: string, complaintId: string, replyId: string) => {
    clock.set(kst(local));
    await sendReply(replyDeps, { complaintId, counselor: 'kim', textKo: '처리하겠습니다', replyId });
  };
  const close = async (local: string, complaintId: string) => {
    clock.set(kst(local));
    await changeStatus(status, { complaintId, to: 'closed', actor: 'counselor:kim', reason: '처리 완료' });
  };

  // Day 1: a resolved SMS complaint, a chat complaint reopened by a follow-up, one left open.
  const a = await contact('2026-05-11T09:00:00', '010-2000-0001', '가로등이 고장났어요');
  await answer('2026-05-11T09:20:00', a.complaintId, 'reply-a-1');
  await close('2026-05-11T10:00:00', a.complaintId);
  const b = await contact('2026-05-11T11:00:00', 'acct-b-000000000000001', 'The bus stop sign is broken', 'chat');
  await answer('2026-05-11T13:00:00', b.complaintId, 'reply-b-1');
  await contact('2026-05-11T14:00:00', 'acct-b-000000000000001', 'It is still broken', 'chat');
  await answer('2026-05-11T15:00:00', b.complaintId, 'reply-b-2');
  await close('2026-05-11T16:00:00', b.complaintId);
  await contact('2026-05-11T23:59:00', '010-2000-0003', '쓰레기가 수거되지 않았어요');
  // Day 2, a minute after midnight KST: another day's complaint.
  const d = await contact('2026-05-12T00:01:00', '010-2000-0004', '불법 주차 신고합니다');
  await answer('2026-05-14T09:00:00', d.complaintId, 'reply-d-1');

  // Sign-language reservations on day 2: kept (task started), cancelled, no-show.
  const reservations = createReservationRepository(db, harness.table.tableName);
  const citizen = protectHandle(harness.pii, 'phone', '010-2000-0009');
  const reservation = (id: string, time: string): Reservation => ({
    reservationId: id,
    requestId: id,
    fingerprint: id,
    citizen,
    slotId: `2026-05-12T${time}`,
    startsAt: kst(`2026-05-12T${time}:00`),
    endsAt: kst(`2026-05-12T${time}:30`),
    contactPreference: 'video',
    language: 'ko',
    receiptNo: `20260512-${id}`,
    status: 'pending',
    history: [],
    followUp: {},
    openWork: false,
    createdAt: kst('2026-05-10T10:00:00'),
    updatedAt: kst('2026-05-10T10:00:00'),
  });
  const move = async (id: string, from: Reservation['status'][], to: Reservation['status']) => {
    await reservations.transition({ reservationId: id, from, change: { at: clock.now().toISOString(), from: from[0] ?? null, to, actor: 'system' } });
    await events.publish([{ type: 'reservation.changed', reservationId: id, status: to, at: clock.now().toISOString() }]);
  };
  for (const [id, time] of [['rsv-kept', '10:00'], ['rsv-cancelled', '11:00'], ['rsv-noshow', '12:00']] as const) {
    await reservations.create(reservation(id, time));
    await move(id, ['pending'], 'confirmed');
  }
  await reservations.recordTask('rsv-kept', { contactId: 'task-1', createdAt: kst('2026-05-12T10:00:00') });
  await events.publish([{ type: 'reservation.changed', reservationId: 'rsv-kept', status: 'confirmed', at: kst('2026-05-12T10:00:00') }]);
  await move('rsv-cancelled', ['confirmed'], 'cancelled');
  await move('rsv-noshow', ['confirmed'], 'no_show');

  // Happy calls on day 3: one answered, one not reported yet.
  const happyCalls = createHappyCallRepository(db, harness.table.tableName);
  for (const [id, language] of [['hc-1', 'en'], ['hc-2', 'vi']] as const) {
    await happyCalls.register(
      registerHappyCall(
        {
          registrationId: id,
          citizen: protectHandle(harness.pii, 'phone', `010-3000-000${id.at(-1)}`),
          language,
          consent: { givenAt: kst('2026-05-01T10:00:00'), source: 'voice', recordedBy: 'citizen' },
          schedule: { weekdays: [3], window: { start: '10:00', end: '12:00' }, perWeek: 1 },
        },
        new Date(kst('2026-05-01T10:00:00')),
      ),
    );
    await happyCalls.claimSlot(id, { slot: '2026-05-13', week: '2026-W20', claimedAt: kst('2026-05-13T10:05:00') });
    await events.publish([{ type: 'happy_call.changed', registrationId: id, slot: '2026-05-13', at: kst('2026-05-13T10:05:00') }]);
  }
  await recordOutcome({ repository: happyCalls, events, log }, { registrationId: 'hc-1', slot: '2026-05-13', outcome: 'answered', at: new Date(kst('2026-05-13T10:06:00')) });

  return {
    harness,
    store: new DynamoStatisticsStore(db, harness.table.tableName),
    sources: createStatisticsSources(db, harness.table.tableName),
    events,
    clock,
    log,
    days: ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14'],
  };
}
