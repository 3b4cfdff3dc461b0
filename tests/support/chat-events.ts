import type { WebSocketAuthorizerEvent, WebSocketEvent } from '../../schemas/chat-websocket-events.ts';

/*
 * API Gateway WebSocket events as the documentation shows them ("WebSocket API Lambda
 * integration" and "REQUEST authorizer" examples), with the values a test varies.
 */
const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.ap-northeast-2.amazonaws.com`;
const STAGE = 'prod';

function requestContext(routeKey: string, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', connectionId: string, accountId?: string) {
  return {
    routeKey,
    eventType,
    extendedRequestId: 'Lc0hXGx5IE0Fp1g=',
    requestTime: '02/Mar/2026:01:00:00 +0000',
    messageDirection: 'IN' as const,
    stage: STAGE,
    connectedAt: 1772413200000,
    requestTimeEpoch: 1772413200123,
    identity: { userAgent: 'Mozilla/5.0', sourceIp: '203.0.113.7' },
    requestId: 'Lc0hXGx5IE0Fp1g=',
    domainName: DOMAIN,
    connectionId,
    apiId: API_ID,
    ...(eventType === 'MESSAGE' ? { messageId: 'Lc0hbd_FoAMCLdw=' } : {}),
    ...(accountId ? { authorizer: { principalId: accountId, accountId, integrationLatency: 42 } } : {}),
  };
}

export const METHOD_ARN = `arn:aws:execute-api:ap-northeast-2:123456789012:${API_ID}/${STAGE}/$connect`;

export function authorizerEvent(options: { token?: string; protocolToken?: string; connectionId?: string } = {}): WebSocketAuthorizerEvent {
  const headers: Record<string, string> = {
    Host: DOMAIN,
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
    'X-Forwarded-For': '203.0.113.7',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...(options.protocolToken ? { 'Sec-WebSocket-Protocol': `citizen-chat, ${options.protocolToken}` } : {}),
  };
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.token ? { token: options.token } : null,
    multiValueQueryStringParameters: options.token ? { token: [options.token] } : null,
    stageVariables: {},
    requestContext: requestContext('$connect', 'CONNECT', options.connectionId ?? 'L0SM9cOFvHcCIhw='),
  };
}

export function connectEvent(connectionId: string, accountId: string, protocols?: string): WebSocketEvent {
  return {
    requestContext: requestContext('$connect', 'CONNECT', connectionId, accountId),
    headers: { Host: DOMAIN, ...(protocols ? { 'Sec-WebSocket-Protocol': protocols } : {}) },
    isBase64Encoded: false,
  };
}

export function messageEvent(connectionId: string, accountId: string, body: string, routeKey = 'sendMessage'): WebSocketEvent {
  return { requestContext: requestContext(routeKey, 'MESSAGE', connectionId, accountId), body, isBase64Encoded: false };
}

export function disconnectEvent(connectionId: string, accountId: string): WebSocketEvent {
  return { requestContext: { ...requestContext('$disconnect', 'DISCONNECT', connectionId, accountId), disconnectStatusCode: 1001, disconnectReason: 'Going away' } };
}
