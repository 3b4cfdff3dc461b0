import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedSearchIndex } from '../../../functions/adapters/knowledge/cached-search-index.ts';
import { FolderIndexObjectStore, MemoryIndexObjectStore, S3IndexObjectStore, SUPERSEDED_TAG } from '../../../functions/adapters/knowledge/index-object-stores.ts';
import type { IndexManifest, IndexManifestStore, SearchEngine } from '../../../functions/core/knowledge/ports.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('index object stores', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-index-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('keeps index bytes in a DATA_DIR folder and answers null for one never written', async () => {
    const store = new FolderIndexObjectStore(dir);
    await store.put('knowledge-index/0000000001-x.json.gz', new Uint8Array([1, 2, 3]));
    expect([...((await store.get('knowledge-index/0000000001-x.json.gz')) ?? [])]).toEqual([1, 2, 3]);
    expect(await store.get('knowledge-index/missing.json.gz')).toBeNull();
  });

  it('refuses keys outside knowledge-index/', async () => {
    await expect(new FolderIndexObjectStore(dir).put('../escape', new Uint8Array())).rejects.toThrow(/not knowledge-index/);
    await expect(new MemoryIndexObjectStore().get('knowledge-index/../x')).rejects.toThrow(/not knowledge-index/);
  });

  it('puts to and gets from S3, and reads NoSuchKey as absent', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    s3.on(GetObjectCommand, { Key: 'knowledge-index/missing.json.gz' }).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    const store = new S3IndexObjectStore(new S3Client({ region: 'ap-northeast-2' }), 'media-bucket');
    await store.put('knowledge-index/1.json.gz', new Uint8Array([9]));
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Bucket: 'media-bucket', Key: 'knowledge-index/1.json.gz', ContentType: 'application/gzip', ContentLength: 1 });
    expect(await store.get('knowledge-index/missing.json.gz')).toBeNull();
    s3.restore();
  });

  it('tags a superseded object in S3 for the lifecycle rule, and deletes it from the folder', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectTaggingCommand).resolves({});
    await new S3IndexObjectStore(new S3Client({ region: 'ap-northeast-2' }), 'media-bucket').markSuperseded('knowledge-index/1.json.gz');
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]!.args[0].input).toEqual({
      Bucket: 'media-bucket',
      Key: 'knowledge-index/1.json.gz',
      Tagging: { TagSet: [{ Key: SUPERSEDED_TAG.key, Value: SUPERSEDED_TAG.value }] },
    });
    s3.restore();
    const folder = new FolderIndexObjectStore(dir);
    await folder.put('knowledge-index/0000000002-x.json.gz', new Uint8Array([1]));
    await folder.markSuperseded('knowledge-index/0000000002-x.json.gz');
    await folder.markSuperseded('knowledge-index/0000000002-x.json.gz');
    expect(await folder.get('knowledge-index/0000000002-x.json.gz')).toBeNull();
  });
});

describe('CachedSearchIndex', () => {
  function fixture() {
    let manifest: IndexManifest | null = null;
    let manifestReads = 0;
    const manifests: IndexManifestStore = {
      takeTicket: async () => 1,
      get: async () => {
        manifestReads += 1;
        return manifest;
      },
      put: async () => ({ stored: true, replaced: null }),
    };
    const objects = new MemoryIndexObjectStore();
    const loads: string[] = [];
    const engine: SearchEngine = {
      name: 'fake',
      build: () => new Uint8Array(),
      load: (bytes) => {
        const name = Buffer.from(bytes).toString();
        loads.push(name);
        return { caseCount: 1, search: () => [{ caseId: name, title: name, category: 'c', score: 1, snippet: '' }] };
      },
    };
    let now = 0;
    const clock = { now: () => new Date(now) };
    const publish = async (ticket: number, name: string) => {
      const objectKey = `knowledge-index/${ticket}.json.gz`;
      await objects.put(objectKey, Buffer.from(name));
      manifest = { ticket, objectKey, engine: 'fake', caseCount: 1, sizeBytes: 1, builtAt: '' };
    };
    return { manifests, objects, engine, clock, loads, publish, advance: (ms: number) => (now += ms), reads: () => manifestReads };
  }
  const first = async (provider: CachedSearchIndex) => (await provider.current()).search('q', { limit: 1 })[0]?.caseId;

  it('answers nothing before the first index and looks again on the next call', async () => {
    const f = fixture();
    const provider = new CachedSearchIndex({ ...f, log: silent }, 30_000);
    expect(await first(provider)).toBeUndefined();
    await f.publish(1, 'v1');
    expect(await first(provider)).toBe('v1');
  });

  it('reads the manifest at most once per refresh interval and reloads only when it names another object', async () => {
    const f = fixture();
    await f.publish(1, 'v1');
    const provider = new CachedSearchIndex({ ...f, log: silent }, 30_000);
    expect(await first(provider)).toBe('v1');
    await f.publish(2, 'v2');
    f.advance(10_000);
    expect(await first(provider)).toBe('v1');
    expect(f.reads()).toBe(1);
    f.advance(25_000);
    expect(await first(provider)).toBe('v2');
    f.advance(31_000);
    expect(await first(provider)).toBe('v2');
    expect(f.loads).toEqual(['v1', 'v2']);
  });

  it('shares one load between concurrent first calls and keeps the old index when the new object is missing', async () => {
    const f = fixture();
    await f.publish(1, 'v1');
    const provider = new CachedSearchIndex({ ...f, log: silent }, 0);
    await Promise.all([first(provider), first(provider), first(provider)]);
    expect(f.loads).toEqual(['v1']);
    await f.publish(2, 'v2');
    f.objects.objects.delete('knowledge-index/2.json.gz');
    expect(await first(provider)).toBe('v1');
  });
});
