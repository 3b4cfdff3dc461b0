import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { isIPv6 } from 'node:net';
import { MediaRefusedError, MediaTooLargeError, type FetchedMedia, type MediaFetcher } from '../../core/ports/media.ts';
import { checkAddress, ipLiteralOf, isLoopback } from './address-policy.ts';
import { OriginAllowList } from './origin-allow-list.ts';

/** Transient: network failure, timeout, DNS trouble, 408/425/429 or 5xx. The pipeline retries the message. */
export class MediaFetchRetryableError extends Error {
  override readonly name = 'MediaFetchRetryableError';
}

export interface MediaCredentials {
  username: string;
  password: string;
  /**
   * The provider's own API origin (https only), e.g. https://api.twilio.com: the first request
   * of a fetch gets basic auth when it goes exactly there; no redirect target ever does.
   */
  origin: string;
}

export interface HttpMediaFetcherOptions {
  /** Origins a media URL and every redirect must be on (see origin-allow-list.ts); https only outside tests. */
  allowedOrigins: readonly string[];
  credentials?: MediaCredentials;
  /** Whole download, all redirects and lookups included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /**
   * Off by default, and never set in AWS. Lets loopback addresses (127.0.0.0/8, ::1) through,
   * and http origins towards them: the tests' fake media servers. Nothing else private passes.
   */
  allowLoopbackForTests?: boolean;
  /** Host name -> addresses. Default: the system resolver (getaddrinfo), every address. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Extra trusted CA certificates (PEM) for https hosts, e.g. a local test host's. */
  ca?: string;
}

interface Pinned {
  address: string;
  family: 4 | 6;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_STATUSES = new Set([408, 425, 429]);
/** The name does not exist (NXDOMAIN / no address): asking again will not change that. */
const NAME_MISSING = new Set(['ENOTFOUND', 'ENODATA']);

const systemResolve = async (hostname: string): Promise<string[]> =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Where a request went, for reasons and errors: never credentials, paths or query strings. */
const where = (url: URL) => `${url.protocol}//${url.host}`;

/**
 * MediaFetcher for URLs a provider (or whoever can make it send a webhook) chose, safe against
 * server-side request forgery. Every hop must be on an allowed origin (https outside tests);
 * the host name is resolved here and every address checked (no private, loopback, link-local,
 * CGNAT, multicast, reserved or documentation address, IPv4 hidden in IPv6 included) before
 * connecting, and the connection goes to the checked address, so a DNS answer that changes
 * between check and connect (rebinding) is never used. At most `maxRedirects` redirects, each
 * checked the same way. Credentials go only to the provider's API origin over https, on the
 * first request. The body is read up to maxBytes and no further.
 *
 * Refusals are MediaRefusedError (permanent); anything that may pass on a retry is
 * MediaFetchRetryableError. Provider-neutral: a Twilio or Open311 fetcher differ only in options.
 */
export class HttpMediaFetcher implements MediaFetcher {
  readonly #origins: OriginAllowList;
  readonly #credentialOrigin: string | undefined;
  readonly #authorization: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxRedirects: number;
  readonly #allowLoopback: boolean;
  readonly #resolve: (hostname: string) => Promise<string[]>;
  readonly #ca: string | undefined;

  constructor(options: HttpMediaFetcherOptions) {
    this.#origins = new OriginAllowList(options.allowedOrigins);
    this.#allowLoopback = options.allowLoopbackForTests === true;
    if (this.#origins.usesHttp && !this.#allowLoopback) {
      throw new Error('http media origins are only for loopback test servers (MEDIA_ALLOW_LOOPBACK_FOR_TESTS); use https');
    }
    if (options.credentials) {
      const { username, password, origin } = options.credentials;
      const parsed = new URL(origin);
      if (parsed.protocol !== 'https:' || parsed.pathname !== '/' || parsed.search || parsed.username) {
        throw new Error(`media credentials origin ${origin} must be a bare https origin`);
      }
      this.#credentialOrigin = parsed.origin;
      this.#authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxRedirects = options.maxRedirects ?? 3;
    this.#resolve = options.resolve ?? systemResolve;
    this.#ca = options.ca;
  }

  async fetch(url: string, options: { maxBytes: number }): Promise<FetchedMedia> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let target = this.#allowed(url, undefined);
    for (let hop = 0; ; hop += 1) {
      const pinned = await this.#resolveChecked(target, signal);
      const response = await this.#get(target, pinned, hop === 0, signal);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.destroy();
        if (hop >= this.#maxRedirects) throw new MediaRefusedError(`more than ${this.#maxRedirects} redirects fetching media`);
        const location = response.headers.location;
        if (!location) throw new MediaRefusedError(`redirect ${status} from ${where(target)} without a Location`);
        target = this.#allowed(location, target);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        const message = `media download from ${where(target)} failed with HTTP ${status}`;
        if (status >= 500 || RETRYABLE_STATUSES.has(status)) throw new MediaFetchRetryableError(message);
        throw new MediaRefusedError(message);
      }
      const bytes = await readCapped(response, options.maxBytes, target, signal, this.#timeoutMs);
      return { bytes, contentType: response.headers['content-type'] ?? 'application/octet-stream' };
    }
  }

  /** Parses the URL (a redirect's Location relative to where it came from) and checks its origin. */
  #allowed(raw: string, from: URL | undefined): URL {
    const context = from ? `redirect from ${where(from)} refused` : 'media URL refused';
    let url: URL;
    try {
      url = new URL(raw, from);
    } catch {
      throw new MediaRefusedError(`${context}: not a valid URL`);
    }
    if (url.username || url.password) throw new MediaRefusedError(`${context}: ${where(url)} carries user info`);
    const check = this.#origins.check(url);
    if (!check.ok) throw new MediaRefusedError(`${context}: ${check.reason}`);
    return url;
  }

