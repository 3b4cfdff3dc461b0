import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderDigestStore } from '../../../../functions/adapters/audit/local-folder-digest-store.ts';
import { S3DigestStore } from '../../../../functions/adapters/audit/s3-digest-store.ts';
import { DIGEST_FORMAT, serializeDigest, type DailyDigest } from '../../../../functions/core/audit/digest-model.ts';
import { ManualClock } from '../../../support/in-memory-ports.ts';

const HEAD = 'a'.repeat(64);

function digest(overrides: Partial<DailyDigest> = {}): DailyDigest {
  return {
    format: DIGEST_FORMAT,
    day: '2026-03-02',
    sealedAt: '2026-03-02T16:00:00.000Z',
    shards: [{ shard: 3, count: 12, headSeq: 12, headHash: HEAD, headEventId: 'aud_00000000000000000000000000' }],
    totalRecords: 12,
    findingsAtSeal: 0,
    ...overrides,
  };
}

/** The part of the SDK's streaming body the store reads. */
function body(text: string): GetObjectCommandOutput['Body'] {
  return { transformToString: async () => text } as unknown as GetObjectCommandOutput['Body'];
}

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

describe('S3DigestStore (Object Lock bucket)', () => {
  const s3 = mockClient(S3Client);
  const clock = new ManualClock('2026-03-02T16:00:00.000Z');
  const store = () => new S3DigestStore(new S3Client({ region: 'ap-northeast-2' }), 'cgw-dev-audit-111122223333-ap-northeast-2', clock);
  beforeEach(() => s3.reset());

  it('puts the digest only if absent, locked in compliance mode for two years, with a checksum Object Lock requires', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
    await expect(store().put(digest())).resolves.toEqual({ outcome: 'written' });
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'cgw-dev-audit-111122223333-ap-northeast-2',
      Key: 'digests/2026/2026-03-02.json',
      ContentType: 'application/json',
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
      ObjectLockMode: 'COMPLIANCE',
    });
    expect(input?.ObjectLockRetainUntilDate?.toISOString()).toBe('2028-03-03T00:00:00.000Z');
    expect(JSON.parse(String(input?.Body))).toEqual(digest());
  });

  it('never replaces an existing digest: 412 reads it back and reports identical or conflict', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body(serializeDigest(digest({ sealedAt: '2026-03-02T15:30:00.000Z' }))) }));
    await expect(store().put(digest())).resolves.toEqual({ outcome: 'already-identical' });
    const changed = digest({ shards: [{ shard: 3, count: 11, headSeq: 11, headHash: 'b'.repeat(64), headEventId: 'aud_x' }] });
    await expect(store().put(changed)).resolves.toEqual({ outcome: 'conflict', existing: digest({ sealedAt: '2026-03-02T15:30:00.000Z' }) });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(2);
  });

  it('treats 409 ConditionalRequestConflict (a concurrent writer) like an existing digest', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('ConditionalRequestConflict', 409));
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body(serializeDigest(digest())) }));
    await expect(store().put(digest())).resolves.toEqual({ outcome: 'already-identical' });
  });

  it('lets other S3 failures through (the job fails and alarms)', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    await expect(store().put(digest())).rejects.toThrow('AccessDenied');
  });

  it('reads a digest back, null when the day has none, an error when it is malformed', async () => {
    s3.on(GetObjectCommand, { Key: 'digests/2026/2026-03-02.json' }).callsFake(() => ({ Body: body(serializeDigest(digest())) }));
    s3.on(GetObjectCommand, { Key: 'digests/2026/2026-03-03.json' }).rejects(s3Error('NoSuchKey', 404));
    s3.on(GetObjectCommand, { Key: 'digests/2026/2026-03-04.json' }).callsFake(() => ({ Body: body('{"format":"other"}') }));
    await expect(store().get('2026-03-02')).resolves.toEqual(digest());
    await expect(store().get('2026-03-03')).resolves.toBeNull();
    await expect(store().get('2026-03-04')).rejects.toThrow(/malformed/);
  });
});

describe('LocalFolderDigestStore (DATA_DIR)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'digest-store-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('writes the digest read-only under digests/<year>/<day>.json, leaving no temporary file', async () => {
    const store = new LocalFolderDigestStore(root);
    await expect(store.put(digest())).resolves.toEqual({ outcome: 'written' });
    const path = join(root, 'digests', '2026', '2026-03-02.json');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(digest());
    expect((await stat(path)).mode & 0o222).toBe(0);
    expect(await readdir(join(root, 'digests', '2026'))).toEqual(['2026-03-02.json']);
    await expect(store.get('2026-03-02')).resolves.toEqual(digest());
    await expect(store.get('2026-03-05')).resolves.toBeNull();
  });

  it('never overwrites: the same seal is identical, a different one a conflict, and the file keeps its first bytes', async () => {
    const store = new LocalFolderDigestStore(root);
    await store.put(digest());
    const first = await readFile(store.pathFor('2026-03-02'), 'utf8');
    await expect(store.put(digest({ sealedAt: '2026-03-03T00:00:00.000Z' }))).resolves.toEqual({ outcome: 'already-identical' });
    const changed = digest({ totalRecords: 11, shards: [{ shard: 3, count: 11, headSeq: 11, headHash: 'c'.repeat(64), headEventId: 'aud_y' }] });
    await expect(store.put(changed)).resolves.toMatchObject({ outcome: 'conflict' });
    expect(await readFile(store.pathFor('2026-03-02'), 'utf8')).toBe(first);
  });

  it('two concurrent puts of one day publish one file', async () => {
    const store = new LocalFolderDigestStore(root);
    const outcomes = await Promise.all([store.put(digest()), store.put(digest({ sealedAt: '2026-03-03T00:00:01.000Z' }))]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already-identical', 'written']);
  });

  it('reports a digest file that was tampered into something unreadable', async () => {
    const store = new LocalFolderDigestStore(root);
    await store.put(digest());
    await rm(store.pathFor('2026-03-02'));
    await writeFile(store.pathFor('2026-03-02'), 'not json');
    await expect(store.get('2026-03-02')).rejects.toThrow(/not JSON/);
  });
});
