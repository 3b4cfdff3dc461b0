import { describe, expect, it } from 'vitest';
import { ApiKeys, parseClientList } from '../../../functions/core/open311/api-keys.ts';
import { Open311Error } from '../../../functions/core/open311/errors.ts';
import type { Open311Store, RateWindow } from '../../../functions/core/open311/ports.ts';
import { checkRateLimits } from '../../../functions/core/open311/rate-limits.ts';

const WEB = { name: 'web', key: 'web-site-key-0123456789' };
const PARTNER = { name: 'partner-app', key: 'partner-key-abcdefghij' };

function refusal(run: () => unknown): Open311Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Error && !(error instanceof Open311Error)) return error.message;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('Open311 api_key check', () => {
  const keys = new ApiKeys([WEB, PARTNER]);

  it('names the client app a key belongs to, whichever place it has in the list', () => {
    expect(keys.identify(WEB.key)).toBe('web');
    expect(keys.identify(PARTNER.key)).toBe('partner-app');
  });

  it('answers 403 "not provided" for no key and an empty one', () => {
    for (const given of [undefined, '']) {
      const error = refusal(() => keys.identify(given));
      expect(error.status).toBe(403);
      expect(error.errors).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    }
  });

  it('answers 403 "not valid" for a wrong key, a prefix of a key, a key with more after it, and another case', () => {
    for (const given of ['wrong-key-0123456789', WEB.key.slice(0, -1), `${WEB.key}x`, WEB.key.toUpperCase(), ` ${WEB.key}`]) {
      const error = refusal(() => keys.identify(given));
      expect(error.status).toBe(403);
      expect(error.errors).toEqual([{ code: 403, description: 'api_key is not valid' }]);
    }
  });

  it('knows no key when none is configured', () => {
    expect(refusal(() => new ApiKeys([]).identify(WEB.key)).status).toBe(403);
  });

  it('compares a key as UTF-8 text: a Korean key matches only itself', () => {
    const korean = new ApiKeys([{ name: 'ko', key: '서울시민원앱열쇠-0123456789' }]);
    expect(korean.identify('서울시민원앱열쇠-0123456789')).toBe('ko');
    expect(refusal(() => korean.identify('서울시민원앱열쇠-012345678')).status).toBe(403);
  });

  it('takes the first client when two share a key (every key is still compared)', () => {
    const shared = new ApiKeys([
      { name: 'first', key: WEB.key },
      { name: 'second', key: WEB.key },
    ]);
    expect(shared.identify(WEB.key)).toBe('first');
  });

  it('accepts client names of lower-case letters, digits and dashes, 1 to 64 characters, starting with a letter or digit', () => {
    for (const name of ['a', '9', 'web', 'partner-app-2', `a${'b'.repeat(63)}`]) {
      expect(new ApiKeys([{ name, key: WEB.key }]).identify(WEB.key)).toBe(name);
    }
  });

  it('refuses any other client name, naming it', () => {
    for (const name of ['', '-web', 'Web', 'web app', 'web_app', `a${'b'.repeat(64)}`, 'web\n', '\nweb', 'wéb']) {
      expect(configError(() => new ApiKeys([{ name, key: WEB.key }]))).toBe(`Open311 client name "${name}" must be lower-case letters, digits and dashes`);
    }
  });

  it('refuses a client name listed twice', () => {
    expect(configError(() => new ApiKeys([WEB, { name: 'web', key: PARTNER.key }]))).toBe('Open311 client name "web" is listed twice');
  });

  it('refuses a key shorter than 16 characters and accepts one of exactly 16', () => {
    expect(configError(() => new ApiKeys([{ name: 'short', key: '0123456789abcde' }]))).toBe('Open311 api key of "short" must have at least 16 characters');
    expect(new ApiKeys([{ name: 'exact', key: '0123456789abcdef' }]).identify('0123456789abcdef')).toBe('exact');
  });
});

describe('Open311 client list (name:key,name:key)', () => {
  it('reads names and keys, trimming spaces around entries, names and keys, and skipping empty entries', () => {
    expect(parseClientList(' partner-app : partner-key-abcdefghij ,, other:key:with:colons-0123 ,')).toEqual([
      { name: 'partner-app', key: 'partner-key-abcdefghij' },
      { name: 'other', key: 'key:with:colons-0123' },
    ]);
  });

  it('reads an empty list as no clients', () => {
    expect(parseClientList('')).toEqual([]);
    expect(parseClientList(' , ')).toEqual([]);
  });

  it('refuses an entry without a name before its colon, or without a colon', () => {
    for (const text of ['no-colon-here', ':key-without-name-0123', 'partner:key-0123456789abc,lonely']) {
      expect(() => parseClientList(text)).toThrow('Open311 api keys must be listed as name:key, comma-separated');
    }
  });
});

