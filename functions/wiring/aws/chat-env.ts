/**
 * Environment of the chat functions, set by lib/constructs/chat-channel.ts. Kept beside the
 * shared names (functions/wiring/env-names.ts: table, queue, PII, SMS), which they also read.
 */
export const CHAT_ENV = {
  /** https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: where replies are pushed from outside a WebSocket event. */
  connectionsEndpoint: 'CHAT_CONNECTIONS_ENDPOINT',
  /** Origin of the chat page (CloudFront), for CORS on the accounts API; absent: same origin. */
  allowedOrigin: 'CHAT_ALLOWED_ORIGIN',
  /** Secrets Manager secret {subject, publicKey, privateKey}: the VAPID keys of Web Push; absent: no push. */
  vapidSecretArn: 'VAPID_SECRET_ARN',
} as const;

export function optionalChatEnv(key: keyof typeof CHAT_ENV, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[CHAT_ENV[key]]?.trim();
  return value ? value : null;
}
