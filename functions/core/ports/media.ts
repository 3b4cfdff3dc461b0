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

/**
 * Permanent for this URL (a 4xx answer, a refused address, scheme, host or redirect): retrying
 * cannot help, so intake stores the text at once with the attachment refused for this reason.
 * The message is that reason: it names hosts, never credentials or query strings.
 * Anything else a fetcher throws is transient and retried.
 */
export class MediaRefusedError extends Error {
  override readonly name = 'MediaRefusedError';
}

/** Object storage for attachments: S3 in AWS, a folder under DATA_DIR locally. */
export interface MediaStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Null when there is no object under the key. */
  get(key: string): Promise<FetchedMedia | null>;
}
