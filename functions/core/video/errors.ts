/** Why a video call cannot start now; the citizen's page words each code in the citizen's language. */
export type VideoCallRefusal = 'unknown_reservation' | 'too_early' | 'missed' | 'ended' | 'not_joinable' | 'no_counselor_free';

export class VideoCallRefusedError extends Error {
  override readonly name = 'VideoCallRefusedError';
  constructor(
    readonly code: VideoCallRefusal,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}
