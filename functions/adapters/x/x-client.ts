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

export type XAuthMode = 'read' | 'write';

/** A v2 client for reading (app bearer preferred) or writing (user context required). */
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
  if (mode === 'read') {
    const token = credentials.bearerToken ?? oauth1 ?? credentials.userAccessToken;
    if (token === undefined) throw new Error('X credentials: nothing to read with');
    return token;
  }
  const token = oauth1 ?? credentials.userAccessToken;
  if (token === undefined) throw new Error('X credentials: replies need OAuth 1.0a keys or an OAuth 2.0 user access token');
  return token;
}
