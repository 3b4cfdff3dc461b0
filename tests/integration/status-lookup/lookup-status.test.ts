import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupStatus, type StatusLookupRequest } from '../../../functions/core/status-lookup/lookup-status.ts';
import { sendReply } from '../../../functions/core/reply.ts';
import { kst, noticeWorld } from '../notices/harness.ts';
import { startLookupHarness, type LookupHarness } from './harness.ts';

let requests = 0;
function request(receiptNo: string, phoneLast4: string, options: { lang?: 'ko' | 'en' | 'zh' | 'ja' | 'vi' | 'mn'; ip?: string; at?: string } = {}): StatusLookupRequest {
  requests += 1;
  return {
    query: { receiptNo, phoneLast4, ...(options.lang ? { lang: options.lang } : {}) },
    requestId: `req-lookup-${requests}`,
    at: options.at ?? new Date().toISOString(),
    sourceIp: options.ip ?? `198.51.100.${requests % 250}`,
    route: 'GET /public/status',
  };
}

/*
 * The citizen's status lookup: receipt number and the last four digits of their phone, no account.
 */
describe('status lookup by receipt number and phone digits', () => {
  let h: LookupHarness;
  beforeAll(async () => {
    h = await startLookupHarness();
  });
  afterAll(async () => h.close());

  it('shows status, public history (labels only), due time and the answer its channel could not deliver, in the citizen language', async () => {
    const world = noticeWorld(h, kst('2026-12-07T10:00:00.000'));
    const { complaintId, receiptNo, phone } = await world.complaint({ channel: 'voice', provider: 'amazon-connect', text: '' });
    await world.move(complaintId, 'in_progress', 'counselor:kim.minji@example.org');
    await sendReply({ ...world.deps, events: world.events }, { complaintId, counselor: 'kim', textKo: '다음 주 월요일에 수리합니다.', replyId: 'reply-lookup-1' });
    await world.move(complaintId, 'answered');
    const deps = h.lookupDeps(world);
    const at = world.clock.now().toISOString();
    const found = await lookupStatus(deps, request(receiptNo.toLowerCase().replace(/-/g, ' '), phone.slice(-4), { lang: 'en', at }));
    expect(found).toEqual({
      kind: 'found',
      view: {
        receiptNo,
        language: 'en',
        status: 'answered',
        statusLabel: 'Answered',
        history: [
          { at: expect.any(String), status: 'received', label: 'Received' },
          { at: expect.any(String), status: 'in_progress', label: 'In progress' },
          { at: expect.any(String), status: 'answered', label: 'Answered' },
        ],
        dueAt: null,
        answered: true,
        answer: { text: '다음 주 월요일에 수리합니다.', language: 'ko', at: expect.any(String) },
      },
    });
    expect(JSON.stringify(found)).not.toMatch(/kim|counselor|to answered|to in_progress/);
    // Without `lang`, the complaint's own language.
    const korean = await lookupStatus(deps, request(receiptNo, phone.slice(-4), { at }));
    expect(korean).toMatchObject({ kind: 'found', view: { language: 'ko', statusLabel: '답변 완료' } });
  });

  it('answers a wrong pair exactly as an unknown receipt number, and records both', async () => {
    const world = noticeWorld(h, kst('2026-12-07T11:00:00.000'));
    const { receiptNo, phone } = await world.complaint();
    const deps = h.lookupDeps(world);
    const at = world.clock.now().toISOString();
    const wrong = phone.slice(-4) === '0000' ? '1111' : '0000';
    const mismatch = await lookupStatus(deps, request(receiptNo, wrong, { at }));
    const unknown = await lookupStatus(deps, request('20261207-ZZZZZ-ZZZZZ', phone.slice(-4), { at }));
    expect(mismatch).toEqual({ kind: 'not_found' });
    expect(unknown).toEqual(mismatch);
    const records = await h.lookupsRecorded();
    expect(records.filter((record) => record.outcome === 'refused' && record.refusal === 'unauthenticated').length).toBeGreaterThanOrEqual(2);
  });

  it('locks a receipt number for 15 minutes after 5 wrong pairs, whichever containers and addresses they came from, even for the right pair', async () => {
    const world = noticeWorld(h, kst('2026-12-07T12:00:00.000'));
    const { receiptNo, phone } = await world.complaint();
    const at = () => world.clock.now().toISOString();
    const wrong = phone.slice(-4) === '0000' ? '1111' : '0000';
    // Five guesses at once, each in its own "container", from five addresses.
    const guesses = await Promise.all(Array.from({ length: 5 }, (_, i) => lookupStatus(h.lookupDeps(world), request(receiptNo, wrong, { ip: `203.0.113.${i + 1}`, at: at() }))));
    expect(guesses.every((result) => result.kind === 'not_found')).toBe(true);
    const locked = await lookupStatus(h.lookupDeps(world), request(receiptNo, phone.slice(-4), { at: at() }));
    expect(locked).toEqual({ kind: 'locked', retryAfterSeconds: 900 });

    world.clock.advance(14 * 60_000);
    expect(await lookupStatus(h.lookupDeps(world), request(receiptNo, phone.slice(-4), { at: at() }))).toEqual({ kind: 'locked', retryAfterSeconds: 60 });
    world.clock.advance(60_000);
    expect(await lookupStatus(h.lookupDeps(world), request(receiptNo, phone.slice(-4), { at: at() }))).toMatchObject({ kind: 'found' });
    expect((await h.lookupsRecorded()).some((record) => record.refusal === 'forbidden')).toBe(true);
  });

  it('limits each source address to its window, and lets it in again in the next window', async () => {
    const world = noticeWorld(h, kst('2026-12-07T13:00:00.000'));
    const { receiptNo, phone } = await world.complaint();
    const deps = { ...h.lookupDeps(world), policy: { maxFailures: 5, failureWindowMs: 900_000, lockMs: 900_000, sourceLimit: 3, sourceWindowMs: 600_000 } };
    const from = (ip: string) => lookupStatus(deps, request(receiptNo, phone.slice(-4), { ip, at: world.clock.now().toISOString() }));
    for (let i = 0; i < 3; i += 1) expect(await from('192.0.2.50')).toMatchObject({ kind: 'found' });
    expect(await from('192.0.2.50')).toEqual({ kind: 'rate_limited', retryAfterSeconds: 600 });
    expect(await from('192.0.2.51')).toMatchObject({ kind: 'found' });
    world.clock.advance(600_000);
    expect(await from('192.0.2.50')).toMatchObject({ kind: 'found' });
  });

  it('refuses what is not a receipt number without counting it', async () => {
    const world = noticeWorld(h);
    expect(await lookupStatus(h.lookupDeps(world), request('not-a-receipt', '1234'))).toMatchObject({ kind: 'invalid' });
  });
});
