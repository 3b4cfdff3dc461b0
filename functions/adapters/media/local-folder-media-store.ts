import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FetchedMedia, MediaStore } from '../../core/ports/media.ts';

const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif' };

/** Refused because the key would write outside the media root. */
export class UnsafeMediaKeyError extends Error {
  override readonly name = 'UnsafeMediaKeyError';
}

/**
 * Attachments as files under a root folder (DATA_DIR/media locally). The content type is not
 * kept: the key's extension (from mediaObjectKey) already names it.
 */
export class LocalFolderMediaStore implements MediaStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  /** Absolute path a key maps to; throws for keys that would escape the root. */
  pathFor(key: string): string {
    if (key === '' || key.includes('\0') || key.includes('\\') || isAbsolute(key)) {
      throw new UnsafeMediaKeyError('media key must be a non-empty relative path with / separators');
    }
    const target = resolve(this.#root, key);
    const rel = relative(this.#root, target);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new UnsafeMediaKeyError('media key escapes the media folder');
    }
    return target;
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    const target = this.pathFor(key);
    await mkdir(dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half-written image under the final name.
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }

  async get(key: string): Promise<FetchedMedia | null> {
    const target = this.pathFor(key);
    try {
      return { bytes: new Uint8Array(await readFile(target)), contentType: TYPES[extname(target)] ?? 'application/octet-stream' };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
  }
}
