import type { FetchedMedia, MediaStore } from '../../core/ports/media.ts';
import { s3ErrorCode, SignedS3Bucket, type SignedBucketOptions } from '../s3/sigv4-s3.ts';

/** Keys intake and Open311 make (media/<complaint>/<message>/<n>.<ext>, uploads/<file>): nothing to escape, no dot segments. */
const MEDIA_KEY = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Attachments in the media bucket, with signed PutObject/GetObject requests over fetch instead of
 * the S3 client, which was a quarter of the intake pipeline's cold start (ADR 0008). Encryption
 * with the bucket's KMS key is the bucket default (set in CDK), so no per-object SSE headers: one
 * place decides. Keys are deterministic, so a retried put overwrites the same object. Any
 * failure is thrown with S3's error code, so the message is retried.
 */
export class SignedS3MediaStore implements MediaStore {
  private readonly bucket: SignedS3Bucket;

  constructor(options: SignedBucketOptions) {
    this.bucket = new SignedS3Bucket(options, 10_000);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const response = await this.bucket.send('PUT', checkMediaKey(key), { 'content-type': contentType }, bytes);
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    throw new Error(`S3 PutObject ${key}: ${response.status} ${s3ErrorCode(await response.text())}`);
  }

  async get(key: string): Promise<FetchedMedia | null> {
    const response = await this.bucket.send('GET', checkMediaKey(key));
    if (response.ok) return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    const code = s3ErrorCode(await response.text());
    if (response.status === 404 && code === 'NoSuchKey') return null;
    throw new Error(`S3 GetObject ${key}: ${response.status} ${code}`);
  }
}

function checkMediaKey(key: string): string {
  if (!MEDIA_KEY.test(key)) throw new Error(`media key "${key}" is not a plain relative path`);
  return key;
}
