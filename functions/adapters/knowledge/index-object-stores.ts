import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { checkIndexObjectKey } from './index-object-keys.ts';
import { SUPERSEDED_TAG } from '../../core/knowledge/index-objects.ts';
import type { IndexObjectStore } from '../../core/knowledge/ports.ts';

export { SUPERSEDED_TAG };

const checkKey = checkIndexObjectKey;

/** Serialized indexes in a bucket (the media bucket's knowledge-index/ prefix in AWS). */
export class S3IndexObjectStore implements IndexObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    if (bucket === '') throw new Error('knowledge index bucket name is empty');
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: bytes, ContentType: 'application/gzip', ContentLength: bytes.byteLength }));
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return out.Body ? await out.Body.transformToByteArray() : null;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async markSuperseded(key: string): Promise<void> {
    await this.client.send(
      new PutObjectTaggingCommand({ Bucket: this.bucket, Key: checkKey(key), Tagging: { TagSet: [{ Key: SUPERSEDED_TAG.key, Value: SUPERSEDED_TAG.value }] } }),
    );
  }
}

/** Serialized indexes as files under DATA_DIR locally; written to a temporary name, then renamed. */
export class FolderIndexObjectStore implements IndexObjectStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = join(this.root, checkKey(key));
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(join(this.root, checkKey(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** No lifecycle rule here: the file goes at once (a search that still names it reads the manifest again next time). */
  async markSuperseded(key: string): Promise<void> {
    await rm(join(this.root, checkKey(key)), { force: true });
  }
}

/** In memory, for tests and the bench; superseded objects are kept and listed. */
export class MemoryIndexObjectStore implements IndexObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly superseded = new Set<string>();
  async markSuperseded(key: string): Promise<void> {
    this.superseded.add(checkKey(key));
  }
  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.objects.set(checkKey(key), bytes);
  }
  async get(key: string): Promise<Uint8Array | null> {
    return this.objects.get(checkKey(key)) ?? null;
  }
}
