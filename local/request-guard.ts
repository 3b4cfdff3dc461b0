import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: number;
  error: string;
}

/** Methods a browser lets any page send cross-origin without asking (no preflight) and that read only. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** Bodies a browser sends cross-origin without a CORS preflight: never admitted on an API route. */
const NO_PREFLIGHT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * What keeps a web page the user happens to visit from driving the local gateway through
 * the user's browser (the gateway listens on the user's own machine, with no login):
 * - the Host header must name the gateway: a DNS-rebinding page reaches 127.0.0.1 under its
 *   own domain name, which stays in Host;
 * - a state-changing request that carries an Origin must come from the gateway's own pages
 *   (browsers always send Origin on POST; curl, tests and providers send none);
 * - a JSON API body must say application/json: text/plain and form bodies are the ones a
 *   page may send cross-origin without a CORS preflight. A route may declare other types it
 *   reads (an import's text/csv), never those. Provider webhooks are exempt (Twilio posts
 *   forms, SNS posts text/plain).
 */
export class RequestGuard {
  readonly #hosts: ReadonlySet<string>;

  constructor(hosts: Iterable<string>) {
    this.#hosts = new Set([...hosts].map((host) => host.toLowerCase()));
  }

  /**
   * The gateway's own names on `port`: the configured HOST (unless a wildcard), 127.0.0.1,
   * localhost and [::1], the host of PUBLIC_BASE_URL (a tunnel Twilio posts through), and any
   * listed in ALLOWED_HOSTS (host or host:port).
   */
  static forGateway(options: { host: string; port: number; publicBaseUrl: string; allowedHosts: readonly string[] }): RequestGuard {
    const names = ['127.0.0.1', 'localhost', '[::1]', ...(WILDCARD_HOSTS.has(options.host) ? [] : [options.host])];
    const hosts = names.map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${options.port}`);
    // A name listed without a port is the gateway's on its own port, or behind a proxy on the scheme's default.
    for (const name of options.allowedHosts) hosts.push(...(/:\d+$/.test(name) ? [name] : [name, `${name}:${options.port}`]));
    hosts.push(new URL(options.publicBaseUrl).host);
    return new RequestGuard(hosts);
  }

  /** Host and Origin: checked on every request and WebSocket upgrade. */
  checkSource(request: IncomingMessage): Refusal | null {
    const host = request.headers.host?.toLowerCase();
    if (!host || !this.#hosts.has(host)) {
      return { status: 403, error: 'unknown Host: the local gateway answers only to its own host names (set ALLOWED_HOSTS to add one)' };
    }
    const changesState = !SAFE_METHODS.has(request.method ?? 'GET') || request.headers.upgrade !== undefined;
    const origin = request.headers.origin;
    // A browser that sends Sec-Fetch-Site but no Origin still tells where the request comes from.
    const foreign = origin !== undefined ? !this.#isOwnOrigin(origin) : /^(cross-site|same-site)$/.test(String(request.headers['sec-fetch-site'] ?? ''));
    if (changesState && foreign) return { status: 403, error: "cross-origin request refused: only the gateway's own pages may change its state" };
    return null;
  }

  /**
   * A JSON API's body (any body on a route that is not a provider webhook) must be application/json,
   * or one of the media types the route declares (an import file: text/csv, application/x-ndjson).
   */
  checkBody(request: IncomingMessage, declared: readonly string[] = []): Refusal | null {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const contentType = request.headers['content-type'] ?? '';
    if (!hasBody || JSON_TYPE.test(contentType)) return null;
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (!NO_PREFLIGHT_TYPES.has(mediaType) && declared.some((type) => type.toLowerCase() === mediaType)) return null;
    return { status: 415, error: `send the body as ${['application/json', ...declared.filter((type) => !NO_PREFLIGHT_TYPES.has(type))].join(' or ')}` };
  }

  #isOwnOrigin(origin: string): boolean {
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && this.#hosts.has(url.host);
    } catch {
      return false;
    }
  }
}
