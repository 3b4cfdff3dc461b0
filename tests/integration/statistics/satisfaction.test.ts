import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoSatisfactionStore, DynamoSurveyPreferences } from '../../../functions/adapters/dynamodb/satisfaction-store.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { sendReply } from '../../../functions/core/reply.ts';
import { askSatisfaction, type AskSatisfactionDeps } from '../../../functions/core/satisfaction/ask-satisfaction.ts';
import { handleSurveyAnswer, type SurveyIntakeDeps } from '../../../functions/core/satisfaction/survey-intake.ts';
import { recordVoiceSurvey } from '../../../functions/core/satisfaction/voice-survey.ts';
import { surveySenders } from '../../../functions/core/satisfaction/survey-senders.ts';
import { handleSmsKeyword } from '../../../functions/core/sms-keyword-intake.ts';
import { intakeDeps, smsMessage, startHarness, type Harness } from '../intake/harness.ts';
import { RecordingEventPublisher, RecordingSmsSender } from '../../support/in-memory-ports.ts';

let harness: Harness;
let deps: ReturnType<typeof intakeDeps>;
let sms: RecordingSmsSender;
let chatPushes: Array<{ to: string; body: string }>;
let events: RecordingEventPublisher;
let ask: AskSatisfactionDeps;
let answers: SurveyIntakeDeps;

beforeEach(async () => {
  harness = await startHarness();
  events = new RecordingEventPublisher();
  deps = intakeDeps(harness, { events, translator: null });
  sms = new RecordingSmsSender();
  chatPushes = [];
  const db = DynamoDBDocumentClient.from(harness.table.client);
  const surveys = new DynamoSatisfactionStore(db, harness.table.tableName);
  const surveyPreferences = new DynamoSurveyPreferences(db, harness.table.tableName);
  const senders = surveySenders({ smsSender: sms, senders: { chat: async ({ to, body }) => (chatPushes.push({ to, body }), { providerMessageId: `chat-${chatPushes.length}` }) } });
  ask = { complaints: harness.repository, surveys, surveyPreferences, smsPreferences: new DynamoCitizenPreferences(db, harness.table.tableName), senders, pii: harness.pii, clock: deps.clock, log: deps.log, events };
  answers = { complaints: harness.repository, surveys, surveyPreferences, pii: harness.pii, clock: deps.clock, log: deps.log, events };
});
afterEach(async () => harness.close());

/** A complaint answered by a counselor's reply and closed. */
async function closedAfterAnswer(from: string, overrides: Parameters<typeof smsMessage>[0] = {}): Promise<string> {
  const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: from, ...overrides }));
  const senders = { chat: async () => ({ providerMessageId: 'chat-reply' }) };
  await sendReply({ repository: harness.repository, pii: harness.pii, clock: deps.clock, log: deps.log, translator: null, events, smsSender: new RecordingSmsSender(), senders }, { complaintId, counselor: 'kim', textKo: '처리했습니다', replyId: `reply-${complaintId.slice(-8)}` });
  await changeStatus({ repository: harness.repository, clock: deps.clock, events }, { complaintId, to: 'closed', actor: 'counselor:kim', reason: '완료' });
  return complaintId;
}

describe('the satisfaction question', () => {
  it('is asked once by SMS in Korean with the receipt number, however often and concurrently the close is delivered', async () => {
    const complaintId = await closedAfterAnswer('010-7100-0001');
    const outcomes = await Promise.all([askSatisfaction(ask, complaintId), askSatisfaction(ask, complaintId), askSatisfaction(ask, complaintId)]);
    expect(outcomes.filter((o) => o === 'asked')).toHaveLength(1);
    expect(await askSatisfaction(ask, complaintId)).toBe('already-asked');
    expect(sms.sent).toHaveLength(1);
    const complaint = await harness.repository.getComplaint(complaintId);
    expect(sms.sent[0]).toMatchObject({ to: '+821071000001', idempotencyKey: `survey:${complaintId}` });
    expect(sms.sent[0]?.body).toContain(complaint?.receiptNo);
    expect(sms.sent[0]?.body).toMatch(/^\[서울시 120\]/);
    expect(complaint?.satisfactionSurvey).toMatchObject({ channel: 'sms', language: 'ko' });
    expect(complaint?.satisfactionSurvey?.askedAt).toBeDefined();
    expect(events.ofType('complaint.satisfaction_recorded')).toHaveLength(1);
  });

  it('is asked on chat in the citizen’s language', async () => {
    const complaintId = await closedAfterAnswer('acct-survey-000000001', { channel: 'chat', provider: 'websocket', citizenHandleKind: 'chat-account', text: 'The park gate is locked' });
    expect(await askSatisfaction(ask, complaintId)).toBe('asked');
    expect(chatPushes).toHaveLength(1);
    expect(chatPushes[0]?.body).toMatch(/^\[Seoul 120\] How satisfied/);
  });

  it('is not asked of a complaint closed without an answer, nor of a citizen who opted out of SMS', async () => {
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: '010-7100-0002' }));
    await changeStatus({ repository: harness.repository, clock: deps.clock }, { complaintId, to: 'closed', actor: 'system', reason: 'reservation cancelled' });
    expect(await askSatisfaction(ask, complaintId)).toBe('not-answered');
    const optedOut = await closedAfterAnswer('010-7100-0003');
    await handleSmsKeyword({ preferences: ask.smsPreferences as DynamoCitizenPreferences, pii: harness.pii, clock: deps.clock, log: deps.log }, smsMessage({ citizenHandle: '010-7100-0003', text: '수신거부', receivedAt: new Date(Date.now()).toISOString() }));
    expect(await askSatisfaction(ask, optedOut)).toBe('sms-opted-out');
    expect(sms.sent).toHaveLength(0);
  });

  it('is asked again after a failed send, which the event retry triggers', async () => {
    const complaintId = await closedAfterAnswer('010-7100-0004');
    sms.failing = new Error('provider down');
    await expect(askSatisfaction(ask, complaintId)).rejects.toThrow('provider down');
    sms.failing = null;
    expect(await askSatisfaction(ask, complaintId)).toBe('asked');
    expect(sms.sent).toHaveLength(1);
  });
});

