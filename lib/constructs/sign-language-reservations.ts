import { ArnFormat, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  AuthorizationType,
  JsonSchemaType,
  LambdaIntegration,
  Model,
  RequestValidator,
} from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule, ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RESERVATION_ENV } from '../../functions/wiring/aws/reservations-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import type { SlotScheduleInput } from '../../schemas/reservation-schedule.ts';
import { RESERVATION_FUNCTIONS } from '../function-catalog.ts';
import { connectStatement, contactsOf } from './contact-center/connect-authorization.ts';
import { alarmOnDeadLetters } from './dead-letter-alarm.ts';
import { GatewayFunction, type LogLevel } from './gateway-function.ts';
import { GatewayRestApi } from './gateway-rest-api.ts';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';

/** How confirmation and reminder notices leave: the stage's SMS sender. */
export type ReservationSmsConfig =
  | { readonly kind: 'twilio'; readonly secret: ISecret; readonly fromNumber: string }
  | { readonly kind: 'aws-eum'; readonly originationIdentityArn: string };

/** Where a reservation's counselling task is started. */
export interface SignLanguageConnectTarget {
  /** arn:aws:connect:<region>:<account>:instance/<id> (a literal or the voice stack's token). */
  readonly instanceArn: string;
  /** Flow that sets the working queue from the `queueId` attribute and transfers to queue. */
  readonly contactFlowId: string;
  readonly queueId: string;
}

export interface SignLanguageReservationsProps {
  readonly stageName: string;
  readonly table: { readonly table: ITable; readonly indexNames: readonly string[] };
  readonly intakeQueue: IQueue;
  readonly piiSecret: ISecret;
  readonly sms: ReservationSmsConfig;
  readonly connect: SignLanguageConnectTarget;
  /** RESERVATION_SCHEDULE; unset: the functions' defaults (weekdays 09:00-18:00 KST, 30 min, 2 counsellors). */
  readonly schedule?: SlotScheduleInput;
  /** @default 5 minutes */
  readonly sweepRate?: Duration;
  readonly alarmTopic: ITopic;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
}


/** Connect retries throttling with backoff inside one invocation; the sweep walks every open reservation. */
export const RESERVATION_TASK_TIMEOUT = Duration.seconds(60);

/** The booking body as API Gateway checks it; the Lambda validates it again with zod (schemas/reservation-api.ts). */
const BOOKING_BODY = {
  type: JsonSchemaType.OBJECT,
  required: ['requestId', 'citizen', 'slot', 'contactPreference'],
  properties: {
    requestId: { type: JsonSchemaType.STRING, pattern: '^[A-Za-z0-9_-]{8,64}$' },
    citizen: { type: JsonSchemaType.OBJECT },
    slot: { type: JsonSchemaType.STRING, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' },
    contactPreference: { type: JsonSchemaType.STRING, enum: ['chat', 'sms', 'video'] },
    language: { type: JsonSchemaType.STRING, enum: ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] },
    note: { type: JsonSchemaType.STRING, maxLength: 1000 },
  },
};

/**
 * Sign-language video counselling reservations (issue 3, ADR 0007): the reservations REST API
 * (AWS_IAM), the reservation-task Lambda that EventBridge Scheduler invokes for reminders, task
 * starts and the recurring sweep, a schedule group the functions may create and delete one-time
 * schedules in, the execution role Scheduler assumes (it can invoke the task function and write
 * to the dead-letter queue, nothing else), StartTaskContact on the Connect instance, and alarms.
 */
export class SignLanguageReservations extends Construct {
  readonly api: GatewayRestApi;
  readonly apiFunction: GatewayFunction;
  readonly taskFunction: GatewayFunction;
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  readonly sweepSchedule: CfnSchedule;
  readonly counselorPolicy: ManagedPolicy;
  readonly bookingPolicy: ManagedPolicy;
  readonly alarms: readonly Alarm[];
  /** ARN of the task function, built from its fixed name (the function's own environment names it). */
  readonly taskFunctionArn: string;

