// The staff API, called with the signed-in user's id token. Locally it is the page's own origin;
// deployed, config.json names it (apiBaseUrl) and the API answers this app's origin (CORS).
import { freshToken, signOut } from '../sign-in.js';

export class SignInNeeded extends Error {}

export class ApiError extends Error {
  constructor(status, body) {
    const details = Array.isArray(body?.details) ? body.details.map((d) => (typeof d === 'string' ? d : `${d.path ? `${d.path}: ` : ''}${d.message ?? ''}`)).join('; ') : '';
    super([body?.error ?? body?.message ?? `HTTP ${status}`, details].filter(Boolean).join(' — '));
    this.status = status;
    this.body = body;
  }
}

export function createApi(baseUrl, onSignedOut) {
  const base = (baseUrl ?? '').replace(/\/$/, '');
  async function call(path, init = {}) {
    const token = await freshToken();
    if (!token) {
      onSignedOut();
      throw new SignInNeeded('sign in');
    }
    const headers = { ...(init.headers ?? {}), authorization: `Bearer ${token}` };
    const response = await fetch(`${base}${path}`, { ...init, headers, credentials: 'omit', cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      signOut();
      onSignedOut('세션이 만료되었습니다. 다시 로그인하세요. · Your session ended; sign in again.');
      throw new SignInNeeded('sign in');
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  return {
    get: (path) => call(path),
    post: (path, body) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

/** A client-chosen id, so a retried POST never sends the same reply twice. */
export function newReplyId() {
  return `ws-${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
