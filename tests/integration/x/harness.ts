import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IntakeEnvelope, InboundMessage } from '../../../schemas/inbound-message.ts';
import { DynamoXPollerStateRepository } from '../../../functions/adapters/dynamodb/x-poller-state-repository.ts';
import { TwitterApiV2MentionsSource } from '../../../functions/adapters/x/twitter-api-v2-source.ts';
import { createXClient } from '../../../functions/adapters/x/x-client.ts';
import type { IntakeQueue } from '../../../functions/core/ports/intake-queue.ts';
import type { Clock, Log } from '../../../functions/core/ports/runtime.ts';
import { pollMentions, type PollMentionsConfig, type PollResult } from '../../../functions/core/x/poll-mentions.ts';
import type { MentionEdits, PollerMetrics, XMentionsSource } from '../../../functions/core/x/ports.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { FakeXApi, type FakeTweet, type FakeUser } from '../../support/fake-x-api.ts';
import { mentionToInbound } from '../../../functions/channels/x/mention-to-inbound.ts';

export const CITY_ACCOUNT_ID = '1422222222222222222';
export const APP_BEARER = 'AAAAAAAAAAAAAAAAAAAAAFakeAppOnlyBearer';
/** The OAuth 1.0a access token of the city account, which owns the X app (X bills its own reads as Owned Reads). */
export const CITY_OWNER_TOKEN = '1422222222222222222-owner';

/** Captures what the poller enqueues; can be told to fail the n-th send (a crash mid-poll). */
export class RecordingQueue implements IntakeQueue {
  readonly envelopes: IntakeEnvelope[] = [];
  private sends = 0;
  failOnSend: number | undefined;

  async send(envelopes: IntakeEnvelope[]): Promise<void> {
    this.sends += 1;
    if (this.failOnSend === this.sends) throw new Error('intake queue unavailable');
    this.envelopes.push(...envelopes);
  }

  messages(): InboundMessage[] {
    return this.envelopes.flatMap((envelope) => (envelope.kind === 'inbound' ? [envelope.message] : []));
  }

  ids(): string[] {
    return this.messages().map((message) => message.providerMessageId);
  }
}

export class RecordingMetrics implements PollerMetrics {
  readonly events: { name: string; value: unknown }[] = [];
  mentionsEnqueued(count: number): void {
    this.events.push({ name: 'MentionsEnqueued', value: count });
  }
  rateLimited(resetAt: Date): void {
    this.events.push({ name: 'RateLimited', value: resetAt.toISOString() });
  }
  readBudgetExhausted(month: string, budget: number): void {
    this.events.push({ name: 'ReadBudgetExhausted', value: { month, budget } });
  }
  usageCapped(until: Date): void {
    this.events.push({ name: 'UsageCapExceeded', value: until.toISOString() });
  }
}

export class TestClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The city's @username in the fixtures: mentions name it, so self-serve replies under them are allowed. */
export const CITY_USERNAME = 'seoul_city';

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

export interface PollerHarness {
  table: TestTable;
  x: FakeXApi;
  db: DynamoDBDocumentClient;
  state: DynamoXPollerStateRepository;
  source: XMentionsSource;
  queue: RecordingQueue;
  metrics: RecordingMetrics;
  clock: TestClock;
  poll(owner?: string, overrides?: Partial<PollMentionsConfig> & { source?: XMentionsSource; edits?: MentionEdits }): Promise<PollResult>;
  close(): Promise<void>;
}

export async function startPollerHarness(config: Partial<PollMentionsConfig> = {}): Promise<PollerHarness> {
  const table = await startTestTable();
  const x = await FakeXApi.start({ accountId: CITY_ACCOUNT_ID, accountUsername: CITY_USERNAME, appBearerToken: APP_BEARER, ownerAccessToken: CITY_OWNER_TOKEN });
  const db = DynamoDBDocumentClient.from(table.client);
  const clock = new TestClock(new Date('2025-03-14T05:00:00.000Z'));
  const state = new DynamoXPollerStateRepository(db, table.tableName, CITY_ACCOUNT_ID);
  const client = createXClient({ bearerToken: APP_BEARER }, { apiBaseUrl: x.baseUrl, mode: 'read' });
  const source = new TwitterApiV2MentionsSource(client, CITY_ACCOUNT_ID, clock);
  const queue = new RecordingQueue();
  const metrics = new RecordingMetrics();
  let runs = 0;
  return {
    table,
    x,
    db,
    state,
    source,
    queue,
    metrics,
    clock,
    poll: (owner, overrides = {}) => {
      runs += 1;
      const { source: sourceOverride, edits, ...configOverrides } = overrides;
      return pollMentions(
        { source: sourceOverride ?? source, toInbound: mentionToInbound, state, queue, metrics, clock, log: silentLog, ...(edits ? { edits } : {}) },
        { accountId: CITY_ACCOUNT_ID, monthlyReadBudget: 10_000, ...config, ...configOverrides },
        owner ?? `run-${runs}`,
      );
    },
    close: async () => {
      await x.close();
      await table.close();
    },
  };
}

/** Mentions with consecutive big ids (as strings, computed with BigInt: never a JS number). */
export function makeMentions(count: number, firstId = '1866503928398045184'): { tweet: FakeTweet; author: FakeUser }[] {
  const start = BigInt(firstId);
  return Array.from({ length: count }, (_, index) => {
    const id = String(start + BigInt(index));
    const authorId = String(9_000_000_000_000_000_000n + BigInt(index % 3));
    return {
      tweet: {
        id,
        text: `@seoul_city 민원 ${index} 🚌 bus stop light broken`,
        author_id: authorId,
        conversation_id: id,
        created_at: new Date(Date.UTC(2025, 2, 14, 4, 0, index)).toISOString(),
        in_reply_to_user_id: CITY_ACCOUNT_ID,
      },
      author: { id: authorId, username: `citizen_${index % 3}`, name: `Citizen ${index % 3}`, protected: false },
    };
  });
}
