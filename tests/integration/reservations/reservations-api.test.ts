import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReservationTaskHandler } from '../../../functions/handlers/reservation-task.ts';
import { apiEvent, startHarness, type Harness } from './harness.ts';

const body = { requestId: 'req-api-0001', citizen: { phone: '010 2222 3333' }, slot: '2025-03-10T15:00', contactPreference: 'sms', language: 'vi' };
const call = (h: Harness, ...args: Parameters<typeof apiEvent>) => h.reservations.apiHandler(apiEvent(...args), {} as never);
const parse = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;

describe('reservations API handler (API Gateway REST events)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ schedule: { defaultCapacity: 1 } });
  });
  afterEach(async () => h.table.close());

  it('lists slots, books with 201, answers a repeat with 200 and shows the reservation without the phone number', async () => {
    const slots = await call(h, 'GET', '/reservations/slots', { query: { from: '2025-03-10' } });
    expect(slots.statusCode).toBe(200);
    // 08:00 KST: every slot from 09:00 (one hour ahead) to 17:30.
    expect((parse(slots).items as unknown[]).length).toBe(18);

    const created = await call(h, 'POST', '/reservations', { body });
    expect(created.statusCode).toBe(201);
    const view = parse(created);
    expect(view).toMatchObject({ status: 'confirmed', citizen: { kind: 'phone', masked: '+82 10-****-3333' }, language: 'vi' });
    expect(created.body).not.toMatch(/2222|sealed/);
    expect((await call(h, 'POST', '/reservations', { body })).statusCode).toBe(200);

    const shown = await call(h, 'GET', '/reservations/{id}', { id: String(view.reservationId) });
    expect(parse(shown).reservationId).toBe(view.reservationId);
    const day = await call(h, 'GET', '/reservations', { query: { date: '2025-03-10' } });
    expect((parse(day).items as unknown[]).length).toBe(1);
    const after = await call(h, 'GET', '/reservations/slots', { query: { from: '2025-03-10' } });
    expect((parse(after).items as Array<{ slotId: string }>).map((s) => s.slotId)).not.toContain('2025-03-10T15:00');
  });

  it('answers 409 with a code for a full slot, 400 for a malformed body and 404 for an unknown reservation', async () => {
    await call(h, 'POST', '/reservations', { body });
    const full = await call(h, 'POST', '/reservations', { body: { ...body, requestId: 'req-api-0002', citizen: { phone: '010-4444-5555' } } });
    expect(full.statusCode).toBe(409);
    expect(parse(full)).toMatchObject({ details: { code: 'slot_full' } });
    expect((await call(h, 'POST', '/reservations', { body: '{"requestId":' })).statusCode).toBe(400);
    expect((await call(h, 'POST', '/reservations', { body: { ...body, slot: 'tomorrow' } })).statusCode).toBe(400);
    expect((await call(h, 'GET', '/reservations/{id}', { id: 'rsv_0000000000000000000000000' })).statusCode).toBe(404);
    expect((await call(h, 'GET', '/reservations/slots', { query: { from: '2025-03-10', to: '2025-06-10' } })).statusCode).toBe(400);
  });

  it('cancels through the API and refuses a no-show before the slot starts', async () => {
    const id = String(parse(await call(h, 'POST', '/reservations', { body })).reservationId);
    expect((await call(h, 'POST', '/reservations/{id}/no-show', { id, body: { counselor: 'lee' } })).statusCode).toBe(409);
    const cancelled = await call(h, 'POST', '/reservations/{id}/cancel', { id, body: { reason: 'sick' } });
    expect(cancelled.statusCode).toBe(200);
    expect(parse(cancelled)).toMatchObject({ changed: true, reservation: { status: 'cancelled' } });
  });

  it('drops a task payload that can never be valid instead of retrying it', async () => {
    const handler = createReservationTaskHandler(async () => h.reservations.taskDeps);
    expect(await handler({ kind: 'explode' }, {} as never)).toEqual({ outcome: 'invalid' });
    expect(h.log.lines.some((l) => l.level === 'error' && l.message === 'reservation work payload invalid')).toBe(true);
  });
});
