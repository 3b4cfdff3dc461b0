import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseDigest, serializeDigest, type DailyDigest } from '../../core/audit/digest-model.ts';
import type { DigestStore, DigestWrite } from '../../core/audit/ports.ts';
import { outcomeAgainst } from './compare-digest.ts';
import { digestKey } from './digest-key.ts';

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/**
 * Digests as files under a folder (DATA_DIR/audit locally), never overwritten: the file is written
 * under a temporary name and hard-linked to its final name, which fails if that name exists, so a
 * digest appears whole or not at all and an existing one is only ever compared. Made read-only.
 */
export class LocalFolderDigestStore implements DigestStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  pathFor(day: string): string {
    return join(this.#root, digestKey(day));
  }

  async put(digest: DailyDigest): Promise<DigestWrite> {
    const target = this.pathFor(digest.day);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, serializeDigest(digest), { flag: 'wx', mode: 0o444 });
    try {
      await link(temp, target);
      await chmod(target, 0o444);
      return { outcome: 'written' };
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
    } finally {
      await unlink(temp);
    }
    const existing = await this.get(digest.day);
    if (!existing) throw new Error(`audit digest ${target}: exists but cannot be read`);
    return outcomeAgainst(existing, digest);
  }

  async get(day: string): Promise<DailyDigest | null> {
    try {
      return parseDigest(await readFile(this.pathFor(day), 'utf8'));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return null;
      throw error;
    }
  }
}
