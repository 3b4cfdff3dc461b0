import { createHmac } from 'node:crypto';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Message } from '../../core/model.ts';
import { kstDay } from '../../core/kst.ts';
import type { AcceptedRequest, Open311Store, RateWindow } from '../../core/open311/ports.ts';
import type { VersionedComplaint } from '../../core/ports/complaint-repository.ts';
import { isConditionalCheckFailed } from './conditional.ts';
import { itemToComplaint, itemToMessage } from './item-mappers.ts';
import { channelDayPartition, messageKey } from './keys.ts';
import { queryPages } from './query-pages.ts';
import { GSIS, TTL_ATTRIBUTE } from './table-definition.ts';
import { countInWindow } from './rate-window.ts';

/*
 * Items of the Open311 API in the complaint table (ADR 0002: own partition prefixes):
 *   pk O311REQ#<idempotency key>   sk REQUEST          first acceptance of a body under a key; TTL
 *   pk O311RATE#<subject>          sk WINDOW#<epoch>   fixed-window request counter; TTL
 * Listings read the complaints' own channel-day index (gsi2), partition CHANNEL#web#<KST day>.
 */
const acceptedKey = (idempotencyKey: string) => ({ pk: `O311REQ#${idempotencyKey}`, sk: 'REQUEST' });
const rateKey = (subject: string, start: number) => ({ pk: `O311RATE#${subject}`, sk: `WINDOW#${start}` });
const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);
const DAY_MS = 86_400_000;
const BATCH_GET_LIMIT = 100;

export class DynamoOpen311Store implements Open311Store {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /**
     * Key of the HMAC that names rate windows: source addresses are personal data, so the table
     * holds only a keyed hash of them (the function's own secret, e.g. its API keys).
     */
    private readonly subjectKey: string,
  ) {}

  async acceptOnce(candidate: AcceptedRequest, notBefore: string, expiresAt: string): Promise<AcceptedRequest> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...acceptedKey(candidate.idempotencyKey), type: 'open311-accepted-request', ...candidate, [TTL_ATTRIBUTE]: epochSeconds(expiresAt) },
          // An acceptance older than the window no longer counts: TTL deletes lazily, so the condition decides.
          ConditionExpression: 'attribute_not_exists(pk) OR acceptedAt < :notBefore',
          ExpressionAttributeValues: { ':notBefore': notBefore },
        }),
      );
      return candidate;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const stored = await this.client.send(new GetCommand({ TableName: this.tableName, Key: acceptedKey(candidate.idempotencyKey), ConsistentRead: true }));
    const item = stored.Item;
    if (!item) throw new Error('accepted request vanished between the conditional put and the read; the client may retry');
    return { idempotencyKey: candidate.idempotencyKey, requestRef: String(item.requestRef), acceptedAt: String(item.acceptedAt) };
  }

  countRequest(window: RateWindow): Promise<boolean> {
    const subject = createHmac('sha256', this.subjectKey).update(window.subject).digest('base64url');
    return countInWindow(this.client, this.tableName, rateKey(subject, window.start), 'open311-rate-window', window);
  }

  /** One day partition after the other, newest first; each read from the range's end backwards. */
  async listWebComplaints(range: { from: string; to: string; limit: number; accept: (complaint: VersionedComplaint) => boolean }): Promise<VersionedComplaint[]> {
    const found: VersionedComplaint[] = [];
    const firstDay = kstDay(range.from);
    for (let day = kstDay(new Date(Date.parse(range.to) - 1)); day >= firstDay; day = kstDay(new Date(Date.parse(`${day}T12:00:00+09:00`) - DAY_MS))) {
      const pages = queryPages(this.client, {
        TableName: this.tableName,
        IndexName: GSIS.byChannelDay.indexName,
        // createdAt#complaintId: "<to" excludes complaints created exactly at `to`, ">= from" keeps those at `from`.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': GSIS.byChannelDay.partitionKey, '#sk': GSIS.byChannelDay.sortKey },
        ExpressionAttributeValues: { ':pk': channelDayPartition('web', day), ':from': range.from, ':to': range.to },
        ScanIndexForward: false,
      });
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const complaint = itemToComplaint(item);
          if (!range.accept(complaint)) continue;
          found.push(complaint);
          if (found.length >= range.limit) return found;
        }
      }
    }
    return found;
  }

  async getMessages(keys: ReadonlyArray<{ complaintId: string; messageId: string }>): Promise<Message[]> {
    const messages: Message[] = [];
    for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
      let pending: Array<Record<string, unknown>> | undefined = keys.slice(offset, offset + BATCH_GET_LIMIT).map((key) => messageKey(key.complaintId, key.messageId));
      // BatchGetItem may leave keys unprocessed under load: ask again for exactly those.
      for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
        if (attempt >= 5) throw new Error('BatchGetItem kept leaving message keys unprocessed');
        const answer: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
        messages.push(...(answer.Responses?.[this.tableName] ?? []).map(itemToMessage));
        pending = answer.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return messages;
  }
}
