import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { SnsLambdaEventSchema } from '../../schemas/sns-message.ts';
import type { IntakeEnvelope } from '../../schemas/inbound-message.ts';
import { inboundFromEumSns } from '../channels/sms/eum-to-inbound.ts';
import { lazy } from './shared/lazy.ts';
import { eumSnsDeps } from '../wiring/aws/sms-eum.ts';
import type { EumSnsDeps } from '../wiring/deps/sms-eum-sns.ts';

/** Thrown for a payload that cannot become a contact; async invoke retries, then the failure destination keeps it. */
export class RejectedSnsPayloadError extends Error {
  override readonly name = 'RejectedSnsPayloadError';
}

/**
 * SNS -> Lambda subscription for End User Messaging two-way SMS. SNS invokes this with IAM,
 * so there is no signature to check here (the HTTPS endpoint checks it). Every record is
 * validated before any is enqueued, so a bad record never half-enqueues an event.
 */
export function createEumSnsHandler(getDeps: () => Promise<EumSnsDeps>) {
  return middy(async (event: SNSEvent): Promise<void> => {
    const deps = await getDeps();
    const parsed = SnsLambdaEventSchema.safeParse(event);
    if (!parsed.success) throw new RejectedSnsPayloadError(`not an SNS event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const envelopes: IntakeEnvelope[] = [];
    for (const record of parsed.data.Records) {
      if (record.Sns.TopicArn !== deps.expectedTopicArn) {
        throw new RejectedSnsPayloadError(`message ${record.Sns.MessageId} came from an unexpected topic`);
      }
      const mapped = inboundFromEumSns(record.Sns, deps.clock.now());
      if (!mapped.ok) throw new RejectedSnsPayloadError(`message ${record.Sns.MessageId}: ${mapped.reason}`);
      envelopes.push({ kind: 'inbound', message: mapped.inbound });
    }
    await deps.intake.send(envelopes);
    deps.log.info('two-way sms accepted', { count: envelopes.length });
  });
}

export const handler = createEumSnsHandler(lazy(eumSnsDeps));
