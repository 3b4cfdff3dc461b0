import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { header } from './http.ts';

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(event: APIGatewayProxyEvent): string | undefined {
  const value = header(event, 'authorization');
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}

function addCors(response: APIGatewayProxyResult | null | undefined, origin: string | null): void {
  if (!response || !origin) return;
  response.headers = {
    ...response.headers,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

/**
 * CORS for the citizen page's APIs, which the page (CloudFront origin) calls on the API's
 * execute-api origin. onError middlewares run last-registered first: register this before
 * httpErrors, which builds the error response this decorates.
 */
export function citizenPageCors(allowedOrigin: () => Promise<string | null>): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    after: async (request) => addCors(request.response, await allowedOrigin()),
    onError: async (request) => addCors(request.response, await allowedOrigin().catch(() => null)),
  };
}
