/** What MMS attachments the gateway keeps: still images, size-capped (MMS carriers cap near this). */
export const MEDIA_POLICY = {
  allowedTypes: ['image/jpeg', 'image/png', 'image/gif'],
  maxBytes: 5 * 1024 * 1024,
} as const;

export type AllowedMediaType = (typeof MEDIA_POLICY)['allowedTypes'][number];

export type MediaCheck = { ok: true } | { ok: false; reason: string };
export type FetchedMediaCheck = { ok: true; contentType: AllowedMediaType } | { ok: false; reason: string };

/** Non-standard spellings some handsets and gateways announce for JPEG. */
const ALIASES: Record<string, AllowedMediaType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/** Types a server may send when it does not know better; the bytes then decide. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

const EXTENSIONS: Record<AllowedMediaType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

/** "Image/JPEG; charset=binary" -> "image/jpeg"; aliases folded. */
function essence(contentType: string): string {
  const base = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return ALIASES[base] ?? base;
}

function asAllowed(contentType: string): AllowedMediaType | null {
  const type = essence(contentType);
  return (MEDIA_POLICY.allowedTypes as readonly string[]).includes(type) ? (type as AllowedMediaType) : null;
}

function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
}

const ALLOWED_LIST = 'JPEG, PNG and GIF images';

/**
 * Media of Open311 requests: at most 4 MiB, so the stored photo fits, base64-encoded, in one
 * Lambda answer (6 MB) when the public media URL serves it back (docs/channels/open311.md).
 */
export const WEB_MEDIA_MAX_BYTES = 4 * 1024 * 1024;

/** The size cap for media a provider's contacts carry. */
export function mediaMaxBytesFor(provider: string): number {
  return provider === 'open311' ? WEB_MEDIA_MAX_BYTES : MEDIA_POLICY.maxBytes;
}

/** Types that say nothing: worth downloading, and the bytes decide (an Open311 media_url names no type). */
const UNTYPED_ANNOUNCEMENTS = new Set(['application/octet-stream', 'binary/octet-stream']);

/** Decides from the provider's announcement alone, before downloading anything. */
export function checkAnnouncedMedia(contentType: string): MediaCheck {
  if (asAllowed(contentType) || UNTYPED_ANNOUNCEMENTS.has(essence(contentType))) return { ok: true };
  const shown = essence(contentType) || 'no content type';
  return { ok: false, reason: `unsupported media type ${shown}: only ${ALLOWED_LIST} are accepted` };
}

/** Identifies the image format from its magic bytes; null for anything else. */
export function sniffImageType(bytes: Uint8Array): AllowedMediaType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => at(i) === b)) return 'image/png';
  if (bytes.length >= 6) {
    const head = String.fromCharCode(...bytes.subarray(0, 6));
    if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif';
  }
  return null;
}

/**
 * Checks downloaded media against the policy. The bytes decide the type: a file whose bytes
 * disagree with its declared image type is refused (a renamed file or a spoofed header).
 */
export function checkFetchedMedia(bytes: Uint8Array, contentType: string, maxBytes: number = MEDIA_POLICY.maxBytes): FetchedMediaCheck {
  if (bytes.length === 0) return { ok: false, reason: 'media is empty' };
  if (bytes.length > maxBytes) {
    return { ok: false, reason: `media is ${describeBytes(bytes.length)}, over the ${describeBytes(maxBytes)} limit` };
  }
  const sniffed = sniffImageType(bytes);
  if (!sniffed) return { ok: false, reason: `media content is not one of ${ALLOWED_LIST}` };
  const declared = essence(contentType);
  if (GENERIC_TYPES.has(declared)) return { ok: true, contentType: sniffed };
  if (declared !== sniffed) return { ok: false, reason: `media declared as ${declared} but its content is ${sniffed}` };
  return { ok: true, contentType: sniffed };
}

/** Keeps ids to characters safe in S3 keys and file names; never "." or ".." segments. */
function safeSegment(value: string, what: string): string {
  const safe = value.replace(/[^A-Za-z0-9_-]/g, '_');
  if (safe === '' || /^_+$/.test(safe)) throw new Error(`${what} has no usable characters for a media key`);
  return safe;
}

/** media/<complaintId>/<messageId>/<index>.<ext>: deterministic, so a retried store overwrites. */
export function mediaObjectKey(complaintId: string, messageId: string, index: number, contentType: string): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`media index must be a non-negative integer, got ${index}`);
  const type = asAllowed(contentType);
  if (!type) throw new Error(`no media key for unsupported type ${essence(contentType) || '(none)'}`);
  return `media/${safeSegment(complaintId, 'complaint id')}/${safeSegment(messageId, 'message id')}/${index}.${EXTENSIONS[type]}`;
}
