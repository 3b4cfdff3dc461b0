import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPages } from './query-pages.ts';
import { messageIdFor } from '../../core/ids.ts';
import { kstDay, kstDaysBetween } from '../../core/kst.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import type { GoneReason, StoredMentions } from '../../core/x/ports.ts';
import { conditionally } from './conditional.ts';
import { channelDayPartition, claimKey, complaintPk, MESSAGE_SK_PREFIX, messageKey } from './keys.ts';
import { GSIS } from './table-definition.ts';

/*
 * The StoredMentions port on the complaint table, for the X deletion-compliance sweep.
 *
 * Listing: the table has no index of messages, and a Scan would read every item ever stored.
 * Instead the channel-day index (CHANNEL#x#<KST day>) names the X complaints created on each of
 * the last `windowDays` days, and one Query per complaint lists its inbound X messages whose
 * text is still held. Mentions that joined a complaint created before the window are not
 * listed (docs/adr/0004-x-mention-polling.md, "Deletion compliance sweep").
 *
 * Redaction: one conditional UpdateItem per message: text emptied, Korean translation and the
 * texts of earlier versions (edits) removed, redactedAt and redactionReason set. Ids, timestamps, language and the complaint stay: the
 * record that a contact happened. Conditional on the message existing and not being redacted
 * yet, so a repeated sweep changes nothing.
 */

const X_PROVIDER = 'x-api';

export interface XStoredMentionsOptions {
  /** KST days of complaints to list, today included: as long as mention copies are kept. */
  windowDays: number;
  clock: Clock;
  /** Ids per yielded page. @default 100 (one X lookup) */
  pageSize?: number;
}

export class DynamoXStoredMentions implements StoredMentions {
  /** tweet id -> complaint id, learned while listing, so redaction needs no extra read. */
  readonly #complaintOf = new Map<string, string>();
  readonly #pageSize: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: XStoredMentionsOptions,
  ) {
    if (!Number.isInteger(options.windowDays) || options.windowDays < 1) throw new RangeError('windowDays must be a positive integer');
    this.#pageSize = options.pageSize ?? 100;
  }

  async *listMentionIds(due?: (ageDays: number) => boolean): AsyncIterable<string[]> {
    let page: string[] = [];
    const days = this.windowDays().reverse();
    for (const [age, day] of days.entries()) {
      if (due && !due(age)) continue;
      for await (const complaintId of this.complaintsOfDay(day)) {
        for await (const tweetId of this.heldMentionsOf(complaintId)) {
          this.#complaintOf.set(tweetId, complaintId);
          page.push(tweetId);
          if (page.length >= this.#pageSize) {
            yield page;
            page = [];
          }
        }
      }
    }
    if (page.length > 0) yield page;
  }

  async redactMentionText(tweetId: string, reason: GoneReason, at: Date): Promise<void> {
    const messageId = messageIdFor({ channel: 'x', provider: X_PROVIDER, providerMessageId: tweetId });
    const complaintId = this.#complaintOf.get(tweetId) ?? (await this.complaintOfClaim(messageId));
    if (complaintId === undefined) return;
    await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageKey(complaintId, messageId),
          // Earlier versions of an edited post go too: they are the same X content.
          UpdateExpression: 'SET #text = :empty, redactedAt = :at, redactionReason = :reason REMOVE #translation.#text, edits',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(redactedAt)',
          ExpressionAttributeNames: { '#text': 'text', '#translation': 'translation' },
          ExpressionAttributeValues: { ':empty': '', ':at': at.toISOString(), ':reason': reason },
        }),
      ),
    );
  }

  private windowDays(): string[] {
    const now = this.options.clock.now();
    const first = new Date(now.getTime() - (this.options.windowDays - 1) * 24 * 60 * 60 * 1000);
    return kstDaysBetween(kstDay(first), kstDay(now));
  }

  private async *complaintsOfDay(day: string): AsyncIterable<string> {
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      IndexName: GSIS.byChannelDay.indexName,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: 'complaintId',
      ExpressionAttributeNames: { '#pk': GSIS.byChannelDay.partitionKey },
      ExpressionAttributeValues: { ':pk': channelDayPartition('x', day) },
    });
    for await (const page of pages) for (const item of page.Items ?? []) if (typeof item.complaintId === 'string') yield item.complaintId;
  }

  private async *heldMentionsOf(complaintId: string): AsyncIterable<string> {
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      FilterExpression: '#channel = :x AND #provider = :provider AND #direction = :inbound AND attribute_not_exists(redactedAt)',
      ProjectionExpression: 'providerMessageId',
      ExpressionAttributeNames: { '#channel': 'channel', '#provider': 'provider', '#direction': 'direction' },
      ExpressionAttributeValues: { ':pk': complaintPk(complaintId), ':msg': MESSAGE_SK_PREFIX, ':x': 'x', ':provider': X_PROVIDER, ':inbound': 'inbound' },
    });
    for await (const page of pages) for (const item of page.Items ?? []) if (typeof item.providerMessageId === 'string') yield item.providerMessageId;
  }

  /** A mention the listing did not see (another sweep instance): its claim names the complaint. */
  private async complaintOfClaim(messageId: string): Promise<string | undefined> {
    const answer = await this.db.send(new GetCommand({ TableName: this.tableName, Key: claimKey(messageId), ProjectionExpression: 'complaintId' }));
    const complaintId = answer.Item?.complaintId;
    return typeof complaintId === 'string' ? complaintId : undefined;
  }
}
