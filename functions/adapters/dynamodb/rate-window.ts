import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateWindow } from '../../core/chat/ports.ts';
import { conditionally } from './conditional.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/**
 * Counts one event in a fixed window: one conditional UpdateItem on the window's own item, so the
 * count holds across Lambda containers; false (not counted) once the window is full. The item
 * expires by TTL a minute after its window ends.
 */
export function countInWindow(client: DynamoDBDocumentClient, tableName: string, key: { pk: string; sk: string }, type: string, window: RateWindow): Promise<boolean> {
  return conditionally(() =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD messages :one',
        ConditionExpression: 'attribute_not_exists(messages) OR messages < :limit',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':type': type,
          ':ttl': Math.ceil((window.start + window.lengthMs) / 1000) + 60,
          ':one': 1,
          ':limit': window.limit,
        },
      }),
    ),
  );
}
