import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CertificateFetchError, httpsCertificateFetcher } from '../../../functions/adapters/sms/https-certificate-fetcher.ts';

const CERT = readFileSync(new URL('../../fixtures/sns/test-signing-cert.pem', import.meta.url), 'utf8');
const URL_ = 'https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-abc.pem';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

// Stands in for the network: the tests must not reach sns.amazonaws.com.
function fakeFetch(respond: (call: Call) => Response | Promise<Response>): typeof fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const impl = ((input: string | URL | Request, init?: RequestInit) => {
    const call = { url: input instanceof Request ? input.url : String(input), init };
    calls.push(call);
    return Promise.resolve(respond(call));
  }) as typeof fetch & { calls: Call[] };
  impl.calls = calls;
  return impl;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('httpsCertificateFetcher', () => {
  it('returns the PEM it downloaded, asking fetch not to follow redirects and to give up in time', async () => {
    const fetchImpl = fakeFetch(() => new Response(CERT, { status: 200 }));
    const pem = await httpsCertificateFetcher({ fetchImpl }).fetchPem(URL_);
    expect(pem).toBe(CERT);
    expect(fetchImpl.calls[0]?.url).toBe(URL_);
    expect(fetchImpl.calls[0]?.init?.redirect).toBe('error');
    expect(fetchImpl.calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('refuses a plain http URL without fetching it', async () => {
    const fetchImpl = fakeFetch(() => new Response(CERT));
    await expect(httpsCertificateFetcher({ fetchImpl }).fetchPem(URL_.replace('https:', 'http:'))).rejects.toThrow(/must be https/);
    expect(fetchImpl.calls).toHaveLength(0);
  });

  it('refuses a non-200 answer', async () => {
    const fetchImpl = fakeFetch(() => new Response('gone', { status: 404 }));
    await expect(httpsCertificateFetcher({ fetchImpl }).fetchPem(URL_)).rejects.toThrow(/HTTP 404/);
  });

  it('refuses a body that is not a PEM certificate', async () => {
    const fetchImpl = fakeFetch(() => new Response('<html>hello</html>', { status: 200 }));
    await expect(httpsCertificateFetcher({ fetchImpl }).fetchPem(URL_)).rejects.toBeInstanceOf(CertificateFetchError);
  });

  it('stops reading a body that grows past the size cap', async () => {
    const chunk = new Uint8Array(1024).fill(65);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const fetchImpl = fakeFetch(() => new Response(endless, { status: 200 }));
    await expect(httpsCertificateFetcher({ fetchImpl, maxBytes: 4096 }).fetchPem(URL_)).rejects.toThrow(/larger than 4096 bytes/);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const fetchImpl = fakeFetch(() => new Response(streamOf([new TextEncoder().encode(CERT)]), { status: 200, headers: { 'content-length': '999999' } }));
    await expect(httpsCertificateFetcher({ fetchImpl, maxBytes: 4096 }).fetchPem(URL_)).rejects.toThrow(/larger than/);
  });

  it('reports a timeout when the certificate host does not answer', async () => {
    const fetchImpl = fakeFetch(
      (call) =>
        new Promise<Response>((_, reject) => {
          call.init?.signal?.addEventListener('abort', () => reject(call.init?.signal?.reason));
        }),
    );
    await expect(httpsCertificateFetcher({ fetchImpl, timeoutMs: 20 }).fetchPem(URL_)).rejects.toThrow(/timed out after 20 ms/);
  });

  it('reports a network failure as a fetch error', async () => {
    const fetchImpl = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    await expect(httpsCertificateFetcher({ fetchImpl }).fetchPem(URL_)).rejects.toThrow(/download failed/);
  });
});
