import type { ChatAccountRepository } from '../../core/chat/ports.ts';
import type { VideoCallDeps } from '../../core/video/start-video-call.ts';

export interface VideoCallsApiDeps {
  calls: VideoCallDeps & { accounts: Pick<ChatAccountRepository, 'getAccount' | 'getToken'> };
  /** Origin of the citizen page when it is served from another origin than this API (CORS); null: same origin. */
  allowedOrigin: string | null;
}
