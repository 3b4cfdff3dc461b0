import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseDigest, serializeDigest, type DailyDigest } from '../../core/audit/digest-model.ts';
import type { DigestStore, DigestWrite } from '../../core/audit/ports.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import { outcomeAgainst } from './compare-digest.ts';
import { digestKey } from './digest-key.ts';

/** How long a digest is locked: PIPA asks for access records to be kept at least two years. */
export const DIGEST_RETENTION_YEARS = 2;

function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  return (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) || statusOf(error) === 404;
}

/** 412: the key exists (If-None-Match). 409: a concurrent conditional write; read what won. */
function isTaken(error: unknown): boolean {
  const status = statusOf(error);
  return (error instanceof Error && (error.name === 'PreconditionFailed' || error.name === 'ConditionalRequestConflict')) || status === 412 || status === 409;
}

/**
 * Digests in the Object Lock bucket. Each PutObject is conditional (If-None-Match: *), so an
 * existing digest is never replaced by a new version, and carries its own compliance-mode
 * retention two years out (the bucket's default retention says the same; the explicit date keeps
 * the object locked even if the default were changed). Object Lock requires a checksum on the
 * upload: SHA-256, computed by the SDK.
 */
export class S3DigestStore implements DigestStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock,
  ) {
    if (bucket === '') throw new Error('audit digest bucket name is empty');
  }

  async put(digest: DailyDigest): Promise<DigestWrite> {
    const now = this.clock.now();
    const retainUntil = new Date(Date.UTC(now.getUTCFullYear() + DIGEST_RETENTION_YEARS, now.getUTCMonth(), now.getUTCDate() + 1));
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: digestKey(digest.day),
          Body: serializeDigest(digest),
          ContentType: 'application/json',
          IfNoneMatch: '*',
          ChecksumAlgorithm: 'SHA256',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: retainUntil,
        }),
      );
      return { outcome: 'written' };
    } catch (error) {
      if (!isTaken(error)) throw error;
    }
    const existing = await this.get(digest.day);
    if (!existing) throw new Error(`audit digest ${digestKey(digest.day)}: refused as existing but cannot be read`);
    return outcomeAgainst(existing, digest);
  }

  async get(day: string): Promise<DailyDigest | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: digestKey(day) }));
      if (!object.Body) throw new Error(`audit digest ${digestKey(day)} has no body`);
      return parseDigest(await object.Body.transformToString('utf-8'));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
