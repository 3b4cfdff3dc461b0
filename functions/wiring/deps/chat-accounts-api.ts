import type { ChatAccountDeps } from '../../core/chat/accounts.ts';

export interface ChatAccountsApiDeps {
  accounts: ChatAccountDeps;
  /** Origin of the chat page when it is served from another origin than this API (CORS); null: same origin. */
  allowedOrigin: string | null;
}
