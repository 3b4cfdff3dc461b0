import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderMediaStore, UnsafeMediaKeyError } from '../../../../functions/adapters/media/local-folder-media-store.ts';
import { S3MediaStore } from '../../../../functions/adapters/media/s3-media-store.ts';
import { mediaObjectKey } from '../../../../functions/core/media-policy.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('S3MediaStore', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => s3.reset());

  it('puts the bytes under the key with their content type, leaving encryption to the bucket default', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });
    const key = mediaObjectKey('C1', 'M1', 0, 'image/png');
    await new S3MediaStore(new S3Client({ region: 'ap-northeast-2' }), 'gateway-media-123').put(key, PNG, 'image/png');
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input).toMatchObject({ Bucket: 'gateway-media-123', Key: 'media/C1/M1/0.png', ContentType: 'image/png', ContentLength: PNG.length });
    expect(input?.Body).toBe(PNG);
    expect(input?.ServerSideEncryption).toBeUndefined();
    expect(input?.SSEKMSKeyId).toBeUndefined();
  });

  it('reads an object back with its content type, and answers null for a missing key', async () => {
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'uploads/x.png' }).resolves({ Body: { transformToByteArray: async () => PNG } as never, ContentType: 'image/png' });
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'uploads/none.png' }).rejects(new NoSuchKey({ $metadata: {}, message: 'The specified key does not exist.' }));
    const store = new S3MediaStore(new S3Client({ region: 'ap-northeast-2' }), 'b');
    const found = await store.get('uploads/x.png');
    expect(found?.contentType).toBe('image/png');
    expect(Buffer.from(found?.bytes ?? []).equals(Buffer.from(PNG))).toBe(true);
    expect(await store.get('uploads/none.png')).toBeNull();
  });

  it('lets an S3 failure through so the message is retried', async () => {
    s3.on(PutObjectCommand).rejects(new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: {}, message: 'Please reduce your request rate.' }));
    await expect(new S3MediaStore(new S3Client({ region: 'ap-northeast-2' }), 'b').put('media/a/b/0.png', PNG, 'image/png')).rejects.toThrow(
      'Please reduce your request rate.',
    );
  });
});

describe('LocalFolderMediaStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'media-store-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('writes the bytes under the root, creating the folders', async () => {
    const store = new LocalFolderMediaStore(join(root, 'media-root'));
    await store.put('media/C1/M1/0.png', PNG, 'image/png');
    const written = await readFile(join(root, 'media-root', 'media', 'C1', 'M1', '0.png'));
    expect(written.equals(Buffer.from(PNG))).toBe(true);
  });

  it('overwrites the same key on a retry and leaves no temporary files', async () => {
    const store = new LocalFolderMediaStore(root);
    await store.put('media/C1/M1/0.png', Uint8Array.from([1, 2, 3]), 'image/png');
    await store.put('media/C1/M1/0.png', PNG, 'image/png');
    expect((await readFile(join(root, 'media/C1/M1/0.png'))).equals(Buffer.from(PNG))).toBe(true);
    expect(await readdir(join(root, 'media/C1/M1'))).toEqual(['0.png']);
  });

  it.each(['../outside.png', 'media/../../outside.png', '/etc/passwd', 'media\\..\\..\\x.png', '', '.', 'media/a\0b.png'])(
    'refuses the key %j that would escape the root, writing nothing',
    async (key) => {
      const store = new LocalFolderMediaStore(join(root, 'inner'));
      await expect(store.put(key, PNG, 'image/png')).rejects.toBeInstanceOf(UnsafeMediaKeyError);
      expect(await readdir(root)).toEqual([]);
    },
  );

  it('reads a file back with the type its extension names, and answers null for a missing one', async () => {
    const store = new LocalFolderMediaStore(root);
    await store.put('uploads/x.png', PNG, 'image/png');
    expect(await store.get('uploads/x.png')).toEqual({ bytes: new Uint8Array(PNG), contentType: 'image/png' });
    expect(await store.get('uploads/none.png')).toBeNull();
    await expect(store.get('../outside.png')).rejects.toBeInstanceOf(UnsafeMediaKeyError);
  });

  it('accepts keys that only look odd but stay inside', async () => {
    const store = new LocalFolderMediaStore(root);
    await store.put('media/a/../b/0.png', PNG, 'image/png');
    expect(await readdir(join(root, 'media', 'b'))).toEqual(['0.png']);
  });
});
