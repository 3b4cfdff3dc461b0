import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { authenticateToken } from '../../../functions/core/chat/accounts.ts';
import { createChatAccountsApiHandler } from '../../../functions/handlers/chat-accounts-api.ts';
import { startChatHarness, type ChatHarness } from './harness.ts';

function post(resource: string, body: unknown, headers: Record<string, string> = {}, sourceIp = '203.0.113.7'): APIGatewayProxyEvent {
  return {
    resource,
    path: resource,
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { path: `/prod${resource}`, stage: 'prod', httpMethod: 'POST', resourcePath: resource, identity: { sourceIp } } as APIGatewayProxyEvent['requestContext'],
  };
}

const context = {} as Context;
const bodyOf = (result: APIGatewayProxyResult) => JSON.parse(result.body) as Record<string, unknown> & { details?: unknown };

describe('chat accounts API on the embedded DynamoDB', () => {
  let h: ChatHarness;
  let handler: ReturnType<typeof createChatAccountsApiHandler>;
  beforeEach(async () => {
    h = await startChatHarness();
    handler = createChatAccountsApiHandler(async () => ({ accounts: h.accountDeps, allowedOrigin: 'https://chat.example.go.kr' }));
  });
  afterEach(() => h.close());

  it('applies, verifies and returns a token once; the table holds no clear name, number, code or token', async () => {
    h.random.nextCode('314159');
    const applied = await handler(post('/chat/accounts', { name: 'Nguyễn Văn An', phone: '010-7777-8888', language: 'vi' }), context);
    expect(applied.statusCode).toBe(202);
    expect(bodyOf(applied)).toMatchObject({ status: 'code_sent', phone: '+82 10-****-8888' });
    expect(applied.headers?.['access-control-allow-origin']).toBe('https://chat.example.go.kr');
    expect(h.sms.sent[0]?.body).toContain('314159');

    const verified = await handler(post('/chat/accounts/verify', { phone: '01077778888', code: '314159' }), context);
    expect(verified.statusCode).toBe(201);
    const { token, accountId, language } = bodyOf(verified) as { token: string; accountId: string; language: string };
    expect(language).toBe('vi');
    expect(await authenticateToken(h.accountDeps, token)).toEqual({ ok: true, accountId, language: 'vi' });

    const stored = JSON.stringify(await h.scan());
    for (const secret of ['Nguyễn', '7777', '8888-', '314159', token]) expect(stored).not.toContain(secret);
    expect(stored).toContain('+82 10-****-8888');
  });

  it('answers 429 with Retry-After to a resend within a minute', async () => {
    await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-1111' }), context);
    h.clock.advance(15_000);
    const again = await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-1111' }), context);
    expect(again.statusCode).toBe(429);
    expect(again.headers?.['retry-after']).toBe('45');
    expect(bodyOf(again).details).toMatchObject({ code: 'resend_too_soon', retryAfterSeconds: 45 });
    expect(h.sms.sent).toHaveLength(1);
  });

  it('answers 429 on the sixth code of the day for a number', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-2222' }), context)).statusCode).toBe(202);
      h.clock.advance(60_000);
    }
    const sixth = await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-2222' }), context);
    expect(sixth.statusCode).toBe(429);
    expect(bodyOf(sixth).details).toMatchObject({ code: 'daily_limit' });
  });

  it('answers 400 to a wrong code with the attempts left, then 429 after the fifth', async () => {
    h.random.nextCode('111111');
    await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-3333' }), context);
    const wrong = await handler(post('/chat/accounts/verify', { phone: '010-7777-3333', code: '222222' }), context);
    expect(wrong.statusCode).toBe(400);
    expect(bodyOf(wrong).details).toMatchObject({ code: 'wrong_code', attemptsLeft: 4 });
    for (let i = 0; i < 3; i += 1) await handler(post('/chat/accounts/verify', { phone: '010-7777-3333', code: '222222' }), context);
    const fifth = await handler(post('/chat/accounts/verify', { phone: '010-7777-3333', code: '222222' }), context);
    expect(fifth.statusCode).toBe(429);
    const right = await handler(post('/chat/accounts/verify', { phone: '010-7777-3333', code: '111111' }), context);
    expect(right.statusCode).toBe(429);
  });

  it('answers 400 with a clear reason to an expired code', async () => {
    h.random.nextCode('111111');
    await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-4444' }), context);
    h.clock.advance(5 * 60_000 + 1);
    const late = await handler(post('/chat/accounts/verify', { phone: '010-7777-4444', code: '111111' }), context);
    expect(late.statusCode).toBe(400);
    expect(bodyOf(late)).toMatchObject({ error: expect.stringContaining('expired'), details: { code: 'code_expired' } });
  });

  it('answers 400 naming the field for invalid bodies and malformed JSON, sending nothing', async () => {
    const badLanguage = await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-5555', language: 'fr' }), context);
    expect(badLanguage.statusCode).toBe(400);
    expect(JSON.stringify(bodyOf(badLanguage).details)).toContain('language');
    const badCode = await handler(post('/chat/accounts/verify', { phone: '010-7777-5555', code: '12345' }), context);
    expect(JSON.stringify(bodyOf(badCode).details)).toContain('6 digits');
    const notJson = await handler(post('/chat/accounts', '{"name":'), context);
    expect(bodyOf(notJson).error).toBe('request body is not valid JSON');
    const badPhone = await handler(post('/chat/accounts', { name: 'A', phone: 'call me' }), context);
    expect(badPhone.statusCode).toBe(400);
    expect(h.sms.sent).toHaveLength(0);
  });

  it('names every refusal with a typed code at the top of the body (the page translates it), keeping details as they were', async () => {
    h.random.nextCode('111111');
    await handler(post('/chat/accounts', { name: 'A', phone: '010-7777-6666' }), context);
    const wrong = await handler(post('/chat/accounts/verify', { phone: '010-7777-6666', code: '222222' }), context);
    expect(bodyOf(wrong)).toEqual({ error: 'the code does not match', code: 'wrong_code', details: { code: 'wrong_code', attemptsLeft: 4 } });
    const badPhone = await handler(post('/chat/accounts', { name: 'A', phone: '010-12' }), context);
    expect(bodyOf(badPhone)).toMatchObject({ code: 'invalid_phone', details: { code: 'invalid_phone' } });
    const badBody = await handler(post('/chat/accounts', { name: '', phone: '010-7777-6666' }), context);
    expect(bodyOf(badBody)).toEqual({ error: 'request body is invalid', code: 'invalid_request', details: [{ path: 'name', message: 'name is required' }] });
    const notJson = await handler(post('/chat/accounts/verify', '{"phone":'), context);
    expect(bodyOf(notJson)).toEqual({ error: 'request body is not valid JSON', code: 'invalid_request' });
  });

  it('revokes a token given in the body or as a Bearer header; an unknown token is 404', async () => {
    const issued = await h.newAccount();
    const revoked = await handler(post('/chat/tokens/revoke', { token: issued.token }), context);
    expect(revoked.statusCode).toBe(200);
    expect(await authenticateToken(h.accountDeps, issued.token)).toEqual({ ok: false, reason: 'revoked' });
    const again = await handler(post('/chat/tokens/revoke', '', { Authorization: `Bearer ${issued.token}` }), context);
    expect(again.statusCode).toBe(200);
    const unknown = await handler(post('/chat/tokens/revoke', { token: 'Q'.repeat(43) }), context);
    expect(unknown.statusCode).toBe(404);
  });

  it('limits account applications per source address (shared by every container), sending no code past the limit', async () => {
    const limited = createChatAccountsApiHandler(async () => ({
      accounts: { ...h.accountDeps, policy: { applicationsPerAddress: 3, applicationWindowMs: 3_600_000 } },
      allowedOrigin: null,
    }));
    for (let i = 0; i < 3; i += 1) {
      expect((await limited(post('/chat/accounts', { name: 'A', phone: `010-6000-100${i}` }, {}, '198.51.100.20'), context)).statusCode).toBe(202);
    }
    const fourth = await limited(post('/chat/accounts', { name: 'A', phone: '010-6000-1009' }, {}, '198.51.100.20'), context);
    expect(fourth.statusCode).toBe(429);
    expect(bodyOf(fourth).details).toMatchObject({ code: 'address_limit' });
    expect(Number(fourth.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(h.sms.sent).toHaveLength(3);

    // Another address is not affected; the counter is one item per address and window, with a TTL, holding no clear address.
    expect((await limited(post('/chat/accounts', { name: 'A', phone: '010-6000-1010' }, {}, '198.51.100.21'), context)).statusCode).toBe(202);
    const counters = (await h.scan()).filter((i) => String(i.pk).startsWith('CHATAPPLY#'));
    expect(counters).toHaveLength(2);
    for (const counter of counters) expect(typeof counter.expiresAt).toBe('number');
    expect(JSON.stringify(counters)).not.toContain('198.51.100');

    h.clock.advance(3_600_000);
    expect((await limited(post('/chat/accounts', { name: 'A', phone: '010-6000-1011' }, {}, '198.51.100.20'), context)).statusCode).toBe(202);
  });
});