describe('the answer', () => {
  it('is stored on the closed complaint and opens no complaint, once however often it is redelivered', async () => {
    const complaintId = await closedAfterAnswer('010-7200-0001');
    await askSatisfaction(ask, complaintId);
    const answer = smsMessage({ citizenHandle: '010-7200-0001', text: '4점', receivedAt: deps.clock.now().toISOString() });
    expect(await handleSurveyAnswer(answers, answer)).toEqual({ opensComplaint: false });
    expect(await handleSurveyAnswer(answers, answer)).toEqual({ opensComplaint: false });
    // A second, different answer does not replace the first and is no complaint either.
    expect(await handleSurveyAnswer(answers, smsMessage({ citizenHandle: '010-7200-0001', text: '5', receivedAt: deps.clock.now().toISOString() }))).toEqual({ opensComplaint: false });
    const complaint = await harness.repository.getComplaint(complaintId);
    expect(complaint?.satisfaction).toBe(4);
    expect(complaint?.satisfactionSurvey?.answer).toMatchObject({ kind: 'score', score: 4 });
  });

  it('is an ordinary message from a citizen who was not asked, or after a week', async () => {
    const complaintId = await closedAfterAnswer('010-7200-0002');
    expect(await handleSurveyAnswer(answers, smsMessage({ citizenHandle: '010-7200-0002', text: '5', receivedAt: deps.clock.now().toISOString() }))).toEqual({ opensComplaint: true });
    await askSatisfaction(ask, complaintId);
    const late = new Date(deps.clock.now().getTime() + 8 * 24 * 3600 * 1000).toISOString();
    expect(await handleSurveyAnswer(answers, smsMessage({ citizenHandle: '010-7200-0002', text: '5', receivedAt: late }))).toEqual({ opensComplaint: true });
    expect(await handleSurveyAnswer(answers, smsMessage({ citizenHandle: '010-7200-0099', text: '5' }))).toEqual({ opensComplaint: true });
  });

  it('"아니요" declines, and the citizen is not asked again on a later complaint', async () => {
    const first = await closedAfterAnswer('010-7200-0003');
    await askSatisfaction(ask, first);
    expect(await handleSurveyAnswer(answers, smsMessage({ citizenHandle: '010-7200-0003', text: '아니요', receivedAt: deps.clock.now().toISOString() }))).toEqual({ opensComplaint: false });
    expect((await harness.repository.getComplaint(first))?.satisfactionSurvey?.answer?.kind).toBe('declined');
    deps.clock.advance(60_000);
    const second = await closedAfterAnswer('010-7200-0003', { text: '또 고장났어요', receivedAt: deps.clock.now().toISOString() });
    expect(second).not.toBe(first);
    expect(await askSatisfaction(ask, second)).toBe('declined-surveys');
    expect(sms.sent).toHaveLength(1);
  });

  it('of a call is recorded from the post-call survey once, asked when offered', async () => {
    const { complaintId } = await ingestMessage(deps, smsMessage({ channel: 'voice', provider: 'amazon-connect', providerMessageId: 'contact-survey-1', citizenHandle: '010-7300-0001', text: '' }));
    const voice = { complaints: harness.repository, surveys: answers.surveys, clock: deps.clock, log: deps.log, events };
    expect(await recordVoiceSurvey(voice, { contactKey: 'contact-survey-1', step: 'offered' })).toBe('recorded');
    expect(await recordVoiceSurvey(voice, { contactKey: 'contact-survey-1', step: 'answered', score: '7' })).toBe('invalid');
    expect(await recordVoiceSurvey(voice, { contactKey: 'contact-survey-1', step: 'answered', score: '5' })).toBe('recorded');
    expect(await recordVoiceSurvey(voice, { contactKey: 'contact-survey-1', step: 'answered', score: '2' })).toBe('already');
    expect(await recordVoiceSurvey(voice, { contactKey: 'unknown-contact', step: 'answered', score: '5' })).toBe('no-complaint');
    const complaint = await harness.repository.getComplaint(complaintId);
    expect(complaint?.satisfaction).toBe(5);
    expect(complaint?.satisfactionSurvey).toMatchObject({ channel: 'voice', answer: { kind: 'score', score: 5, sourceId: 'contact-survey-1' } });
  });
});
