import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../../schemas/inbound-message.ts';
import { DELIVERY_RANK } from '../../core/delivery-reports.ts';
import type { DeliveryReceipt, LanguageCode, Message, Reply, SmsNoticeConsent, Translation } from '../../core/model.ts';
import type {
  ComplaintDetail,
  ComplaintListQuery,
  ComplaintPage,
  ComplaintRepository,
  MessageClaim,
  OpenComplaintPointer,
  ReplyDeliveryUpdate,
  VersionedComplaint,
  VersionedStatusEvent,
} from '../../core/ports/complaint-repository.ts';
import { listComplaintPage } from './complaint-listing.ts';
import { compact, type Item } from './item-mappers.ts';
import * as map from './item-mappers.ts';
import { conditionally } from './conditional.ts';
import { SEND_LEASE } from './send-lease.ts';
import {
  COMPLAINT_SK,
  EVENT_SK_PREFIX,
  MESSAGE_SK_PREFIX,
  REPLY_SK_PREFIX,
  citizenPartition,
  claimKey,
  complaintKey,
  complaintPk,
  eventKey,
  messageKey,
  pointerKey,
  receiptKey,
  replyKey,
  type Key,
} from './keys.ts';
import { GSIS } from './table-definition.ts';
import { queryPages } from './query-pages.ts';
import { statusEventUpdate } from './status-event-update.ts';

const NOT_EXISTS = 'attribute_not_exists(pk)';

/**
 * The complaint table on DynamoDB (or any store speaking its API, such as the embedded
 * dynalite). Every write is a single conditional PutItem/UpdateItem; reads are strongly
 * consistent where a use case decides on them.
 */
