import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CitizenPreferences, SmsPreference } from '../../core/ports/citizen-preferences.ts';
import { conditionally } from './conditional.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/** A HELP answer marker only has to outlive the provider's redeliveries of that message. */
const HELP_MARKER_TTL_S = 7 * 24 * 3600;

/**
 * Citizen-level items of the complaint table, keyed by the citizen's handle hash (never the
 * number): `PREFS#<hash>` / `SMS` holds the SMS opt-out state, `PREFS#<hash>` / `HELP#<messageId>`
 * marks a HELP message as answered (removed by TTL after a week). The opt-out state is kept
 * until the citizen opts back in.
 */
export const smsPreferenceKey = (citizenHash: string) => ({ pk: `PREFS#${citizenHash}`, sk: 'SMS' });
export const helpAnswerKey = (citizenHash: string, messageId: string) => ({ pk: `PREFS#${citizenHash}`, sk: `HELP#${messageId}` });

export class DynamoCitizenPreferences implements CitizenPreferences {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getSmsPreference(citizenHash: string): Promise<SmsPreference | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: smsPreferenceKey(citizenHash), ConsistentRead: true }));
    if (!Item) return null;
    return {
      optedOut: Item.optedOut === true,
      changedAt: String(Item.changedAt),
      keyword: String(Item.keyword),
      handledBy: Item.handledBy === 'provider' ? 'provider' : 'gateway',
      messageId: String(Item.messageId),
    };
  }

  recordSmsPreference(citizenHash: string, preference: SmsPreference): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: smsPreferenceKey(citizenHash),
          UpdateExpression: 'SET #type = :type, optedOut = :optedOut, changedAt = :at, keyword = :keyword, handledBy = :handledBy, messageId = :messageId',
          // Last keyword wins by the time the citizen sent it; the message id breaks a tie deterministically.
          ConditionExpression: 'attribute_not_exists(pk) OR changedAt < :at OR (changedAt = :at AND messageId < :messageId)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'citizen-sms-preference',
            ':optedOut': preference.optedOut,
            ':at': preference.changedAt,
            ':keyword': preference.keyword,
            ':handledBy': preference.handledBy,
            ':messageId': preference.messageId,
          },
        }),
      ),
    );
  }

  claimHelpAnswer(citizenHash: string, messageId: string, at: string): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...helpAnswerKey(citizenHash, messageId),
            type: 'citizen-help-answer',
            answeredAt: at,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(at) / 1000) + HELP_MARKER_TTL_S,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}
