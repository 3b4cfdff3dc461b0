import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { EumSmsEventSchema } from '../../schemas/sms-delivery-reports.ts';
import { SnsLambdaEventSchema } from '../../schemas/sns-message.ts';
import { eumDeliveryStatus } from '../channels/sms/delivery-status.ts';
import { recordDeliveryReport } from '../core/delivery-reports.ts';
import { lazy } from './shared/lazy.ts';
import { eumEventsDeps } from '../wiring/aws/sms-eum-events.ts';
import type { EumEventsDeps } from '../wiring/deps/sms-eum-events.ts';

/** A payload that is not an SNS-delivered End User Messaging event; async invoke retries, then the failure destination keeps it. */
export class RejectedSmsEventError extends Error {
  override readonly name = 'RejectedSmsEventError';
}

function parseEvent(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    return null;
  }
}

/**
 * SNS -> Lambda subscription of the reply configuration set's event destination: End User
 * Messaging SMS events. An event whose Context names a reply is recorded on it; events of other
 * messages (chat codes, reservation notices) and non-SMS events are acknowledged and ignored. A
 * payload that is not an event fails the invocation, so SNS/Lambda retries keep it.
 */
export function createEumEventsHandler(getDeps: () => Promise<EumEventsDeps>) {
  return middy(async (event: SNSEvent): Promise<void> => {
    const deps = await getDeps();
    const parsed = SnsLambdaEventSchema.safeParse(event);
    if (!parsed.success) throw new RejectedSmsEventError(`not an SNS event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    for (const record of parsed.data.Records) {
      const smsEvent = EumSmsEventSchema.safeParse(parseEvent(record.Sns.Message));
      if (!smsEvent.success) throw new RejectedSmsEventError(`message ${record.Sns.MessageId} is not an End User Messaging event`);
      const { eventType, messageId, isFinal, context } = smsEvent.data;
      const status = eumDeliveryStatus(eventType, isFinal === true);
      const complaintId = context?.complaintId;
      const replyId = context?.replyId;
      if (status === null || !complaintId || !replyId) {
        deps.log.debug('sms event not about a reply', { eventType });
        continue;
      }
      await recordDeliveryReport(deps.reports, {
        complaintId,
        replyId,
        providerMessageId: messageId,
        status,
        ...(status === 'undelivered' ? { errorCode: eventType } : {}),
        provider: 'aws-eum',
      });
    }
  });
}

export const handler = createEumEventsHandler(lazy(eumEventsDeps));
