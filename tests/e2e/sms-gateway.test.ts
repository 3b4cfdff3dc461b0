import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { embeddedDynamoClient } from '../../local/embedded-dynamodb.ts';
import { newMessageSid } from '../../local/simulated-twilio.ts';
import { snsStringToSign } from '../../functions/channels/sms/sns-signature.ts';
import type { SnsHttpMessage } from '../../schemas/sns-message.ts';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../support/fake-libretranslate.ts';
import { startLocalHttp, type LocalHttpServer } from '../support/local-http.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface ListBody {
  items: Array<{ complaintId: string; receiptNo: string; citizen: string; language: string; channel: string }>;
  nextCursor?: string;
}
interface DetailBody {
  complaintId: string;
  receiptNo: string;
  citizen: string;
  messages: Array<{
    text: string;
    language: string;
    translation: { status: string; text?: string; provider?: string };
    attachments: Array<{ key: string; contentType: string }>;
    refusedAttachments: Array<{ contentType: string; reason: string }>;
  }>;
  statusHistory: Array<{ to: string }>;
  replies: Array<{ delivery: string; textSent: string }>;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1');
const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1];

describe('local gateway, SMS/MMS end to end over HTTP', () => {
  let gateway: TestGateway;
  let translate: FakeLibreTranslate;
  let media: LocalHttpServer;
  const mediaAuth: string[] = [];

  beforeAll(async () => {
    translate = await startFakeLibreTranslate({ dictionary: { 'en>ko:The streetlight on my road is broken': '우리 길 가로등이 고장났습니다' } });
    media = await startLocalHttp((request, response) => {
      mediaAuth.push(request.headers.authorization ?? '');
      if (request.url === '/redirect-to-gateway') return void response.writeHead(302, { location: `${gateway.url}/api/complaints` }).end();
      const [body, type] = request.url === '/photo.png' ? [PNG, 'image/png'] : [PDF, 'application/pdf'];
      response.writeHead(200, { 'content-type': type, 'content-length': body.length });
      response.end(body);
    });
    gateway = await startTestGateway(
      { intakePolicy: { translationBaseDelaySeconds: 0 } },
      // The fake media server is on loopback over http: allowed only by the explicit test setting.
      { TRANSLATOR: 'libretranslate', LIBRETRANSLATE_URL: translate.url, MEDIA_ALLOWED_ORIGINS: media.url, MEDIA_ALLOW_LOOPBACK_FOR_TESTS: 'true' },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await translate?.close();
    await media?.close();
  });

  it('answers a signed SMS with TwiML naming the receipt number, and stores it', async () => {
    const sent = await gateway.sms({ from: '010-2222-3333', body: '도로에 포트홀이 있어요' });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('<Response><Message>');
    const receiptNo = receiptOf(sent.body);
    expect(receiptNo).toBeDefined();
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptNo}`);
    expect(detail.status).toBe(200);
    expect(detail.body.receiptNo).toBe(receiptNo);
    expect(detail.body.citizen).toBe('+82 10-****-3333');
    expect(detail.body.messages[0]?.translation.status).toBe('not_needed');
  });

  it('refuses a tampered or missing signature with 403 and stores nothing', async () => {
    const before = (await gateway.api<ListBody>('/api/complaints?limit=100')).body.items.length;
    const tampered = await gateway.sms({ from: '010-4444-5555', body: 'tampered' }, { tamper: true });
    expect(tampered.status).toBe(403);
    const unsigned = await fetch(`${gateway.url}/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Body=hello&From=%2B821044445555',
    });
    expect(unsigned.status).toBe(403);
    await gateway.settle();
    expect((await gateway.api<ListBody>('/api/complaints?limit=100')).body.items.length).toBe(before);
  });

  it('rejects a malformed form body with 400 and a reason', async () => {
    const response = await fetch(`${gateway.url}/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' },
      body: 'Body=%E0%A4%A&From',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/malformed form body/);
  });

  it('stores one message when the same MessageSid arrives twice, even concurrently', async () => {
    const messageSid = newMessageSid();
    const sms = { from: '010-6666-7777', body: '같은 문자 두 번', messageSid };
    const results = await Promise.all([gateway.sms(sms), gateway.sms(sms), gateway.sms(sms)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(results[0]!.body)}`);
    expect(detail.body.messages.filter((m) => m.text === '같은 문자 두 번')).toHaveLength(1);
  });

  it('keeps emoji and Hangul byte for byte, and masks a resident registration number only in the API view', async () => {
    const text = '주민번호 900101-1234567 👩‍👩‍👧 🇰🇷 テスト';
    const sent = await gateway.sms({ from: '010-1212-3434', body: text });
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    expect(detail.body.messages[0]?.text).toBe('주민번호 900101-1****** 👩‍👩‍👧 🇰🇷 テスト');
    const dynamo = embeddedDynamoClient(gateway.dynamoEndpoint);
    const { Items } = await dynamo.send(new ScanCommand({ TableName: gateway.config.TABLE_NAME }));
    dynamo.destroy();
    const stored = (Items ?? []).map((item) => item.text?.S).filter((value) => value !== undefined);
    expect(stored).toContain(text);
    // The phone number never sits in the table in clear.
    expect(JSON.stringify(Items)).not.toContain('1212-3434');
    expect(JSON.stringify(Items)).not.toContain('+821012123434');
  });

  it('threads a second message into the open complaint, whatever the number spelling', async () => {
    const first = await gateway.sms({ from: '010-8888-9999', body: '첫 번째 문의' });
    await gateway.settle();
    const second = await gateway.sms({ from: '+82 10 8888 9999', body: '추가 문의' });
    expect(second.body).toContain(receiptOf(first.body));
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(first.body)}`);
    expect(detail.body.messages.map((m) => m.text)).toEqual(['첫 번째 문의', '추가 문의']);
  });

  it('stores MMS images as objects with keys only, and refuses other media with a reason while keeping the text', async () => {
    const sent = await gateway.sms({
      from: '010-3030-4040',
      body: '사진 첨부합니다',
      media: [
        { url: `${media.url}/photo.png`, contentType: 'image/png' },
        { url: `${media.url}/report.pdf`, contentType: 'application/pdf' },
      ],
    });
    expect(sent.status).toBe(200);
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    const message = detail.body.messages[0]!;
    expect(message.text).toBe('사진 첨부합니다');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]?.contentType).toBe('image/png');
    expect(await readFile(join(gateway.dataDir, 'media', message.attachments[0]!.key))).toEqual(PNG);
    expect(message.refusedAttachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', reason: expect.stringMatching(/.+/) })]);
    // Twilio's credentials go to https://api.twilio.com only, never to another media host.
    expect(mediaAuth).not.toHaveLength(0);
    expect(mediaAuth.every((value) => value === '')).toBe(true);
  });

  it("refuses MMS media pointing at the gateway's own API or a redirect to it, storing the text at once with the reason", async () => {
    const before = mediaAuth.length;
    const sent = await gateway.sms({
      from: '010-3030-5050',
      body: '첨부 확인',
      media: [
        { url: `${gateway.url}/api/complaints`, contentType: 'image/png' },
        { url: `${media.url}/redirect-to-gateway`, contentType: 'image/png' },
      ],
    });
    expect(sent.status).toBe(200);
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    const message = detail.body.messages[0]!;
    expect(message.text).toBe('첨부 확인');
    expect(message.attachments).toEqual([]);
    const port = new URL(gateway.url).port;
    expect(message.refusedAttachments).toEqual([
      { contentType: 'image/png', reason: `media URL refused: http://127.0.0.1:${port} is not an allowed media origin` },
      { contentType: 'image/png', reason: expect.stringContaining(`refused: http://127.0.0.1:${port} is not an allowed media origin`) },
    ]);
    expect(mediaAuth.length - before).toBe(1);
  });

  it('translates an English SMS into Korean through LibreTranslate, naming the source language', async () => {
    const sent = await gateway.sms({ from: '010-5050-6060', body: 'The streetlight on my road is broken' });
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    expect(detail.body.messages[0]?.language).toBe('en');
    expect(detail.body.messages[0]?.translation).toMatchObject({ status: 'done', provider: 'libretranslate', text: '우리 길 가로등이 고장났습니다' });
    expect(translate.requests.at(-1)?.body).toMatchObject({ source: 'en', target: 'ko' });
    // Korean text never reached the translator.
    expect(translate.requests.some((r) => String(r.body.q).includes('포트홀'))).toBe(false);
  });

  it('stores a message as pending when translation is throttled, then completes it on retry', async () => {
    translate.failNext(429, 'Slowdown: 1 per 1 second', 1);
    const sent = await gateway.sms({ from: '010-7070-8080', body: 'Garbage was not collected this week' });
    await gateway.settle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    expect(detail.body.messages[0]?.translation.status).toBe('done');
    // The first attempt was refused (429) and the deferred retry made the second call.
    expect(translate.requests.filter((r) => String(r.body.q).startsWith('Garbage')).length).toBe(2);
  });

  it('sends a counselor reply back by SMS in the citizen language, to the outbox, with the number masked', async () => {
    const sent = await gateway.sms({ from: '010-9090-1010', body: 'Where can I get a parking permit?' });
    await gateway.settle();
    const detail = await gateway.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
    const reply = await gateway.api<{ delivery: string; textSent: string }>(`/api/complaints/${detail.body.complaintId}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '구청 교통과에서 발급합니다', replyId: 'reply-0001', counselor: 'kim' }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.delivery).toBe('sent');
    const outbox = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(outbox.body.items[0]).toMatchObject({ to: '+82 10-****-1010', body: '[en] 구청 교통과에서 발급합니다' });
    const after = await gateway.api<DetailBody>(`/api/complaints/${detail.body.complaintId}`);
    expect(after.body.statusHistory.map((event) => event.to)).toContain('answered');
  });

  it('accepts End User Messaging two-way SMS delivered by SNS over HTTPS with a valid signature only', async () => {
    const certificatePem = await readFile('tests/fixtures/sns/test-signing-cert.pem', 'utf8');
    const key = await readFile('tests/fixtures/sns/test-signing-key.pem', 'utf8');
    gateway.deps.eumHttps.verifier = (await import('../../functions/channels/sms/sns-signature.ts')).createSnsMessageVerifier({
      expectedTopicArn: gateway.config.SMS_TOPIC_ARN,
      fetcher: { fetchPem: async () => certificatePem },
    });
    const message: SnsHttpMessage = {
      Type: 'Notification',
      MessageId: 'a1b2c3d4-0000-4000-8000-000000000001',
      TopicArn: gateway.config.SMS_TOPIC_ARN,
      Message: JSON.stringify({
        originationNumber: '+821055556666',
        destinationNumber: '+8215880120',
        messageKeyword: 'KEYWORD_ACCOUNT',
        messageBody: '쓰레기 무단투기 신고',
        inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        previousPublishedMessageId: 'wJ0Ze5JhSPmkRkEGqUvZlXUu',
      }),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      Signature: '',
      SigningCertURL: 'https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-test.pem',
      UnsubscribeURL: 'https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe',
    } as SnsHttpMessage;
    message.Signature = createSign('sha256').update(snsStringToSign(message), 'utf8').sign(key, 'base64');
    const post = (body: unknown) =>
      fetch(`${gateway.url}/sms/aws-eum`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: JSON.stringify(body) });
    expect((await post({ ...message, Message: message.Message.replace('신고', '신고!') })).status).toBe(403);
    expect((await post(message)).status).toBe(200);
    expect((await post(message)).status).toBe(200);
    await gateway.settle();
    const list = await gateway.api<ListBody>('/api/complaints?channel=sms&limit=100');
    const found = list.body.items.filter((item) => item.citizen === '+82 10-****-6666');
    expect(found).toHaveLength(1);
    const detail = await gateway.api<DetailBody>(`/api/complaints/${found[0]!.complaintId}`);
    expect(detail.body.messages.map((m) => m.text)).toEqual(['쓰레기 무단투기 신고']);
  });

  it('lists complaints newest first with pagination', async () => {
    const page1 = await gateway.api<ListBody>('/api/complaints?limit=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeDefined();
    const page2 = await gateway.api<ListBody>(`/api/complaints?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor!)}`);
    const ids = [...page1.body.items, ...page2.body.items].map((item) => item.complaintId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await gateway.api('/api/complaints?channel=fax')).status).toBe(400);
  });
});

describe('local gateway persistence', () => {
  it('loses nothing across a restart on the same data dir', async () => {
    const first = await startTestGateway();
    const sent = await first.sms({ from: '010-1111-2222', body: '재시작 전 문의' });
    await first.settle();
    await first.stop({ keepData: true });
    const second = await startTestGateway({}, {}, first.dataDir);
    try {
      const detail = await second.api<DetailBody>(`/api/complaints/${receiptOf(sent.body)}`);
      expect(detail.status).toBe(200);
      expect(detail.body.messages[0]?.text).toBe('재시작 전 문의');
    } finally {
      await second.stop();
    }
  });
});
