import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedS3ObjectReader } from '../../../functions/adapters/knowledge/signed-s3-object-reader.ts';
import { signS3Request } from '../../../functions/adapters/s3/sigv4-s3.ts';
import { startFakeS3 } from '../../support/fake-s3.ts';

// AWS's worked example "GET Object" (Amazon S3 API reference, "Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk"): the signature AWS publishes.
const AWS_EXAMPLE = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
  headers: { range: 'bytes=0-9' },
  at: new Date('2013-05-24T00:00:00Z'),
};

describe('signS3Request', () => {
  it("gives AWS's published signature for its GET Object example", async () => {
    const headers = await signS3Request({ ...AWS_EXAMPLE, method: 'GET' });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  // AWS's "PUT Object" example of the same page: the body's hash is the one AWS publishes. Its
  // signature cannot be compared, as it also signs a Date header, which the signer replaces.
  it("hashes a PUT's body as AWS's PUT Object example does, and signs the hash", async () => {
    const headers = await signS3Request({
      ...AWS_EXAMPLE,
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test%24file.text'),
      headers: { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      body: new TextEncoder().encode('Welcome to Amazon S3.'),
    });
    expect(headers['x-amz-content-sha256']).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(headers.authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=');
  });

  it('signs the session token of temporary credentials (a Lambda role)', async () => {
    const headers = await signS3Request({ ...AWS_EXAMPLE, method: 'GET', credentials: { ...AWS_EXAMPLE.credentials, sessionToken: 'session-token' } });
    expect(headers['x-amz-security-token']).toBe('session-token');
    expect(headers.authorization).toContain('x-amz-security-token');
  });
});

describe('SignedS3ObjectReader', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let reader: SignedS3ObjectReader;

  beforeAll(async () => {
    s3 = await startFakeS3();
    s3.objects.set('/knowledge-index/index-1.bin', { bytes: Buffer.from([1, 2, 3, 250]), contentType: 'application/octet-stream' });
    s3.objects.set('/knowledge-index/busy.bin', { bytes: Buffer.from([7]), contentType: 'application/octet-stream' });
    reader = new SignedS3ObjectReader({
      bucket: 'media-bucket',
      region: 'ap-northeast-2',
      credentials: () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' }),
      endpoint: s3.endpoint,
    });
  });
  afterAll(() => s3.close());

  it('reads the bytes of an object with a signed GET on the bucket', async () => {
    expect(await reader.get('knowledge-index/index-1.bin')).toEqual(new Uint8Array([1, 2, 3, 250]));
    const request = s3.seen.at(-1)!;
    expect(request.path).toBe('/knowledge-index/index-1.bin');
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/ap-northeast-2\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-amz-security-token']).toBe('token');
  });

  it('gives null for a missing object (NoSuchKey)', async () => {
    expect(await reader.get('knowledge-index/gone.bin')).toBeNull();
  });

  it("refuses with S3's error code when S3 refuses", async () => {
    s3.failNext('/knowledge-index/forbidden.bin', { status: 403, code: 'AccessDenied' });
    await expect(reader.get('knowledge-index/forbidden.bin')).rejects.toThrow(/403 AccessDenied/);
  });

  it('asks again once when S3 says to slow down or fails inside, then gives up naming the code', async () => {
    s3.failNext('/knowledge-index/busy.bin', { status: 503, code: 'SlowDown' });
    s3.failNext('/knowledge-index/down.bin', { status: 500, code: 'InternalError' }, { status: 500, code: 'InternalError' });
    expect(await reader.get('knowledge-index/busy.bin')).toEqual(new Uint8Array([7]));
    expect(s3.seen.filter((r) => r.path === '/knowledge-index/busy.bin')).toHaveLength(2);
    await expect(reader.get('knowledge-index/down.bin')).rejects.toThrow(/500 InternalError/);
    expect(s3.seen.filter((r) => r.path === '/knowledge-index/down.bin')).toHaveLength(2);
  });

  it('refuses a key outside knowledge-index/ before asking', async () => {
    const before = s3.seen.length;
    await expect(reader.get('../secrets')).rejects.toThrow(/knowledge-index/);
    expect(s3.seen).toHaveLength(before);
  });

  it('refuses a bucket name virtual-hosted TLS cannot carry', () => {
    expect(() => new SignedS3ObjectReader({ bucket: 'with.dots', region: 'ap-northeast-2', credentials: () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) })).toThrow(/bucket/);
  });
});
