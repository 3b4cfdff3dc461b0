import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/adapters/events/eventbridge-publisher.ts';
import { alarmOnDeadLetters } from './dead-letter-alarm.ts';
import type { GatewayFunction } from './gateway-function.ts';
import { acknowledge } from './nag.ts';

export interface ChatPushSenderProps {
  readonly stageName: string;
  /** The chat push sender function (table, PII key and VAPID secret already bound). */
  readonly sender: GatewayFunction;
  /** The gateway bus the reply functions publish `reply.push_requested` on. */
  readonly eventBus: IEventBus;
  readonly alarmTopic: ITopic;
}

/** EventBridge retries a failed delivery to the function with backoff for at most this long. */
const MAX_EVENT_AGE = Duration.hours(24);

/**
 * `reply.push_requested` -> the chat push sender (docs/adr/0028-pwa-web-push.md). The reply
 * functions publish it instead of loading web-push; delivery is at least once (EventBridge and
 * Lambda asynchronous retries), the push outbox sends once per (reply, subscription), and a
 * request that never succeeds lands in a dead-letter queue that alarms on its first message.
 */
export class ChatPushSender extends Construct {
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ChatPushSenderProps) {
    super(scope, id);
    const key = new Key(this, 'Key', { description: `citizen-contact-gateway ${props.stageName}: chat push request dead letters`, enableKeyRotation: true });
    // EventBridge writes the rule target's dead letters itself (encrypted queue: the key must let it).
    key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the push request rule target and of the sender\'s asynchronous invocations; it has no consumer to fail, and an alarm fires on its first message.',
    );

    this.rule = new Rule(this, 'Rule', {
      description: 'Chat replies nobody was online for, to send by Web Push',
      eventBus: props.eventBus,
      eventPattern: { source: [EVENT_SOURCE], detailType: ['reply.push_requested'] },
      targets: [new LambdaFunction(props.sender.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 185, maxEventAge: MAX_EVENT_AGE })],
    });
    // A sender error (the table throttled) is retried by Lambda, then kept here.
    new EventInvokeConfig(this, 'AsyncFailures', { function: props.sender.function, retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });
    const policy = props.sender.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Action::${action}]`,
          'SqsDestination grants SendMessage on the push request dead-letter queue with CDK grantSendMessages, whose key actions are these prefixes; the resource is that queue\'s own key.',
        );
      }
    }
    this.deadLetterAlarm = alarmOnDeadLetters(this, 'DeadLettersAlarm', this.deadLetterQueue, props.alarmTopic, `${props.stageName}: chat replies whose Web Push request failed (chat push sender DLQ); the replies still wait in the chat`);
  }
}
