import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXClient } from '../../../functions/adapters/x/x-client.ts';
import { TwitterApiV2TweetLookup } from '../../../functions/adapters/x/x-tweet-lookup.ts';
import { billingMonth } from '../../../functions/core/x/poll-mentions.ts';
import type { GoneReason, StoredMentions } from '../../../functions/core/x/ports.ts';
import { noneRedacted, redactDeletedMentions } from '../../../functions/core/x/redact-deleted-mentions.ts';
import { APP_BEARER, makeMentions, silentLog, startPollerHarness, type PollerHarness } from './harness.ts';

/** Stands in for the complaint repository: message text by tweet id, redaction keeps the record. */
class InMemoryStoredMentions implements StoredMentions {
  readonly records = new Map<string, { text?: string; redacted?: GoneReason }>();
  constructor(ids: string[], private readonly pageSize = 37) {
    for (const id of ids) this.records.set(id, { text: `stored text of ${id}` });
  }
  async *listMentionIds(): AsyncIterable<string[]> {
    const ids = [...this.records].filter(([, record]) => record.text !== undefined).map(([id]) => id);
    for (let start = 0; start < ids.length; start += this.pageSize) yield ids.slice(start, start + this.pageSize);
  }
  async redactMentionText(tweetId: string, reason: GoneReason): Promise<void> {
    this.records.set(tweetId, { redacted: reason });
  }
}

describe('deletion compliance sweep (GET /2/tweets?ids= on a local X API v2)', () => {
  let h: PollerHarness;
  let lookup: TwitterApiV2TweetLookup;

  beforeEach(async () => {
    h = await startPollerHarness();
    lookup = new TwitterApiV2TweetLookup(createXClient({ bearerToken: APP_BEARER }, { apiBaseUrl: h.x.baseUrl, mode: 'read' }), h.clock);
  });
  afterEach(async () => {
    await h.close();
  });

  it('removes the stored text of deleted and protected mentions, keeps the records, and looks up in batches of 100', async () => {
    const ids = makeMentions(230).map(({ tweet, author }) => {
      h.x.addMention(tweet, author);
      return tweet.id;
    });
    const deleted = [ids[3], ids[150]] as string[];
    const protectedIds = [ids[229]] as string[];
    deleted.forEach((id) => h.x.deleted.add(id));
    protectedIds.forEach((id) => h.x.protectedPosts.add(id));
    const stored = new InMemoryStoredMentions(ids);

    const result = await redactDeletedMentions({ stored, lookup, budget: h.state, clock: h.clock, log: silentLog }, { monthlyReadBudget: 10_000 });

    expect(result).toEqual({ outcome: 'completed', checked: 230, redacted: { ...noneRedacted(), deleted: 2, protected: 1 } });
    expect(stored.records.size).toBe(230);
    expect(stored.records.get(deleted[0] ?? '')).toEqual({ redacted: 'deleted' });
    expect(stored.records.get(protectedIds[0] ?? '')).toEqual({ redacted: 'protected' });
    expect(stored.records.get(ids[0] ?? '')?.text).toBe(`stored text of ${ids[0]}`);
    const lookups = h.x.requests.filter((request) => request.route === 'lookup');
    expect(lookups.map((request) => request.query.get('ids')?.split(',').length)).toEqual([100, 100, 30]);
    // Only the posts X returned are billed reads.
    expect(await h.state.readsUsed(billingMonth(h.clock.now()))).toBe(227);
  });

  it('stops on a 429 without redacting anything it could not check', async () => {
    const ids = makeMentions(5).map(({ tweet, author }) => {
      h.x.addMention(tweet, author);
      return tweet.id;
    });
    h.x.deleted.add(ids[0] ?? '');
    h.x.script('lookup', { kind: 'rate-limit', resetEpochSeconds: 1_900_000_000 });
    const stored = new InMemoryStoredMentions(ids);

    const result = await redactDeletedMentions({ stored, lookup, budget: h.state, clock: h.clock, log: silentLog }, { monthlyReadBudget: 10_000 });

    expect(result).toMatchObject({ outcome: 'rate-limited', checked: 0, retryAfter: new Date(1_900_000_000_000).toISOString() });
    expect([...stored.records.values()].every((record) => record.text !== undefined)).toBe(true);
    expect(await h.state.readsUsed(billingMonth(h.clock.now()))).toBe(0);
  });

  it('does not look anything up once the monthly read budget cannot cover a batch', async () => {
    const stored = new InMemoryStoredMentions(['1', '2', '3']);

    const result = await redactDeletedMentions({ stored, lookup, budget: h.state, clock: h.clock, log: silentLog }, { monthlyReadBudget: 2 });

    expect(result.outcome).toBe('budget-exhausted');
    expect(h.x.requests).toHaveLength(0);
  });
});
