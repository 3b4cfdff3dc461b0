import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectReservationTasks } from '../../../functions/adapters/connect/task-for-reservation.ts';
import { bookReservation } from '../../../functions/core/reservations/book-reservation.ts';
import { cancelReservation } from '../../../functions/core/reservations/reservation-lifecycle.ts';
import { runReservationWork } from '../../../functions/core/reservations/run-work.ts';
import { MONDAY_8AM_KST, apiEvent, startHarness, type Harness } from './harness.ts';

const booking = (n: number, language: 'ko' | 'mn' = 'mn') => ({
  requestId: `request-${String(n).padStart(4, '0')}`,
  citizen: { phone: `010-7777-${1000 + n}` },
  slot: '2025-03-11T14:00',
  contactPreference: 'video' as const,
  language,
});

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });

describe('reservation scheduled work (local scheduler on the embedded DynamoDB)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.table.close());

  it('schedules the 24 h and 1 h reminders and the task start, visible in the API', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking(1));
    const response = await h.reservations.apiHandler(apiEvent('GET', '/reservations/scheduled-work', { query: { reservationId: reservation.reservationId } }), {} as never);
    expect(response.statusCode).toBe(200);
    const items = (JSON.parse(response.body) as { items: Array<{ kind: string; dueAt: string; state: string }> }).items;
    expect(items.map((i) => [i.kind, i.dueAt, i.state])).toEqual([
      ['reminder', '2025-03-10T05:00:00.000Z', 'scheduled'],
      ['reminder', '2025-03-11T04:00:00.000Z', 'scheduled'],
      ['start-task', '2025-03-11T05:00:00.000Z', 'scheduled'],
    ]);
  });

  it('sends each reminder once in the citizen language and records the task at the reserved time', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking(1));
    const confirmations = h.sms.sent.length;
    expect(await h.reservations.runDueWork(new Date('2025-03-10T04:59:00.000Z'))).toBe(0);
    expect(await h.reservations.runDueWork(new Date('2025-03-10T05:00:00.000Z'))).toBe(1);
    expect(await h.reservations.runDueWork(new Date('2025-03-10T06:00:00.000Z'))).toBe(0);
    const reminders = h.sms.sent.slice(confirmations);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ to: '+821077771001', idempotencyKey: `${reservation.reservationId}-remind-24h` });
    expect(reminders[0]?.body).toMatch(/Сануулга/);

    expect(await h.reservations.runDueWork(new Date('2025-03-11T05:00:00.000Z'))).toBe(2);
    const stored = await h.reservations.deps.repository.get(reservation.reservationId);
    expect(stored?.task?.contactId).toBe(`local-task-${reservation.reservationId}`);
    expect(h.sms.sent.slice(confirmations)).toHaveLength(2);
    // A duplicate Scheduler delivery does nothing twice.
    expect(await runReservationWork(h.reservations.deps, { kind: 'reminder', reservationId: reservation.reservationId, workId: `${reservation.reservationId}-remind-1h` })).toBe('skipped');
    expect((await h.reservations.scheduledWork.list(reservation.reservationId)).map((w) => w.state)).toEqual(['done', 'done', 'done']);
  });

  it('logs that reservation work ran only when some did: an idle timer tick logs nothing', async () => {
    const ran = () => h.log.lines.filter((line) => line.message === 'reservation work ran');
    for (let minute = 0; minute < 3; minute += 1) expect(await h.reservations.runDueWork(new Date(Date.parse(MONDAY_8AM_KST) + minute * 60_000))).toBe(0);
    expect(ran()).toEqual([]);
    await bookReservation(h.reservations.deps, booking(3));
    expect(await h.reservations.runDueWork(new Date('2025-03-10T05:00:00.000Z'))).toBe(1);
    expect(ran().map((line) => line.attributes?.kind)).toEqual(['reminder']);
  });

  it('skips the work of a cancelled reservation', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking(2));
    await cancelReservation(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'citizen' });
    const sent = h.sms.sent.length;
    expect(await runReservationWork(h.reservations.deps, { kind: 'start-task', reservationId: reservation.reservationId, workId: `${reservation.reservationId}-start` })).toBe('skipped');
    expect(await h.reservations.runDueWork(new Date('2025-03-12T00:00:00.000Z'))).toBe(0);
    expect(h.sms.sent.length).toBe(sent);
    expect((await h.reservations.deps.repository.get(reservation.reservationId))?.task).toBeUndefined();
  });

  it('creates the Amazon Connect task with the reservation id as ClientToken, retrying throttling', async () => {
    const connect = mockClient(ConnectClient);
    connect.on(StartTaskContactCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ ContactId: 'contact-42' });
    const sleeps: number[] = [];
    const tasks = connectReservationTasks({
      client: new ConnectClient({ region: 'ap-northeast-2' }),
      instanceId: 'instance-1',
      contactFlowId: 'flow-sign',
      queueId: 'queue-sign',
      retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    });
    const deps = { ...h.reservations.deps, tasks };
    const { reservation } = await bookReservation(deps, booking(3, 'ko'));
    h.clock.set('2025-03-11T05:00:00.000Z');
    const workId = `${reservation.reservationId}-start`;
    expect(await runReservationWork(deps, { kind: 'start-task', reservationId: reservation.reservationId, workId })).toBe('done');
    const calls = connect.commandCalls(StartTaskContactCommand);
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    const input = calls[0]?.args[0].input;
    expect(input).toMatchObject({
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-sign',
      ClientToken: reservation.reservationId,
      Attributes: { receiptNo: reservation.receiptNo, language: 'ko', contactPreference: 'video', queueId: 'queue-sign', reservationId: reservation.reservationId },
    });
    expect(JSON.stringify(input)).not.toContain('7777-1003');
    expect((await h.reservations.deps.repository.get(reservation.reservationId))?.task?.contactId).toBe('contact-42');
    expect(await runReservationWork(deps, { kind: 'start-task', reservationId: reservation.reservationId, workId })).toBe('skipped');
    expect(connect.commandCalls(StartTaskContactCommand)).toHaveLength(3);
    connect.restore();
  });

  it('lets a failed task start be retried by the next delivery', async () => {
    let failures = 1;
    const tasks = { start: async () => (failures-- > 0 ? Promise.reject(new Error('connect down')) : { contactId: 'c-1' }) };
    const deps = { ...h.reservations.deps, tasks };
    const { reservation } = await bookReservation(deps, booking(4));
    const work = { kind: 'start-task' as const, reservationId: reservation.reservationId, workId: `${reservation.reservationId}-start` };
    await expect(runReservationWork(deps, work)).rejects.toThrow('connect down');
    expect(await runReservationWork(deps, work)).toBe('done');
    expect((await h.reservations.deps.repository.get(reservation.reservationId))?.task?.contactId).toBe('c-1');
  });
});
