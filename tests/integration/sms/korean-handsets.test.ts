import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { twilioSmsSender } from '../../../functions/adapters/sms/twilio-sms-sender.ts';
import { computeTwilioSignature } from '../../../functions/channels/sms/twilio-signature.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import type { LanguageCode } from '../../../functions/core/model.ts';
import type { Translator } from '../../../functions/core/ports/translator.ts';
import { sendReply, type ReplyDeps } from '../../../functions/core/reply.ts';
import { isRepresentable } from '../../../functions/core/sms-charset.ts';
import { createTwilioWebhookHandler } from '../../../functions/handlers/sms-twilio-webhook.ts';
import { twilioParams } from '../../../local/simulated-twilio.ts';
import { startFakeTwilioApi, type FakeTwilioApi } from '../../support/fake-twilio-api.ts';
import { RecordingIntakeQueue } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from '../intake/harness.ts';

const RECEIPT = '20260302-7K3QX-9ZB4M';
const TRANSLATIONS: Partial<Record<string, string>> = {
  vi: `Chúng tôi sẽ sửa đèn đường vào ngày mai. Số biên nhận ${RECEIPT}.`,
  mn: `Бид маргааш гудамжны гэрлийг засна. Бүртгэлийн дугаар ${RECEIPT}.`,
  zh: `我们明天修理路灯。受理编号 ${RECEIPT}。`,
};
const translator: Translator = { name: 'scripted', translate: async ({ target }) => ({ text: TRANSLATIONS[target] ?? '' }) };

describe('texts to South Korean handsets through Twilio (EUC-KR only)', () => {
  let harness: Harness;
  let twilio: FakeTwilioApi;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());
  beforeEach(async () => {
    twilio = await startFakeTwilioApi();
  });
  afterEach(async () => twilio.close());

  it('answers a Vietnamese or Mongolian text from a +82 number with a receipt the handset can show, receipt number intact', async () => {
    const handler = createTwilioWebhookHandler(async () => ({
      log: intakeDeps(harness).log,
      clock: intakeDeps(harness).clock,
      publicBaseUrl: 'https://sms.example.go.kr',
      twilioCredentials: async () => ({ accountSid: twilio.accountSid, authToken: twilio.authToken }),
      intake: new RecordingIntakeQueue(),
      previewReceipt: async () => ({ receiptNo: RECEIPT, joinedExisting: false }),
      receiptFor: () => RECEIPT,
      previewBudgetMs: 1000,
    }));
    for (const body of ['Đèn đường trước nhà tôi bị hỏng', 'Манай гудамжны гэрэл ажиллахгүй байна, үүнийг засна уу']) {
      const params = twilioParams({ from: '+821055550123', body }, twilio.accountSid);
      const event = {
        resource: '/sms/twilio',
        path: '/sms/twilio',
        httpMethod: 'POST',
        headers: { 'X-Twilio-Signature': computeTwilioSignature(twilio.authToken, 'https://sms.example.go.kr/sms/twilio', params) },
        multiValueHeaders: {},
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        body: new URLSearchParams(params).toString(),
        isBase64Encoded: false,
        requestContext: { path: '/sms/twilio', identity: {} } as APIGatewayProxyEvent['requestContext'],
      } as APIGatewayProxyEvent;
      const result = await handler(event, {} as Context);
      expect(result.statusCode).toBe(200);
      const text = /<Message>([\s\S]*)<\/Message>/.exec(result.body)?.[1] ?? '';
      expect(isRepresentable(text, 'euc-kr'), text).toBe(true);
      expect(text.split('\n')[1]).toContain(RECEIPT);
      expect(text.split('\n')[1]).not.toMatch(/^Received/);
    }
  });

  async function replyTo(language: LanguageCode, citizenText: string) {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: citizenText }));
    const reply: ReplyDeps = { ...deps, translator, smsSender: twilioSmsSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+8215990120', baseUrl: twilio.baseUrl }) };
    const sent = await sendReply(reply, { complaintId, counselor: 'kim', textKo: `내일 가로등을 수리합니다. 접수번호 ${RECEIPT}`, replyId: `r-${language}-1` });
    const message = twilio.sent.at(-1);
    expect(message?.handsetText).toBe(message?.body);
    expect(message?.handsetText).toContain(RECEIPT);
    return sent;
  }

  it('sends a Vietnamese reply to a +82 handset without tone marks rather than as garbage, and says so on the reply', async () => {
    const sent = await replyTo('vi', 'Đèn đường trước nhà tôi bị hỏng');
    expect(sent).toMatchObject({ delivery: 'sent', language: 'vi', charsetFallback: 'folded', textSent: `Chung toi se sua đen đuong vao ngay mai. So bien nhan ${RECEIPT}.` });
  });

  it('sends a Mongolian reply with ө/ү written as о/у', async () => {
    const sent = await replyTo('mn', 'Манай гудамжны гэрэл ажиллахгүй байна');
    expect(sent).toMatchObject({ language: 'mn', charsetFallback: 'folded', textSent: `Бид маргааш гудамжны гэрлийг засна. Буртгэлийн дугаар ${RECEIPT}.` });
  });

  it('sends the Korean original with an English note when a translation cannot be shown at all (simplified Chinese)', async () => {
    const sent = await replyTo('zh', '我家门前的路灯坏了');
    expect(sent).toMatchObject({ language: 'ko', charsetFallback: 'korean' });
    expect(sent.textSent).toBe(`[Korean only: your language cannot be shown on Korean phones]\n내일 가로등을 수리합니다. 접수번호 ${RECEIPT}`);
  });
});
