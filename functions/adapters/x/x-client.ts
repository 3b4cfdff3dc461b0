import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { TwitterApi, TwitterApiv2 } from 'twitter-api-v2';
import type { XCredentials } from './x-credentials.ts';

/*
 * twitter-api-v2 clients pointed at X_API_BASE_URL. The library has no public base-URL
 * option: each sub-client keeps an API prefix (https://api.x.com/2/) that a subclass may set
 * with the protected setPrefix(). Its transport is node:https, which only speaks plain http
 * when handed an http Agent, so the agent follows the base URL's scheme (keep-alive in both).
 */

export const X_DEFAULT_API_BASE_URL = 'https://api.x.com';

class TwitterApiv2AtBase extends TwitterApiv2 {
  constructor(root: TwitterApi, prefix: string) {
    super(root);
    this.setPrefix(prefix);
  }
}

export function xApiPrefix(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`X_API_BASE_URL must be http(s): ${baseUrl}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/2/`;
}

function agentFor(baseUrl: string): HttpAgent {
  return new URL(baseUrl).protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
}

/**
 * `read`: other people's posts (lookup), app bearer preferred. `owned-read`: the city's own
 * mention timeline, read as the city account (OAuth 1.0a of the app owner) so X bills it as an
 * Owned Read ($0.001 instead of $0.005 per post, docs.x.com x-api/getting-started/pricing),
 * bearer when no user keys are stored. `write`: replies, OAuth 1.0a required.
 */
export type XAuthMode = 'read' | 'owned-read' | 'write';

/** A v2 client for the given use of the credentials. */
export function createXClient(credentials: XCredentials, options: { apiBaseUrl?: string; mode: XAuthMode }): TwitterApiv2 {
  const baseUrl = options.apiBaseUrl ?? X_DEFAULT_API_BASE_URL;
  const settings = { httpAgent: agentFor(baseUrl) };
  const token = pickToken(credentials, options.mode);
  const root = typeof token === 'string' ? new TwitterApi(token, settings) : new TwitterApi(token, settings);
  return new TwitterApiv2AtBase(root, xApiPrefix(baseUrl));
}

function pickToken(credentials: XCredentials, mode: XAuthMode): string | { appKey: string; appSecret: string; accessToken: string; accessSecret: string } {
  const { appKey, appSecret, accessToken, accessSecret } = credentials;
  const oauth1 = appKey && appSecret && accessToken && accessSecret ? { appKey, appSecret, accessToken, accessSecret } : undefined;
  const token = mode === 'read' ? (credentials.bearerToken ?? oauth1) : mode === 'owned-read' ? (oauth1 ?? credentials.bearerToken) : oauth1;
  if (token === undefined) {
    throw new Error(mode === 'write' ? 'X credentials: replies need the OAuth 1.0a keys of the city account' : 'X credentials: nothing to read with');
  }
  return token;
}
