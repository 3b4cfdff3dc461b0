/*
 * API Gateway WebSocket API event shapes the chat Lambdas receive (Lambda proxy integration),
 * as documented in "Setting up WebSocket API integrations" and "REQUEST authorizers for
 * WebSocket APIs". Only the fields the handlers read are required here.
 */

export interface WebSocketRequestContext {
  routeKey: string;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  connectionId: string;
  domainName: string;
  stage: string;
  apiId: string;
  requestId: string;
  messageId?: string;
  connectedAt?: number;
  requestTimeEpoch?: number;
  messageDirection?: 'IN';
  /** The authorizer's context, on every route of an authorised connection. */
  authorizer?: { principalId?: string; accountId?: string; [key: string]: unknown } | null;
  identity?: { sourceIp?: string; userAgent?: string };
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/** $connect, $disconnect, sendMessage and $default events. */
export interface WebSocketEvent {
  requestContext: WebSocketRequestContext;
  /** $connect only. */
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  /** Message routes only: the frame as the client sent it. */
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** What a WebSocket route integration returns; $connect answers with a non-2xx to refuse. */
export interface WebSocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** REQUEST authorizer event on $connect. */
export interface WebSocketAuthorizerEvent {
  type: 'REQUEST';
  /** arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/$connect */
  methodArn: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  stageVariables?: Record<string, string | undefined> | null;
  requestContext: WebSocketRequestContext;
}

export interface AuthorizerPolicy {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }>;
  };
  context?: Record<string, string>;
}