  /** The one address this hop will connect to, after every address of the name passed the policy. */
  async #resolveChecked(url: URL, signal: AbortSignal): Promise<Pinned> {
    const literal = ipLiteralOf(url.hostname);
    let addresses: string[];
    try {
      addresses = literal ? [literal] : await untilAborted(this.#resolve(url.hostname), signal);
    } catch (error) {
      if (signal.aborted) throw this.#timedOut(url, error);
      if (NAME_MISSING.has(errorCode(error) ?? '')) throw new MediaRefusedError(`media host ${url.hostname} does not resolve`);
      throw new MediaFetchRetryableError(`media host ${url.hostname} could not be resolved: ${describeNetworkError(error)}`, { cause: error });
    }
    const [first] = addresses;
    if (first === undefined) throw new MediaRefusedError(`media host ${url.hostname} does not resolve`);
    for (const address of addresses) {
      const verdict = checkAddress(address, { allowLoopback: this.#allowLoopback });
      if (!verdict.allowed) throw new MediaRefusedError(`media host ${url.hostname} refused: ${verdict.reason}`);
    }
    if (url.protocol === 'http:' && !isLoopback(first)) {
      throw new MediaRefusedError(`${where(url)} refused: plain http only reaches loopback test servers`);
    }
    return { address: first, family: isIPv6(first) ? 6 : 4 };
  }

  #get(url: URL, pinned: Pinned, firstRequest: boolean, signal: AbortSignal): Promise<IncomingMessage> {
    const secure = url.protocol === 'https:';
    const headers: OutgoingHttpHeaders = { host: url.host, accept: 'image/*' };
    if (firstRequest && secure && this.#authorization && url.origin === this.#credentialOrigin) headers.authorization = this.#authorization;
    const options: RequestOptions = {
      // The checked address itself: no second lookup between the check and the connection.
      host: pinned.address,
      family: pinned.family,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      signal,
      agent: false,
    };
    if (secure) {
      // SNI and the certificate check use the host name, not the pinned address.
      if (!ipLiteralOf(url.hostname)) options.servername = url.hostname;
      if (this.#ca) options.ca = this.#ca;
    }
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(options, resolve);
      // A listener for the request's whole life: an error after the response began must not go unhandled.
      request.on('error', (error) => {
        reject(
          signal.aborted
            ? this.#timedOut(url, error)
            : new MediaFetchRetryableError(`media download from ${where(url)} failed: ${describeNetworkError(error)}`, { cause: error }),
        );
      });
      request.end();
    });
  }

  #timedOut(url: URL, cause: unknown): MediaFetchRetryableError {
    return new MediaFetchRetryableError(`media download from ${where(url)} timed out after ${this.#timeoutMs} ms`, { cause });
  }
}

async function readCapped(response: IncomingMessage, maxBytes: number, url: URL, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new MediaTooLargeError(`media is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      total += buffer.byteLength;
      if (total > maxBytes) {
        response.destroy();
        throw new MediaTooLargeError(`media is over the ${maxBytes}-byte limit`);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof MediaTooLargeError) throw error;
    const why = signal.aborted ? `timed out after ${timeoutMs} ms` : describeNetworkError(error);
    throw new MediaFetchRetryableError(`media download from ${where(url)} broke off: ${why}`, { cause: error });
  }
  if (!response.complete) throw new MediaFetchRetryableError(`media download from ${where(url)} broke off before the end`);
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** Rejects when the signal fires: dns.lookup itself cannot be cancelled, but nobody waits for it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
