import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { VideoContactLink } from '../../core/video/model.ts';
import type { VideoContactLinks } from '../../core/video/ports.ts';

/**
 * Video contact -> call links in the complaint table: pk CONNECT#<contactId>, sk VIDEO, beside
 * (never instead of) the workspace contact links' CONTACT item. One conditional put: the first
 * link of a contact stays. Read only by its key.
 */
export const videoContactLinkKey = (contactId: string) => ({ pk: `CONNECT#${contactId}`, sk: 'VIDEO' });

export function createVideoContactLinks(client: DynamoDBDocumentClient, tableName: string): VideoContactLinks {
  return {
    async put(link) {
      try {
        await client.send(
          new PutCommand({ TableName: tableName, Item: { ...videoContactLinkKey(link.contactId), type: 'video-contact', ...link }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    },

    async get(contactId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: videoContactLinkKey(contactId), ConsistentRead: true }));
      if (!Item) return null;
      const { pk: _pk, sk: _sk, type: _type, ...link } = Item;
      return link as VideoContactLink;
    },
  };
}