  constructor(scope: Construct, id: string, props: SignLanguageReservationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const sweepRate = props.sweepRate ?? Duration.minutes(5);
    const common = {
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      logLevel: props.logLevel ?? 'INFO',
    } as const;

    // --- scheduling: group, dead letters, the role Scheduler assumes --------------------------
    // Deleting the group deletes its pending one-time schedules; the reservations that owed them
    // stay in the table. A retained group would block redeploying the stack under the same name.
    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: `cgw-${props.stageName}-reservations`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const groupName = this.scheduleGroup.scheduleGroupName;

    // Work payloads are ids and kinds only (no personal data): SQS-managed encryption lets
    // Scheduler and Lambda write without a key grant.
    this.deadLetterQueue = new Queue(this, 'ScheduledWorkDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the reservation schedules (Scheduler DeadLetterConfig) and of the task function (on-failure destination); it is alarmed on the first message.',
    );

    // Fixed name: the task function schedules its own follow-up work (sweep), so its environment
    // needs its own ARN, which a GetAtt on itself cannot give (circular reference).
    const taskFunctionName = `cgw-${props.stageName}-reservation-task`;
    this.taskFunctionArn = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: taskFunctionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      // Only schedules of this group (and this account) can make Scheduler assume the role.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
      description: `EventBridge Scheduler running sign-language reservation work (${props.stageName})`,
    });
    // The unqualified ARN only: schedules target the function itself, never a version or alias.
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.taskFunctionArn] }));
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));

    // --- functions ----------------------------------------------------------------------------
    const connect = connectIdsOf(props.connect);
    const environment: Record<string, string> = {
      [RESERVATION_ENV.scheduleGroup]: groupName,
      [RESERVATION_ENV.taskFunctionArn]: this.taskFunctionArn,
      [RESERVATION_ENV.schedulerRoleArn]: this.schedulerRole.roleArn,
      [RESERVATION_ENV.schedulerDeadLetterArn]: this.deadLetterQueue.queueArn,
      [RESERVATION_ENV.connectInstanceId]: connect.instanceId,
      [RESERVATION_ENV.contactFlowId]: props.connect.contactFlowId,
      [RESERVATION_ENV.queueId]: props.connect.queueId,
      ...(props.schedule ? { [RESERVATION_ENV.schedule]: JSON.stringify(props.schedule) } : {}),
    };

    this.apiFunction = new GatewayFunction(this, 'Api', {
      entry: RESERVATION_FUNCTIONS.api.entry,
      description: RESERVATION_FUNCTIONS.api.description,
      serviceName: RESERVATION_FUNCTIONS.api.name,
      timeout: Duration.seconds(15),
      environment,
      ...common,
    });
    this.taskFunction = new GatewayFunction(this, 'Task', {
      entry: RESERVATION_FUNCTIONS.task.entry,
      description: RESERVATION_FUNCTIONS.task.description,
      serviceName: RESERVATION_FUNCTIONS.task.name,
      timeout: RESERVATION_TASK_TIMEOUT,
      environment,
      ...common,
    });
    (this.taskFunction.function.node.defaultChild as CfnFunction).functionName = taskFunctionName;

    for (const fn of [this.apiFunction, this.taskFunction]) {
      fn.bindTable(props.table.table, 'readWrite', props.table.indexNames)
        .bindQueue(props.intakeQueue)
        .bindSecret(props.piiSecret, ENV.piiSecretArn)
        .addEnvironment(ENV.smsSender, props.sms.kind);
      if (props.sms.kind === 'twilio') {
        fn.bindSecret(props.sms.secret, ENV.twilioSecretArn).addEnvironment(ENV.twilioFromNumber, props.sms.fromNumber);
      } else {
        fn.allowSendSms(props.sms.originationIdentityArn);
      }
      this.allowScheduling(fn, groupName);
    }

    // Only the task function starts the counselling task (at the reserved time).
    const contacts = contactsOf(props.connect.instanceArn);
    this.taskFunction.role.addToPrincipalPolicy(
      connectStatement('StartTaskContact', { contact: [contacts], 'contact-flow': [`${props.connect.instanceArn}/contact-flow/${props.connect.contactFlowId}`] }),
    );
    acknowledgeWildcardResource(
      defaultPolicyOf(this.taskFunction),
      contacts,
      'StartTaskContact authorizes on the contact it creates, whose id Connect assigns; the grant is the contacts of this one instance, started through the one sign-language flow.',
    );

    // Scheduler invokes Lambda asynchronously, so its retry policy only covers delivery. Failures
    // of the function itself are retried by Lambda, then land in the same dead-letter queue.
    new EventInvokeConfig(this, 'TaskAsyncInvoke', {
      function: this.taskFunction.function,
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.sweepSchedule = new CfnSchedule(this, 'SweepSchedule', {
      groupName,
      description: `Sign-language reservations sweep every ${sweepRate.toHumanString()}: stale bookings, owed notices, abandoned seats`,
      scheduleExpression: `rate(${sweepRate.toMinutes()} ${sweepRate.toMinutes() === 1 ? 'minute' : 'minutes'})`,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.taskFunctionArn,
        roleArn: this.schedulerRole.roleArn,
        input: JSON.stringify({ kind: 'sweep' }),
        // The next tick sweeps again: no delivery retries on top.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });
    this.sweepSchedule.node.addDependency(this.taskFunction);

    // --- REST API -----------------------------------------------------------------------------
    this.api = new GatewayRestApi(this, 'ReservationsApi', {
      restApiName: `${props.stageName}-reservations`,
      description: 'Sign-language video counselling reservations (IAM-signed)',
      stageName: props.stageName,
      throttle: props.throttle,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      // Notes are free text.
      countBodyInspectionRules: true,
      rateLimitPerIp: 2000,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
    });
    const restApi = this.api.api;
    acknowledge(
      restApi,
      'AwsSolutions-COG4',
      'Callers are IAM principals (counsellor tooling, the citizen page back end) signing with SigV4 under AWS_IAM authorization; there is no Cognito user pool by design (ADR 0003).',
    );
    const integration = new LambdaIntegration(this.apiFunction.function);
    const validator = new RequestValidator(this, 'Validator', { restApi, validateRequestBody: true, validateRequestParameters: true });
    const path = { 'method.request.path.id': true };

    const reservations = restApi.root.addResource('reservations');
    reservations.addResource('slots').addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.querystring.from': true, 'method.request.querystring.to': false },
    });
    reservations.addMethod('GET', integration, { requestValidator: validator, requestParameters: { 'method.request.querystring.date': true } });
    reservations.addMethod('POST', integration, {
      requestValidator: validator,
      requestModels: { 'application/json': new Model(this, 'BookingBody', { restApi, contentType: 'application/json', schema: BOOKING_BODY }) },
    });
    reservations.addResource('scheduled-work').addMethod('GET', integration, {
      requestValidator: validator,
      requestParameters: { 'method.request.querystring.reservationId': false },
    });
    const reservation = reservations.addResource('{id}');
    reservation.addMethod('GET', integration, { requestValidator: validator, requestParameters: path });
    // Bodies are optional ({reason?, counselor?}), which a JSON model cannot express for an empty body.
    reservation.addResource('cancel').addMethod('POST', integration, { requestValidator: validator, requestParameters: path });
    reservation.addResource('no-show').addMethod('POST', integration, { requestValidator: validator, requestParameters: path });

    const arn = (method: string, route: string) => restApi.arnForExecuteApi(method, route, props.stageName);
    const everything = [arn('GET', '/reservations'), arn('POST', '/reservations'), arn('GET', '/reservations/*'), arn('POST', '/reservations/*')];
    this.counselorPolicy = new ManagedPolicy(this, 'CounselorInvokePolicy', {
      description: `${props.stageName}: sign-language reservations API for counsellors (every route)`,
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: everything })],
    });
    // The citizen page's back end: list slots, book, read and cancel; never a day's list or no-show.
    const booking = [arn('GET', '/reservations/slots'), arn('POST', '/reservations'), arn('GET', '/reservations/*'), arn('POST', '/reservations/*/cancel')];
    this.bookingPolicy = new ManagedPolicy(this, 'BookingInvokePolicy', {
      description: `${props.stageName}: sign-language reservations API for the citizen page back end (slots, book, read, cancel)`,
      statements: [new PolicyStatement({ actions: ['execute-api:Invoke'], resources: booking })],
    });
    const pathWildcard =
      'execute-api ARNs name method and path; the wildcard is the reservation id segment (or the read routes under /reservations) of this one API and stage, never other methods, APIs or stages.';
    for (const [policy, resources] of [
      [this.counselorPolicy, everything],
      [this.bookingPolicy, booking],
    ] as const) {
      for (const resource of resources) if (resource.includes('*')) acknowledgeWildcardResource(policy, resource, pathWildcard);
    }

    // --- alarms -------------------------------------------------------------------------------
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.alarmTopic));
      return created;
    };
    this.alarms = [
      alarmOnDeadLetters(
        this,
        'ScheduledWorkDeadLettersAlarm',
        this.deadLetterQueue,
        props.alarmTopic,
        `${props.stageName}: reservation work (reminder, Connect task start, sweep) failed after retries; a citizen may not be reminded or called. Replay from the queue (docs/channels/sign-language-reservations.md).`,
      ),
      alarm(
        'TaskErrors',
        `${props.stageName}: the reservation-task function keeps failing (Connect, SMS or the table); Lambda retries, then dead-letters the work.`,
        this.taskFunction.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(15) }),
        3,
      ),
      // The API handler turns exceptions into 500 answers, so the Lambda Errors metric stays flat.
      alarm(
        'ApiServerErrors',
        `${props.stageName}: the reservations API answers 5xx; citizens cannot book or cancel.`,
        restApi.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
        5,
      ),
    ];

    new CfnOutput(this, 'ReservationsApiUrl', { value: restApi.urlForPath('/reservations') });
    new CfnOutput(this, 'CounselorInvokePolicyArn', { value: this.counselorPolicy.managedPolicyArn });
    new CfnOutput(this, 'BookingInvokePolicyArn', { value: this.bookingPolicy.managedPolicyArn });
    new CfnOutput(this, 'ScheduledWorkDeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
  }

  /** Create and delete one-time schedules of this group, handing Scheduler only its own role. */
  private allowScheduling(fn: GatewayFunction, groupName: string): void {
    const schedules = Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` });
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], resources: [schedules] }));
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    acknowledgeWildcardResource(
      defaultPolicyOf(fn),
      schedules,
      'One-time schedules are named by their work id (reminder/task start of one reservation), created at booking and deleted on cancellation; the grant is the schedules of this one group.',
    );
  }
}

function defaultPolicyOf(fn: GatewayFunction): Construct {
  const policy = fn.role.node.tryFindChild('DefaultPolicy');
  if (!(policy instanceof Construct)) throw new Error(`${fn.node.path}: the role has no default policy yet`);
  return policy;
}

/** The instance id is the last segment of the instance ARN (a token when the voice stack creates the instance). */
function connectIdsOf(target: SignLanguageConnectTarget): { instanceId: string } {
  if (Token.isUnresolved(target.instanceArn)) return { instanceId: Fn.select(1, Fn.split('/', target.instanceArn)) };
  const match = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([0-9a-f-]+)$/.exec(target.instanceArn);
  if (!match?.[1]) throw new Error(`not an Amazon Connect instance ARN: ${target.instanceArn}`);
  return { instanceId: match[1] };
}
