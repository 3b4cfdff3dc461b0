import type { ChatAccountDeps } from '../../core/chat/accounts.ts';
import type { PushSubscriptionDeps } from '../../core/push/subscriptions.ts';

export interface ChatPushApiDeps {
  /** Checks the chat token (the same check as the WebSocket authorizer). */
  auth: Pick<ChatAccountDeps, 'accounts' | 'clock'>;
  push: PushSubscriptionDeps;
  /** The VAPID public key pages subscribe with; null while the stage has no keys. */
  vapidPublicKey: () => Promise<string | null>;
  /** Origin of the chat page when served from another origin than this API (CORS); null: same origin. */
  allowedOrigin: string | null;
}
