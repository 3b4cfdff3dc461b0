import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConnectContactLink, ConnectContactLinks } from '../../core/voice/contact-links.ts';

/**
 * Contact -> complaint links in the complaint table: pk CONNECT#<contactId>, sk CONTACT, one
 * conditional put each (the first link of a contact stays). No GSI attributes: the item is only
 * ever read by its key.
 */
export const contactLinkKey = (contactId: string) => ({ pk: `CONNECT#${contactId}`, sk: 'CONTACT' });

export function createConnectContactLinks(client: DynamoDBDocumentClient, tableName: string): ConnectContactLinks {
  return {
    async put(link) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...contactLinkKey(link.contactId), type: 'connect-contact', ...link },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    },

    async get(contactId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: contactLinkKey(contactId), ConsistentRead: true }));
      if (!Item) return null;
      const { pk: _pk, sk: _sk, type: _type, ...link } = Item;
      return link as ConnectContactLink;
    },
  };
}
