import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { MiddlewareObj } from '@middy/core';
import type { $ZodType, output } from 'zod/v4/core';
import { safeParse } from '../../../schemas/zod-mini.ts';
import type { Log } from '../../core/ports/runtime.ts';

/** An error whose message is safe to show the caller (never personal data). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function problem(statusCode: number, reason: string, details?: unknown): APIGatewayProxyResult {
  return json(statusCode, { error: reason, ...(details === undefined ? {} : { details }) });
}

/** Case-insensitive header lookup: API Gateway keeps the client's casing. */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

export function rawBody(event: APIGatewayProxyEvent): string {
  if (event.body === null || event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Any zod schema, classic or mini: both are core `$ZodType`s. */
export function parseJsonBody<T extends $ZodType>(event: APIGatewayProxyEvent, schema: T): output<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody(event) || 'null');
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  return parseWith(schema, parsed, 'request body');
}

export function parseWith<T extends $ZodType>(schema: T, value: unknown, what: string): output<T> {
  const result = safeParse(schema, value);
  if (!result.success) {
    throw new HttpError(400, `${what} is invalid`, result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  }
  return result.data;
}

/**
 * Turns HttpError into its response and anything else into a 500 that reveals nothing;
 * the log line carries the error name and message, which never hold clear personal data.
 */
export function httpErrors(getLog: () => Promise<Log>): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      // Building the deps may be what failed: fall back to the console, still without personal data.
      const log = await getLog().catch((): Log => consoleLog);
      if (error instanceof HttpError) {
        if (error.statusCode >= 500) log.error('request failed', { status: error.statusCode, reason: error.message });
        request.response = problem(error.statusCode, error.message, error.details);
        return;
      }
      log.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
      request.response = problem(500, 'internal error');
    },
  };
}

const consoleLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  error: (message, attributes) => console.error(JSON.stringify({ level: 'ERROR', message, ...attributes })),
};
