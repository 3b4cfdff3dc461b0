import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ComplaintSuggestionStore } from '../../core/knowledge/complaint-suggestions.ts';
import { conditionally } from '../dynamodb/conditional.ts';
import { complaintKey } from '../dynamodb/keys.ts';

/** Suggestions on the complaint item itself (GET /api/complaints/{id} shows them): one conditional update, never a second. */
export function createDynamoComplaintSuggestionStore(client: DynamoDBDocumentClient, tableName: string): ComplaintSuggestionStore {
  return {
    record: (complaintId, cases, at) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: complaintKey(complaintId),
            UpdateExpression: 'SET suggestedCases = :cases, suggestedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(suggestedCases)',
            ExpressionAttributeValues: { ':cases': cases, ':at': at },
          }),
        ),
      ),
  };
}
