import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WorkspaceChat, WorkspaceChats } from '../../core/voice/agent-workspace.ts';
import { conditionally } from '../dynamodb/conditional.ts';

/**
 * The chat contact of each complaint in the complaint table: pk CONNECT#COMPLAINT#<complaintId>,
 * sk CHAT. The participant token is stored sealed (PII key): table readers such as auditors must
 * not be able to post into a citizen's chat. No GSI attributes: read by key only.
 */
export const workspaceChatKey = (complaintId: string) => ({ pk: `CONNECT#COMPLAINT#${complaintId}`, sk: 'CHAT' });

export function createWorkspaceChats(client: DynamoDBDocumentClient, tableName: string): WorkspaceChats {
  return {
    async get(complaintId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: workspaceChatKey(complaintId), ConsistentRead: true }));
      if (!Item) return null;
      const chat: WorkspaceChat = {
        complaintId: String(Item.complaintId),
        contactId: String(Item.contactId),
        messageId: String(Item.messageId ?? ''),
        participantTokenSealed: String(Item.participantTokenSealed),
        startedAt: String(Item.startedAt),
      };
      return typeof Item.endedAt === 'string' ? { ...chat, endedAt: Item.endedAt } : chat;
    },

    async put(chat) {
      await conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...workspaceChatKey(chat.complaintId), type: 'workspace-chat', ...chat },
            // An ended chat, or one started for an earlier message, is replaced; a redelivered start of
            // the live chat (or of an earlier one) does nothing.
            ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(endedAt) OR startedAt < :startedAt',
            ExpressionAttributeValues: { ':startedAt': chat.startedAt },
          }),
        ),
      );
    },

    async markEnded(complaintId, contactId, at) {
      await conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: workspaceChatKey(complaintId),
            UpdateExpression: 'SET endedAt = if_not_exists(endedAt, :at)',
            // Only the chat that ended: a newer chat started meanwhile stays open.
            ConditionExpression: 'contactId = :contactId',
            ExpressionAttributeValues: { ':at': at, ':contactId': contactId },
          }),
        ),
      );
    },
  };
}
