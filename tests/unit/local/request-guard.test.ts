import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RequestGuard } from '../../../local/request-guard.ts';

const request = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;

describe('local gateway request guard', () => {
  const guard = RequestGuard.forGateway({ host: '0.0.0.0', port: 3120, publicBaseUrl: 'https://abc.ngrok.app', allowedHosts: ['gateway.lan', '10.0.0.5:8080'] });

  it('answers to its loopback names on its port, the public base URL host and the listed hosts, not the wildcard it binds', () => {
    for (const host of ['127.0.0.1:3120', 'localhost:3120', '[::1]:3120', 'abc.ngrok.app', 'gateway.lan', 'gateway.lan:3120', '10.0.0.5:8080', 'LOCALHOST:3120']) {
      expect(guard.checkSource(request('GET', { host })), host).toBeNull();
    }
    for (const host of ['0.0.0.0:3120', '127.0.0.1:3121', 'localhost', 'evil.example:3120', '10.0.0.5:3120']) {
      expect(guard.checkSource(request('GET', { host }))?.status, host).toBe(403);
    }
    expect(guard.checkSource(request('GET', {}))?.status).toBe(403);
  });

  it('lets a page read cross-origin (CORS keeps the answer from it) but not change state', () => {
    const host = '127.0.0.1:3120';
    expect(guard.checkSource(request('GET', { host, origin: 'http://evil.example' }))).toBeNull();
    expect(guard.checkSource(request('POST', { host, origin: 'http://evil.example' }))?.status).toBe(403);
    expect(guard.checkSource(request('POST', { host, origin: 'http://localhost:3120' }))).toBeNull();
    expect(guard.checkSource(request('POST', { host, origin: 'https://abc.ngrok.app' }))).toBeNull();
    expect(guard.checkSource(request('POST', { host, 'sec-fetch-site': 'cross-site' }))?.status).toBe(403);
    expect(guard.checkSource(request('POST', { host, 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(guard.checkSource(request('DELETE', { host, origin: 'file://' }))?.status).toBe(403);
  });

  it('wants application/json on a body, and nothing on an empty request', () => {
    expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': 'application/json; charset=utf-8' }))).toBeNull();
    expect(guard.checkBody(request('POST', { 'content-length': '0' }))).toBeNull();
    expect(guard.checkBody(request('POST', {}))).toBeNull();
    expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': 'text/plain' }))?.status).toBe(415);
    expect(guard.checkBody(request('POST', { 'transfer-encoding': 'chunked' }))?.status).toBe(415);
    expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': 'application/jsonp' }))?.status).toBe(415);
  });

  it('admits the body types a route declares besides JSON, and only there', () => {
    const csv = request('POST', { 'content-length': '2', 'content-type': 'text/csv; charset=euc-kr' });
    const ndjson = request('POST', { 'content-length': '2', 'content-type': 'Application/X-NDJSON' });
    const declared = ['application/x-ndjson', 'text/csv'];
    expect(guard.checkBody(csv, declared)).toBeNull();
    expect(guard.checkBody(ndjson, declared)).toBeNull();
    expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': 'application/json' }), declared)).toBeNull();
    expect(guard.checkBody(csv)?.status).toBe(415);
    // What a page may post cross-origin without a preflight is never admitted, even if a route declares it.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': type }), [...declared, type.split(';')[0]!])?.status, type).toBe(415);
    }
    expect(guard.checkBody(request('POST', { 'content-length': '2', 'content-type': 'text/csvx' }), declared)?.status).toBe(415);
  });
});
