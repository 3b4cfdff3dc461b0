import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StarterSet } from '../../core/knowledge/seed.ts';

/** data/knowledge/ in the repository: the team's starter cases (open-data CSV) and quick responses. */
export const STARTER_DIR = new URL('../../../data/knowledge/', import.meta.url).pathname;

const CONTENT_TYPES: Record<string, string> = { '.csv': 'text/csv; charset=utf-8', '.ndjson': 'application/x-ndjson', '.json': 'application/json' };

/** Every case file in the folder, by name; quick-responses.json holds the quick responses. */
export async function readStarterSet(dir: string = STARTER_DIR): Promise<StarterSet> {
  const names = (await readdir(dir)).sort();
  const files: StarterSet['files'] = [];
  let quickResponses: StarterSet['quickResponses'] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (name === 'quick-responses.json') {
      quickResponses = JSON.parse(await readFile(path, 'utf8')) as StarterSet['quickResponses'];
      continue;
    }
    const extension = name.slice(name.lastIndexOf('.'));
    const contentType = CONTENT_TYPES[extension];
    if (contentType && name.startsWith('cases')) files.push({ name, body: await readFile(path), contentType });
  }
  return { files, quickResponses };
}
