import type { VideoContactLink, VideoContactRequest, VideoContactStart } from './model.ts';

/** Starts a video contact on the sign-language queue: Amazon Connect in AWS, the local call hub locally. */
export interface VideoContacts {
  start(request: VideoContactRequest): Promise<VideoContactStart>;
}

/** Contact -> call links; contact events name only the contact. */
export interface VideoContactLinks {
  /** Idempotent: a repeated put keeps the first link. */
  put(link: VideoContactLink): Promise<void>;
  get(contactId: string): Promise<VideoContactLink | null>;
}
