import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type JsonSchema, JsonSchemaType } from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { REASON_MAX, REASON_MIN } from '../../functions/core/audit/model.ts';
import { STAFF_APIS } from '../../functions/core/staff/staff-routes.ts';
import { IAM_ROUTE_PREFIX } from '../../functions/handlers/shared/staff-context.ts';
import { X_REPLY_ENV } from '../../functions/adapters/x/x-reply-env.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import { createCatalogFunction } from '../constructs/catalog-function.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import { StaffApi } from '../constructs/staff-api.ts';
import { acknowledgeWildcardResource } from '../constructs/nag.ts';
import { AUDIT_FUNCTIONS, GATEWAY_FUNCTIONS } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
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
const STATUS_BODY: JsonSchema = {
  type: JsonSchemaType.OBJECT,
  required: ['status', 'reason'],
  properties: {
    status: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 40 },
    reason: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 1000 },
  },
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
  readonly auditorPolicy: ManagedPolicy;
  readonly staffApi: StaffApi;

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
    });
    const api = this.restApi.api;

    this.handler = createCatalogFunction(
      this,
      GATEWAY_FUNCTIONS.complaintsApi,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: intake.eventBus,
        mediaBucket: stateful.importMediaBucket(this),
        audit: stateful.audit,
      },
      functionDefaultsOf(config),
    );
    if (props.xReplies) {
      this.handler
        .bindSecret(props.xReplies.credentials, X_REPLY_ENV.secretArn)
        .addEnvironment(X_REPLY_ENV.privateSms, config.xReplyPrivateSms)
        .addEnvironment(X_REPLY_ENV.allowedPublicContacts, config.xReplyAllowedContacts.join(','));
      if (config.xReplyPrivateChatUrl) this.handler.addEnvironment(X_REPLY_ENV.privateChatUrl, config.xReplyPrivateChatUrl);
    }
    props.chat?.grantManageConnections(this.handler);
    // Staff sign in with the user pool; the authorizer verifies the id token and passes the
    // user and roles on, each route checks the role it needs (STAFF_APIS).
    this.staffApi = new StaffApi(this, 'Staff', {
      api,
      staffPool: { userPoolId: stateful.staff.userPool.userPoolId, clientIds: [stateful.staff.workspaceClient.userPoolClientId] },
      audit: stateful.audit,
      defaults: functionDefaultsOf(config),
    });
    this.staffApi.addRoutes('Complaints', this.handler.function, STAFF_APIS.complaints, {
      'POST /api/complaints/{id}/replies': REPLY_BODY,
      'POST /api/complaints/{id}/status': STATUS_BODY,
      'POST /api/complaints/{id}/unmask': UNMASK_BODY,
    });
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

    new CfnOutput(this, 'ComplaintsApiUrl', { value: api.urlForPath('/api/complaints') });
    new CfnOutput(this, 'AuditorInvokePolicyArn', { value: this.auditorPolicy.managedPolicyArn });
  }
}
