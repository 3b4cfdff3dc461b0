import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AuthorizationType,
  JsonSchemaType,
  LambdaIntegration,
  Model,
  RequestValidator,
  type IModel,
} from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { X_REPLY_ENV } from '../../functions/adapters/x/x-reply-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import { createCatalogFunction } from '../constructs/catalog-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import { acknowledge, acknowledgeWildcardResource } from '../constructs/nag.ts';
import { GATEWAY_FUNCTIONS } from '../function-catalog.ts';
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR, type IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf, logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface ComplaintsApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  /** Set when the stage has the X channel: replies to X complaints are posted with these credentials. */
  readonly xReplies?: { readonly credentials: ISecret };
  /** Set when the stage has the chat channel: replies to chat citizens are pushed over its WebSocket API. */
  readonly chat?: ChatChannel;
  /** The SMS stack's status callback URL: Twilio reports each reply's delivery there. */
  readonly twilioStatusCallbackUrl?: string;
}

/** Request bodies the API accepts; the Lambda validates them again with its own schemas. */
const REPLY_BODY = {
  type: JsonSchemaType.OBJECT,
  required: ['text', 'replyId'],
  properties: {
    text: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 4000 },
    // Client-chosen idempotency key: a retried POST never sends the reply twice.
    replyId: { type: JsonSchemaType.STRING, pattern: '^[A-Za-z0-9_-]{8,64}$' },
  },
};
const DELIVERED_OTHERWISE_BODY = {
  type: JsonSchemaType.OBJECT,
  required: ['note'],
  properties: { note: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 500 } },
};
const STATUS_BODY = {
  type: JsonSchemaType.OBJECT,
  required: ['status', 'reason'],
  properties: {
    status: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 40 },
    reason: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 1000 },
  },
};

/**
 * The complaints API counselors' tools and auditors call with SigV4 (AWS_IAM on every method).
 * Two customer-managed policies express the two audiences: read-only (auditors) and
 * read + reply + status (counselor tooling).
 */
export class ComplaintsApiStack extends Stack {
  readonly restApi: GatewayRestApi;
  readonly handler: GatewayFunction;
  /** Held replies (no translation yet) wait here for their next attempt; consumed by replyRetry. */
  readonly replyRetryQueue: Queue;
  readonly replyRetry: GatewayFunction;
  readonly auditorPolicy: ManagedPolicy;
  readonly counselorPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: ComplaintsApiStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;

    this.restApi = new GatewayRestApi(this, 'ComplaintsApi', {
      restApiName: `${config.name}-complaints`,
      description: 'Complaint records: list, read, reply, change status (IAM-signed)',
      stageName: config.name,
      throttle: config.complaintsApiThrottle,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      // Counselor replies are free text in the body too.
      countBodyInspectionRules: true,
      rateLimitPerIp: 2000,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
    });
    const api = this.restApi.api;
    acknowledge(
      api,
      'AwsSolutions-COG4',
      'Callers are IAM principals (counselor tooling, auditors with the AWS CLI/SDK) authenticated by SigV4 under AWS_IAM authorization; there is no Cognito user pool by design (ADR 0003).',
    );

