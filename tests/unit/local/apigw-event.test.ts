import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../../../local/apigw-event.ts';

const request = (contentType: string) =>
  ({ method: 'POST', url: '/api/knowledge/import', headers: { 'content-type': contentType }, rawHeaders: ['Content-Type', contentType], httpVersion: '1.1', socket: {} }) as unknown as IncomingMessage;

describe('the API Gateway event the local gateway builds', () => {
  const cp949 = Buffer.from([0xb0, 0xa1, 0x81, 0x41, 0x0a]);

  it('passes a body of a binary media type on as base64, as API Gateway does with binaryMediaTypes', () => {
    const event = toApiGatewayEvent(request('text/csv; charset=euc-kr'), cp949, { resource: '/api/knowledge/import', pathParameters: null, binaryTypes: ['text/csv'] });
    expect(event.isBase64Encoded).toBe(true);
    expect([...Buffer.from(event.body ?? '', 'base64')]).toEqual([...cp949]);
  });

  it('keeps other text bodies as UTF-8 text', () => {
    const event = toApiGatewayEvent(request('text/csv'), Buffer.from('a,b'), { resource: '/x', pathParameters: null });
    expect(event).toMatchObject({ isBase64Encoded: false, body: 'a,b' });
  });
});
