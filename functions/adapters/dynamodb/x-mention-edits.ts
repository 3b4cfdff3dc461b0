import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { messageIdFor } from '../../core/ids.ts';
import type { MentionEdit, MentionEdits } from '../../core/x/ports.ts';
import { tweetIdSortKey } from '../../core/x/tweet-id.ts';
import { conditionally } from './conditional.ts';
import { claimKey, messageKey } from './keys.ts';

/*
 * The MentionEdits port on the complaint table. The message stored for the original post id
 * (found through its claim) keeps its ids; one conditional UpdateItem sets `text` to the new
 * version, appends {tweetId, previousText, editedAt} to `edits`, remembers the newest version
 * (latestTweetIdKey, 20-digit sortable) so an older or repeated edit changes nothing, and puts
 * the translation back to pending (the poller enqueues the translate envelope). A redacted
 * message stays redacted.
 */
export class DynamoXMentionEdits implements MentionEdits {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordEdit(originalId: string, edit: MentionEdit): ReturnType<MentionEdits['recordEdit']> {
    const messageId = messageIdFor({ channel: 'x', provider: 'x-api', providerMessageId: originalId });
    const claim = await this.db.send(new GetCommand({ TableName: this.tableName, Key: claimKey(messageId), ProjectionExpression: 'complaintId', ConsistentRead: true }));
    const complaintId = claim.Item?.complaintId;
    if (typeof complaintId !== 'string') return { kind: 'not-stored' };
    const at = edit.at.toISOString();
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: messageKey(complaintId, messageId), ProjectionExpression: '#text', ExpressionAttributeNames: { '#text': 'text' }, ConsistentRead: true }),
    );
    if (typeof Item?.text !== 'string') return { kind: 'not-stored' };
    const key = tweetIdSortKey(edit.tweetId);
    const changed = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageKey(complaintId, messageId),
          UpdateExpression: 'SET #text = :text, edits = list_append(if_not_exists(edits, :none), :edit), latestTweetIdKey = :key, #translation = :pending',
          // The text read above is still the text replaced (no concurrent edit slipped in between).
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(redactedAt) AND #text = :previous AND (attribute_not_exists(latestTweetIdKey) OR latestTweetIdKey < :key)',
          ExpressionAttributeNames: { '#text': 'text', '#translation': 'translation' },
          ExpressionAttributeValues: {
            ':text': edit.text,
            ':previous': Item.text,
            ':none': [],
            ':edit': [{ tweetId: edit.tweetId, previousText: Item.text, editedAt: at }],
            ':key': key,
            ':pending': { status: 'pending', attempts: 0, updatedAt: at },
          },
        }),
      ),
    );
    return changed ? { kind: 'recorded', complaintId, messageId } : { kind: 'unchanged' };
  }
}
