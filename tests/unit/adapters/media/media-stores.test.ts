import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderMediaStore, UnsafeMediaKeyError } from '../../../../functions/adapters/media/local-folder-media-store.ts';
import { SignedS3MediaStore } from '../../../../functions/adapters/media/signed-s3-media-store.ts';
import { mediaObjectKey } from '../../../../functions/core/media-policy.ts';
import { startFakeS3 } from '../../../support/fake-s3.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('SignedS3MediaStore', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let store: SignedS3MediaStore;
  beforeAll(async () => {
    s3 = await startFakeS3();
    store = new SignedS3MediaStore({
      bucket: 'gateway-media-123',
      region: 'ap-northeast-2',
      credentials: () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' }),
      endpoint: s3.endpoint,
    });
  });
  afterAll(() => s3.close());

  it('puts the bytes under the key with their content type, signed over the body, leaving encryption to the bucket default', async () => {
    const key = mediaObjectKey('C1', 'M1', 0, 'image/png');
    await store.put(key, PNG, 'image/png');
    const request = s3.seen.at(-1);
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe('/media/C1/M1/0.png');
    expect(request?.body.equals(Buffer.from(PNG))).toBe(true);
    expect(request?.headers['content-type']).toBe('image/png');
    expect(request?.headers['content-length']).toBe(String(PNG.length));
    expect(request?.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/ap-northeast-2\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect(Object.keys(request?.headers ?? {}).filter((name) => name.startsWith('x-amz-server-side-encryption'))).toEqual([]);
  });

  it('reads an object back with its content type, and answers null for a missing key', async () => {
    await store.put('uploads/x.png', PNG, 'image/png');
    const found = await store.get('uploads/x.png');
    expect(found?.contentType).toBe('image/png');
    expect(Buffer.from(found?.bytes ?? []).equals(Buffer.from(PNG))).toBe(true);
    expect(await store.get('uploads/none.png')).toBeNull();
  });

  it("asks once more when S3 says to slow down, and otherwise throws with S3's error code so the message is retried", async () => {
    s3.failNext('/media/a/b/0.png', { status: 503, code: 'SlowDown' });
    await store.put('media/a/b/0.png', PNG, 'image/png');
    expect(s3.objects.has('/media/a/b/0.png')).toBe(true);
    s3.failNext('/media/a/b/1.png', { status: 503, code: 'SlowDown' }, { status: 503, code: 'SlowDown' });
    await expect(store.put('media/a/b/1.png', PNG, 'image/png')).rejects.toThrow('S3 PutObject media/a/b/1.png: 503 SlowDown');
    s3.failNext('/uploads/secret.png', { status: 403, code: 'AccessDenied' });
    await expect(store.get('uploads/secret.png')).rejects.toThrow('S3 GetObject uploads/secret.png: 403 AccessDenied');
  });

  it('refuses a key that is not a plain relative path before asking', async () => {
    const before = s3.seen.length;
    for (const key of ['../x.png', 'media/../x.png', '/media/x.png', 'media/a b.png', 'media//x.png', '']) {
      await expect(store.put(key, PNG, 'image/png'), key).rejects.toThrow(/plain relative path/);
    }
    expect(s3.seen).toHaveLength(before);
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
