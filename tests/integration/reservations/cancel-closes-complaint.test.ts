import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { ingestMessage, type IngestDeps } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { bookReservation, type BookReservationInput } from '../../../functions/core/reservations/book-reservation.ts';
import { isFollowUpDone } from '../../../functions/core/reservations/model.ts';
import { cancelReservation } from '../../../functions/core/reservations/reservation-lifecycle.ts';
import { sweepOpenWork } from '../../../functions/core/reservations/run-work.ts';
import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { CapturingLog, FakeMediaFetcher, InMemoryMediaStore, RecordingEventPublisher, RecordingIntakeQueue } from '../../support/in-memory-ports.ts';
import { fakePii, startHarness, type Harness } from './harness.ts';

/*
 * A booking files a complaint through the intake pipeline. When the booking is cancelled, the
 * complaint it founded is closed (the status history says why), so the citizen's next, unrelated
 * text opens a complaint of its own instead of joining a dead reservation in its language.
 */
describe('cancelling a sign-language reservation closes the complaint it opened', () => {
  let h: Harness;
  let repository: DynamoComplaintRepository;
  let ingest: IngestDeps;

  beforeEach(async () => {
    h = await startHarness();
    repository = new DynamoComplaintRepository(h.documents, h.table.tableName);
    ingest = {
      repository,
      pii: fakePii,
      clock: h.clock,
      log: new CapturingLog(),
      translator: null,
      intakeQueue: new RecordingIntakeQueue(),
      mediaFetcher: new FakeMediaFetcher(),
      mediaStore: new InMemoryMediaStore(),
      events: new RecordingEventPublisher(),
    };
  });
  afterEach(async () => h.table.close());

  const booking = (overrides: Partial<BookReservationInput> = {}): BookReservationInput => ({
    requestId: 'request-0001',
    citizen: { phone: '010-5555-2001' },
    slot: '2025-03-10T10:00',
    contactPreference: 'video',
    language: 'vi',
    ...overrides,
  });

  /** The pipeline's part: ingest what the booking enqueued. */
  async function runIntake(): Promise<Array<{ complaintId: string }>> {
    const outcomes = [];
    for (const envelope of h.intake.envelopes.splice(0)) {
      if (envelope.kind === 'inbound') outcomes.push(await ingestMessage(ingest, envelope.message));
    }
    return outcomes;
  }

  const laterSms = (text: string): InboundMessage => ({
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: `SM${'7'.repeat(32)}`,
    citizenHandle: '+82 10 5555 2001',
    citizenHandleKind: 'phone',
    text,
    media: [],
    receivedAt: '2025-03-10T02:00:00.000Z',
  });

  it('closes the complaint with the reason on record, and the next text opens a new complaint', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking());
    const [filed] = await runIntake();
    expect((await getComplaint({ repository }, filed!.complaintId))?.status).toBe('received');

    await cancelReservation(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'citizen', reason: 'cannot come, call 010-5555-2001' });

    const closed = await getComplaint({ repository }, filed!.complaintId);
    expect(closed?.status).toBe('closed');
    const last = closed?.statusHistory.at(-1);
    expect(last).toMatchObject({ from: 'received', to: 'closed', actor: 'citizen' });
    expect(last?.reason).toContain(`reservation ${reservation.reservationId} cancelled`);
    expect(last?.reason).not.toContain('5555-2001');

    const next = await ingestMessage(ingest, laterSms('쓰레기 수거가 안 됐어요'));
    expect(next.newComplaint).toBe(true);
    expect(next.complaintId).not.toBe(filed!.complaintId);
    expect((await getComplaint({ repository }, next.complaintId))?.language).toBe('ko');
  });

  it('closes it once the pipeline has filed it when the booking is cancelled first (the sweeper finishes the step)', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking());
    await cancelReservation(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'counselor:lee' });
    const pending = await h.reservations.deps.repository.get(reservation.reservationId);
    expect(pending?.openWork).toBe(true);
    expect(isFollowUpDone(pending?.followUp ?? {}, 'complaintClosed')).toBe(false);

    const [filed] = await runIntake();
    h.clock.set(new Date(h.clock.now().getTime() + 11 * 60_000).toISOString());
    await sweepOpenWork(h.reservations.deps);

    const closed = await getComplaint({ repository }, filed!.complaintId);
    expect(closed?.status).toBe('closed');
    expect(closed?.statusHistory.at(-1)).toMatchObject({ actor: 'counselor:lee', to: 'closed' });
    expect((await h.reservations.deps.repository.get(reservation.reservationId))?.openWork).toBe(false);
  });

  it('leaves alone a complaint the booking joined, and one the citizen has written more into', async () => {
    const earlier = await ingestMessage(ingest, laterSms('가로등이 고장났어요'));
    const joined = await bookReservation(h.reservations.deps, booking());
    const [filed] = await runIntake();
    expect(filed!.complaintId).toBe(earlier.complaintId);
    await cancelReservation(h.reservations.deps, { reservationId: joined.reservation.reservationId, actor: 'citizen' });
    expect((await getComplaint({ repository }, earlier.complaintId))?.status).toBe('received');
  });

  it('leaves open a complaint the booking founded when the citizen has written more into it', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking({ citizen: { phone: '010-5555-2002' } }));
    const [filed] = await runIntake();
    const more = await ingestMessage(ingest, { ...laterSms('또 다른 문의가 있어요'), citizenHandle: '010-5555-2002' });
    expect(more.complaintId).toBe(filed!.complaintId);
    await cancelReservation(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'citizen' });
    expect((await getComplaint({ repository }, filed!.complaintId))?.status).toBe('received');
    expect((await h.reservations.deps.repository.get(reservation.reservationId))?.openWork).toBe(false);
  });
});
