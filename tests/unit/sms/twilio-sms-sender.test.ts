import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twilioSmsSender } from '../../../functions/adapters/sms/twilio-sms-sender.ts';
import { PermanentSmsSendError, RetryableSmsSendError } from '../../../functions/adapters/sms/sms-send-errors.ts';
import { SmsRecipientRefusedError } from '../../../functions/core/ports/sms-sender.ts';
import { TWILIO_ERRORS, startFakeTwilioApi, type FakeTwilioApi } from '../../support/fake-twilio-api.ts';

const FROM = '+8215990120';
// A number outside South Korea: there Twilio delivers Unicode as sent.
const request = { to: '+15017122661', body: '[서울시 120] 답변드립니다 😊 & 감사합니다', idempotencyKey: 'reply-1' };

describe('Twilio SMS sender', () => {
  let api: FakeTwilioApi;
  beforeEach(async () => {
    api = await startFakeTwilioApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const sender = (overrides: Partial<Parameters<typeof twilioSmsSender>[0]> = {}) =>
    twilioSmsSender({ accountSid: api.accountSid, authToken: api.authToken, from: FROM, baseUrl: api.baseUrl, ...overrides });

  it('posts To, From and Body form-encoded with basic auth and returns the message sid', async () => {
    const result = await sender().send(request);
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(api.sent).toEqual([
      { sid: result.providerMessageId, to: request.to, from: FROM, messagingServiceSid: undefined, body: request.body, statusCallback: undefined, handsetText: expect.any(String) },
    ]);
    const [recorded] = api.requests;
    expect(recorded?.path).toBe(`/2010-04-01/Accounts/${api.accountSid}/Messages.json`);
    expect(recorded?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('asks Twilio for status callbacks on a reply (the reply named in the callback path) and says a report will come', async () => {
    const withCallback = sender({ statusCallbackBaseUrl: 'https://sms.example.go.kr/prod/sms/twilio/status/' });
    const result = await withCallback.send({ ...request, replyRef: { complaintId: 'cmp_01ABC', replyId: 'reply-1' } });
    expect(api.requests[0]?.form.StatusCallback).toBe('https://sms.example.go.kr/prod/sms/twilio/status/cmp_01ABC/reply-1');
    expect(result.awaitsDeliveryReport).toBe(true);
    // A message that is not a reply (a chat code) gets no callback.
    const code = await withCallback.send(request);
    expect(api.requests[1]?.form.StatusCallback).toBeUndefined();
    expect(code.awaitsDeliveryReport).toBeUndefined();
  });

  it('tells an opted-out recipient (21610) and a number that is not a mobile (21614) apart from other refusals, as known states', async () => {
    api.optOut('+15017122661');
    const optedOut = await sender().send(request).catch((e: unknown) => e);
    expect(optedOut).toBeInstanceOf(SmsRecipientRefusedError);
    expect(optedOut).toMatchObject({ reason: 'opted_out', provider: 'twilio', code: '21610' });
    expect((optedOut as Error).message).not.toContain('7122661');
    api.markLandline('+82212345678');
    const landline = await sender().send({ ...request, to: '+82212345678' }).catch((e: unknown) => e);
    expect(landline).toMatchObject({ reason: 'not_mobile', provider: 'twilio', code: '21614' });
    expect(api.sent).toHaveLength(0);
  });

  it('never hands a South Korean number text its handset would garble (any message: codes and notices too): folded, or marked', async () => {
    await sender().send({ to: '+821055550123', body: 'Mã xác minh 120 của bạn: 424242', idempotencyKey: 'code-1' });
    expect(api.sent[0]?.handsetText).toBe('Ma xac minh 120 cua ban: 424242');
    expect(api.sent[0]?.handsetText).toBe(api.sent[0]?.body);
    // Elsewhere the text is sent as written.
    await sender().send({ to: '+84912345678', body: 'Mã xác minh 120 của bạn: 424242', idempotencyKey: 'code-2' });
    expect(api.sent[1]?.body).toBe('Mã xác minh 120 của bạn: 424242');
  });

  it('keeps Hangul and emoji in the body byte for byte', async () => {
    await sender().send(request);
    expect(Buffer.from(api.sent[0]?.body ?? '').equals(Buffer.from(request.body))).toBe(true);
  });

  it('sends through a Messaging Service when given its MG sid', async () => {
    const mg = `MG${'0'.repeat(32)}`;
    await sender({ from: mg }).send(request);
    expect(api.sent[0]).toMatchObject({ from: undefined, messagingServiceSid: mg });
  });

  it('tolerates a trailing slash on the base URL', async () => {
    await sender({ baseUrl: `${api.baseUrl}/` }).send(request);
    expect(api.sent).toHaveLength(1);
  });

  it('maps 429 to a retryable error carrying Twilio\'s code and Retry-After', async () => {
    api.failNext({ ...TWILIO_ERRORS.tooManyRequests, retryAfterSeconds: 7 });
    const error = await sender().send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSmsSendError);
    expect(error).toMatchObject({ status: 429, code: 20429, retryAfterSeconds: 7, provider: 'twilio' });
    expect(api.sent).toHaveLength(0);
  });

  it('maps 500 to a retryable error and succeeds on the retry', async () => {
    api.failNext(TWILIO_ERRORS.internal);
    await expect(sender().send(request)).rejects.toBeInstanceOf(RetryableSmsSendError);
    await expect(sender().send(request)).resolves.toMatchObject({ providerMessageId: expect.stringMatching(/^SM/) as string });
    expect(api.sent).toHaveLength(1);
  });

  it('maps 400 to a permanent error without echoing the phone number', async () => {
    api.failNext(TWILIO_ERRORS.invalidTo);
    const error = await sender().send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSmsSendError);
    expect(error).toMatchObject({ status: 400, code: 21211 });
    expect((error as Error).message).toContain('21211');
    expect((error as Error).message).not.toMatch(/\+?8210\d{6,}/);
  });

  it('maps wrong credentials (401) to a permanent error', async () => {
    const error = await sender({ authToken: 'wrong' }).send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSmsSendError);
    expect(error).toMatchObject({ status: 401, code: 20003 });
  });

  it('maps an unreachable API to a retryable error', async () => {
    const port = new URL(api.baseUrl).port;
    await api.close();
    const error = await sender({ baseUrl: `http://127.0.0.1:${port}` }).send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSmsSendError);
    api = await startFakeTwilioApi();
  });
});
