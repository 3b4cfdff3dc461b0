import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SatisfactionSurvey, SurveyAnswer } from '../../core/satisfaction/model.ts';
import type { SatisfactionStore, SurveyPreferences } from '../../core/satisfaction/ports.ts';
import { conditionally } from './conditional.ts';
import { compact } from './item-mappers.ts';
import { complaintKey } from './keys.ts';

/**
 * The satisfaction survey on the complaint item (`satisfactionSurvey`, and `satisfaction` = the
 * score once answered); every write one conditional UpdateItem on that item.
 */
export class DynamoSatisfactionStore implements SatisfactionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  claimSurvey(complaintId: string, survey: SatisfactionSurvey): Promise<boolean> {
    return this.#update(complaintId, 'SET satisfactionSurvey = :survey', 'attribute_exists(pk) AND attribute_not_exists(satisfactionSurvey)', { ':survey': compact(survey) });
  }

  retakeSend(complaintId: string, now: string, leaseUntil: string): Promise<boolean> {
    return this.#update(
      complaintId,
      'SET satisfactionSurvey.sendLeaseUntil = :until',
      'attribute_exists(satisfactionSurvey) AND attribute_not_exists(satisfactionSurvey.askedAt) AND attribute_not_exists(satisfactionSurvey.answer) AND (attribute_not_exists(satisfactionSurvey.sendLeaseUntil) OR satisfactionSurvey.sendLeaseUntil < :now)',
      { ':until': leaseUntil, ':now': now },
    );
  }

  async releaseSend(complaintId: string): Promise<void> {
    await this.#update(complaintId, 'REMOVE satisfactionSurvey.sendLeaseUntil', 'attribute_exists(satisfactionSurvey) AND attribute_not_exists(satisfactionSurvey.askedAt)', {});
  }

  markAsked(complaintId: string, askedAt: string): Promise<boolean> {
    return this.#update(complaintId, 'SET satisfactionSurvey.askedAt = :at REMOVE satisfactionSurvey.sendLeaseUntil', 'attribute_exists(satisfactionSurvey) AND attribute_not_exists(satisfactionSurvey.askedAt)', { ':at': askedAt });
  }

  recordAnswer(complaintId: string, answer: SurveyAnswer): Promise<boolean> {
    const score = answer.kind === 'score' ? ', satisfaction = :score' : '';
    return this.#update(
      complaintId,
      `SET satisfactionSurvey.answer = :answer${score}`,
      'attribute_exists(satisfactionSurvey.askedAt) AND attribute_not_exists(satisfactionSurvey.answer)',
      { ':answer': compact(answer), ...(answer.kind === 'score' ? { ':score': answer.score } : {}) },
    );
  }

  #update(complaintId: string, expression: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: complaintKey(complaintId),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }
}

/** `PREFS#<citizen hash>` / `SURVEY`: the citizen declined satisfaction questions (beside the SMS preference, ADR 0013). */
export const surveyPreferenceKey = (citizenHash: string) => ({ pk: `PREFS#${citizenHash}`, sk: 'SURVEY' });

export class DynamoSurveyPreferences implements SurveyPreferences {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hasDeclinedSurveys(citizenHash: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: surveyPreferenceKey(citizenHash), ConsistentRead: true }));
    return Item?.declined === true;
  }

  async recordSurveyDecline(citizenHash: string, at: string, sourceId: string): Promise<void> {
    await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...surveyPreferenceKey(citizenHash), type: 'citizen-survey-preference', declined: true, declinedAt: at, sourceId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}
