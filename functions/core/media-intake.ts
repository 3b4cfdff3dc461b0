import type { InboundMessage } from '../../schemas/inbound-message.ts';
import { MEDIA_POLICY, checkAnnouncedMedia, checkFetchedMedia, mediaObjectKey } from './media-policy.ts';
import type { RefusedAttachment, StoredAttachment } from './model.ts';
import { MediaRefusedError, MediaTooLargeError, type MediaFetcher, type MediaStore } from './ports/media.ts';

export interface MediaIntakeDeps {
  mediaFetcher: MediaFetcher;
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
  ids: { complaintId: string; messageId: string },
  lastAttempt: boolean,
): Promise<MediaIntakeResult> {
  const outcomes = await Promise.all(
    media.map(async (ref, index): Promise<StoredAttachment | RefusedAttachment> => {
      const announced = checkAnnouncedMedia(ref.contentType);
      if (!announced.ok) return { contentType: ref.contentType, reason: announced.reason };
      try {
        const fetched = await deps.mediaFetcher.fetch(ref.url, { maxBytes: MEDIA_POLICY.maxBytes });
        const checked = checkFetchedMedia(fetched.bytes, fetched.contentType);
        if (!checked.ok) return { contentType: fetched.contentType, reason: checked.reason };
        const key = mediaObjectKey(ids.complaintId, ids.messageId, index, checked.contentType);
        await deps.mediaStore.put(key, fetched.bytes, checked.contentType);
        return { key, contentType: checked.contentType, sizeBytes: fetched.bytes.byteLength };
      } catch (error) {
        if (error instanceof MediaTooLargeError) {
          return { contentType: ref.contentType, reason: `larger than the ${MEDIA_POLICY.maxBytes}-byte limit` };
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
