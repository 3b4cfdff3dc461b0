/**
 * The push services browsers subscribe with. The server POSTs to whatever endpoint a page
 * registers, so only these hosts are accepted: anything else would let a caller make the
 * gateway send requests to a host of their choosing (SSRF). A host matches itself or, for an
 * entry starting with '.', any subdomain.
 */
export const KNOWN_PUSH_SERVICE_HOSTS: readonly string[] = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Samsung Internet
  'updates.push.services.mozilla.com', // Firefox
  'web.push.apple.com', // Safari (macOS 13+, iOS 16.4+ home-screen apps)
  '.notify.windows.com', // Edge on Windows (WNS)
];

export class PushEndpointError extends Error {
  override readonly name = 'PushEndpointError';
}

/** The endpoint must be an https URL on a known push service (or an extra origin the stage names). */
export function checkPushEndpoint(endpoint: string, extraOrigins: readonly string[] = []): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PushEndpointError('the subscription endpoint is not a URL');
  }
  if (url.protocol !== 'https:') throw new PushEndpointError('the subscription endpoint must be https');
  if (url.username || url.password) throw new PushEndpointError('the subscription endpoint must not carry credentials');
  if (extraOrigins.includes(url.origin)) return;
  const host = url.hostname.toLowerCase();
  const known = KNOWN_PUSH_SERVICE_HOSTS.some((entry) => (entry.startsWith('.') ? host.endsWith(entry) : host === entry));
  if (!known || url.port !== '') throw new PushEndpointError(`${url.host} is not a push service this gateway sends to`);
}
