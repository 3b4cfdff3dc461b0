import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiKeys } from '../../../functions/core/open311/api-keys.ts';
import { ListOf, render } from '../../../functions/core/open311/document.ts';
import type { Open311Store } from '../../../functions/core/open311/ports.ts';
import { createOpen311ApiHandler } from '../../../functions/handlers/open311-api.ts';
import type { Open311ApiDeps } from '../../../functions/wiring/deps/open311-api.ts';
import type { ComplaintRepository } from '../../../functions/core/ports/complaint-repository.ts';
import { lambdaContext } from '../../../local/apigw-event.ts';
import { CapturingLog, InMemoryMediaStore, ManualClock, RecordingIntakeQueue } from '../../support/in-memory-ports.ts';

const KEY = 'partner-app-key-0123456789';

function deps(intake: RecordingIntakeQueue): Open311ApiDeps {
  const store: Open311Store = {
    acceptOnce: async (candidate) => candidate,
    countRequest: async () => true,
    listWebComplaints: async () => [],
    getMessages: async () => [],
  };
  return {
    log: new CapturingLog(),
    clock: new ManualClock(),
    apiKeys: new ApiKeys([{ name: 'partner', key: KEY }]),
    store,
    repository: {} as ComplaintRepository,
    intake,
    mediaStore: new InMemoryMediaStore(),
    jurisdictionId: 'seoul.go.kr',
    limits: { windowMs: 60_000, perSourceIp: 10, perClient: 10 },
    publicBaseUrl: 'https://api.example.org/prod',
    production: false,
    changeset: '2026-01-01T00:00:00Z',
    contact: 'test',
    newUploadId: () => '0123456789abcdefghjkmnpqrs',
  };
}

function event(body: string, base64: boolean): APIGatewayProxyEvent {
  return {
    resource: '/open311/v2/requests.json',
    path: '/open311/v2/requests.json',
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: base64,
    requestContext: { identity: { sourceIp: '203.0.113.9' }, stage: 'prod', domainName: 'api.example.org' } as APIGatewayProxyEvent['requestContext'],
  };
}

describe('the Open311 handler as API Gateway calls it', () => {
  it('reads a form body that arrives base64-encoded (binary media types */*) like a text one', async () => {
    const form = new URLSearchParams({ api_key: KEY, service_code: 'transit', address_string: '시청역 2번 출구', description: '버스 정류장 안내판 고장' }).toString();
    for (const base64 of [false, true]) {
      const intake = new RecordingIntakeQueue();
      const handler = createOpen311ApiHandler(async () => deps(intake));
      const answer = await handler(event(form, base64), lambdaContext('open311-api'));
      expect(answer.statusCode, `base64 ${base64}`).toBe(200);
      expect(intake.sent[0]?.envelope).toMatchObject({ kind: 'inbound', message: { channel: 'web', text: '버스 정류장 안내판 고장', report: { address: '시청역 2번 출구', client: 'partner' } } });
    }
  });

  it('renders an empty value as an empty element and as null, never as ""', () => {
    const document = { root: 'service_requests', body: new ListOf('request', [{ description: '', status_notes: null }]) };
    expect(render(document, 'json')).toBe('[{"description":null,"status_notes":null}]');
    expect(render(document, 'xml')).toContain('<description/>');
  });
});
