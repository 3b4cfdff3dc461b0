import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type JsonSchema, JsonSchemaType } from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { REASON_MAX, REASON_MIN } from '../../functions/core/audit/model.ts';
import { KNOWLEDGE_API_ROUTES, KNOWLEDGE_SEARCH_ROUTES, STAFF_APIS, binaryBodyTypes } from '../../functions/core/staff/staff-routes.ts';
import { PETITION_TYPES } from '../../functions/core/deadlines/petition-types.ts';
import { IAM_ROUTE_PREFIX } from '../../functions/handlers/shared/staff-context.ts';
import { X_REPLY_ENV } from '../../functions/adapters/x/x-reply-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { agentWorkspaceOrigins, connectInstanceAliasOf } from '../config/agent-workspace.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import { createCatalogFunction, type GatewayResources } from '../constructs/catalog-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import { StaffApi } from '../constructs/staff-api.ts';
import { Statistics } from '../constructs/statistics.ts';
import { WorkspaceAppHosting } from '../constructs/workspace-app-hosting.ts';
import { acknowledgeWildcardResource } from '../constructs/nag.ts';
import { AUDIT_FUNCTIONS, GATEWAY_FUNCTIONS } from '../function-catalog.ts';
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
const REPLY_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['text', 'replyId'],
  properties: {
    text: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 4000 },
    // Client-chosen idempotency key: a retried POST never sends the reply twice.
    replyId: { type: JsonSchemaType.STRING, pattern: '^[A-Za-z0-9_-]{8,64}$' },
  },
};
const UNMASK_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['reason'],
  properties: { reason: { type: JsonSchemaType.STRING, minLength: REASON_MIN, maxLength: REASON_MAX } },
};
const DELIVERED_OTHERWISE_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['note'],
  properties: { note: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 500 } },
};
const STATUS_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['status', 'reason'],
  properties: {
    status: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 40 },
    reason: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 1000 },
  },
};

const REASON = { type: JsonSchemaType.STRING, minLength: 1, maxLength: 1000 } as const;
const NAME = { type: JsonSchemaType.STRING, minLength: 1, maxLength: 100 } as const;
/** Exactly one of the two; a phone number travels in the body, never in a URL. */
const SEARCH_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  additionalProperties: false,
  properties: { receiptNo: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 64 }, phone: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 40 } },
  oneOf: [{ required: ['receiptNo'] }, { required: ['phone'] }],
};
const ASSIGNMENT_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['reason'],
  properties: { category: NAME, agency: NAME, reason: REASON },
  anyOf: [{ required: ['category'] }, { required: ['agency'] }],
};
const PETITION_TYPE_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['type', 'reason'],
  properties: { type: { type: JsonSchemaType.STRING, enum: [...PETITION_TYPES] }, reason: REASON },
};
const DEADLINE_EXTENSION_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['reason', 'extensionNumber'],
  properties: {
    reason: REASON,
    extensionNumber: { type: JsonSchemaType.INTEGER, minimum: 1, maximum: 2 },
    citizenConsent: { type: JsonSchemaType.BOOLEAN },
    amount: { type: JsonSchemaType.INTEGER, minimum: 1, maximum: 14 },
  },
};
const text = (maxLength: number): JsonSchema => ({ type: JsonSchemaType.STRING, minLength: 1, maxLength });
const EXPECTED_VERSION: JsonSchema = { type: JsonSchemaType.INTEGER, minimum: 1 };
const COMPLAINT_ID: JsonSchema = { type: JsonSchemaType.STRING, pattern: '^[A-Za-z0-9_-]{1,64}$' };
/** The knowledge routes' JSON bodies (schemas/knowledge.ts checks every field again). */
const KNOWLEDGE_BODIES: Record<string, JsonSchema> = {
  'PUT /api/knowledge/cases/{caseId}': {
    type: JsonSchemaType.OBJECT,
    required: ['expectedVersion', 'category', 'title', 'question', 'answer'],
    properties: { expectedVersion: EXPECTED_VERSION, category: text(50), title: text(300), question: text(4000), answer: text(10000) },
  },
  'POST /api/knowledge/cases/{caseId}/retire': { type: JsonSchemaType.OBJECT, required: ['expectedVersion', 'note'], properties: { expectedVersion: EXPECTED_VERSION, note: text(500) } },
  'POST /api/knowledge/cases/{caseId}/publish': { type: JsonSchemaType.OBJECT, required: ['expectedVersion', 'note'], properties: { expectedVersion: EXPECTED_VERSION, note: text(500) } },
  'POST /api/knowledge/feedback': {
    type: JsonSchemaType.OBJECT,
    required: ['complaintId', 'caseId', 'helpful'],
    properties: { complaintId: COMPLAINT_ID, caseId: text(64), helpful: { type: JsonSchemaType.BOOLEAN } },
  },
  'POST /api/knowledge/drafts': { type: JsonSchemaType.OBJECT, required: ['complaintId'], properties: { complaintId: COMPLAINT_ID } },
  'PUT /api/quick-responses/{id}': { type: JsonSchemaType.OBJECT, required: ['title', 'texts'], properties: { title: text(100), texts: { type: JsonSchemaType.OBJECT } } },
  'POST /api/quick-responses/{id}/fill': { type: JsonSchemaType.OBJECT, required: ['complaintId'], properties: { complaintId: COMPLAINT_ID } },
};

