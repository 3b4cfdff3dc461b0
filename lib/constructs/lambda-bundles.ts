import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE_FILE_NAME, REPO_ROOT } from './gateway-function-bundling.ts';

/**
 * Bundled handler folders for Code.fromAsset. CDK construction is synchronous and the bundler
 * needs esbuild's async API (plugins), so a miss runs scripts/bundle-lambdas.ts in a child process.
 *
 * Bundles are cached under node_modules/.cache, and reused only while every file esbuild read for
 * them (its metafile inputs: our sources and the SDK's), the bundling options and the esbuild
 * version are byte-for-byte unchanged. Synthesis after an unrelated change, and every test file
 * that synthesizes the app, then reuse the bundles instead of rebuilding 19 of them.
 *
 * Several processes synthesize at once (vitest runs test files in parallel), so a built bundle is
 * never changed or removed while one may read it: each build lands in its own folder named by its
 * content, and a per-entry pointer file, replaced atomically, names the current one.
 */
const CACHE_ROOT = join(REPO_ROOT, 'node_modules', '.cache', 'citizen-gateway-lambdas');
export const MANIFEST = 'inputs.json';
/** The Lambda package: the bundle alone, the manifest stays beside it. */
export const ASSET = 'asset';
const POINTER = 'current';
/** Builds unused for this long are removed (a synthesis reads its bundles within minutes). */
const PRUNE_AFTER_MS = 60 * 60_000;
/** Files that shape the output without being esbuild inputs. */
const BUNDLER_FILES = [
  'lib/constructs/gateway-function-bundling.ts',
  'lib/constructs/sdk-schema-tree-shaking.ts',
  'scripts/bundle-lambdas.ts',
  // Options esbuild reads, resolution that may move a dependency, the plugin's parser.
  'tsconfig.json',
  'package-lock.json',
  'node_modules/esbuild/package.json',
  'node_modules/typescript/package.json',
];

interface Manifest {
  entry: string;
  /** Repository-relative path -> sha256 of its content. */
  inputs: Record<string, string>;
}

const resolved = new Map<string, string>();

function sha256(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
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

function currentBuild(entryDir: string): string | undefined {
  try {
    const name = readFileSync(join(entryDir, POINTER), 'utf8').trim();
    return /^[0-9a-f]{16}$/.test(name) ? join(entryDir, name) : undefined;
  } catch {
    return undefined;
  }
}

/** Where `entry`'s builds and its pointer live. */
function entryDirOf(entry: string): string {
  return join(CACHE_ROOT, createHash('sha256').update(entry).digest('hex').slice(0, 16));
}

/**
 * Bundles `entries` in one child process (esbuild builds them concurrently, and the process and
 * tsx start once), then puts each build in place and points its entry at it.
 */
function build(entries: readonly string[]): Map<string, string> {
  mkdirSync(CACHE_ROOT, { recursive: true });
  // Inside the cache: the renames below stay on one file system.
  const scratch = mkdtempSync(join(CACHE_ROOT, 'build-'));
  try {
    const pairs = entries.map((entry, index) => `e${index}=${entry}`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'bundle-lambdas.ts'), '--manifest', scratch, ...pairs], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (result.status !== 0) throw new Error(`bundling ${entries.join(', ')} failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
    return new Map(entries.map((entry, index) => [entry, install(entry, join(scratch, `e${index}`), join(scratch, `e${index}.inputs.json`))]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Moves one fresh build (`out`: the folder holding index.mjs) into its content-named folder and points the entry at it. */
function install(entry: string, out: string, manifestFile: string): string {
  const entryDir = entryDirOf(entry);
  mkdirSync(entryDir, { recursive: true });
  const scratch = mkdtempSync(join(entryDir, 'build-'));
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    for (const path of BUNDLER_FILES) manifest.inputs[path] = sha256(resolve(REPO_ROOT, path)) ?? 'missing';
    const name = (sha256(join(out, BUNDLE_FILE_NAME)) ?? '').slice(0, 16);
    const final = join(entryDir, name);
    if (existsSync(join(final, ASSET, BUNDLE_FILE_NAME))) {
      // The same bytes are in place already (built by another process, or from other inputs):
      // only the manifest is brought up to date, replaced whole.
      const tmp = join(scratch, MANIFEST);
      writeFileSync(tmp, JSON.stringify(manifest));
      renameSync(tmp, join(final, MANIFEST));
    } else {
      // Assembled in the scratch folder, then renamed into place whole: readers see all or nothing.
      const assembled = join(scratch, 'assembled');
      mkdirSync(assembled);
      renameSync(out, join(assembled, ASSET));
      writeFileSync(join(assembled, MANIFEST), JSON.stringify(manifest));
      try {
        renameSync(assembled, final);
      } catch (error) {
        // Another process put the same bundle in place first.
        if (!existsSync(join(final, ASSET, BUNDLE_FILE_NAME))) throw error;
      }
    }
    const pointer = join(scratch, POINTER);
    writeFileSync(pointer, name);
    renameSync(pointer, join(entryDir, POINTER));
    return final;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function pruneSuperseded(entryDir: string, keep: string): void {
  for (const name of readdirSync(entryDir)) {
    const path = join(entryDir, name);
    if (path === keep || name === POINTER) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process pruned it).
    }
  }
}

/** The cached build of `entry` while every input is unchanged. */
function freshBuild(entry: string): string | undefined {
  const current = currentBuild(entryDirOf(entry));
  return current && isFresh(current, entry) ? current : undefined;
}

/** Marks `dir` as used now and returns its asset folder. */
function use(entry: string, dir: string): string {
  // Pruning goes by last use: a build this process reads now is not removed by another's prune.
  const now = new Date();
  utimesSync(dir, now, now);
  pruneSuperseded(entryDirOf(entry), dir);
  const assetDir = join(dir, ASSET);
  resolved.set(entry, assetDir);
  return assetDir;
}

/** The folder holding `index.mjs` for `entry` (repository-relative), bundled now or reused from the cache. */
export function bundledHandlerDir(entry: string): string {
  const known = resolved.get(entry);
  if (known) return known;
  const dir = freshBuild(entry) ?? build([entry]).get(entry);
  if (!dir) throw new Error(`no bundle of ${entry} after building it`);
  return use(entry, dir);
}

/**
 * Brings the cache up to date for every entry at once: the stale ones are bundled together in one
 * child process. The test run calls this before any test file starts (tests/support/
 * prebuild-lambda-bundles.ts), so parallel test files find every bundle built instead of each
 * building the same ones. `starting` hears which entries are stale before they are bundled.
 */
export function prebuildHandlerBundles(entries: readonly string[], starting: (stale: readonly string[]) => void = () => undefined): void {
  const stale = [...new Set(entries)].filter((entry) => freshBuild(entry) === undefined);
  if (stale.length === 0) return;
  starting(stale);
  build(stale);
}
