import type { IndexObjectReader } from '../../core/knowledge/ports.ts';
import { s3ErrorCode, SignedS3Bucket, type SignedBucketOptions } from '../s3/sigv4-s3.ts';
import { checkIndexObjectKey } from './index-object-keys.ts';

/**
 * Reads index objects with one signed GetObject over fetch, without the S3 client: the functions
 * that search are held to the cold-start budget and the client package alone loads about as much
 * as the whole SDK floor (docs/adr/0029-self-service-answers.md, ADR 0008).
 */
export class SignedS3ObjectReader implements IndexObjectReader {
  private readonly bucket: SignedS3Bucket;

  constructor(options: SignedBucketOptions) {
    this.bucket = new SignedS3Bucket(options, 5_000);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const response = await this.bucket.send('GET', checkIndexObjectKey(key));
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    const code = s3ErrorCode(await response.text());
    if (response.status === 404 && code === 'NoSuchKey') return null;
    throw new Error(`S3 GetObject ${key}: ${response.status} ${code}`);
  }
}
