import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createHappyCallRepository } from '../../../functions/adapters/dynamodb/happy-call-repository.ts';
import { assignComplaint } from '../../../functions/core/assign-complaint.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { changePetitionType } from '../../../functions/core/deadlines/change-petition-type.ts';
import { workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { bookReservation } from '../../../functions/core/reservations/book-reservation.ts';
import { cancelReservation } from '../../../functions/core/reservations/reservation-lifecycle.ts';
import { registerHappyCall } from '../../../functions/core/voice/happy-call.ts';
import { recordOutcome, runHappyCallScheduler } from '../../../functions/core/voice/happy-call-scheduler.ts';
import { intakeDeps, smsMessage, startHarness as startIntakeHarness, type Harness as IntakeHarness } from '../intake/harness.ts';
import { startHarness as startReservationHarness, type Harness as ReservationHarness } from '../reservations/harness.ts';
import { RecordingEventPublisher } from '../../support/in-memory-ports.ts';
import { createStatisticsSources } from '../../../functions/adapters/dynamodb/statistics-sources.ts';
import { DynamoStatisticsStore } from '../../../functions/adapters/dynamodb/statistics-store.ts';
import { kstDay } from '../../../functions/core/kst.ts';
import { rollUpEvent } from '../../../functions/core/statistics/roll-up-event.ts';
import { statisticsFromRollups, statisticsRange } from '../../../functions/core/statistics/statistics-report.ts';

let closeTable: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeTable?.();
  closeTable = undefined;
});

