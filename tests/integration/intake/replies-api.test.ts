import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { createComplaintsApiHandler, type ComplaintsApiDeps } from '../../../functions/handlers/complaints-api.ts';
import { RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

const context = {} as Context;

function postReply(complaintId: string, body: unknown): APIGatewayProxyEvent {
  const resource = '/api/complaints/{id}/replies';
  return {
    resource,
    path: `/api/complaints/${complaintId}/replies`,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { id: complaintId },
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { identity: {}, path: `/local${resource}`, stage: 'local', httpMethod: 'POST', resourcePath: resource } as APIGatewayProxyEvent['requestContext'],
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
      query: { repository: harness.repository },
      reply: { repository: harness.repository, pii: harness.pii, clock: deps.clock, log: deps.log, translator: deps.translator, events: deps.events, smsSender: sms, ...overrides },
      status: { repository: harness.repository, clock: deps.clock },
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
});
