/**
 * Origins media may be fetched from: `https://api.twilio.com` (that host, port 443),
 * `https://*.twiliocdn.com` (any subdomain, not the domain itself), `https://host:8443`.
 * Scheme, host and port all have to match, as for a browser's same-origin check.
 */
interface OriginRule {
  protocol: 'https:' | 'http:';
  /** Lower-case, punycoded host; for a wildcard rule, the domain under `*.`. */
  host: string;
  wildcard: boolean;
  /** '' for the scheme's default port, as URL.port reports it. */
  port: string;
}

export type OriginCheck = { ok: true } | { ok: false; reason: string };

const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([^/?#*]+)\/?$/i;

export class OriginAllowList {
  readonly #rules: readonly OriginRule[];

  /** Throws on an entry that is not a bare origin: configuration errors fail the cold start. */
  constructor(origins: readonly string[]) {
    this.#rules = origins.map(parseRule);
  }

  get usesHttp(): boolean {
    return this.#rules.some((rule) => rule.protocol === 'http:');
  }

  check(url: URL): OriginCheck {
    const where = `${url.protocol}//${url.host}`;
    if (this.#rules.some((rule) => matches(rule, url.protocol, url.hostname, url.port))) return { ok: true };
    // The same host (default or same port) is allowed over https: say that the scheme is what is wrong.
    if (url.protocol === 'http:' && this.#rules.some((rule) => matches(rule, 'https:', url.hostname, url.port))) {
      return { ok: false, reason: `${where} is not https` };
    }
    return { ok: false, reason: `${where} is not an allowed media origin` };
  }
}

function matches(rule: OriginRule, protocol: string, hostname: string, port: string): boolean {
  if (rule.protocol !== protocol || rule.port !== port) return false;
  return rule.wildcard ? hostname.endsWith(`.${rule.host}`) : hostname === rule.host;
}

function parseRule(entry: string): OriginRule {
  const match = ORIGIN_PATTERN.exec(entry.trim());
  const problem = `media origin "${entry}" must be scheme://host[:port] (https, optionally *.domain), without path`;
  if (!match) throw new Error(problem);
  const [, scheme = '', star, authority = ''] = match;
  let parsed: URL;
  try {
    parsed = new URL(`${scheme.toLowerCase()}://${authority}`);
  } catch {
    throw new Error(problem);
  }
  if (parsed.username || parsed.password || parsed.pathname !== '/') throw new Error(problem);
  return { protocol: parsed.protocol as OriginRule['protocol'], host: parsed.hostname, wildcard: star !== undefined, port: parsed.port };
}
