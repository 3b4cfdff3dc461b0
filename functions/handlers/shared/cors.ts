import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

function decorate(response: APIGatewayProxyResult | null | undefined, origin: string | null, methods: string): void {
  if (!response || !origin) return;
  response.headers = {
    ...response.headers,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

/**
 * CORS headers for the chat page's origin when it is not this API's, on answers and errors.
 * Register it before `httpErrors`: onError middlewares run last-registered first, so the error
 * response exists when this decorates it.
 */
export function chatPageCors(origin: () => Promise<string | null>, methods: string): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    after: async (request) => decorate(request.response, await origin(), methods),
    onError: async (request) => decorate(request.response, await origin().catch(() => null), methods),
  };
}
