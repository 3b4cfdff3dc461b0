import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { HttpError, httpErrors, json } from '../../../functions/handlers/shared/http.ts';
import { staffCors } from '../../../functions/handlers/shared/staff-cors.ts';
import type { Log } from '../../../functions/core/ports/runtime.ts';

const APP = 'https://d111111abcdef8.cloudfront.net';
const quiet: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const event = (origin?: string) => ({ headers: origin ? { Origin: origin } : {}, httpMethod: 'GET', resource: '/api/complaints' }) as unknown as APIGatewayProxyEvent;

function handler(outcome: () => APIGatewayProxyResult) {
  return middy(async (_event: APIGatewayProxyEvent) => outcome())
    .use(staffCors(async () => [APP]))
    .use(httpErrors(async () => quiet));
}

describe('staff API answers the workspace app\'s origin (CORS)', () => {
  it('names the app\'s origin on a success and on every error the handler turns into a response', async () => {
    const ok = await handler(() => json(200, { items: [] }))(event(APP), {} as Context);
    expect(ok.headers).toMatchObject({ 'access-control-allow-origin': APP, vary: 'Origin' });
    const refused = await handler(() => {
      throw new HttpError(403, 'role counselor may not do that');
    })(event(APP), {} as Context);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers).toMatchObject({ 'access-control-allow-origin': APP });
    const crashed = await handler(() => {
      throw new Error('boom');
    })(event(APP), {} as Context);
    expect(crashed.statusCode).toBe(500);
    expect(crashed.headers).toMatchObject({ 'access-control-allow-origin': APP });
  });

  it('names no origin for any other page, or for a call without one (scripts, curl)', async () => {
    const other = await handler(() => json(200, {}))(event('https://evil.example'), {} as Context);
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
    const none = await handler(() => json(200, {}))(event(), {} as Context);
    expect(none.headers?.['access-control-allow-origin']).toBeUndefined();
  });
});
