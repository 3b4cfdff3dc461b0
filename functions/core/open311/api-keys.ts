import { createHash, timingSafeEqual } from 'node:crypto';
import { Open311Error } from './errors.ts';

export interface Open311Client {
  /** Names the client app in logs and on its requests (`web` is the city's own site). */
  name: string;
  key: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The configured api_key list. A key identifies the client app; the city's own site holds its
 * key in the browser, so a key is an identity for rate limits and records, not a secret that
 * proves anything about the citizen (docs/channels/open311.md).
 */
export class ApiKeys {
  readonly #digests: ReadonlyArray<{ name: string; digest: Buffer }>;

  constructor(clients: readonly Open311Client[]) {
    const names = new Set<string>();
    this.#digests = clients.map((client) => {
      if (!NAME.test(client.name)) throw new Error(`Open311 client name "${client.name}" must be lower-case letters, digits and dashes`);
      if (names.has(client.name)) throw new Error(`Open311 client name "${client.name}" is listed twice`);
      if (client.key.length < 16) throw new Error(`Open311 api key of "${client.name}" must have at least 16 characters`);
      names.add(client.name);
      return { name: client.name, digest: digest(client.key) };
    });
  }

  /**
   * The client a key belongs to; 403 otherwise. Every configured key is compared, each in
   * constant time over equal-length digests, so the answer time says nothing about how much
   * of a key was right or which one was close.
   */
  identify(apiKey: string | undefined): string {
    if (apiKey === undefined || apiKey === '') throw new Open311Error(403, 'api_key was not provided');
    const given = digest(apiKey);
    let match: string | null = null;
    for (const { name, digest: known } of this.#digests) {
      if (timingSafeEqual(given, known) && match === null) match = name;
    }
    if (match === null) throw new Open311Error(403, 'api_key is not valid');
    return match;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `name:key,name:key` (local configuration and the AWS secret's `keys` string). */
export function parseClientList(text: string): Open311Client[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error('Open311 api keys must be listed as name:key, comma-separated');
      return { name: entry.slice(0, colon).trim(), key: entry.slice(colon + 1).trim() };
    });
}
