import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { header } from './http.ts';

/**
 * CORS for the staff API's browser client, the counselor workspace app on its own origin
 * (CloudFront). A response names the caller's origin only when it is the app's: API Gateway's
 * Lambda proxy integration passes the handler's headers through untouched, so the handler adds
 * them, on successes and on the error responses `httpErrors` builds. Use it before httpErrors
 * (middy runs `after` and `onError` in reverse order). Preflights and the authorizer's own 401/403
 * are answered by API Gateway (lib/constructs/staff-api.ts).
 */
export function staffCors(allowedOrigins: () => Promise<readonly string[]>): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const addHeaders = async (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult>): Promise<void> => {
    const origin = header(request.event, 'origin');
    if (!origin || !request.response) return;
    const allowed = await allowedOrigins().catch((): readonly string[] => []);
    if (!allowed.includes(origin)) return;
    request.response.headers = { ...request.response.headers, 'access-control-allow-origin': origin, vary: 'Origin' };
  };
  return { after: addHeaders, onError: addHeaders };
}
