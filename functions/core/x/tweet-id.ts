/*
 * X post ids are 64-bit snowflakes sent as decimal strings. They overflow a JS number, so
 * they are compared as strings: a shorter id (no leading zeros) is smaller, equal lengths
 * compare lexicographically, which for decimal digits is numeric order.
 */

const DECIMAL_ID = /^(0|[1-9][0-9]*)$/;

export function isTweetId(value: string): boolean {
  return DECIMAL_ID.test(value);
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareTweetIds(a: string, b: string): number {
  if (!isTweetId(a) || !isTweetId(b)) throw new RangeError(`not a canonical decimal id: ${isTweetId(a) ? b : a}`);
  if (a.length !== b.length) return a.length - b.length;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The newest (largest) of the given ids, or undefined for none. */
export function newestTweetId(ids: Iterable<string | undefined>): string | undefined {
  let newest: string | undefined;
  for (const id of ids) {
    if (id === undefined) continue;
    if (newest === undefined || compareTweetIds(id, newest) > 0) newest = id;
  }
  return newest;
}

/** Width of the fixed-length sort key: 2^64 has 20 decimal digits. */
export const TWEET_ID_KEY_WIDTH = 20;

/**
 * Fixed-width form ("00001866503928398045184"-style, 20 digits) whose plain string order is the
 * numeric order, so a DynamoDB condition `key < :new` compares ids correctly.
 */
export function tweetIdSortKey(id: string): string {
  if (!isTweetId(id) || id.length > TWEET_ID_KEY_WIDTH) throw new RangeError(`not a tweet id: ${id}`);
  return id.padStart(TWEET_ID_KEY_WIDTH, '0');
}