describe('the events statistics count from', () => {
  it('announce every status change, again when the same request is retried (same version), with the receipt number', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const { complaintId, receiptNo } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0001' }));
    const status = { repository: harness.repository, clock: deps.clock, events };
    await changeStatus(status, { complaintId, to: 'closed', actor: 'counselor:kim.minji', reason: '처리 완료' });
    await changeStatus(status, { complaintId, to: 'closed', actor: 'counselor:kim.minji', reason: '처리 완료' });
    const announced = { type: 'complaint.status_changed', complaintId, receiptNo, channel: 'sms', version: 2, from: 'received', to: 'closed', actor: 'counselor:kim.minji', at: deps.clock.now().toISOString() };
    expect(events.ofType('complaint.status_changed')).toEqual([announced, announced]);
  });

  it('announce a petition type change as an update, never as a status change from a status to itself', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0004' }));
    const calendar = workingCalendar([]);
    await changePetitionType({ repository: harness.repository, clock: deps.clock, events, calendar }, { complaintId, petitionType: 'suggestion', actor: 'counselor:kim' });
    await changePetitionType({ repository: harness.repository, clock: deps.clock, events, calendar }, { complaintId, petitionType: 'suggestion', actor: 'counselor:kim' });
    expect(events.ofType('complaint.status_changed')).toEqual([]);
    expect(events.ofType('complaint.updated')).toEqual([{ type: 'complaint.updated', complaintId, channel: 'sms', version: 2, what: 'petition-type', at: deps.clock.now().toISOString() }]);
  });

  it('announce a new category alone as an update, never as a status change', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0005' }));
    const status = { repository: harness.repository, clock: deps.clock, events };
    await assignComplaint(status, { complaintId, category: '도로/교통', actor: 'counselor:kim', reason: '분류 정정' });
    await assignComplaint(status, { complaintId, category: '도로/교통', actor: 'counselor:kim', reason: '분류 정정' });
    expect(events.ofType('complaint.status_changed')).toEqual([]);
    expect(events.ofType('complaint.updated')).toEqual([{ type: 'complaint.updated', complaintId, channel: 'sms', version: 2, what: 'assignment', at: deps.clock.now().toISOString() }]);
  });

  it('announce a transfer to another agency once, as a status change that keeps the status (no update besides)', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const { complaintId, receiptNo } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0006' }));
    const status = { repository: harness.repository, clock: deps.clock, events };
    await assignComplaint(status, { complaintId, agency: '종로구청', category: '도로/교통', actor: 'counselor:kim', reason: '관할 구청 이관' });
    await assignComplaint(status, { complaintId, agency: '종로구청', actor: 'counselor:kim', reason: '관할 구청 이관' });
    expect(events.ofType('complaint.updated')).toEqual([]);
    expect(events.ofType('complaint.status_changed')).toEqual([
      { type: 'complaint.status_changed', complaintId, receiptNo, channel: 'sms', version: 2, from: 'received', to: 'received', actor: 'counselor:kim', agency: '종로구청', at: deps.clock.now().toISOString() },
    ]);
  });

  it('roll a closing and a transfer up once each: the status counted once, the complaint under its new agency', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0007' }));
    const status = { repository: harness.repository, clock: deps.clock, events };
    await changeStatus(status, { complaintId, to: 'closed', actor: 'counselor:kim', reason: '처리 완료' });
    await assignComplaint(status, { complaintId, agency: '마포구청', actor: 'counselor:kim', reason: '관할 구청 이관' });
    await assignComplaint(status, { complaintId, agency: '종로구청', actor: 'counselor:kim', reason: '관할 구청 재이관' });
    const transfers = events.ofType('complaint.status_changed').filter((event) => event.from === event.to);
    expect(transfers.map((event) => [event.previousAgency, event.agency])).toEqual([
      [undefined, '마포구청'],
      ['마포구청', '종로구청'],
    ]);
    const db = DynamoDBDocumentClient.from(harness.table.client);
    const rollups = { store: new DynamoStatisticsStore(db, harness.table.tableName), sources: createStatisticsSources(db, harness.table.tableName), clock: deps.clock, log: deps.log };
    // Every event twice, the transfers first: as EventBridge may redeliver and reorder them.
    for (const event of [...transfers, ...events.events, ...events.events]) await rollUpEvent(rollups, event);
    const range = statisticsRange({ from: kstDay(deps.clock.now()), to: kstDay(deps.clock.now()) }, deps.clock);
    const { total } = await statisticsFromRollups({ store: rollups.store, voice: null }, range);
    expect(total.complaints).toMatchObject({ total: 1, byStatus: { closed: 1 }, byAgency: { 종로구청: 1 } });
  });

  it('announce a reopening when the citizen writes after the answer', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const deps = intakeDeps(harness, { events });
    const first = await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0002' }));
    await changeStatus({ repository: harness.repository, clock: deps.clock }, { complaintId: first.complaintId, to: 'answered', actor: 'counselor:kim', reason: 'answered by phone' });
    await ingestMessage(deps, smsMessage({ citizenHandle: '010-4000-0002', text: '아직 고장이에요' }));
    expect(events.ofType('complaint.status_changed').map((e) => [e.from, e.to, e.actor])).toEqual([['answered', 'in_progress', 'citizen']]);
  });

  it('announce a reservation when it is confirmed and when it is cancelled', async () => {
    const harness: ReservationHarness = await startReservationHarness();
    closeTable = () => harness.table.close();
    const events = new RecordingEventPublisher();
    const deps = { ...harness.reservations.deps, events };
    const { reservation } = await bookReservation(deps, { requestId: 'request-0001', citizen: { phone: '010-5555-1001' }, slot: '2025-03-10T10:00', contactPreference: 'video', language: 'ko' });
    await cancelReservation(deps, { reservationId: reservation.reservationId, actor: 'citizen' });
    expect(events.ofType('reservation.changed').map((e) => [e.reservationId, e.status])).toEqual([
      [reservation.reservationId, 'confirmed'],
      [reservation.reservationId, 'cancelled'],
    ]);
  });

  it('announce a happy call when it is placed and when its outcome is reported', async () => {
    const harness: IntakeHarness = await startIntakeHarness();
    closeTable = () => harness.close();
    const events = new RecordingEventPublisher();
    const log = intakeDeps(harness).log;
    const repository = createHappyCallRepository(DynamoDBDocumentClient.from(harness.table.client), harness.table.tableName);
    const seoul = (local: string) => new Date(`${local}+09:00`);
    await repository.register(
      registerHappyCall(
        {
          registrationId: 'HC-EV',
          citizen: { kind: 'phone', hash: 'h', sealed: harness.pii.seal('+821040000003'), masked: '+82 10-****-0003' },
          language: 'en',
          consent: { givenAt: '2025-01-01T00:00:00.000Z', source: 'counselor', recordedBy: 'counselor:7' },
          schedule: { weekdays: [1], window: { start: '10:00', end: '12:00' }, perWeek: 1 },
        },
        seoul('2025-01-02T10:00:00'),
      ),
    );
    const caller = { start: async () => ({ contactId: 'contact-1' }) };
    await runHappyCallScheduler({ repository, caller, pii: harness.pii, log, events }, seoul('2025-01-06T10:30:00'));
    await recordOutcome({ repository, events, log }, { registrationId: 'HC-EV', slot: '2025-01-06', outcome: 'answered', at: seoul('2025-01-06T10:31:00') });
    expect(events.ofType('happy_call.changed').map((e) => [e.registrationId, e.slot])).toEqual([
      ['HC-EV', '2025-01-06'],
      ['HC-EV', '2025-01-06'],
    ]);
  });
});
