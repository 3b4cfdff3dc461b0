import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { AccessRequest } from '../../core/audit/model.ts';

/**
 * What an access record says about the request, all of it as API Gateway set it: its request id
 * (which fixes the event id), its receive time, the source address it saw, and the route template
 * (never the concrete path, which may carry a receipt number). For every staff route, and the
 * staff authorizer's event (the same request context).
 */
export function accessRequestOf(event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource'> & { readonly requestContext: Pick<APIGatewayProxyEvent['requestContext'], 'requestId' | 'requestTimeEpoch' | 'identity'> }): AccessRequest {
  const context = event.requestContext;
  const epoch = typeof context.requestTimeEpoch === 'number' ? context.requestTimeEpoch : Number.NaN;
  return {
    requestId: context.requestId,
    at: Number.isFinite(epoch) ? new Date(epoch).toISOString() : '',
    sourceIp: context.identity?.sourceIp ?? 'unknown',
    route: `${event.httpMethod} ${event.resource}`,
  };
}