/** A store whose windows count as DynamoDB's conditional counter does: at most `limit` per subject and window. */
function countingStore(): { store: Open311Store; windows: RateWindow[] } {
  const counts = new Map<string, number>();
  const windows: RateWindow[] = [];
  const store: Open311Store = {
    acceptOnce: async (candidate) => candidate,
    countRequest: async (window) => {
      windows.push(window);
      const key = `${window.subject}@${window.start}`;
      const count = counts.get(key) ?? 0;
      if (count >= window.limit) return false;
      counts.set(key, count + 1);
      return true;
    },
    listWebComplaints: async () => [],
    getMessages: async () => [],
  };
  return { store, windows };
}

async function rateRefusal(run: Promise<void>): Promise<Open311Error> {
  try {
    await run;
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected a 429');
}

describe('Open311 rate limits', () => {
  const limits = { windowMs: 60_000, perSourceIp: 2, perClient: 3 };
  // 12:00:45 into a minute window that began at 12:00:00.
  const now = new Date('2026-03-02T03:00:45.200Z');
  const windowStart = Date.parse('2026-03-02T03:00:00.000Z');

  it('counts each request against its source address and its client, in the fixed window it falls in', async () => {
    const { store, windows } = countingStore();
    await checkRateLimits(store, limits, { sourceIp: '203.0.113.9', client: 'web' }, now);
    expect(windows).toEqual([
      { subject: 'ip:203.0.113.9', start: windowStart, lengthMs: 60_000, limit: 2 },
      { subject: 'key:web', start: windowStart, lengthMs: 60_000, limit: 3 },
    ]);
  });

  it('answers 429 for an address over its limit, with the seconds left in the window, and does not count it against the client', async () => {
    const { store, windows } = countingStore();
    const who = { sourceIp: '203.0.113.9', client: 'web' };
    await checkRateLimits(store, limits, who, now);
    await checkRateLimits(store, limits, who, now);
    const error = await rateRefusal(checkRateLimits(store, limits, who, now));
    expect(error.status).toBe(429);
    expect(error.errors).toEqual([{ code: 429, description: 'too many requests from this address: at most 2 per 60 s' }]);
    // 14.8 s left in the window: rounded up.
    expect(error.retryAfterSeconds).toBe(15);
    expect(windows.filter((w) => w.subject === 'key:web')).toHaveLength(2);
  });

  it('answers 429 for a client over its limit, whichever addresses its requests came from', async () => {
    const { store } = countingStore();
    for (const sourceIp of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) await checkRateLimits(store, limits, { sourceIp, client: 'partner-app' }, now);
    const error = await rateRefusal(checkRateLimits(store, limits, { sourceIp: '198.51.100.4', client: 'partner-app' }, now));
    expect(error.status).toBe(429);
    expect(error.errors).toEqual([{ code: 429, description: 'too many requests with this api_key: at most 3 per 60 s' }]);
    expect(error.retryAfterSeconds).toBe(15);
    // Another client from the same address is still let in.
    await expect(checkRateLimits(store, limits, { sourceIp: '198.51.100.4', client: 'web' }, now)).resolves.toBeUndefined();
  });

  it('lets an address in again in the next window', async () => {
    const { store } = countingStore();
    const who = { sourceIp: '203.0.113.9', client: 'web' };
    await checkRateLimits(store, limits, who, now);
    await checkRateLimits(store, limits, who, now);
    await expect(checkRateLimits(store, limits, who, new Date(windowStart + 60_000))).resolves.toBeUndefined();
  });

  it('asks a client to wait at least one second, even at the very end of a window', async () => {
    const { store } = countingStore();
    const who = { sourceIp: '203.0.113.9', client: 'web' };
    const last = new Date(windowStart + 59_999);
    await checkRateLimits(store, limits, who, last);
    await checkRateLimits(store, limits, who, last);
    expect((await rateRefusal(checkRateLimits(store, limits, who, last))).retryAfterSeconds).toBe(1);
    // At the window's first instant, the whole window is left.
    const { store: fresh } = countingStore();
    const first = new Date(windowStart);
    await checkRateLimits(fresh, limits, who, first);
    await checkRateLimits(fresh, limits, who, first);
    expect((await rateRefusal(checkRateLimits(fresh, limits, who, first))).retryAfterSeconds).toBe(60);
  });
});
