import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoXPollerStateRepository } from '../../../functions/adapters/dynamodb/x-poller-state-repository.ts';
import { IntakeEnvelopeSchema } from '../../../schemas/inbound-message.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { FakeXApi } from '../../support/fake-x-api.ts';
import { APP_BEARER, CITY_ACCOUNT_ID, makeMentions } from './harness.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-2:111122223333:secret:x-credentials-AbCdEf';
const QUEUE_URL = 'https://sqs.ap-northeast-2.amazonaws.com/111122223333/intake';

describe('x-mention-poller Lambda handler (scheduled event, real wiring)', () => {
  let table: TestTable;
  let x: FakeXApi;
  const sqs = mockClient(SQSClient);
  const secrets = mockClient(SecretsManagerClient);
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await startTestTable();
    x = await FakeXApi.start({ accountId: CITY_ACCOUNT_ID, appBearerToken: APP_BEARER });
    Object.assign(process.env, {
      AWS_REGION: 'ap-northeast-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: table.store.endpoint,
      TABLE_NAME: table.tableName,
      INTAKE_QUEUE_URL: QUEUE_URL,
      X_SECRET_ARN: SECRET_ARN,
      X_ACCOUNT_ID: CITY_ACCOUNT_ID,
      X_API_BASE_URL: x.baseUrl,
      X_MONTHLY_READ_BUDGET: '10000',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: JSON.stringify({ bearerToken: APP_BEARER }) });
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries?: { Id?: string }[] }) => ({
      Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}`, MD5OfMessageBody: 'x' })),
      Failed: [],
    }));
  });

  afterAll(async () => {
    process.env = saved;
    sqs.restore();
    secrets.restore();
    await x.close();
    await table.close();
  });

  it('polls on a schedule tick, sends each mention to the intake queue and stores the cursor in the table', async () => {
    const mentions = makeMentions(3);
    for (const { tweet, author } of mentions) x.addMention(tweet, author);
    const { handler } = await import('../../../functions/handlers/x-mention-poller.ts');

    const result = await handler({ source: 'x-mention-poller-schedule' }, { awsRequestId: 'req-1' } as Context);

    expect(result).toMatchObject({ outcome: 'completed', enqueued: 3, sinceId: mentions[2]?.tweet.id });
    const bodies = sqs.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries ?? []);
    const envelopes = bodies.map((entry) => IntakeEnvelopeSchema.parse(JSON.parse(entry.MessageBody ?? '')));
    expect(envelopes.map((envelope) => envelope.kind === 'inbound' && envelope.message.providerMessageId).sort()).toEqual(
      mentions.map(({ tweet }) => tweet.id).sort(),
    );
    const state = new DynamoXPollerStateRepository(DynamoDBDocumentClient.from(table.client), table.tableName, CITY_ACCOUNT_ID);
    expect((await state.getState()).sinceId).toBe(mentions[2]?.tweet.id);
    expect(x.mentionRequests()[0]?.authorization).toBe(`Bearer ${APP_BEARER}`);
  });

  it('reads the credentials secret once per container', async () => {
    const { handler } = await import('../../../functions/handlers/x-mention-poller.ts');

    const again = await handler({}, { awsRequestId: 'req-2' } as Context);

    expect(again).toMatchObject({ outcome: 'completed', enqueued: 0 });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
