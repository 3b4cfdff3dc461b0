import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { PayloadTooLargeError, lambdaContext, readBody, resultHeaders, toApiGatewayEvent } from './apigw-event.ts';
import type { StaffPermission } from '../functions/core/staff/roles.ts';
import type { RequestGuard } from './request-guard.ts';
import type { StaffGate } from './staff-gate.ts';
import { Router } from './router.ts';

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * A route served by a Lambda handler (API Gateway event) or directly by the local gateway.
 * `providerWebhook`: the provider, not this API, picks the body's content type (Twilio posts
 * forms, SNS text/plain), so the application/json rule of the JSON APIs does not apply.
 */
export type LocalTarget = (
  | { kind: 'lambda'; functionName: string; handler: ProxyHandler }
  | { kind: 'native'; handle: (request: IncomingMessage, response: ServerResponse, params: Record<string, string> | null) => Promise<void> }
) & {
  providerWebhook?: boolean;
  /**
   * Behind the staff authorizer, as in AWS. A Lambda route checks its own permission (STAFF_APIS);
   * a route the gateway serves itself names the permission it needs here.
   */
  staff?: { permission?: StaffPermission };
  /** Body media types besides application/json the route reads (StaffRoute.bodyTypes): admitted, and passed on as bytes. */
  bodyTypes?: readonly string[];
};

/** A Lambda handler served at a route, fed the API Gateway event it gets in AWS. */
export function lambdaTarget(
  functionName: string,
  handler: (event: never, context: never) => unknown,
  options: { providerWebhook?: boolean; staff?: { permission?: StaffPermission }; bodyTypes?: readonly string[] } = {},
): LocalTarget {
  return { kind: 'lambda', functionName, handler: handler as ProxyHandler, ...options };
}

export interface LocalHttpServer {
  server: Server;
  url: string;
  port: number;
  /** Also for the WebSocket upgrades attached to `server`. */
  guard?: RequestGuard;
  close(): Promise<void>;
}

export function send(response: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8' });
}

/** The local gateway's HTTP front: API Gateway semantics for Lambda routes, 404/405 otherwise. */
export async function startHttpServer(options: {
  router: Router<LocalTarget>;
  host: string;
  port: number;
  onError: (error: unknown) => void;
  /** Built once the port is known (port 0 picks one); without it every host and origin is served. */
  guard?: (port: number) => RequestGuard;
  /** Admits staff routes; without it they answer 503 (no sign-in available). */
  staffGate?: StaffGate;
}): Promise<LocalHttpServer> {
  let guard: RequestGuard | undefined;
  const server = createServer((request, response) => {
    response.setHeader('x-content-type-options', 'nosniff');
    void dispatch(options.router, guard, options.staffGate, request, response).catch((error: unknown) => {
      options.onError(error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      // Set before the event loop accepts the first connection.
      guard = options.guard?.((server.address() as AddressInfo).port);
      resolve();
    });
  });
  // An error event without a listener would end the process, taking every channel with it.
  server.on('error', options.onError);
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    ...(guard ? { guard } : {}),
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function dispatch(
  router: Router<LocalTarget>,
  guard: RequestGuard | undefined,
  staffGate: StaffGate | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const refused = guard?.checkSource(request);
  if (refused) return sendJson(response, refused.status, { error: refused.error });
  const url = new URL(request.url ?? '/', 'http://local');
  const match = router.match(request.method ?? 'GET', url.pathname);
  if (match === null) return sendJson(response, 404, { error: `no route for ${url.pathname}` });
  if (match === 'method-not-allowed') return sendJson(response, 405, { error: `${request.method} not allowed on ${url.pathname}` });
  const target = match.target;
  const badBody = target.providerWebhook ? null : guard?.checkBody(request, target.bodyTypes);
  if (badBody) return sendJson(response, badBody.status, { error: badBody.error });
  let authorizer: Record<string, string> | null = null;
  if (target.staff) {
    if (!staffGate) return sendJson(response, 503, { error: 'staff sign-in is not available' });
    const verdict = await staffGate.admit(request, match.resource, target.kind === 'native' ? target.staff.permission : undefined, match.pathParameters);
    if (!verdict.ok) return sendJson(response, verdict.status, { error: verdict.error });
    authorizer = verdict.context;
  }
  if (target.kind === 'native') return target.handle(request, response, match.pathParameters);
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return sendJson(response, 413, { error: error.message });
    throw error;
  }
  const event = toApiGatewayEvent(request, body, { resource: match.resource, pathParameters: match.pathParameters, ...(target.bodyTypes ? { binaryTypes: target.bodyTypes } : {}) });
  if (authorizer) event.requestContext.authorizer = authorizer;
  const result = await target.handler(event, lambdaContext(target.functionName));
  const payload = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body ?? '', 'utf8');
  response.writeHead(result.statusCode, { ...resultHeaders(result), 'content-length': payload.length });
  response.end(payload);
}