export class DynamoComplaintRepository implements ComplaintRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // --- intake -------------------------------------------------------------------------

  async getMessageClaim(messageId: string): Promise<MessageClaim | null> {
    const item = await this.#get(claimKey(messageId));
    return item ? map.itemToClaim(item) : null;
  }

  putMessageClaim(claim: MessageClaim): Promise<boolean> {
    return this.#putIfAbsent(map.claimToItem(claim));
  }

  async markMessageClaimCompleted(messageId: string, at: string): Promise<void> {
    await this.#update(claimKey(messageId), 'SET completedAt = if_not_exists(completedAt, :at)', { ':at': at }, 'attribute_exists(pk)');
  }

  async getOpenPointer(channel: Channel, citizenHash: string): Promise<OpenComplaintPointer | null> {
    const item = await this.#get(pointerKey(channel, citizenHash));
    return item ? map.itemToPointer(item) : null;
  }

  putOpenPointer(pointer: OpenComplaintPointer, replacing: string | null): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: map.pointerToItem(pointer),
          ConditionExpression: replacing === null ? NOT_EXISTS : 'complaintId = :replacing',
          ...(replacing === null ? {} : { ExpressionAttributeValues: { ':replacing': replacing } }),
        }),
      ),
    );
  }

  createComplaint(complaint: VersionedComplaint): Promise<boolean> {
    return this.#putIfAbsent(map.complaintToItem(complaint));
  }

  async getComplaint(complaintId: string): Promise<VersionedComplaint | null> {
    const item = await this.#get(complaintKey(complaintId));
    return item ? map.itemToComplaint(item) : null;
  }

  async recordMessageActivity(complaintId: string, at: string): Promise<void> {
    // Out-of-order deliveries must not move the clock back: the condition keeps the latest.
    await conditionally(() =>
      this.#update(complaintKey(complaintId), 'SET lastMessageAt = :at', { ':at': at }, 'attribute_exists(pk) AND lastMessageAt < :at'),
    );
  }

  async putReceiptAlias(receiptNo: string, complaintId: string): Promise<string> {
    if (await this.#putIfAbsent(map.receiptToItem(receiptNo, complaintId))) return complaintId;
    return (await this.findComplaintIdByReceipt(receiptNo)) ?? complaintId;
  }

  async findComplaintIdByReceipt(receiptNo: string): Promise<string | null> {
    const item = await this.#get(receiptKey(receiptNo));
    return typeof item?.complaintId === 'string' ? item.complaintId : null;
  }

  putMessage(message: Message): Promise<boolean> {
    return this.#putIfAbsent(map.messageToItem(message));
  }

  async getMessage(complaintId: string, messageId: string): Promise<Message | null> {
    const item = await this.#get(messageKey(complaintId, messageId));
    return item ? map.itemToMessage(item) : null;
  }

  updatePendingTranslation(complaintId: string, messageId: string, translation: Translation, expectedAttempts: number): Promise<boolean> {
    return conditionally(() =>
      this.#update(
        messageKey(complaintId, messageId),
        'SET #translation = :translation',
        { ':translation': compact(translation), ':pending': 'pending', ':attempts': expectedAttempts },
        '#translation.#status = :pending AND #translation.attempts = :attempts',
        { '#translation': 'translation', '#status': 'status' },
      ),
    );
  }

  // --- status lifecycle -----------------------------------------------------------------

  putStatusEvent(event: VersionedStatusEvent): Promise<boolean> {
    return this.#putIfAbsent(map.statusEventToItem(event));
  }

  async getStatusEvent(complaintId: string, version: number): Promise<VersionedStatusEvent | null> {
    const item = await this.#get(eventKey(complaintId, version));
    return item ? map.itemToStatusEvent(item) : null;
  }

  applyStatusEvent(event: VersionedStatusEvent): Promise<boolean> {
    const update = statusEventUpdate(event);
    return conditionally(() => this.#update(complaintKey(event.complaintId), update.expression, update.values, 'statusVersion = :previous', update.names));
  }

  // --- replies --------------------------------------------------------------------------

  async getReply(complaintId: string, replyId: string): Promise<Reply | null> {
    const item = await this.#get(replyKey(complaintId, replyId));
    return item ? map.itemToReply(item) : null;
  }

  putReply(reply: Reply): Promise<boolean> {
    return this.#putIfAbsent(map.replyToItem(reply));
  }

  setLanguageIfUnknown(complaintId: string, language: LanguageCode): Promise<boolean> {
    return conditionally(() =>
      this.#update(complaintKey(complaintId), 'SET #language = :language', { ':language': language, ':und': 'und' }, 'attribute_exists(pk) AND #language = :und', { '#language': 'language' }),
    );
  }

  recordSmsNoticeConsent(complaintId: string, consent: SmsNoticeConsent): Promise<boolean> {
    return conditionally(() =>
      this.#update(complaintKey(complaintId), 'SET smsNoticeConsent = :consent', { ':consent': consent }, 'attribute_exists(pk) AND attribute_not_exists(smsNoticeConsent)'),
    );
  }

  claimReplySend(complaintId: string, replyId: string, at: string, leaseUntil: string, options: { redeliver?: boolean } = {}): Promise<boolean> {
    // A reply handed to a reporting provider stays `queued`/`sent` in the item; its reports say it
    // was not delivered, which the caller has read: only then may it be claimed again.
    const redeliverable = options.redeliver ? ', :queued, :sent, :undelivered' : '';
    return conditionally(() =>
      this.#update(
        replyKey(complaintId, replyId),
        SEND_LEASE.take,
        {
          ...SEND_LEASE.values(at, leaseUntil),
          ':pending': 'pending',
          ':held': 'awaiting_translation',
          ':failed': 'failed',
          ':undeliverable': 'undeliverable',
          ':optedOut': 'opted_out',
          ...(options.redeliver ? { ':queued': 'queued', ':sent': 'sent', ':undelivered': 'undelivered' } : {}),
        },
        `attribute_exists(pk) AND delivery IN (:pending, :held, :failed, :undeliverable, :optedOut${redeliverable}) AND ${SEND_LEASE.free}`,
      ),
    );
  }

  async recordDeliveryReceipt(complaintId: string, replyId: string, receipt: DeliveryReceipt): Promise<'recorded' | 'stale' | 'missing'> {
    const recorded = await conditionally(() =>
      this.#update(
        replyKey(complaintId, replyId),
        'SET #receipt = :receipt',
        { ':receipt': compact({ ...receipt, rank: DELIVERY_RANK[receipt.status] }), ':rank': DELIVERY_RANK[receipt.status] },
        'attribute_exists(pk) AND (attribute_not_exists(#receipt) OR #receipt.#rank < :rank)',
        { '#receipt': map.receiptAttribute(receipt.providerMessageId), '#rank': 'rank' },
      ),
    );
    if (recorded) return 'recorded';
    return (await this.#get(replyKey(complaintId, replyId))) ? 'stale' : 'missing';
  }

  async updateReplyDelivery(complaintId: string, replyId: string, update: ReplyDeliveryUpdate): Promise<void> {
    const set = ['delivery = :delivery', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':delivery': update.delivery, ':at': update.at };
    const names: Record<string, string> = {};
    if (update.textSent !== undefined) {
      set.push('textSent = :textSent');
      values[':textSent'] = update.textSent;
    }
    if (update.language !== undefined) {
      set.push('#language = :language');
      values[':language'] = update.language;
      names['#language'] = 'language';
    }
    if (update.translation !== undefined) {
      set.push('#translation = :translation');
      names['#translation'] = 'translation';
      values[':translation'] = update.translation;
    }
    if (update.translationAttempts !== undefined) {
      set.push('translationAttempts = :translationAttempts');
      values[':translationAttempts'] = update.translationAttempts;
    }
    if (update.charsetFallback !== undefined) {
      set.push('charsetFallback = :charsetFallback');
      values[':charsetFallback'] = update.charsetFallback;
    }
    if (update.deliveredOtherwise !== undefined) {
      set.push('deliveredOtherwise = :deliveredOtherwise');
      values[':deliveredOtherwise'] = update.deliveredOtherwise;
    }
    if (update.providerMessageId !== undefined) {
      set.push('providerMessageId = :providerMessageId');
      values[':providerMessageId'] = update.providerMessageId;
    }
    if (update.lastError !== undefined) {
      set.push('lastError = :lastError');
      values[':lastError'] = update.lastError;
    }
    // Every delivery update ends an attempt: the send lease goes with it.
    const expression = `SET ${set.join(', ')} REMOVE ${SEND_LEASE.attribute}${update.lastError === undefined ? ', lastError' : ''}`;
    await this.#update(replyKey(complaintId, replyId), expression, values, 'attribute_exists(pk)', Object.keys(names).length > 0 ? names : undefined);
  }

  // --- reads ----------------------------------------------------------------------------

  async getComplaintDetail(complaintId: string): Promise<ComplaintDetail | null> {
    let complaint: VersionedComplaint | undefined;
    const messages: Message[] = [];
    const statusEvents: VersionedStatusEvent[] = [];
    const replies: Reply[] = [];
    const pages = queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': complaintPk(complaintId) },
      ConsistentRead: true,
    });
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === COMPLAINT_SK) complaint = map.itemToComplaint(item);
        else if (sk.startsWith(MESSAGE_SK_PREFIX)) messages.push(map.itemToMessage(item));
        else if (sk.startsWith(EVENT_SK_PREFIX)) statusEvents.push(map.itemToStatusEvent(item));
        else if (sk.startsWith(REPLY_SK_PREFIX)) replies.push(map.itemToReply(item));
      }
    }
    if (!complaint) return null;
    // Message and reply sort keys are ids, not times: order them for reading here.
    messages.sort((a, b) => (a.receivedAt === b.receivedAt ? a.messageId.localeCompare(b.messageId) : a.receivedAt.localeCompare(b.receivedAt)));
    replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { complaint, messages, statusEvents, replies };
  }

  listComplaints(query: ComplaintListQuery): Promise<ComplaintPage> {
    return listComplaintPage(this.client, this.tableName, query);
  }

  async listComplaintsByCitizen(citizenHash: string, limit: number): Promise<VersionedComplaint[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSIS.byCitizen.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSIS.byCitizen.partitionKey },
        ExpressionAttributeValues: { ':pk': citizenPartition(citizenHash) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(map.itemToComplaint);
  }

  async countOpenComplaintsByCitizen(citizenHash: string, options: { excludeComplaintId?: string } = {}): Promise<number> {
    const exclude = options.excludeComplaintId;
    // COUNT with a filter: the index holds a citizen's whole history, only the open ones are counted.
    const pages = queryPages(this.client, {
      TableName: this.tableName,
      IndexName: GSIS.byCitizen.indexName,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: `#status IN (:received, :inProgress)${exclude ? ' AND complaintId <> :exclude' : ''}`,
      ExpressionAttributeNames: { '#pk': GSIS.byCitizen.partitionKey, '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': citizenPartition(citizenHash),
        ':received': 'received',
        ':inProgress': 'in_progress',
        ...(exclude ? { ':exclude': exclude } : {}),
      },
      Select: 'COUNT',
    });
    let count = 0;
    for await (const page of pages) count += page.Count ?? 0;
    return count;
  }

  // --- helpers --------------------------------------------------------------------------

  async #get(key: Key): Promise<Item | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  #putIfAbsent(item: Item): Promise<boolean> {
    return conditionally(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: NOT_EXISTS })));
  }

  async #update(key: Key, expression: string, values: Record<string, unknown>, condition: string, names?: Record<string, string>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...(names ? { ExpressionAttributeNames: names } : {}),
      }),
    );
  }
}
