import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, SQSEvent } from 'aws-lambda';
import { DynamoOverdueComplaints } from '../../../functions/adapters/dynamodb/overdue-complaints.ts';
import { workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { replyRetriesOn } from '../../../functions/core/ports/reply-retries.ts';
import { createComplaintsApiHandler } from '../../../functions/handlers/complaints-api.ts';
import type { ComplaintsApiDeps } from '../../../functions/wiring/deps/complaints-api.ts';
import { createReplyRetryHandler } from '../../../functions/handlers/reply-retry.ts';
import { FakeTranslator, RecordingIntakeQueue, RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { recordingAccess } from '../../support/recording-access.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

const context = {} as Context;

function postReply(complaintId: string, body: unknown): APIGatewayProxyEvent {
  return post('/api/complaints/{id}/replies', `/api/complaints/${complaintId}/replies`, { id: complaintId }, body);
}

function post(resource: string, path: string, pathParameters: Record<string, string>, body: unknown): APIGatewayProxyEvent {
  return {
    resource,
    path,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters,
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    // What the staff authorizer passes on for a signed-in counselor (ADR 0011).
    requestContext: {
      identity: {},
      authorizer: { staffSubject: 'sub-counselor-1', staffUsername: 'counselor1@example.org', staffRoles: 'counselor' },
      path: `/local${resource}`,
      stage: 'local',
      httpMethod: 'POST',
      resourcePath: resource,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

const bodyOf = (result: APIGatewayProxyResult) => JSON.parse(result.body) as Record<string, unknown>;

describe('the reply route of the complaints API (embedded DynamoDB)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  function api(overrides: Partial<ComplaintsApiDeps['reply']> = {}) {
    const deps = intakeDeps(harness);
    const sms = new RecordingSmsSender();
    const apiDeps: ComplaintsApiDeps = {
      log: deps.log,
      access: recordingAccess(),
      query: { repository: harness.repository },
      unmask: { repository: harness.repository, pii: harness.pii },
      reply: { repository: harness.repository, pii: harness.pii, clock: deps.clock, log: deps.log, translator: deps.translator, events: deps.events, smsSender: sms, ...overrides },
      status: { repository: harness.repository, clock: deps.clock },
      search: { repository: harness.repository, pii: harness.pii },
      deadlines: { repository: harness.repository, clock: deps.clock, calendar: workingCalendar([]), events: deps.events },
      overdue: { overdue: new DynamoOverdueComplaints(harness.documents, harness.table.tableName), clock: deps.clock },
    };
    return { deps, sms, handler: createComplaintsApiHandler(async () => apiDeps) };
  }

  it('answers a repeated reply id with the stored reply when the text is the same, and 409 when it differs, sending once', async () => {
    const { deps, sms, handler } = api();
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));

    const first = await handler(postReply(complaintId, { text: '내일 수리합니다', replyId: 'reply-same-0001' }), context);
    expect(first.statusCode).toBe(201);
    const again = await handler(postReply(complaintId, { text: '내일 수리합니다', replyId: 'reply-same-0001' }), context);
    expect(again.statusCode).toBe(201);
    expect(bodyOf(again)).toMatchObject({ replyId: 'reply-same-0001', textKo: '내일 수리합니다' });

    const changed = await handler(postReply(complaintId, { text: '모레 수리합니다', replyId: 'reply-same-0001' }), context);
    expect(changed.statusCode).toBe(409);
    expect(String(bodyOf(changed).error)).toMatch(/reply-same-0001.*different text/);
    expect(sms.sent.map((m) => m.body)).toEqual(['내일 수리합니다']);
    const stored = await harness.repository.getReply(complaintId, 'reply-same-0001');
    expect(stored?.textKo).toBe('내일 수리합니다');
  });

  it('answers 202 with the reply held for translation when the citizen does not read Korean and no translator is configured', async () => {
    const retryQueue = new RecordingIntakeQueue();
    const { deps, sms, handler } = api({ translator: null, retries: replyRetriesOn(retryQueue) });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'Is the library open on Sunday?' }));

    const held = await handler(postReply(complaintId, { text: '일요일에도 엽니다', replyId: 'reply-held-0001' }), context);
    expect(held.statusCode).toBe(202);
    expect(bodyOf(held)).toMatchObject({ delivery: 'awaiting_translation', translation: 'awaiting', language: 'en' });
    expect(sms.sent).toEqual([]);

    const wrong = await handler(postReply(complaintId, { text: '日曜日も開いています', replyId: 'reply-ja-00001', language: 'ja' }), context);
    expect(wrong.statusCode).toBe(400);
    expect(String(bodyOf(wrong).error)).toMatch(/citizen writes en/);

    const confirmed = await handler(postReply(complaintId, { text: '일요일에도 엽니다', replyId: 'reply-held-0001', sendUntranslated: true }), context);
    expect(confirmed.statusCode).toBe(201);
    expect(bodyOf(confirmed)).toMatchObject({ delivery: 'sent', translation: 'korean_confirmed', language: 'ko' });

    const written = await handler(postReply(complaintId, { text: 'Yes, it opens on Sunday.', replyId: 'reply-en-00001', language: 'en' }), context);
    expect(written.statusCode).toBe(201);
    expect(bodyOf(written)).toMatchObject({ translation: 'written_in_language', language: 'en' });
    expect(sms.sent.map((m) => m.body)).toEqual(['일요일에도 엽니다', 'Yes, it opens on Sunday.']);
  });

  it('sends a held reply from its queued retry once a translator is back (the reply retry Lambda)', async () => {
    const retryQueue = new RecordingIntakeQueue();
    const { deps, sms, handler } = api({ translator: null, retries: replyRetriesOn(retryQueue) });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'When is the next bulky waste pickup?' }));
    await handler(postReply(complaintId, { text: '목요일입니다', replyId: 'reply-held-0002' }), context);
    const queued = retryQueue.drain();
    expect(queued).toHaveLength(1);

    const sqsEvent = (body: string, messageId: string): SQSEvent => ({
      Records: [{ messageId, receiptHandle: messageId, body, attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-northeast-2:000000000000:reply-retry', awsRegion: 'ap-northeast-2' } as SQSEvent['Records'][number]],
    });
    const retry = createReplyRetryHandler(async () => ({ reply: { ...deps, repository: harness.repository, pii: harness.pii, translator: new FakeTranslator(), smsSender: sms, retries: replyRetriesOn(retryQueue) }, log: deps.log }));
    const result = await retry(sqsEvent(JSON.stringify(queued[0]?.envelope), 'm-1'), context);
    expect(result.batchItemFailures).toEqual([]);
    expect(sms.sent.map((m) => m.body)).toEqual(['[ko→en] 목요일입니다']);
    expect((await harness.repository.getReply(complaintId, 'reply-held-0002'))?.delivery).toBe('sent');

    // An intake envelope on the reply queue fails alone (to the DLQ), it is never taken for a reply.
    const misrouted = await retry(sqsEvent(JSON.stringify({ kind: 'translate', complaintId, messageId: 'x', attempt: 1 }), 'm-2'), context);
    expect(misrouted.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }]);
  });

  it('marks an undelivered reply as delivered another way with the counselor\'s note, and refuses it for a reply that is on its way', async () => {
    const { deps, handler } = api({ smsSender: { name: 'reporting-sms', maxBodyUnits: 1600, send: async (r) => ({ providerMessageId: `SM${r.idempotencyKey.replace(/[^0-9a-f]/g, '').padEnd(32, '0').slice(0, 32)}`, awaitsDeliveryReport: true }) } });
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const sent = bodyOf(await handler(postReply(complaintId, { text: '내일 방문하겠습니다', replyId: 'reply-dlr-00001' }), context));
    expect(sent.delivery).toBe('queued');
    const otherwise = (replyId: string) =>
      handler(post('/api/complaints/{id}/replies/{replyId}/delivered-otherwise', `/api/complaints/${complaintId}/replies/${replyId}/delivered-otherwise`, { id: complaintId, replyId }, { note: '전화로 안내함 010-1234-5678' }), context);
    expect((await otherwise('reply-dlr-00001')).statusCode).toBe(409);

    await harness.repository.recordDeliveryReceipt(complaintId, 'reply-dlr-00001', { providerMessageId: String(sent.providerMessageId), status: 'undelivered', errorCode: '30003', provider: 'twilio', at: deps.clock.now().toISOString() });
    const marked = await otherwise('reply-dlr-00001');
    expect(marked.statusCode).toBe(200);
    expect(bodyOf(marked)).toMatchObject({ delivery: 'delivered_otherwise', deliveredOtherwise: { note: '전화로 안내함 010-1234-5678' } });
    const detail = await getComplaint({ repository: harness.repository }, complaintId);
    expect(detail?.replies[0]).toMatchObject({ delivery: 'delivered_otherwise' });
    expect(JSON.stringify(detail?.replies[0]?.deliveredOtherwise)).not.toContain('1234-5678');
    expect((await otherwise('reply-nope-0001')).statusCode).toBe(404);
  });
});