/**
 * The staff API: counselors, supervisors and auditors call /api/* with the id token of the
 * staff user pool (REQUEST authorizer; the role comes from the token's groups and each route
 * checks its own). Auditors' scripts keep SigV4: the read routes are mirrored under /iam/api/*
 * with AWS_IAM, granted by a customer-managed read-only policy.
 */
export class ComplaintsApiStack extends Stack {
  readonly restApi: GatewayRestApi;
  readonly handler: GatewayFunction;
  readonly auditApi: GatewayFunction;
  readonly serverErrorAlarm: Alarm;
  /** Held replies (no translation yet) wait here for their next attempt; consumed by replyRetry. */
  readonly replyRetryQueue: Queue;
  readonly replyRetry: GatewayFunction;
  readonly auditorPolicy: ManagedPolicy;
  readonly staffApi: StaffApi;
  readonly statistics: Statistics;
  /** The counselor workspace app (S3 + CloudFront), registered in Connect by the Voice stack. */
  readonly workspaceApp: WorkspaceAppHosting;
  /** The knowledge search function and the knowledge API function. */
  readonly knowledge: { readonly search: GatewayFunction; readonly api: GatewayFunction };

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
      // A knowledge import in CP949 must reach the function byte for byte.
      binaryMediaTypes: binaryBodyTypes(Object.values(STAFF_APIS).flat()),
    });
    const api = this.restApi.api;
    const mediaBucket = stateful.importMediaBucket(this);

    this.handler = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.complaintsApi,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: intake.eventBus,
        mediaBucket,
        audit: stateful.audit,
        ...(props.twilioStatusCallbackUrl ? { twilioStatusCallbackUrl: props.twilioStatusCallbackUrl } : {}),
      },
      functionDefaultsOf(config),
    );
    bindReplySenders(this.handler, props);
    ({ queue: this.replyRetryQueue, consumer: this.replyRetry } = this.addReplyRetries(props));
    // The counselor workspace app calls this API from its own origin, inside the Connect agent workspace or alone.
    const staffPool = { userPoolId: stateful.staff.userPool.userPoolId, clientIds: [stateful.staff.workspaceClient.userPoolClientId] };
    this.workspaceApp = new WorkspaceAppHosting(this, 'WorkspaceApp', {
      stageName: config.name,
      frameAncestors: agentWorkspaceOrigins(connectInstanceAliasOf(config)),
      removalPolicy: removalPolicyOf(config),
      config: {
        userPoolId: staffPool.userPoolId,
        clientId: stateful.staff.workspaceClient.userPoolClientId,
        apiBaseUrl: api.url.replace(/\/$/, ''),
        apiOrigin: `https://${api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      },
    });
    // Staff sign in with the user pool; the authorizer verifies the id token and passes the
    // user and roles on, each route checks the role it needs (STAFF_APIS).
    this.staffApi = new StaffApi(this, 'Staff', { api, staffPool, audit: stateful.audit, defaults: functionDefaultsOf(config), appOrigin: this.workspaceApp.origin });
    this.staffApi.addRoutes('Complaints', this.handler.function, STAFF_APIS.complaints, {
      'POST /api/complaints/{id}/replies': REPLY_BODY,
      'POST /api/complaints/{id}/status': STATUS_BODY,
      'POST /api/complaints/{id}/unmask': UNMASK_BODY,
      'POST /api/complaints/search': SEARCH_BODY,
      'POST /api/complaints/{id}/assignment': ASSIGNMENT_BODY,
      'POST /api/complaints/{id}/petition-type': PETITION_TYPE_BODY,
      'POST /api/complaints/{id}/deadline-extension': DEADLINE_EXTENSION_BODY,
      // After an undelivered SMS reply: the counselor records how the citizen was reached instead.
      'POST /api/complaints/{id}/replies/{replyId}/delivered-otherwise': DELIVERED_OTHERWISE_BODY,
    });
    // Statistics and the satisfaction survey: event-fed rollups, their API, the daily reconciliation.
    this.statistics = new Statistics(this, 'Statistics', {
      config,
      resources: {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: intake.eventBus,
        audit: stateful.audit,
      },
      alarmTopic: intake.alarmTopic,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      ...(props.chat ? { chat: props.chat } : {}),
    });
    this.staffApi.addRoutes('Statistics', this.statistics.api.function, STAFF_APIS.statistics, {});
    this.knowledge = this.addKnowledge(config, { table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames }, mediaBucket, audit: stateful.audit });
    // Auditors read, verify and review the access records (ADR 0018); its own calls are recorded too.
    this.auditApi = createCatalogFunction(this, AUDIT_FUNCTIONS.api, { audit: stateful.audit }, functionDefaultsOf(config));
    this.staffApi.addRoutes('Audit', this.auditApi.function, STAFF_APIS.audit);
    // A staff call whose access record cannot be written fails (500): no read without its record.
    // So an audit table that cannot be written shows as staff API server errors.
    this.serverErrorAlarm = new Alarm(this, 'StaffApiServerErrors', {
      alarmDescription: `${config.name}: the staff API answers 5xx; counselors cannot work. One cause: access records cannot be written to the audit table (docs/operations/auditing.md).`,
      metric: api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.serverErrorAlarm.addAlarmAction(new SnsAction(intake.alarmTopic));
    // Self-service statistics: per KST day, no personal data; the public answers themselves live in the chat channel stack.
    const selfServiceStats = createCatalogFunction(this, GATEWAY_FUNCTIONS.selfServiceStats, { table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames }, audit: stateful.audit }, functionDefaultsOf(config));
    this.staffApi.addRoutes('SelfServiceStats', selfServiceStats.function, STAFF_APIS.selfServiceStats);

    // The stage name is known (the config's), so the ARN needs no reference to the Stage resource.
    const read = api.arnForExecuteApi('GET', `${IAM_ROUTE_PREFIX}/api/*`, config.name);
    this.auditorPolicy = new ManagedPolicy(this, 'AuditorInvokePolicy', {
      description: `${config.name}: read-only SigV4 access to the complaints API (GET /iam/api/*)`,
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [read] })],
    });
    acknowledgeWildcardResource(
      this.auditorPolicy,
      read,
      'execute-api ARNs name the method and path; the wildcard stands for every read route under /iam/api of this one API and stage, never other methods, APIs or stages.',
    );

    new CfnOutput(this, 'ReplyRetryQueueUrl', { value: this.replyRetryQueue.queueUrl });
    new CfnOutput(this, 'ComplaintsApiUrl', { value: api.urlForPath('/api/complaints') });
    new CfnOutput(this, 'AuditorInvokePolicyArn', { value: this.auditorPolicy.managedPolicyArn });
  }

  /**
   * The knowledge base behind the same staff API: search in a small function of its own (it
   * holds the index; a fast cold start), everything else (import, editing) in another; both read
   * the index under knowledge-index/ of the media bucket, only the second writes it.
   */
  private addKnowledge(config: StageConfig, resources: GatewayResources): ComplaintsApiStack['knowledge'] {
    const search = createCatalogFunction(this, GATEWAY_FUNCTIONS.knowledgeSearch, resources, functionDefaultsOf(config));
    const api = createCatalogFunction(this, GATEWAY_FUNCTIONS.knowledgeApi, resources, functionDefaultsOf(config));
    this.staffApi.addRoutes('KnowledgeSearch', search.function, KNOWLEDGE_SEARCH_ROUTES);
    this.staffApi.addRoutes('Knowledge', api.function, KNOWLEDGE_API_ROUTES, KNOWLEDGE_BODIES);
    return { search, api };
  }

  /**
   * The reply retry queue and its consumer: a reply to a citizen who does not read Korean is held
   * when no translation can be made and retried from here with the inbound translation backoff
   * (docs/adr/0019-held-replies.md). The consumer sends on every channel, so it gets the API's senders.
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
  // Answers to chat citizens whose app is closed are pushed by the chat push sender: these
  // functions only publish reply.push_requested on the bus they already write (no VAPID secret).
  props.chat?.grantManageConnections(fn);
}
