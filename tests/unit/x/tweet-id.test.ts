import { describe, expect, it } from 'vitest';
import { compareTweetIds, newestTweetId, tweetIdSortKey } from '../../../functions/core/x/tweet-id.ts';
import { XMentionsResponseSchema } from '../../../schemas/x-api.ts';

describe('tweet ids as decimal strings', () => {
  it('orders by length first, so 19 digits beat 18 digits that sort higher as text', () => {
    expect(compareTweetIds('1000000000000000001', '999999999999999999')).toBeGreaterThan(0);
    expect(compareTweetIds('1866503928398045184', '1866503928398045185')).toBeLessThan(0);
    expect(compareTweetIds('1866503928398045184', '1866503928398045184')).toBe(0);
  });

  it('distinguishes ids a JS number would merge', () => {
    expect(Number('1866503928398045184')).toBe(Number('1866503928398045185'));
    expect(newestTweetId(['1866503928398045185', undefined, '1866503928398045184'])).toBe('1866503928398045185');
  });

  it('refuses non-canonical ids instead of mis-ordering them', () => {
    expect(() => compareTweetIds('0123', '5')).toThrow(RangeError);
    expect(() => compareTweetIds('1.8e18', '5')).toThrow(RangeError);
  });

  it('pads ids to a fixed-width key whose text order is numeric order', () => {
    expect(tweetIdSortKey('999999999999999999') < tweetIdSortKey('1000000000000000001')).toBe(true);
    expect(tweetIdSortKey('42')).toHaveLength(20);
  });

  it('rejects a mentions body whose ids arrive as JSON numbers (already rounded)', () => {
    const body = JSON.parse('{"data":[{"id":1866503928398045184,"text":"x"}],"meta":{"result_count":1}}');
    expect(XMentionsResponseSchema.safeParse(body).success).toBe(false);
  });
});