    this.handler = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.complaintsApi,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: intake.eventBus,
        mediaBucket: stateful.importMediaBucket(this),
        ...(props.twilioStatusCallbackUrl ? { twilioStatusCallbackUrl: props.twilioStatusCallbackUrl } : {}),
      },
      functionDefaultsOf(config),
    );
    bindReplySenders(this.handler, props);
    ({ queue: this.replyRetryQueue, consumer: this.replyRetry } = this.addReplyRetries(props));
    const integration = new LambdaIntegration(this.handler.function);
    const validator = new RequestValidator(this, 'Validator', {
      restApi: api,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const model = (id: string, schema: typeof REPLY_BODY | typeof STATUS_BODY | typeof DELIVERED_OTHERWISE_BODY): IModel =>
      new Model(this, id, { restApi: api, contentType: 'application/json', schema });

    const complaints = api.root.addResource('api').addResource('complaints');
    complaints.addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: {
        'method.request.querystring.channel': false,
        'method.request.querystring.status': false,
        'method.request.querystring.from': false,
        'method.request.querystring.to': false,
        'method.request.querystring.limit': false,
        'method.request.querystring.cursor': false,
        'method.request.querystring.order': false,
      },
    });
    const complaint = complaints.addResource('{id}');
    complaint.addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
    });
    const replies = complaint.addResource('replies');
    replies.addMethod('POST', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
      requestModels: { 'application/json': model('ReplyBody', REPLY_BODY) },
    });
    // After an undelivered SMS reply: the counselor records how the citizen was reached instead.
    replies.addResource('{replyId}').addResource('delivered-otherwise').addMethod('POST', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true, 'method.request.path.replyId': true },
      requestModels: { 'application/json': model('DeliveredOtherwiseBody', DELIVERED_OTHERWISE_BODY) },
    });
    complaint.addResource('status').addMethod('POST', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
      requestModels: { 'application/json': model('StatusBody', STATUS_BODY) },
    });

    // The stage name is known (the config's), so the ARNs need no reference to the Stage resource.
    const arn = (method: string, path: string) => api.arnForExecuteApi(method, path, config.name);
    const read = arn('GET', '/api/*');
    const reply = arn('POST', '/api/complaints/*/replies');
    const deliveredOtherwise = arn('POST', '/api/complaints/*/replies/*/delivered-otherwise');
    const changeStatus = arn('POST', '/api/complaints/*/status');
    this.auditorPolicy = new ManagedPolicy(this, 'AuditorInvokePolicy', {
      description: `${config.name}: read-only access to the complaints API (GET /api/*)`,
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [read] })],
    });
    this.counselorPolicy = new ManagedPolicy(this, 'CounselorInvokePolicy', {
      description: `${config.name}: complaints API for counselor tooling (read, reply, delivered another way, change status)`,
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [read, reply, deliveredOtherwise, changeStatus] })],
    });
    const pathWildcard =
      'execute-api ARNs name the method and path; the wildcard stands for the complaint id path segment (or, for GET /api/*, every read route of this one API and stage), never for other methods, APIs or stages.';
    for (const policy of [this.auditorPolicy, this.counselorPolicy]) acknowledgeWildcardResource(policy, read, pathWildcard);
    acknowledgeWildcardResource(this.counselorPolicy, reply, pathWildcard);
    acknowledgeWildcardResource(this.counselorPolicy, deliveredOtherwise, pathWildcard);
    acknowledgeWildcardResource(this.counselorPolicy, changeStatus, pathWildcard);

    new CfnOutput(this, 'ReplyRetryQueueUrl', { value: this.replyRetryQueue.queueUrl });
    new CfnOutput(this, 'ComplaintsApiUrl', { value: api.urlForPath('/api/complaints') });
    new CfnOutput(this, 'AuditorInvokePolicyArn', { value: this.auditorPolicy.managedPolicyArn });
    new CfnOutput(this, 'CounselorInvokePolicyArn', { value: this.counselorPolicy.managedPolicyArn });
  }

  /**
   * The reply retry queue and its consumer: a reply to a citizen who does not read Korean is held
   * when no translation can be made and retried from here with the inbound translation backoff
   * (docs/adr/0009-replies-chat-held-replies.md). The consumer sends on every channel, so it gets the API's senders.
   */
  private addReplyRetries(props: ComplaintsApiStackProps): { queue: Queue; consumer: GatewayFunction } {
    const { config, stateful, intake } = props;
    const definition = GATEWAY_FUNCTIONS.replyRetry;
    const key = new Key(this, 'ReplyRetryKey', { description: `citizen-contact-gateway ${config.name}: reply retry queue`, enableKeyRotation: true });
    const deadLetters = new Queue(this, 'ReplyRetryDeadLetters', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const queue = new Queue(this, 'ReplyRetryQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(definition.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const consumer = createCatalogFunction(
      this,
      definition,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: intake.eventBus,
        ...(props.twilioStatusCallbackUrl ? { twilioStatusCallbackUrl: props.twilioStatusCallbackUrl } : {}),
      },
      functionDefaultsOf(config),
    );
    bindReplySenders(consumer, props);
    for (const fn of [this.handler, consumer]) fn.bindQueue(queue, ENV.replyRetryQueueUrl);
    consumer.function.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 5 }));
    alarmOnDeadLetters(this, 'ReplyRetryDeadLettersAlarm', deadLetters, intake.alarmTopic, `${config.name}: held counselor replies whose retry failed ${MAX_RECEIVE_COUNT} times (reply retry DLQ)`);
    return { queue, consumer };
  }
}

/** X and chat replies: the secret and WebSocket API a function sending replies needs. */
function bindReplySenders(fn: GatewayFunction, props: ComplaintsApiStackProps): void {
  const { config } = props;
  if (props.xReplies) {
    fn.bindSecret(props.xReplies.credentials, X_REPLY_ENV.secretArn)
      .addEnvironment(X_REPLY_ENV.privateSms, config.xReplyPrivateSms)
      .addEnvironment(X_REPLY_ENV.allowedPublicContacts, config.xReplyAllowedContacts.join(','));
    if (config.xReplyPrivateChatUrl) fn.addEnvironment(X_REPLY_ENV.privateChatUrl, config.xReplyPrivateChatUrl);
  }
  props.chat?.grantManageConnections(fn);
}
