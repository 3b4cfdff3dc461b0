import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Context, SNSEvent } from 'aws-lambda';
import { twilioSmsSender } from '../../../functions/adapters/sms/twilio-sms-sender.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { sendReply, type ReplyDeps } from '../../../functions/core/reply.ts';
import { createEumEventsHandler } from '../../../functions/handlers/sms-eum-events.ts';
import { createTwilioStatusHandler, TWILIO_STATUS_ROUTE } from '../../../functions/handlers/sms-twilio-status.ts';
import { startHttpServer, type LocalHttpServer, type LocalTarget } from '../../../local/http-server.ts';
import { Router } from '../../../local/router.ts';
import { startFakeTwilioApi, type FakeTwilioApi } from '../../support/fake-twilio-api.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from '../intake/harness.ts';

const context = {} as Context;

describe('SMS delivery reports: Twilio status callbacks and End User Messaging events (embedded DynamoDB)', () => {
  let harness: Harness;
  let twilio: FakeTwilioApi;
  let gateway: LocalHttpServer;
  let deps: ReturnType<typeof intakeDeps>;
  let reply: ReplyDeps;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  beforeEach(async () => {
    twilio = await startFakeTwilioApi();
    deps = intakeDeps(harness);
    const router = new Router<LocalTarget>();
    const status = createTwilioStatusHandler(async () => ({
      log: deps.log,
      publicBaseUrl: `http://127.0.0.1:${gatewayPort()}`,
      twilioCredentials: async () => ({ accountSid: twilio.accountSid, authToken: twilio.authToken }),
      reports: { repository: harness.repository, clock: deps.clock, log: deps.log },
    }));
    router.add('POST', TWILIO_STATUS_ROUTE, { kind: 'lambda', functionName: 'sms-twilio-status', handler: status });
    gateway = await startHttpServer({ router, host: '127.0.0.1', port: 0, onError: () => undefined });
    const smsSender = twilioSmsSender({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: '+8215990120',
      baseUrl: twilio.baseUrl,
      statusCallbackBaseUrl: `${gateway.url}/sms/twilio/status`,
    });
    reply = { ...deps, smsSender };
  });
  afterEach(async () => {
    await gateway.close();
    await twilio.close();
  });
  const gatewayPort = () => gateway.port;

  async function koreanComplaint(): Promise<string> {
    return (await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: '가로등이 꺼졌어요' }))).complaintId;
  }

  it('records a Twilio reply as queued, not sent, and follows the signed status callbacks to delivered', async () => {
    const complaintId = await koreanComplaint();
    const sent = await sendReply(reply, { complaintId, counselor: 'kim', textKo: '오늘 수리합니다', replyId: 'r-dlr-1' });
    expect(sent.delivery).toBe('queued');
    const sid = twilio.sent[0]?.sid ?? '';
    expect(twilio.sent[0]?.statusCallback).toBe(`${gateway.url}/sms/twilio/status/${complaintId}/r-dlr-1`);
    // Answered on hand-off: the counselor did answer; the delivery report is the SMS's own story.
    expect((await harness.repository.getComplaint(complaintId))?.status).toBe('answered');

    expect(await twilio.reportStatus(sid, 'sent')).toBe(200);
    expect((await harness.repository.getReply(complaintId, 'r-dlr-1'))?.delivery).toBe('sent');
    expect(await twilio.reportStatus(sid, 'delivered')).toBe(200);
    // A late, out-of-order "sent" never moves a delivered reply back.
    expect(await twilio.reportStatus(sid, 'sent')).toBe(200);
    const detail = await getComplaint(harness, complaintId);
    expect(detail?.replies[0]).toMatchObject({ delivery: 'delivered', receipts: [expect.objectContaining({ providerMessageId: sid, status: 'delivered' })] });
  });

  it('records an undelivered reply with Twilio\'s error code, and a retry with the same id and text sends it again', async () => {
    const complaintId = await koreanComplaint();
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 연락드리겠습니다', replyId: 'r-dlr-2' });
    const firstSid = twilio.sent[0]?.sid ?? '';
    await twilio.reportStatus(firstSid, 'undelivered', { errorCode: 30003 });
    const undelivered = await harness.repository.getReply(complaintId, 'r-dlr-2');
    expect(undelivered).toMatchObject({ delivery: 'undelivered', receipts: [expect.objectContaining({ status: 'undelivered', errorCode: '30003' })] });

    const retried = await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 연락드리겠습니다', replyId: 'r-dlr-2' });
    expect(retried.delivery).toBe('queued');
    expect(twilio.sent).toHaveLength(2);
    expect(retried.providerMessageId).toBe(twilio.sent[1]?.sid);
    // A repeated click on the queued retry sends nothing more.
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '내일 연락드리겠습니다', replyId: 'r-dlr-2' });
    expect(twilio.sent).toHaveLength(2);
  });

  it('refuses a status callback whose signature does not match, and one for another account', async () => {
    const complaintId = await koreanComplaint();
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '확인했습니다', replyId: 'r-dlr-3' });
    const sid = twilio.sent[0]?.sid ?? '';
    expect(await twilio.reportStatus(sid, 'delivered', { tamper: true })).toBe(403);
    expect(await twilio.reportStatus(sid, 'delivered', { accountSid: `AC${'f'.repeat(32)}` })).toBe(403);
    expect((await harness.repository.getReply(complaintId, 'r-dlr-3'))?.delivery).toBe('queued');
  });

  it('records End User Messaging delivery events published to SNS, tied to the reply by the message Context', async () => {
    const complaintId = await koreanComplaint();
    const messageId = 'f1e2d3c4-0000-4a4a-9b9b-0123456789ab';
    const eumReply: ReplyDeps = {
      ...deps,
      smsSender: { name: 'aws-eum', maxBodyUnits: 1600, send: async () => ({ providerMessageId: messageId, awaitsDeliveryReport: true }) },
    };
    expect((await sendReply(eumReply, { complaintId, counselor: 'kim', textKo: '처리했습니다', replyId: 'r-eum-1' })).delivery).toBe('queued');

    const events = createEumEventsHandler(async () => ({ log: deps.log, reports: { repository: harness.repository, clock: deps.clock, log: deps.log } }));
    const event = (eventType: string, messageStatus: string, extra: Record<string, unknown> = {}): SNSEvent => ({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:ap-northeast-2:111122223333:sms-events:0b1c',
          Sns: {
            Type: 'Notification',
            MessageId: `sns-${eventType}`,
            TopicArn: 'arn:aws:sns:ap-northeast-2:111122223333:sms-events',
            Subject: '',
            Message: JSON.stringify({
              eventType,
              eventVersion: '1.0',
              eventTimestamp: 1686975103470,
              isFinal: eventType !== 'TEXT_QUEUED',
              originationPhoneNumber: '+8215990120',
              destinationPhoneNumber: '+821055550123',
              isInternationalSend: false,
              messageId,
              messageRequestTimestamp: 1686975103170,
              messageEncoding: 'UCS2',
              messageType: 'TRANSACTIONAL',
              messageStatus,
              messageStatusDescription: 'described by the carrier',
              context: { complaintId, replyId: 'r-eum-1' },
              totalMessageParts: 1,
              ...extra,
            }),
            Timestamp: new Date().toISOString(),
            SignatureVersion: '1',
            Signature: 'EXAMPLE',
            SigningCertUrl: 'https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-0000.pem',
            UnsubscribeUrl: 'https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe',
            MessageAttributes: {},
          },
        },
      ],
    });
    await events(event('TEXT_QUEUED', 'QUEUED'), context);
    expect((await harness.repository.getReply(complaintId, 'r-eum-1'))?.delivery).toBe('queued');
    await events(event('TEXT_CARRIER_UNREACHABLE', 'CARRIER_UNREACHABLE'), context);
    expect(await harness.repository.getReply(complaintId, 'r-eum-1')).toMatchObject({
      delivery: 'undelivered',
      receipts: [expect.objectContaining({ providerMessageId: messageId, status: 'undelivered', errorCode: 'TEXT_CARRIER_UNREACHABLE' })],
    });
    // An event for a message the gateway did not send as a reply (a chat code) is acknowledged and ignored.
    await expect(events(event('TEXT_DELIVERED', 'DELIVERED', { context: {} }), context)).resolves.toBeUndefined();
  });

  it('sends a reply longer than Twilio\'s 1,600 characters as numbered parts, follows each part\'s report, and resends only the undelivered part', async () => {
    const complaintId = await koreanComplaint();
    const text = Array.from({ length: 700 }, (_, i) => `안내${i % 10}번`).join(' ');
    expect(text.length).toBeGreaterThan(3000);
    const sent = await sendReply(reply, { complaintId, counselor: 'kim', textKo: text, replyId: 'r-long-1' });
    expect(sent.delivery).toBe('queued');
    expect(twilio.sent).toHaveLength(3);
    twilio.sent.forEach((message, i) => {
      expect(message.body.length).toBeLessThanOrEqual(1600);
      expect(message.body.startsWith(`(${i + 1}/3) `)).toBe(true);
    });
    expect(twilio.sent.map((m) => m.body.replace(/^\(\d\/3\) /, '')).join(' ')).toBe(text);
    const sids = twilio.sent.map((m) => m.sid);
    expect(sent.providerMessageId).toBe(sids.join(','));

    await twilio.reportStatus(sids[0] ?? '', 'delivered');
    await twilio.reportStatus(sids[2] ?? '', 'delivered');
    expect((await harness.repository.getReply(complaintId, 'r-long-1'))?.delivery).toBe('queued');
    await twilio.reportStatus(sids[1] ?? '', 'undelivered', { errorCode: 30005 });
    expect((await harness.repository.getReply(complaintId, 'r-long-1'))?.delivery).toBe('undelivered');

    const retried = await sendReply(reply, { complaintId, counselor: 'kim', textKo: text, replyId: 'r-long-1' });
    expect(twilio.sent).toHaveLength(4);
    expect(twilio.sent[3]?.body).toBe(twilio.sent[1]?.body);
    expect(retried.providerMessageId).toBe([sids[0], twilio.sent[3]?.sid, sids[2]].join(','));
    await twilio.reportStatus(twilio.sent[3]?.sid ?? '', 'delivered');
    expect((await harness.repository.getReply(complaintId, 'r-long-1'))?.delivery).toBe('delivered');
  });

  it('records a reply to a number that opted out (Twilio 21610) as opted_out with the reason, not a generic failure, and the complaint stays open', async () => {
    const phone = uniquePhone();
    const complaintId = (await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '불법 주차 신고' }))).complaintId;
    twilio.optOut(`+82${phone.replace(/-/g, '').slice(1)}`);
    const refused = await sendReply(reply, { complaintId, counselor: 'kim', textKo: '단속 나가겠습니다', replyId: 'r-stop-1' });
    expect(refused.delivery).toBe('opted_out');
    expect(refused.lastError).toMatch(/opted out.*twilio 21610/);
    expect((await harness.repository.getComplaint(complaintId))?.status).toBe('received');
    expect(deps.log.text()).not.toContain(phone.replace(/-/g, '').slice(3));
    expect(refused.lastError).not.toContain(phone.replace(/-/g, '').slice(3));
  });

  it('records a Twilio status callback failing with 21610 (a Messaging Service opt-out found after acceptance) as opted_out', async () => {
    const complaintId = await koreanComplaint();
    await sendReply(reply, { complaintId, counselor: 'kim', textKo: '확인했습니다', replyId: 'r-stop-2' });
    await twilio.reportStatus(twilio.sent[0]?.sid ?? '', 'failed', { errorCode: 21610 });
    expect((await harness.repository.getReply(complaintId, 'r-stop-2'))?.delivery).toBe('opted_out');
  });
});
