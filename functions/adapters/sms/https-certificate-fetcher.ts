import type { CertificateFetcher } from '../../channels/sms/certificate-fetcher.ts';

export interface HttpsCertificateFetcherOptions {
  /** Whole request budget; SNS waits for our answer, so a slow certificate host must not stall it. */
  timeoutMs?: number;
  /** SNS certificates are ~2 KB; anything much larger is not one. */
  maxBytes?: number;
  /** Injected for tests; defaults to the runtime's fetch. */
  fetchImpl?: typeof fetch;
}

export class CertificateFetchError extends Error {
  override readonly name = 'CertificateFetchError';
}

/** Downloads SNS signing certificates over HTTPS only, without following redirects. */
export function httpsCertificateFetcher(options: HttpsCertificateFetcherOptions = {}): CertificateFetcher {
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const fetchImpl = options.fetchImpl ?? fetch;

  return {
    async fetchPem(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new CertificateFetchError('certificate URL is not a URL');
      }
      if (parsed.protocol !== 'https:') throw new CertificateFetchError('certificate URL must be https');

      let response: Response;
      try {
        response = await fetchImpl(parsed, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new CertificateFetchError(timedOut ? `certificate download timed out after ${timeoutMs} ms` : 'certificate download failed');
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new CertificateFetchError(`certificate download answered HTTP ${response.status}`);
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new CertificateFetchError(`certificate is larger than ${maxBytes} bytes`);
      }
      const pem = await readCapped(response, maxBytes);
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CertificateFetchError('certificate download is not a PEM certificate');
      return pem;
    },
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new CertificateFetchError(`certificate is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
