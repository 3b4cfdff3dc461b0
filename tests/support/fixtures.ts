import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const eventsDir = fileURLToPath(new URL('../fixtures/events/', import.meta.url));

/** Reads tests/fixtures/events/<source>/<name>.json, a payload modelled on the provider's documentation. */
export function loadFixture<T>(source: string, name: string): T {
  if (!/^[a-z0-9-]+$/i.test(source) || !/^[a-z0-9._-]+$/i.test(name) || name.includes('..')) {
    throw new Error(`bad fixture reference ${source}/${name}`);
  }
  const file = `${eventsDir}${source}/${name.endsWith('.json') ? name : `${name}.json`}`;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
