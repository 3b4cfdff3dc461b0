import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE_FILE_NAME, REPO_ROOT } from './gateway-function-bundling.ts';

/**
 * Bundled handler folders for Code.fromAsset. CDK construction is synchronous and the bundler
 * needs esbuild's async API (plugins), so a miss runs scripts/bundle-lambdas.ts in a child process.
 *
 * Bundles are cached under node_modules/.cache, keyed by entry, and reused only while every file
 * esbuild read for them (its metafile inputs: our sources and the SDK's), the bundling options and
 * the esbuild version are byte-for-byte unchanged. Synthesis after an unrelated change, and every
 * test file that synthesizes the app, then reuse the bundles instead of rebuilding 19 of them.
 */
const CACHE_ROOT = join(REPO_ROOT, 'node_modules', '.cache', 'citizen-gateway-lambdas');
export const MANIFEST = 'inputs.json';
/** The Lambda package: the bundle alone, the manifest stays beside it. */
export const ASSET = 'asset';
/** Files that shape the output without being esbuild inputs. */
const BUNDLER_FILES = ['lib/constructs/gateway-function-bundling.ts', 'lib/constructs/sdk-schema-tree-shaking.ts', 'scripts/bundle-lambdas.ts', 'node_modules/esbuild/package.json'];

interface Manifest {
  entry: string;
  /** Repository-relative path -> sha256 of its content. */
  inputs: Record<string, string>;
}

const checked = new Map<string, string>();

function sha256(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

function cacheDirFor(entry: string): string {
  return join(CACHE_ROOT, createHash('sha256').update(entry).digest('hex').slice(0, 16));
}

/** True when `dir` holds a bundle of `entry` whose every recorded input (relative to `root`) is unchanged. */
export function isFresh(dir: string, entry: string, root = REPO_ROOT): boolean {
  if (!existsSync(join(dir, ASSET, BUNDLE_FILE_NAME))) return false;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return false;
  }
  if (manifest.entry !== entry || Object.keys(manifest.inputs).length === 0) return false;
  return Object.entries(manifest.inputs).every(([path, hash]) => sha256(resolve(root, path)) === hash);
}

function build(entry: string, dir: string): void {
  mkdirSync(CACHE_ROOT, { recursive: true });
  // Assembled beside the cache entry, then renamed into place: a concurrent synthesis never sees half a bundle.
  const scratch = mkdtempSync(join(CACHE_ROOT, 'build-'));
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'bundle-lambdas.ts'), '--manifest', scratch, `out=${entry}`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (result.status !== 0) throw new Error(`bundling ${entry} failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
    const manifest = JSON.parse(readFileSync(join(scratch, 'out.inputs.json'), 'utf8')) as Manifest;
    for (const path of BUNDLER_FILES) manifest.inputs[path] = sha256(resolve(REPO_ROOT, path)) ?? 'missing';
    const assembled = join(scratch, 'entry');
    mkdirSync(assembled);
    renameSync(join(scratch, 'out'), join(assembled, ASSET));
    writeFileSync(join(assembled, MANIFEST), JSON.stringify(manifest));
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(assembled, dir);
    } catch (error) {
      // Another process put the same bundle in place first.
      if (!existsSync(join(dir, ASSET, BUNDLE_FILE_NAME))) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The folder holding `index.mjs` for `entry` (repository-relative), bundled now or reused from the cache. */
export function bundledHandlerDir(entry: string): string {
  const known = checked.get(entry);
  if (known) return known;
  const dir = cacheDirFor(entry);
  if (!isFresh(dir, entry)) build(entry, dir);
  const assetDir = join(dir, ASSET);
  checked.set(entry, assetDir);
  return assetDir;
}
