import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASSET, MANIFEST, isFresh } from '../../../lib/constructs/lambda-bundles.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Lambda bundle cache (reuse only while every input is unchanged)', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bundle-cache-'));
    dir = join(root, 'cache', 'entry');
    await mkdir(join(root, 'functions'), { recursive: true });
    await mkdir(join(dir, ASSET), { recursive: true });
    await writeFile(join(root, 'functions', 'handler.ts'), 'export const handler = 1;');
    await writeFile(join(root, 'functions', 'dep.ts'), 'export const dep = 2;');
    await writeFile(join(dir, ASSET, 'index.mjs'), 'bundle');
    await writeFile(
      join(dir, MANIFEST),
      JSON.stringify({ entry: 'functions/handler.ts', inputs: { 'functions/handler.ts': sha('export const handler = 1;'), 'functions/dep.ts': sha('export const dep = 2;') } }),
    );
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reuses a bundle whose inputs all hash as recorded', () => {
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(true);
  });

  it('rebuilds when any input changed, even one not named by the entry', async () => {
    await writeFile(join(root, 'functions', 'dep.ts'), 'export const dep = 3;');
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(false);
  });

  it('rebuilds when an input is gone, the entry differs, the manifest is missing or lists nothing', async () => {
    expect(isFresh(dir, 'functions/other.ts', root)).toBe(false);
    await rm(join(root, 'functions', 'dep.ts'));
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(false);
    await writeFile(join(dir, MANIFEST), JSON.stringify({ entry: 'functions/handler.ts', inputs: {} }));
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(false);
    await rm(join(dir, MANIFEST));
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(false);
  });

  it('rebuilds when the bundle itself is missing', async () => {
    await rm(join(dir, ASSET, 'index.mjs'));
    expect(isFresh(dir, 'functions/handler.ts', root)).toBe(false);
  });
});
