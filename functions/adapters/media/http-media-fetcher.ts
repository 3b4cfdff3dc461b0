import { MediaRefusedError, MediaTooLargeError, type FetchedMedia, type MediaFetcher } from '../../core/ports/media.ts';

/** Transient: network failure, timeout, 429 or 5xx. The pipeline retries the message. */
export class MediaFetchRetryableError extends Error {
  override readonly name = 'MediaFetchRetryableError';
}


export interface BasicCredentials {
  username: string;
  password: string;
  /**
   * Hosts that may receive the credentials: 'api.twilio.com' matches that host name on any
   * port, '127.0.0.1:8080' only that port, '.twilio.com' any subdomain. A redirect elsewhere
   * (Twilio sends media to a CDN) is followed without them.
   */
  allowedHosts: readonly string[];
}

export interface HttpMediaFetcherOptions {
  credentials?: BasicCredentials;
  /** Whole download, all redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  fetch?: typeof fetch;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  return allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    if (e.startsWith('.')) return hostname.endsWith(e);
    return e === host || e === hostname;
  });
}

/** Where a request went, for error messages: never credentials or query strings. */
const where = (url: URL) => `${url.protocol}//${url.host}`;

/**
 * MediaFetcher over the global fetch: follows redirects itself so that credentials are only
 * ever attached for allowed hosts, and stops reading as soon as the body passes maxBytes.
 */
export class HttpMediaFetcher implements MediaFetcher {
  readonly #credentials: BasicCredentials | undefined;
  readonly #timeoutMs: number;
  readonly #maxRedirects: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpMediaFetcherOptions = {}) {
    this.#credentials = options.credentials;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async fetch(url: string, options: { maxBytes: number }): Promise<FetchedMedia> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let current = this.#parse(url);
    for (let hop = 0; hop <= this.#maxRedirects; hop += 1) {
      const response = await this.#request(current, signal);
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new MediaRefusedError(`redirect ${response.status} from ${where(current)} without a Location`);
        current = this.#parse(new URL(location, current).toString());
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const message = `media download from ${where(current)} failed with HTTP ${response.status}`;
        if (response.status >= 500 || RETRYABLE_STATUSES.has(response.status)) throw new MediaFetchRetryableError(message);
        throw new MediaRefusedError(message);
      }
      const bytes = await readCapped(response, options.maxBytes, current);
      return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    }
    throw new MediaRefusedError(`more than ${this.#maxRedirects} redirects fetching media`);
  }

  #parse(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MediaRefusedError('media URL is not a valid URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new MediaRefusedError(`media URL scheme ${parsed.protocol} is not http(s)`);
    }
    return parsed;
  }

  async #request(url: URL, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'image/*' };
    const credentials = this.#credentials;
    if (credentials && hostAllowed(url, credentials.allowedHosts)) {
      headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
    }
    try {
      return await this.#fetch(url, { method: 'GET', headers, redirect: 'manual', signal });
    } catch (error) {
      const reason = signal.aborted ? `timed out after ${this.#timeoutMs} ms` : describeNetworkError(error);
      throw new MediaFetchRetryableError(`media download from ${where(url)} failed: ${reason}`, { cause: error });
    }
  }
}

async function readCapped(response: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new MediaTooLargeError(`media is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new MediaTooLargeError(`media is over the ${maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof MediaTooLargeError) throw error;
    throw new MediaFetchRetryableError(`media download from ${where(url)} broke off: ${describeNetworkError(error)}`, { cause: error });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
