import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueNotices } from '../../../functions/core/notices/sweep-notices.ts';
import { SmsRecipientRefusedError, type SmsSender, type SmsSendRequest } from '../../../functions/core/ports/sms-sender.ts';
import { senderFor } from '../../../functions/core/reply.ts';
import { KOREAN_ONLY_NOTE, isRepresentable, smsCharsetFor, type SmsCharset } from '../../../functions/core/sms-charset.ts';
import { startHarness, type Harness } from '../intake/harness.ts';
import { kst, noticeWorld, type NoticeWorld } from './harness.ts';

/** An SMS provider as the stage's sender looks to a notice: Twilio's charset rule, a body limit, scripted refusals. */
class ScriptedSmsSender implements SmsSender {
  readonly name = 'twilio';
  readonly sent: SmsSendRequest[] = [];
  /** Thrown by the n-th send (1-based), once. */
  failAt = new Map<number, Error>();
  #calls = 0;
  constructor(readonly maxBodyUnits = 1600) {}

  charsetFor(to: string): SmsCharset {
    return smsCharsetFor('twilio', to);
  }

  async send(request: SmsSendRequest): Promise<{ providerMessageId: string }> {
    this.#calls += 1;
    const failure = this.failAt.get(this.#calls);
    if (failure) throw failure;
    this.sent.push(request);
    return { providerMessageId: `SM${String(this.#calls).padStart(32, '0')}` };
  }
}

function withSender(world: NoticeWorld, sms: ScriptedSmsSender): NoticeWorld {
  const send = senderFor({ smsSender: sms }, 'sms');
  if (!send) throw new Error('no SMS sender');
  world.deps.senders = { ...world.deps.senders, sms: send };
  return world;
}

/*
 * Status notices go by SMS through the same sender as replies, so the SMS rules that replies
 * follow hold for them too: what a South Korean handset can show, numbers that refuse our texts,
 * long texts in parts.
 */
describe('status notices by SMS follow the SMS rules of replies', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('sends a Chinese notice to a Korean handset (EUC-KR only) as its Korean text under the note, receipt number intact, and records the fallback', async () => {
    const sms = new ScriptedSmsSender();
    const world = withSender(noticeWorld(harness, kst('2027-03-01T10:00:00.000')), sms);
    const { complaintId, receiptNo } = await world.complaint({ text: '我们小区的路灯坏了，请尽快修理。' });
    await world.move(complaintId, 'in_progress');
    expect(sms.sent).toHaveLength(1);
    const body = sms.sent[0]?.body ?? '';
    expect(isRepresentable(body, 'euc-kr')).toBe(true);
    expect(body).toBe(`${KOREAN_ONLY_NOTE}\n[서울시 120] 접수번호 ${receiptNo} 민원을 상담사가 처리하기 시작했습니다.`);
    expect(await world.outbox.get(`${complaintId}:taken_up:v2`)).toMatchObject({ state: 'sent', language: 'zh', charsetFallback: 'korean', textSent: body });
  });

  it('settles a notice whose number the provider says opted out (Twilio 21610): skipped at once, never retried', async () => {
    const sms = new ScriptedSmsSender();
    sms.failAt.set(1, new SmsRecipientRefusedError('opted_out', 'twilio', '21610', 'Attempt to send to unsubscribed recipient'));
    const world = withSender(noticeWorld(harness, kst('2027-03-08T10:00:00.000')), sms);
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    const id = `${complaintId}:taken_up:v2`;
    expect(await world.outbox.get(id)).toMatchObject({ state: 'skipped', skipReason: 'opted_out', attempts: 1 });
    expect((await world.outbox.get(id))?.lastError).toContain('21610');
    world.clock.advance(15 * 60_000);
    expect(await deliverDueNotices(world.deps)).toEqual({ due: 0, sent: 0 });
    expect(sms.sent).toHaveLength(0);
  });

  it('settles a notice to a number that is not a mobile (Twilio 21614) as unreachable, never retried', async () => {
    const sms = new ScriptedSmsSender();
    sms.failAt.set(1, new SmsRecipientRefusedError('not_mobile', 'twilio', '21614', 'To number is not a valid mobile number'));
    const world = withSender(noticeWorld(harness, kst('2027-03-15T10:00:00.000')), sms);
    const { complaintId } = await world.complaint();
    await world.move(complaintId, 'in_progress');
    expect(await world.outbox.get(`${complaintId}:taken_up:v2`)).toMatchObject({ state: 'skipped', skipReason: 'unreachable', attempts: 1 });
    world.clock.advance(15 * 60_000);
    expect(await deliverDueNotices(world.deps)).toEqual({ due: 0, sent: 0 });
  });

  it('sends a notice longer than the provider takes in parts, and a retry sends only the parts that did not leave', async () => {
    const sms = new ScriptedSmsSender(60);
    sms.failAt.set(2, new Error('provider timeout'));
    const world = withSender(noticeWorld(harness, kst('2027-03-22T10:00:00.000')), sms);
    const { complaintId, receiptNo } = await world.complaint({ text: 'The streetlight on my road is broken' });
    await world.move(complaintId, 'in_progress');
    const id = `${complaintId}:taken_up:v2`;
    expect(await world.outbox.get(id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(sms.sent).toHaveLength(1);

    world.clock.advance(15 * 60_000);
    await deliverDueNotices(world.deps);
    const notice = await world.outbox.get(id);
    expect(notice).toMatchObject({ state: 'sent', attempts: 2 });
    const keys = sms.sent.map((sent) => sent.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(1);
    expect(notice?.providerMessageId?.split(',')).toHaveLength(keys.length);
    expect(sms.sent.map((sent) => sent.body).join(' ')).toContain(receiptNo);
  });
});
