import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { SelfServiceRateLimitedError } from '../../../functions/core/self-service/errors.ts';
import { createSelfServiceAnswersHandler } from '../../../functions/handlers/self-service-answers.ts';
import type { SelfServiceAnswersDeps } from '../../../functions/wiring/deps/self-service-answers.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function event(method: string, resource: string, options: { path?: Record<string, string>; query?: Record<string, string>; body?: string; sourceIp?: string | null } = {}): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    resource,
    path: resource,
    headers: options.body ? { 'Content-Type': 'application/json' } : {},
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.path ?? null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: false,
    requestContext: { identity: { sourceIp: options.sourceIp === undefined ? '203.0.113.9' : options.sourceIp } },
  } as unknown as APIGatewayProxyEvent;
}

function handlerWith(selfService: Partial<SelfServiceAnswersDeps['selfService']>, allowedOrigin: string | null = 'https://d111.cloudfront.net') {
  const calls: unknown[] = [];
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return { items: [] } as never;
  };
  const deps: SelfServiceAnswersDeps = {
    log: silent,
    allowedOrigin,
    selfService: { searchAnswers: record('search'), openAnswer: record('open'), answerDidNotHelp: record('notHelped'), ...selfService },
  };
  const handler = createSelfServiceAnswersHandler(async () => deps);
  return { calls, call: (e: APIGatewayProxyEvent) => handler(e, {} as Context) as Promise<APIGatewayProxyResult> };
}

describe('self-service answers handler', () => {
  it('passes the query, the language and the caller (address and visit) to the use case, with CORS for the page', async () => {
    const { calls, call } = handlerWith({});
    const result = await call(event('GET', '/answers/search', { query: { q: '주차', lang: 'en', visit: 'visit-abcdefgh' } }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['access-control-allow-origin']).toBe('https://d111.cloudfront.net');
    expect(calls).toEqual([['search', { q: '주차', language: 'en' }, { address: '203.0.113.9', visitId: 'visit-abcdefgh' }]]);
  });

  it('answers 400 naming the field for a bad query or case id, and never calls the use case', async () => {
    const { calls, call } = handlerWith({});
    const noQuery = await call(event('GET', '/answers/search', { query: { lang: 'ko' } }));
    expect(noQuery.statusCode).toBe(400);
    expect(noQuery.body).toContain('q');
    expect((await call(event('GET', '/answers/search', { query: { q: '주차', lang: 'fr' } }))).statusCode).toBe(400);
    expect((await call(event('GET', '/answers/search', { query: { q: '주차', visit: 'short' } }))).statusCode).toBe(400);
    expect((await call(event('GET', '/answers/{caseId}', { path: { caseId: '../etc' } }))).statusCode).toBe(400);
    expect((await call(event('POST', '/answers/{caseId}/not-helpful', { path: { caseId: 'c-1' }, body: '{"language":' }))).statusCode).toBe(400);
    expect(calls).toEqual([]);
  });

  it('answers 429 with Retry-After (and CORS, so the page can read it) when the address is over its window', async () => {
    const { call } = handlerWith({
      searchAnswers: async () => {
        throw new SelfServiceRateLimitedError(17);
      },
    });
    const result = await call(event('GET', '/answers/search', { query: { q: '주차' } }));
    expect(result.statusCode).toBe(429);
    expect(result.headers?.['retry-after']).toBe('17');
    expect(result.headers?.['access-control-allow-origin']).toBe('https://d111.cloudfront.net');
    expect(JSON.parse(result.body)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 17 });
  });

  it('refuses a request without a client address rather than counting it under none', async () => {
    const { calls, call } = handlerWith({});
    expect((await call(event('GET', '/answers/search', { query: { q: '주차' }, sourceIp: null }))).statusCode).toBe(400);
    expect(calls).toEqual([]);
  });
});
