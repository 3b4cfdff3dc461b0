import { checkFetchedMedia, WEB_MEDIA_MAX_BYTES } from '../media-policy.ts';
import type { MediaStore } from '../ports/media.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ApiKeys } from './api-keys.ts';
import { Open311Error } from './errors.ts';
import type { Open311Store } from './ports.ts';
import { checkRateLimits, type RateLimits } from './rate-limits.ts';

/** Where photos are uploaded (POST) and what their media_url starts with, under the API's base URL. */
export const UPLOADS_PATH = '/open311/uploads';

export interface UploadDeps {
  apiKeys: ApiKeys;
  store: Open311Store;
  mediaStore: MediaStore;
  clock: Clock;
  log: Log;
  limits: RateLimits;
  /** 26 lower-case base32 characters (128 random bits). */
  newUploadId(): string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

/**
 * POST /open311/uploads: the citizen site's photo, as the request body (image/jpeg, png or gif,
 * at most 4 MiB), checked as MMS media is (the bytes must be the image they claim) and stored
 * under uploads/ in the media bucket (kept one day). The answer is the media_url to send with
 * POST requests; the pipeline then reads the photo from the bucket, never over HTTP.
 */
export async function acceptUpload(
  deps: UploadDeps,
  input: { apiKey: string | undefined; contentType: string; bytes: Uint8Array; sourceIp: string; publicBaseUrl: string },
): Promise<{ media_url: string }> {
  const client = deps.apiKeys.identify(input.apiKey);
  await checkRateLimits(deps.store, deps.limits, { sourceIp: input.sourceIp, client }, deps.clock.now());
  if (input.bytes.byteLength > WEB_MEDIA_MAX_BYTES) throw new Open311Error(400, `the photo is larger than ${WEB_MEDIA_MAX_BYTES} bytes`);
  const checked = checkFetchedMedia(input.bytes, input.contentType, WEB_MEDIA_MAX_BYTES);
  if (!checked.ok) throw new Open311Error(400, `the photo was refused: ${checked.reason}`);
  const file = `${deps.newUploadId()}.${EXTENSIONS[checked.contentType] ?? 'bin'}`;
  await deps.mediaStore.put(`uploads/${file}`, input.bytes, checked.contentType);
  deps.log.info('open311 upload stored', { client, contentType: checked.contentType, sizeBytes: input.bytes.byteLength });
  return { media_url: `${input.publicBaseUrl}${UPLOADS_PATH}/${file}` };
}
