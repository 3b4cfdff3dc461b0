import type { SQSEvent } from 'aws-lambda';

/** An SQS batch as Lambda hands it to the intake pipeline: one record per body, first receive. */
export function sqsEvent(bodies: string[], idPrefix = 'sqs'): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `${idPrefix}-${i}`,
      receiptHandle: `rh-${i}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-northeast-2:000000000000:intake',
      awsRegion: 'ap-northeast-2',
    })),
  };
}
