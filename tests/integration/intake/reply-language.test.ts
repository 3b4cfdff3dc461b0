import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { replyRetriesOn } from '../../../functions/core/ports/reply-retries.ts';
import { retryHeldReply, sendReply, type ReplyDeps } from '../../../functions/core/reply.ts';
import { ReplyLanguageError } from '../../../functions/core/reply-language.ts';
import { FakeTranslator, RecordingIntakeQueue, RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

describe('replies to citizens who do not read Korean', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  /** Reply deps with no translation service, and the retry queue recorded. */
  function setup() {
    const deps = intakeDeps(harness);
    const sms = new RecordingSmsSender();
    const retryQueue = new RecordingIntakeQueue();
    const reply: ReplyDeps = { ...deps, translator: null, smsSender: sms, retries: replyRetriesOn(retryQueue), policy: { translationMaxAttempts: 3 } };
    return { deps, sms, retryQueue, reply };
  }

  async function englishComplaint(deps: ReturnType<typeof intakeDeps>): Promise<string> {
    return (await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'The streetlight in front of my house is broken' }))).complaintId;
  }

  it('holds a Korean reply as awaiting_translation when no translator is configured, sends nothing, and queues its translation retry', async () => {
    const { deps, sms, retryQueue, reply } = setup();
    const complaintId = await englishComplaint(deps);
    const held = await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 수리하겠습니다', replyId: 'r-held-1' });

    expect(held).toMatchObject({ delivery: 'awaiting_translation', translation: 'awaiting', textSent: '' });
    expect(held.lastError).toMatch(/no translation service/);
    expect(sms.sent).toEqual([]);
    expect(retryQueue.sent).toEqual([{ envelope: { kind: 'reply', complaintId, replyId: 'r-held-1', attempt: 1 }, delaySeconds: 30 }]);
    expect((await harness.repository.getComplaint(complaintId))?.status).toBe('received');
  });

  it('sends a held reply translated once a translator answers its queued retry, exactly once for duplicate jobs', async () => {
    const { deps, sms, retryQueue, reply } = setup();
    const complaintId = await englishComplaint(deps);
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 수리하겠습니다', replyId: 'r-held-2' });
    const job = retryQueue.drain()[0]?.envelope;
    if (job?.kind !== 'reply') throw new Error('no reply job queued');

    const back = { ...reply, translator: new FakeTranslator() };
    const { kind: _kind, ...retry } = job;
    const sent = await retryHeldReply(back, retry);
    expect(sent).toMatchObject({ delivery: 'sent', translation: 'translated', language: 'en', textSent: '[ko→en] 내일 수리하겠습니다' });
    await retryHeldReply(back, retry);
    expect(sms.sent.map((m) => m.body)).toEqual(['[ko→en] 내일 수리하겠습니다']);
    expect(retryQueue.sent).toEqual([]);
    expect((await harness.repository.getComplaint(complaintId))?.status).toBe('answered');
  });

  it('queues each retry once with growing delays and stops after the budget, leaving the reply held for the counselor', async () => {
    const { deps, sms, retryQueue, reply } = setup();
    const complaintId = await englishComplaint(deps);
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '확인 중입니다', replyId: 'r-held-3' });
    const delays: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const queued = retryQueue.drain();
      if (queued.length === 0) break;
      expect(queued).toHaveLength(1);
      delays.push(queued[0]?.delaySeconds ?? -1);
      const envelope = queued[0]?.envelope;
      if (envelope?.kind !== 'reply') throw new Error('not a reply job');
      const { kind: _kind, ...job } = envelope;
      // A duplicate delivery of the same job changes nothing.
      await retryHeldReply(reply, job);
      await retryHeldReply(reply, job);
    }
    expect(delays).toEqual([30, 60, 120]);
    const stored = await harness.repository.getReply(complaintId, 'r-held-3');
    expect(stored).toMatchObject({ delivery: 'awaiting_translation', translationAttempts: 3 });
    expect(stored?.lastError).toMatch(/gave up after 3 translation attempts/);
    expect(sms.sent).toEqual([]);
  });

  it('sends a held reply in Korean once the counselor confirms it (same id, sendUntranslated)', async () => {
    const { deps, sms, reply } = setup();
    const complaintId = await englishComplaint(deps);
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 수리하겠습니다', replyId: 'r-held-4' });
    const confirmed = await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 수리하겠습니다', replyId: 'r-held-4', sendUntranslated: true });
    expect(confirmed).toMatchObject({ delivery: 'sent', translation: 'korean_confirmed', language: 'ko', textSent: '내일 수리하겠습니다' });
    expect(sms.sent.map((m) => m.body)).toEqual(['내일 수리하겠습니다']);
  });

  it('sends a reply written in the citizen\'s language as written, without a translator', async () => {
    const { deps, sms, reply } = setup();
    const complaintId = await englishComplaint(deps);
    const sent = await sendReply(reply, { complaintId, counselor: 'smith', textKo: 'We will repair it tomorrow.', replyId: 'r-en-1', language: 'en' });
    expect(sent).toMatchObject({ delivery: 'sent', translation: 'written_in_language', language: 'en', writtenIn: 'en' });
    expect(sms.sent.map((m) => m.body)).toEqual(['We will repair it tomorrow.']);
  });

  it('refuses a reply written in a language the citizen does not write, and the same id in another language', async () => {
    const { deps, sms, reply } = setup();
    const complaintId = await englishComplaint(deps);
    await expect(sendReply(reply, { complaintId, counselor: 'kim', textKo: '明日修理します', replyId: 'r-ja-1', language: 'ja' })).rejects.toBeInstanceOf(ReplyLanguageError);
    expect(await harness.repository.getReply(complaintId, 'r-ja-1')).toBeNull();
    expect(sms.sent).toEqual([]);
  });

  it('holds a reply whose translation is throttled and queues the retry instead of leaving it pending', async () => {
    const { deps, sms, retryQueue, reply } = setup();
    const complaintId = await englishComplaint(deps);
    const translator = new FakeTranslator().throttle(1);
    const held = await sendReply({ ...reply, translator }, { complaintId, counselor: 'kim', textKo: '환불해 드리겠습니다', replyId: 'r-throttle-1' });
    expect(held).toMatchObject({ delivery: 'awaiting_translation', lastError: expect.stringContaining('Throttling') });
    expect(retryQueue.sent).toHaveLength(1);
    expect(sms.sent).toEqual([]);
  });
});
