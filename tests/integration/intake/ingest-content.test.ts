import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { translatePendingMessage } from '../../../functions/core/translate-message.ts';
import { PROMISED_TEXT_LENGTH } from '../../../schemas/inbound-message.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

describe('ingestMessage keeps what the citizen sent', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('preserves text with emoji and Hangul byte for byte and never sends Korean to the translator', async () => {
    const deps = intakeDeps(harness);
    const text = '안녕하세요 👋🏽 한강공원 화장실이 잠겼어요 🚻‼️ (ㅠㅠ) e\u0301 \u{1F1F0}\u{1F1F7}';
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text }));
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);

    expect(Buffer.from(stored!.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(stored?.language).toBe('ko');
    expect(stored?.translation).toMatchObject({ status: 'not_needed', attempts: 0 });
    expect(outcome.translation).toBe('not_needed');
    expect(deps.translator.calls).toEqual([]);
  });

  it('stores text over the promised 1,000 characters whole and flags it', async () => {
    const deps = intakeDeps(harness);
    const text = '민원 내용입니다. '.repeat(200);
    expect(text.length).toBeGreaterThan(PROMISED_TEXT_LENGTH);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text }));
    const exact = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: '가'.repeat(PROMISED_TEXT_LENGTH) }));

    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored?.text).toBe(text);
    expect(stored?.overLength).toBe(true);
    expect((await harness.repository.getMessage(exact.complaintId, exact.messageId))?.overLength).toBe(false);
  });

  it('translates other languages into Korean naming the locally detected source', async () => {
    const deps = intakeDeps(harness);
    const text = 'The street light in front of my house has been broken for a week.';
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text }));
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);

    expect(deps.translator.calls).toEqual([{ text, source: 'en', target: 'ko' }]);
    expect(stored?.translation).toMatchObject({ status: 'done', provider: 'fake-translate', text: `[en→ko] ${text}`, attempts: 1 });
    expect((await harness.repository.getComplaint(outcome.complaintId))?.language).toBe('en');
  });

  it('lets the channel\'s language hint name the source where the script cannot (Vietnamese without diacritics), never over Hangul', async () => {
    const deps = intakeDeps(harness);
    const text = 'xin chao, den duong truoc nha toi bi hong';
    const hinted = await ingestMessage(deps, smsMessage({ channel: 'chat', provider: 'websocket', citizenHandleKind: 'chat-account', citizenHandle: 'acc_vi_hint_0001', text, languageHint: 'vi' }));
    expect(deps.translator.calls).toEqual([{ text, source: 'vi', target: 'ko' }]);
    expect((await harness.repository.getComplaint(hinted.complaintId))?.language).toBe('vi');

    const korean = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: '가로등이 꺼졌어요', languageHint: 'en' }));
    expect(deps.translator.calls).toHaveLength(1);
    expect((await harness.repository.getMessage(korean.complaintId, korean.messageId))?.language).toBe('ko');
  });

  it('stores a throttled translation as pending, enqueues a delayed retry, and completes it later', async () => {
    const deps = intakeDeps(harness);
    deps.translator.throttle(2);
    const text = 'Xin chào, đèn giao thông ở ngã tư bị hỏng rồi ạ.';
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text }));

    expect(outcome).toMatchObject({ status: 'stored', translation: 'pending' });
    expect(deps.intakeQueue.sent).toEqual([
      { envelope: { kind: 'translate', complaintId: outcome.complaintId, messageId: outcome.messageId, attempt: 1 }, delaySeconds: 30 },
    ]);

    // Still throttled on the first deferred attempt: re-enqueued with a longer delay.
    const [firstRetry] = deps.intakeQueue.drain();
    if (firstRetry?.envelope.kind !== 'translate') throw new Error('expected a translate envelope');
    const stillPending = await translatePendingMessage(deps, firstRetry.envelope);
    expect(stillPending).toMatchObject({ translation: 'pending', retryInSeconds: 60 });

    const [secondRetry] = deps.intakeQueue.drain();
    if (secondRetry?.envelope.kind !== 'translate') throw new Error('expected a translate envelope');
    // The same envelope delivered twice translates once.
    const [done, duplicate] = await Promise.all([translatePendingMessage(deps, secondRetry.envelope), translatePendingMessage(deps, secondRetry.envelope)]);
    expect([done.changed, duplicate.changed].filter(Boolean)).toHaveLength(1);
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored?.translation).toMatchObject({ status: 'done', text: `[vi→ko] ${text}`, attempts: 3 });
    expect(deps.intakeQueue.sent).toEqual([]);
    expect(deps.events.ofType('message.translated')).toHaveLength(1);
  });

  it('gives up with a failed translation after the bounded number of deferred attempts', async () => {
    const deps = intakeDeps(harness, { policy: { translationMaxAttempts: 3 } });
    deps.translator.throttle(10);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'Сайн байна уу, замын гэрэл ажиллахгүй байна.' }));
    const delays: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const [next] = deps.intakeQueue.drain();
      if (next?.envelope.kind !== 'translate') break;
      delays.push(next.delaySeconds ?? 0);
      await translatePendingMessage(deps, next.envelope);
    }
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(delays).toEqual([30, 60, 120]);
    expect(stored?.translation).toMatchObject({ status: 'failed', attempts: 4, lastError: expect.stringContaining('Throttling') });
  });

  it('records a translation the service refuses as failed without retrying', async () => {
    const deps = intakeDeps(harness);
    deps.translator.reject();
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'これは日本語のテキストです。よろしくお願いします。' }));
    expect(outcome.translation).toBe('failed');
    expect(deps.intakeQueue.sent).toEqual([]);
  });

  it('records the translation as unavailable when no translation service is configured', async () => {
    const deps = intakeDeps(harness, { translator: null });
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'Hello, the park toilet is locked.' }));
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored).toMatchObject({ language: 'en', translation: { status: 'unavailable' } });
  });

  it('does not send text in a language it could not detect to the translator, and keeps it', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'สวัสดีครับ ถนนชำรุด' }));
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored).toMatchObject({ text: 'สวัสดีครับ ถนนชำรุด', language: 'und', translation: { status: 'failed', lastError: expect.stringContaining('not detected') } });
    expect(deps.translator.calls).toEqual([]);
  });

  it('has nothing to translate in a message of emoji only', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: '👍🙏' }));
    expect(outcome.translation).toBe('not_needed');
    expect(deps.translator.calls).toEqual([]);
  });

  it('refuses an unsupported media type with a reason and still stores the text and the allowed image', async () => {
    const deps = intakeDeps(harness);
    deps.mediaFetcher.serve('https://api.twilio.com/m/1', PNG, 'image/png');
    deps.mediaFetcher.serve('https://api.twilio.com/m/3', Buffer.from('<svg/>'), 'image/jpeg');
    const message = smsMessage({
      citizenHandle: uniquePhone(),
      text: '사진 보냅니다',
      media: [
        { url: 'https://api.twilio.com/m/1', contentType: 'image/png' },
        { url: 'https://api.twilio.com/m/2', contentType: 'video/mp4' },
        { url: 'https://api.twilio.com/m/3', contentType: 'image/jpeg' },
      ],
    });
    const outcome = await ingestMessage(deps, message);
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);

    expect(stored?.text).toBe('사진 보냅니다');
    expect(stored?.attachments).toEqual([{ key: expect.stringMatching(/^media\/.+\/0\.png$/), contentType: 'image/png', sizeBytes: PNG.byteLength }]);
    expect(stored?.refusedAttachments).toEqual([
      { contentType: 'video/mp4', reason: expect.any(String) },
      { contentType: 'image/jpeg', reason: expect.stringContaining('not one of') },
    ]);
    expect(deps.mediaFetcher.fetched).not.toContain('https://api.twilio.com/m/2');
    expect([...deps.mediaStore.objects.keys()]).toEqual([stored?.attachments[0]?.key]);
  });

  it('never logs the citizen\'s number in clear', async () => {
    const deps = intakeDeps(harness);
    deps.translator.throttle(1);
    await ingestMessage(deps, smsMessage({ citizenHandle: '010-9876-5432', text: 'Please call me back' }));
    await ingestMessage(deps, smsMessage({ citizenHandle: '+82 10 9876 5432', text: 'Still waiting' }));
    const logged = deps.log.text();
    expect(deps.log.lines.length).toBeGreaterThan(0);
    for (const form of ['9876-5432', '98765432', '+821098765432', '10 9876', '9876 5432']) expect(logged).not.toContain(form);
  });
});
