export interface FetchedMedia {
  bytes: Uint8Array;
  /** Content-Type the provider served (may differ from what the webhook announced). */
  contentType: string;
}

/** Downloads media a provider announced (Twilio MediaUrlN). */
export interface MediaFetcher {
  /** Rejects with MediaTooLargeError past maxBytes without buffering the rest. */
  fetch(url: string, options: { maxBytes: number }): Promise<FetchedMedia>;
}

export class MediaTooLargeError extends Error {
  override readonly name = 'MediaTooLargeError';
}

/** Object storage for attachments: S3 in AWS, a folder under DATA_DIR locally. */
export interface MediaStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
}
