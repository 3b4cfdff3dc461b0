import type { InboundMessage, Provider } from '../../schemas/inbound-message.ts';
import { checkAnnouncedMedia, checkFetchedMedia, mediaMaxBytesFor, mediaObjectKey } from './media-policy.ts';
import type { RefusedAttachment, StoredAttachment } from './model.ts';
import { MediaRefusedError, MediaTooLargeError, type FetchedMedia, type MediaFetcher, type MediaStore } from './ports/media.ts';

export interface MediaIntakeDeps {
  mediaFetcher: MediaFetcher;
  /** A provider's own fetcher (its own origin allow-list); mediaFetcher for the others. */
  mediaFetchers?: Partial<Record<Provider, MediaFetcher>>;
  mediaStore: MediaStore;
}

export interface MediaIntakeResult {
  attachments: StoredAttachment[];
  refused: RefusedAttachment[];
}

/**
 * Fetches and stores the message's announced media. Refusals (type, size, content that is
 * not what it claims, and permanent fetch failures: a 4xx answer or a refused address, host
 * or redirect) are results, recorded next to the text on the first delivery. Only a
 * transient fetch or store failure (5xx, timeout, reset) is thrown, so the whole intake
 * retries before the message item exists; on the last delivery attempt it becomes a refusal
 * instead, so the text is never lost to the DLQ. Object keys are deterministic, so a retried
 * put overwrites the same object.
 */
export async function collectMedia(
  deps: MediaIntakeDeps,
  media: InboundMessage['media'],
  ids: { complaintId: string; messageId: string; provider?: Provider },
  lastAttempt: boolean,
): Promise<MediaIntakeResult> {
  const maxBytes = mediaMaxBytesFor(ids.provider ?? '');
  const fetcher = (ids.provider ? deps.mediaFetchers?.[ids.provider] : undefined) ?? deps.mediaFetcher;
  const outcomes = await Promise.all(
    media.map(async (ref, index): Promise<StoredAttachment | RefusedAttachment> => {
      const announced = checkAnnouncedMedia(ref.contentType);
      if (!announced.ok) return { contentType: ref.contentType, reason: announced.reason };
      try {
        const fetched = ref.storedKey ? await readUpload(deps.mediaStore, ref.storedKey, maxBytes) : await fetcher.fetch(ref.url, { maxBytes });
        const checked = checkFetchedMedia(fetched.bytes, fetched.contentType, maxBytes);
        if (!checked.ok) return { contentType: fetched.contentType, reason: checked.reason };
        const key = mediaObjectKey(ids.complaintId, ids.messageId, index, checked.contentType);
        await deps.mediaStore.put(key, fetched.bytes, checked.contentType);
        return { key, contentType: checked.contentType, sizeBytes: fetched.bytes.byteLength };
      } catch (error) {
        if (error instanceof MediaTooLargeError) {
          return { contentType: ref.contentType, reason: `larger than the ${maxBytes}-byte limit` };
        }
        if (error instanceof MediaRefusedError) return { contentType: ref.contentType, reason: error.message };
        if (lastAttempt) return { contentType: ref.contentType, reason: 'media could not be fetched from the provider' };
        throw error;
      }
    }),
  );
  const attachments: StoredAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  for (const outcome of outcomes) {
    if ('key' in outcome) attachments.push(outcome);
    else refused.push(outcome);
  }
  return { attachments, refused };
}

/** A photo sent to our own upload endpoint: already in the media store (uploads expire after a day). */
async function readUpload(store: MediaStore, key: string, maxBytes: number): Promise<FetchedMedia> {
  const upload = await store.get(key);
  if (!upload) throw new MediaRefusedError('the uploaded photo was not found (uploads are kept for one day)');
  if (upload.bytes.byteLength > maxBytes) throw new MediaTooLargeError(`upload is over the ${maxBytes}-byte limit`);
  return upload;
}
