import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * CORS for the citizen page's origin (CloudFront) calling a citizen API on its execute-api
 * origin; absent origin: same origin, no headers. Register it before `httpErrors`: onError
 * middlewares run last-registered first, so httpErrors builds the response and this decorates it.
 */
export function citizenCors(getOrigin: () => Promise<string | null>, methods: string): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const decorate = (response: APIGatewayProxyResult | null | undefined, origin: string | null) => {
    if (!response || !origin) return;
    response.headers = {
      ...response.headers,
      'access-control-allow-origin': origin,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
      vary: 'origin',
    };
  };
  return {
    after: async (request) => decorate(request.response, await getOrigin()),
    onError: async (request) => decorate(request.response, await getOrigin().catch(() => null)),
  };
}
