import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReply } from '../../../functions/core/reply.ts';
import { protectHandle } from '../../../functions/core/protect-handle.ts';
import { startHarness, type Harness } from '../intake/harness.ts';
import { kst, noticeWorld } from './harness.ts';

/*
 * Status notices on the complaint table: planned from the status history's announcements, sent on
 * the citizen's own channel in their language, each exactly once.
 */
describe('status notices', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('tells an SMS citizen, in their language, that a counselor took the complaint up and that it was closed', async () => {
    const world = noticeWorld(harness);
    const { complaintId, receiptNo, phone } = await world.complaint({ text: 'The streetlight on my road is broken' });
    await world.move(complaintId, 'in_progress');
    await world.move(complaintId, 'closed');
    const e164 = `+82${phone.replace(/-/g, '').slice(1)}`;
    expect(world.sms.sent).toEqual([
      { to: e164, body: `[Seoul 120] A counselor has started working on your complaint ${receiptNo}.`, idempotencyKey: `${complaintId}:taken_up:v2` },
      { to: e164, body: `[Seoul 120] Your complaint ${receiptNo} has been closed. Thank you for contacting us.`, idempotencyKey: `${complaintId}:closed:v3` },
    ]);
    expect(await world.outbox.get(`${complaintId}:closed:v3`)).toMatchObject({ state: 'sent', attempts: 1, language: 'en', providerMessageId: expect.stringMatching(/^SM/) });
  });

  it('sends a notice once however often its event is delivered, also when the deliveries run at the same time', async () => {
    const world = noticeWorld(harness);
    const { complaintId } = await world.complaint();
    const event = await world.move(complaintId, 'in_progress');
    await world.deliver(event);
    await Promise.all([world.deliver(event), world.deliver(event), world.deliver(event)]);
    expect(world.sms.sent.map((sent) => sent.idempotencyKey)).toEqual([`${complaintId}:taken_up:v2`]);
  });

  it('does not tell the citizen a reply delivered on their own channel was answered: the reply was the answer', async () => {
    const world = noticeWorld(harness);
    const { complaintId } = await world.complaint({ text: '쓰레기 수거일이 언제인가요?' });
    await sendReply({ ...world.deps, events: world.events, smsSender: world.sms }, { complaintId, counselor: 'kim', textKo: '화요일입니다.', replyId: 'reply-0001' });
    const answered = world.events.ofType('complaint.status_changed').at(-1);
    expect(answered).toMatchObject({ to: 'answered' });
    await world.deliver(answered as NonNullable<typeof answered>);
    expect(world.sms.sent.map((sent) => sent.body)).toEqual(['화요일입니다.']);
  });

  it('tells an SMS citizen whose complaint was marked answered without a reply that it was answered', async () => {
    const world = noticeWorld(harness);
    const { complaintId, receiptNo } = await world.complaint({ text: '불법 주차 신고합니다' });
    await world.move(complaintId, 'answered');
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([`[서울시 120] 접수번호 ${receiptNo} 민원에 답변했습니다.`]);
  });

  it('names the new agency on a transfer, and a second transfer supersedes a first one still held for the morning', async () => {
    const world = noticeWorld(harness, kst('2026-12-07T22:00:00.000'));
    const { complaintId, receiptNo } = await world.complaint({ text: '도로 파손 신고' });
    const base = { type: 'complaint.status_changed', complaintId, receiptNo, channel: 'sms', from: 'received', to: 'received', actor: 'counselor:kim', at: world.clock.now().toISOString() } as const;
    await world.deliver({ ...base, version: 2, agency: '마포구청 도로과' });
    await harness.repository.applyStatusEvent({ complaintId, eventId: 'v000002', version: 2, at: base.at, actor: 'counselor:kim', from: 'received', to: 'received', reason: 'transfer' });
    await world.deliver({ ...base, version: 3, agency: '서대문구청 도로과', previousAgency: '마포구청 도로과' });
    expect(world.sms.sent).toEqual([]);
    // The complaint now names the second agency (the assignment route writes it; here directly).
    await harness.documents.send(new (await import('@aws-sdk/lib-dynamodb')).UpdateCommand({ TableName: harness.table.tableName, Key: { pk: `COMPLAINT#${complaintId}`, sk: 'META' }, UpdateExpression: 'SET agency = :a', ExpressionAttributeValues: { ':a': '서대문구청 도로과' } }));

    world.clock.set(kst('2026-12-08T08:00:00.000'));
    await (await import('../../../functions/core/notices/sweep-notices.ts')).deliverDueNotices(world.deps);
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([`[서울시 120] 접수번호 ${receiptNo} 민원을 담당 기관에 이관했습니다. 담당: 서대문구청 도로과`]);
    expect(await world.outbox.get(`${complaintId}:transferred:v2`)).toMatchObject({ state: 'skipped', skipReason: 'superseded' });
  });

  it('tells the citizen of a deadline extension with the new date and the reason in their language', async () => {
    const world = noticeWorld(harness);
    const { complaintId, receiptNo } = await world.complaint({ text: 'My neighbour builds without a permit' });
    await world.deliver({
      type: 'complaint.deadline_extended',
      complaintId,
      receiptNo,
      channel: 'sms',
      language: 'en',
      petitionType: 'grievance',
      extensionNumber: 1,
      dueAt: '2026-12-18T09:00:00.000Z',
      reason: '현장 확인이 필요합니다',
      at: world.clock.now().toISOString(),
    });
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([
      `[Seoul 120] The processing deadline of your complaint ${receiptNo} has been extended to 2026-12-18 18:00 (KST). Reason: [ko→en] 현장 확인이 필요합니다`,
    ]);
  });

  it('sends X citizens nothing, and voice callers nothing unless they consented to SMS on the call', async () => {
    const world = noticeWorld(harness);
    const x = await world.complaint({ channel: 'x', provider: 'x-api', citizenHandle: '1234567890', citizenHandleKind: 'x-user', text: '@Seoul_120 the bus stop sign is broken' });
    await world.move(x.complaintId, 'in_progress');
    await world.move(x.complaintId, 'closed');
    const voice = await world.complaint({ channel: 'voice', provider: 'amazon-connect', text: '' });
    await world.move(voice.complaintId, 'closed');
    expect(world.sms.sent).toEqual([]);

    const consenting = await world.complaint({ channel: 'voice', provider: 'amazon-connect', text: '' });
    await harness.repository.recordSmsNoticeConsent(consenting.complaintId, { at: world.clock.now().toISOString(), contactId: 'contact-1' });
    await world.move(consenting.complaintId, 'closed');
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([`[서울시 120] 접수번호 ${consenting.receiptNo} 민원 처리를 마쳤습니다. 이용해 주셔서 감사합니다.`]);
  });

  it('sends a voice caller who consented the answer itself by SMS, even at night, when the call channel could not carry it', async () => {
    const world = noticeWorld(harness, kst('2026-12-07T23:30:00.000'));
    const { complaintId, receiptNo } = await world.complaint({ channel: 'voice', provider: 'amazon-connect', text: '' });
    await harness.repository.recordSmsNoticeConsent(complaintId, { at: world.clock.now().toISOString(), contactId: 'contact-2' });
    const reply = await sendReply({ ...world.deps, events: world.events }, { complaintId, counselor: 'kim', textKo: '내일 오전에 수거합니다.', replyId: 'reply-voice-1' });
    expect(reply.delivery).toBe('undeliverable');
    await world.move(complaintId, 'answered');
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([`[서울시 120] 접수번호 ${receiptNo} 민원 답변: 내일 오전에 수거합니다.`]);
  });

  it('pushes chat citizens their notices on the chat channel', async () => {
    const world = noticeWorld(harness);
    const { complaintId, receiptNo } = await world.complaint({ channel: 'chat', provider: 'websocket', citizenHandle: 'acct_0001', citizenHandleKind: 'chat-account', text: 'こんにちは。ごみの日を教えてください', languageHint: 'ja' });
    await world.move(complaintId, 'in_progress');
    expect(world.chat).toEqual([
      {
        to: 'acct_0001',
        body: `[ソウル120] 受付番号 ${receiptNo} のご相談について、相談員が対応を始めました。`,
        idempotencyKey: `${complaintId}:taken_up:v2`,
        context: { complaintId, language: 'ja', original: { language: 'ko', text: `[서울시 120] 접수번호 ${receiptNo} 민원을 상담사가 처리하기 시작했습니다.` } },
      },
    ]);
    expect(world.sms.sent).toEqual([]);
  });

  it('sends nothing to a citizen who opted out, also when they opted out after the notice was held for the morning', async () => {
    const world = noticeWorld(harness);
    const optedOut = await world.complaint();
    const hash = (phone: string) => protectHandle(harness.pii, 'phone', phone).hash;
    const stop = { optedOut: true, changedAt: world.clock.now().toISOString(), keyword: '수신거부', handledBy: 'gateway' as const, messageId: 'msg_stop' };
    await world.preferences.recordSmsPreference(hash(optedOut.phone), stop);
    await world.move(optedOut.complaintId, 'in_progress');
    expect(await world.outbox.get(`${optedOut.complaintId}:taken_up:v2`)).toMatchObject({ state: 'skipped', skipReason: 'opted_out' });

    world.clock.set(kst('2026-12-07T21:15:00.000'));
    const later = await world.complaint();
    await world.move(later.complaintId, 'in_progress');
    await world.preferences.recordSmsPreference(hash(later.phone), { ...stop, changedAt: world.clock.now().toISOString() });
    world.clock.set(kst('2026-12-08T08:05:00.000'));
    await (await import('../../../functions/core/notices/sweep-notices.ts')).deliverDueNotices(world.deps);
    expect(world.sms.sent).toEqual([]);
    expect(await world.outbox.get(`${later.complaintId}:taken_up:v2`)).toMatchObject({ state: 'skipped', skipReason: 'opted_out' });
  });
});
