import type { APIGatewayProxyEvent } from 'aws-lambda';
import { header } from './http.ts';

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(event: APIGatewayProxyEvent): string | undefined {
  const value = header(event, 'authorization');
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}
