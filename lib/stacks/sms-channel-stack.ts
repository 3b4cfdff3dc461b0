import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { LambdaIntegration } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { CfnConfigurationSet } from 'aws-cdk-lib/aws-smsvoice';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { createCatalogFunction } from '../constructs/catalog-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import { replyConfigurationSetName } from '../constructs/sms-configuration-set.ts';
import { acknowledge } from '../constructs/nag.ts';
import { MO_WEBHOOK_PATH } from '../../schemas/sms-mo-webhook.ts';
import { GATEWAY_FUNCTIONS } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf, logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface SmsChannelStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
}

export const TWILIO_WEBHOOK_PATH = '/sms/twilio';
/** Twilio status callbacks of replies: `<path>/{complaintId}/{replyId}` (functions/handlers/sms-twilio-status.ts). */
export const TWILIO_STATUS_PATH = '/sms/twilio/status';

/**
 * Inbound SMS/MMS: Twilio's signed webhook and the signed MO webhook of Korean relays on a public
 * REST API, and End User Messaging two-way SMS on an SNS topic. All only verify, validate and enqueue.
 */
export class SmsChannelStack extends Stack {
  readonly webhookApi: GatewayRestApi;
  readonly twilioWebhook: GatewayFunction;
  readonly moWebhook: GatewayFunction;
  readonly inboundSmsTopic: Topic;
  readonly eumInbound: GatewayFunction;
  readonly eumFailedEvents: Queue;
  /** The StatusCallback base the reply senders give Twilio (their functions get it as TWILIO_STATUS_CALLBACK_URL). */
  readonly twilioStatusCallbackUrl: string;

