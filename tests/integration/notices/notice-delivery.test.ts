import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND_LEASE_MS } from '../../../functions/core/send-lease.ts';
import { deliverNotice } from '../../../functions/core/notices/deliver-notice.ts';
import { MAX_NOTICE_ATTEMPTS } from '../../../functions/core/notices/model.ts';
import { deliverDueNotices, planProgressNotices } from '../../../functions/core/notices/sweep-notices.ts';
import type { ChannelSend } from '../../../functions/core/reply.ts';
import { startHarness, type Harness } from '../intake/harness.ts';
import { kst, noticeWorld } from './harness.ts';

/*
 * Each test keeps to days of its own: the sweeper reads the schedule of the whole table.
 *
 * When notices leave: quiet hours (21:00-08:00 KST) hold all but the answer, the sweeper sends
 * what was held or failed, and however many senders run at once a notice goes out once.
 */
describe('notice delivery', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it.each([
    ['2026-12-07T20:59:59.000', true],
    ['2026-12-07T21:00:00.000', false],
    ['2026-12-08T07:59:59.000', false],
    ['2026-12-08T08:00:00.000', true],
  ])('a notice planned at %s KST is sent at once: %s', async (wall, immediate) => {
    const world = noticeWorld(harness, kst(wall));
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    expect(world.sms.sent).toHaveLength(immediate ? 1 : 0);
    if (!immediate) expect(await world.outbox.get(`${complaintId}:taken_up:v2`)).toMatchObject({ state: 'queued', notBefore: kst('2026-12-08T08:00:00.000') });
  });

  it('holds night notices until 08:00 and the sweeper sends them then, once, not a minute before', async () => {
    const world = noticeWorld(harness, kst('2027-01-11T23:10:00.000'));
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    world.clock.set(kst('2027-01-12T07:59:00.000'));
    expect(await deliverDueNotices(world.deps)).toMatchObject({ sent: 0 });
    world.clock.set(kst('2027-01-12T08:00:00.000'));
    // Two sweeper runs overlapping (a slow run and the next one) and the event redelivered meanwhile.
    const [a, b] = await Promise.all([deliverDueNotices(world.deps), deliverDueNotices(world.deps), world.deliver(world.events.ofType('complaint.status_changed')[0] as never)]);
    expect(a.sent + b.sent).toBe(1);
    expect(world.sms.sent).toHaveLength(1);
    expect(await deliverDueNotices(world.deps)).toEqual({ due: 0, sent: 0 });
  });

  it('sends once when two senders race for the same notice with a slow provider', async () => {
    const world = noticeWorld(harness, kst('2027-01-18T23:10:00.000'));
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    world.clock.set(kst('2027-01-19T09:00:00.000'));
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sending = new Promise<void>((resolve) => (entered = resolve));
    const fast = world.deps.senders.sms as ChannelSend;
    const slow: ChannelSend = async (args) => {
      entered();
      await gate;
      return fast(args);
    };
    const deps = { ...world.deps, senders: { sms: slow } };
    const first = deliverNotice(deps, `${complaintId}:taken_up:v2`);
    await sending;
    await expect(deliverNotice(deps, `${complaintId}:taken_up:v2`)).resolves.toMatchObject({ state: 'queued' });
    release();
    await expect(first).resolves.toMatchObject({ state: 'sent' });
    expect(world.sms.sent).toHaveLength(1);
  });

  it('sends again a notice whose sender died mid-send, once its lease has expired', async () => {
    const world = noticeWorld(harness, kst('2027-01-25T22:00:00.000'));
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    world.clock.set(kst('2027-01-26T08:30:00.000'));
    const now = world.clock.now();
    expect(await world.outbox.claimSend(`${complaintId}:taken_up:v2`, now.toISOString(), new Date(now.getTime() + SEND_LEASE_MS).toISOString())).toBe(true);
    await deliverDueNotices(world.deps);
    expect(world.sms.sent).toHaveLength(0);
    world.clock.advance(SEND_LEASE_MS + 1000);
    await deliverDueNotices(world.deps);
    expect(world.sms.sent).toHaveLength(1);
  });

  it('retries a failed send from the sweeper and gives up after the last attempt, with the error masked', async () => {
    const world = noticeWorld(harness, kst('2027-02-01T14:00:00.000'));
    const { complaintId, phone } = await world.complaint();
    world.sms.failing = new Error(`Twilio 30003: unreachable ${phone.replace(/-/g, '')}`);
    await world.move(complaintId, 'in_progress');
    const id = `${complaintId}:taken_up:v2`;
    expect(await world.outbox.get(id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await world.outbox.get(id))?.lastError).not.toContain(phone.replace(/-/g, '').slice(-8));

    world.sms.failing = null;
    world.clock.advance(15 * 60_000);
    await deliverDueNotices(world.deps);
    expect(await world.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2 });

    const other = await world.complaint();
    world.sms.failing = new Error('provider down');
    await world.move(other.complaintId, 'in_progress');
    for (let run = 1; run < MAX_NOTICE_ATTEMPTS; run += 1) {
      world.clock.advance(15 * 60_000);
      await deliverDueNotices(world.deps);
    }
    expect(await world.outbox.get(`${other.complaintId}:taken_up:v2`)).toMatchObject({ state: 'skipped', skipReason: 'attempts_exhausted', attempts: MAX_NOTICE_ATTEMPTS });
    world.clock.advance(15 * 60_000);
    expect(await deliverDueNotices(world.deps)).toEqual({ due: 0, sent: 0 });
  });

  it('holds a "taken up" notice over the night and drops it when the complaint was closed by morning; the closing notice goes', async () => {
    const world = noticeWorld(harness, kst('2027-02-08T22:00:00.000'));
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    world.clock.set(kst('2027-02-09T06:00:00.000'));
    await world.move(complaintId, 'closed');
    world.clock.set(kst('2027-02-09T08:00:00.000'));
    await deliverDueNotices(world.deps);
    expect(world.sms.sent.map((sent) => sent.idempotencyKey)).toEqual([`${complaintId}:closed:v3`]);
    expect(await world.outbox.get(`${complaintId}:taken_up:v2`)).toMatchObject({ state: 'skipped', skipReason: 'superseded' });
  });

  it('tells citizens whose complaint is still open after 30 days how it stands, once per 30 days', async () => {
    const world = noticeWorld(harness, kst('2026-11-01T10:00:00.000'));
    const open = await world.complaint({ text: 'Noise from the construction site every night' });
    const closed = await world.complaint();
    await world.move(closed.complaintId, 'closed');
    world.clock.set(kst('2026-12-01T10:30:00.000'));
    await planProgressNotices(world.deps);
    await planProgressNotices(world.deps);
    world.clock.set(kst('2026-12-02T10:30:00.000'));
    await planProgressNotices(world.deps);
    const progress = world.sms.sent.filter((sent) => sent.idempotencyKey.includes(':progress:'));
    expect(progress.map((sent) => sent.idempotencyKey)).toEqual([`${open.complaintId}:progress:30d`]);
    expect(progress[0]?.body).toMatch(new RegExp(`^\\[Seoul 120\\] We are still working on your complaint ${open.receiptNo} \\(day 30\\)\\. Deadline: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(KST\\)$`));

    world.clock.set(kst('2026-12-31T10:30:00.000'));
    await planProgressNotices(world.deps);
    expect(world.sms.sent.filter((sent) => sent.idempotencyKey.includes(':progress:')).map((sent) => sent.idempotencyKey)).toEqual([
      `${open.complaintId}:progress:30d`,
      `${open.complaintId}:progress:60d`,
    ]);
  });
});