  constructor(scope: Construct, id: string, props: SmsChannelStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    const defaults = functionDefaultsOf(config);

    // --- Twilio webhook -------------------------------------------------------------------
    this.webhookApi = new GatewayRestApi(this, 'WebhookApi', {
      restApiName: `${config.name}-sms-webhooks`,
      description: 'SMS provider webhooks (Twilio- and relay-signed; no IAM)',
      stageName: config.name,
      throttle: config.smsWebhookThrottle,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      countBodyInspectionRules: true,
    });
    const api = this.webhookApi.api;
    // Twilio signs the URL configured in its console; by default the execute-api origin (the
    // handler appends the request path, which includes the stage).
    const publicBaseUrl = config.publicBaseUrl ?? `https://${api.restApiId}.execute-api.${this.region}.${this.urlSuffix}`;

    this.twilioWebhook = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.smsTwilioWebhook,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        intakeQueue: intake.intakeQueue,
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        publicBaseUrl,
      },
      defaults,
    );
    const twilioMethod = api.root
      .resourceForPath(TWILIO_WEBHOOK_PATH)
      .addMethod('POST', new LambdaIntegration(this.twilioWebhook.function));
    acknowledge(
      twilioMethod,
      'AwsSolutions-APIG4',
      'Twilio cannot sign requests with SigV4 or present a token: it signs each request with X-Twilio-Signature (HMAC-SHA1 with the account auth token), which the Lambda verifies before any other work and answers 403 otherwise.',
    );
    acknowledge(
      twilioMethod,
      'AwsSolutions-COG4',
      'The caller is Twilio, not a Cognito user; requests are authenticated by the X-Twilio-Signature HMAC verified in the Lambda.',
    );
    acknowledge(
      api,
      'AwsSolutions-APIG2',
      'Twilio posts application/x-www-form-urlencoded bodies, which API Gateway models (JSON Schema) cannot validate; the Lambda validates them with the zod schema schemas/twilio-sms.ts after checking the signature. The MO webhook signs the raw JSON body, so it is verified byte for byte before it is parsed and validated (schemas/sms-mo-webhook.ts).',
    );

    // --- Signed MO webhook for Korean relays (Twilio has no two-way SMS in South Korea) ----------
    this.moWebhook = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.smsMoWebhook,
      { intakeQueue: intake.intakeQueue, moWebhookSecret: stateful.secrets.moWebhook },
      defaults,
    );
    const moMethod = api.root.resourceForPath(MO_WEBHOOK_PATH).addMethod('POST', new LambdaIntegration(this.moWebhook.function));
    acknowledge(
      moMethod,
      'AwsSolutions-APIG4',
      'The caller is an SMS relay outside AWS: it signs each request with X-Gateway-Signature (timestamped HMAC-SHA256 with a shared key), which the Lambda verifies over the raw body before any other work and answers 403 otherwise.',
    );
    acknowledge(
      moMethod,
      'AwsSolutions-COG4',
      'The caller is an SMS relay, not a Cognito user; requests are authenticated by the X-Gateway-Signature HMAC verified in the Lambda.',
    );

    // --- Twilio status callbacks of replies ---------------------------------------------------
    const twilioStatus = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.smsTwilioStatus,
      { table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames }, twilioSecret: stateful.secrets.twilio, publicBaseUrl },
      defaults,
    );
    const statusMethod = api.root
      .resourceForPath(`${TWILIO_STATUS_PATH}/{complaintId}/{replyId}`)
      .addMethod('POST', new LambdaIntegration(twilioStatus.function));
    acknowledge(
      statusMethod,
      'AwsSolutions-APIG4',
      'Twilio cannot sign requests with SigV4: its status callbacks carry X-Twilio-Signature (HMAC-SHA1 with the account auth token), which the Lambda verifies before recording anything and answers 403 otherwise.',
    );
    acknowledge(statusMethod, 'AwsSolutions-COG4', 'The caller is Twilio, not a Cognito user; status callbacks are authenticated by the X-Twilio-Signature HMAC verified in the Lambda.');
    this.twilioStatusCallbackUrl = config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/+$/, '')}${TWILIO_STATUS_PATH}` : api.urlForPath(TWILIO_STATUS_PATH);

    // --- End User Messaging two-way SMS -----------------------------------------------------
    const smsKey = new Key(this, 'InboundSmsKey', {
      description: `citizen-contact-gateway ${config.name}: inbound SMS topic`,
      enableKeyRotation: true,
    });
    const fromEumInThisAccount = {
      StringEquals: { 'aws:SourceAccount': this.account },
      ArnLike: { 'aws:SourceArn': `arn:${this.partition}:sms-voice:${this.region}:${this.account}:*` },
    };
    smsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromEumInThisAccount,
      }),
    );
    this.inboundSmsTopic = new Topic(this, 'InboundSms', {
      displayName: `${config.name} inbound SMS (End User Messaging two-way)`,
      masterKey: smsKey,
      enforceSSL: true,
    });
    this.inboundSmsTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.inboundSmsTopic.topicArn],
        conditions: fromEumInThisAccount,
      }),
    );

    this.eumInbound = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.smsEumSns,
      { intakeQueue: intake.intakeQueue, smsTopic: this.inboundSmsTopic },
      defaults,
    );
    this.inboundSmsTopic.addSubscription(new LambdaSubscription(this.eumInbound.function));

    // SNS invokes Lambda asynchronously: after Lambda's retries, the event lands here, not nowhere.
    this.eumFailedEvents = new Queue(this, 'EumFailedEvents', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: smsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.eumFailedEvents,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the End User Messaging Lambda (async invoke on-failure); it is alarmed and drained by an operator, never consumed automatically.',
    );
    this.eumInbound.allowSendTo(this.eumFailedEvents);
    new EventInvokeConfig(this, 'EumInboundAsyncFailures', {
      function: this.eumInbound.function,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: { bind: () => ({ destination: this.eumFailedEvents.queueArn }) },
    });
    alarmOnDeadLetters(
      this,
      'EumFailedEventsAlarm',
      this.eumFailedEvents,
      intake.alarmTopic,
      `${config.name}: End User Messaging SMS the gateway could not enqueue (async failures)`,
    );

    if (config.smsSender === 'aws-eum') this.addEumDeliveryEvents(config, stateful, smsKey, fromEumInThisAccount);

    new CfnOutput(this, 'TwilioWebhookUrl', { value: api.urlForPath(TWILIO_WEBHOOK_PATH) });
    new CfnOutput(this, 'TwilioSignedBaseUrl', { value: publicBaseUrl });
    new CfnOutput(this, 'MoWebhookUrl', { value: api.urlForPath(MO_WEBHOOK_PATH) });
    new CfnOutput(this, 'InboundSmsTopicArn', { value: this.inboundSmsTopic.topicArn });
  }

  /**
   * Delivery events of replies sent through End User Messaging: the configuration set the reply
   * senders name (SMS_CONFIGURATION_SET) has an SNS event destination for every SMS event
   * (TEXT_ALL), and the events Lambda records each one on its reply. SNS invokes it asynchronously:
   * after Lambda's retries a failed event lands in the same failure queue as inbound SMS.
   */
  private addEumDeliveryEvents(config: StageConfig, stateful: StatefulStack, key: Key, fromEumInThisAccount: Record<string, unknown>): void {
    const topic = new Topic(this, 'SmsDeliveryEvents', { displayName: `${config.name} SMS delivery events (End User Messaging)`, masterKey: key, enforceSSL: true });
    topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: fromEumInThisAccount,
      }),
    );
    const configurationSet = new CfnConfigurationSet(this, 'ReplyConfigurationSet', {
      configurationSetName: replyConfigurationSetName(config),
      eventDestinations: [{ eventDestinationName: 'delivery-reports', enabled: true, matchingEventTypes: ['TEXT_ALL'], snsDestination: { topicArn: topic.topicArn } }],
    });
    configurationSet.node.addDependency(topic);
    const events = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.smsEumEvents,
      { table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames } },
      functionDefaultsOf(config),
    );
    topic.addSubscription(new LambdaSubscription(events.function));
    events.allowSendTo(this.eumFailedEvents);
    new EventInvokeConfig(this, 'EumDeliveryEventsAsyncFailures', {
      function: events.function,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: { bind: () => ({ destination: this.eumFailedEvents.queueArn }) },
    });
    new CfnOutput(this, 'ReplyConfigurationSetName', { value: replyConfigurationSetName(config) });
  }
}
