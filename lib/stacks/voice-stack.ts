import { CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/wiring/env-names.ts';
import { CUSTOMER_VISIBILITIES } from '../../functions/core/voice/counselor-replies.ts';
import { QUEUE_KEYS } from '../../functions/core/voice/language-routing.ts';
import { connectInstanceAliasOf } from '../config/agent-workspace.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import type { SignLanguageConnectTarget } from '../constructs/sign-language-reservations.ts';
import { createCatalogFunction, type GatewayResources } from '../constructs/catalog-function.ts';
import { connectStatement, contactsOf } from '../constructs/contact-center/connect-authorization.ts';
import { ContactCenter } from '../constructs/contact-center/contact-center.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { WorkspaceAppRegistration } from '../constructs/workspace-app-registration.ts';
import { acknowledge, acknowledgeWildcardResource } from '../constructs/nag.ts';
import { VIDEO_FUNCTIONS, VOICE_FUNCTIONS, videoCallsFunctionName } from '../function-catalog.ts';
import { CHAT_ENV } from '../../functions/wiring/aws/chat-env.ts';
import type { IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

/** Defined in the function catalog with every other Lambda; re-exported for the voice tests and callers. */
export { VOICE_FUNCTIONS } from '../function-catalog.ts';

export interface VoiceStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  /** Set when the stage has the chat channel: counselor replies from the workspace reach chat citizens. */
  readonly chat?: ChatChannel;
  /** The counselor workspace app's URL (complaints API stack): registered as an agent-workspace app. */
  readonly workspaceAppUrl?: string;
}

/** Channels whose new complaints are put in the agent workspace (functions/core/voice/agent-workspace.ts). */
const WORKSPACE_CHANNELS = ['sms', 'chat', 'x'];
/** INITIATED: a video call's start (other contacts' INITIATED add nothing to a history). */
const CONTACT_EVENT_TYPES = ['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'COMPLETED'];
/** How long a failed asynchronous invocation is retried before it lands in the dead-letter queue. */
const ASYNC_MAX_AGE = Duration.hours(6);

/**
 * Voice and the agent workspace: the contact center (new instance, or the stage's imported one),
 * the flow Lambdas it may invoke, contact events into status history, the happy-call schedule,
 * every other channel's new complaints into Connect, and counselor chat replies back out.
 */
export class VoiceStack extends Stack {
  readonly contactCenter: ContactCenter;
  readonly functions: Record<keyof typeof VOICE_FUNCTIONS, GatewayFunction>;
  readonly deadLetterQueue: Queue;
  readonly chatStreamTopic: Topic;
  /** Citizens' sign-language video calls, behind the chat accounts API (stages with the chat channel). */
  readonly videoCalls: GatewayFunction | undefined;
  readonly workspaceApp: WorkspaceAppRegistration | undefined;

  constructor(scope: Construct, id: string, props: VoiceStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    const resources: GatewayResources = {
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      piiSecret: stateful.secrets.piiKeys,
      twilioSecret: stateful.secrets.twilio,
      eventBus: intake.eventBus,
      intakeQueue: intake.intakeQueue,
    };
    const defaults = functionDefaultsOf(config);
    const functions = Object.fromEntries(
      Object.entries(VOICE_FUNCTIONS).map(([key, definition]) => [key, createCatalogFunction(this, definition, resources, defaults)]),
    ) as Record<keyof typeof VOICE_FUNCTIONS, GatewayFunction>;
    this.functions = functions;

    this.contactCenter = new ContactCenter(this, 'ContactCenter', {
      instance: config.connectInstanceArn
        ? { kind: 'import', instanceArn: config.connectInstanceArn }
        : { kind: 'new', alias: connectInstanceAliasOf(config) },
      contactStartFunction: functions.contactStart.function,
      happyCallOutcomeFunction: functions.happyCallOutcome.function,
      ...(config.recordedPrompts ? { recordedPrompts: config.recordedPrompts } : {}),
      ...(config.foreignMenuPromptArn ? { foreignMenuPromptArn: config.foreignMenuPromptArn } : {}),
    });
    const instanceArn = this.contactCenter.instanceArn;
    const chatFlowArn = this.contactCenter.flows.chatTask.attrContactFlowArn;
    const happyCallFlowArn = this.contactCenter.flows.happyCall.attrContactFlowArn;
    const contactsOfInstance = contactsOf(instanceArn);

    // One key for the voice dead letters and the chat stream topic, usable by the services that write them.
    const key = new Key(this, 'VoiceKey', { description: `citizen-contact-gateway ${config.name}: voice dead letters and chat stream`, enableKeyRotation: true });
    for (const service of ['events.amazonaws.com', 'connect.amazonaws.com', 'sns.amazonaws.com']) {
      key.grant(new ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey');
    }
    this.deadLetterQueue = new Queue(this, 'VoiceDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the voice rule targets and asynchronous invocations; it has no consumer to fail, and an alarm fires on its first message.',
    );
    const asyncFailures = (fn: GatewayFunction, idPrefix: string) => {
      new EventInvokeConfig(this, `${idPrefix}AsyncFailures`, {
        function: fn.function,
        retryAttempts: 2,
        maxEventAge: ASYNC_MAX_AGE,
        onFailure: new SqsDestination(this.deadLetterQueue),
      });
      const policy = fn.role.node.tryFindChild('DefaultPolicy');
      if (!policy) return;
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Action::${action}]`,
          'SqsDestination grants SendMessage on the voice dead-letter queue with CDK grantSendMessages, whose key actions are these prefixes; the resource is the one voice key, used only by that queue and the chat stream topic.',
        );
      }
    };

    // Amazon Connect contact events (default bus) -> status history.
    new Rule(this, 'ContactEventsRule', {
      description: 'Amazon Connect contact events that change a complaint status history',
      eventPattern: { source: ['aws.connect'], detailType: ['Amazon Connect Contact Event'], detail: { eventType: CONTACT_EVENT_TYPES } },
      targets: [new LambdaFunction(functions.contactEvents.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 20, maxEventAge: Duration.hours(24) })],
    });
    asyncFailures(functions.contactEvents, 'ContactEvents');

    // Gateway domain events -> agent workspace. Retries with backoff inside the function, then
    // EventBridge and Lambda asynchronous retries, then the DLQ: a complaint is never dropped.
    new Rule(this, 'AgentWorkspaceRule', {
      description: 'New SMS, chat and X messages put in front of counselors in Amazon Connect',
      eventBus: intake.eventBus,
      eventPattern: { source: ['citizen-contact-gateway'], detailType: ['message.stored'], detail: { channel: WORKSPACE_CHANNELS } },
      targets: [new LambdaFunction(functions.agentWorkspaceRouter.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    asyncFailures(functions.agentWorkspaceRouter, 'AgentWorkspace');
    functions.agentWorkspaceRouter
      .addEnvironment(ENV.connectInstanceArn, instanceArn)
      .addEnvironment(ENV.connectChatFlowArn, chatFlowArn);
    // Resource types per action from the Service Authorization Reference (connect-authorization.ts).
    for (const action of ['StartChatContact', 'StartTaskContact'] as const) {
      functions.agentWorkspaceRouter.role.addToPrincipalPolicy(connectStatement(action, { 'contact-flow': [chatFlowArn], contact: [contactsOfInstance] }));
    }

    // Chat streaming: Connect publishes every message of the workspace chat contacts here.
    this.chatStreamTopic = new Topic(this, 'ChatStream', { displayName: `citizen-contact-gateway ${config.name} agent chat stream`, masterKey: key, enforceSSL: true });
    this.chatStreamTopic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('connect.amazonaws.com')],
        resources: [this.chatStreamTopic.topicArn],
        // The streaming guide's confused-deputy guard: this account, and this Connect instance.
        conditions: { StringEquals: { 'aws:SourceAccount': this.account }, ArnEquals: { 'aws:SourceArn': instanceArn } },
      }),
    );
    this.chatStreamTopic.addSubscription(
      new LambdaSubscription(functions.replyStream.function, {
        // Only counselor messages meant for the customer are replies; SNS drops agent-only messages,
        // customer messages, typing and join events before invoking (the handler checks again).
        filterPolicy: {
          Type: SubscriptionFilter.stringFilter({ allowlist: ['MESSAGE'] }),
          ParticipantRole: SubscriptionFilter.stringFilter({ allowlist: ['AGENT'] }),
          MessageVisibility: SubscriptionFilter.stringFilter({ allowlist: [...CUSTOMER_VISIBILITIES] }),
        },
        deadLetterQueue: this.deadLetterQueue,
      }),
    );
    asyncFailures(functions.replyStream, 'ReplyStream');
    props.chat?.grantManageConnections(functions.replyStream);
    functions.agentWorkspaceRouter
      .addEnvironment(ENV.connectChatStreamTopicArn, this.chatStreamTopic.topicArn)
      .role.addToPrincipalPolicy(connectStatement('StartContactStreaming', { instance: [instanceArn] }));
    functions.agentWorkspaceRouter.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [this.chatStreamTopic.topicArn] }));

    // Happy calls: EventBridge Scheduler every 15 minutes; the function decides what is due.
    const scheduler = functions.happyCallScheduler;
    scheduler
      .addEnvironment(ENV.connectInstanceArn, instanceArn)
      .addEnvironment(ENV.connectHappyCallFlowArn, happyCallFlowArn)
      .addEnvironment(
        ENV.connectQueueArns,
        this.toJsonString(Object.fromEntries(QUEUE_KEYS.map((k) => [k, this.contactCenter.queues[k].attrQueueArn]))),
      );
    // Authorized on the contact being created only: no condition key can pin the flow or queue.
    scheduler.role.addToPrincipalPolicy(connectStatement('StartOutboundVoiceContact', { contact: [contactsOfInstance] }));
    // A failed run is recomputed by the next tick (slots are claimed idempotently): no async retries.
    new EventInvokeConfig(this, 'HappyCallNoAsyncRetries', { function: scheduler.function, retryAttempts: 0, maxEventAge: Duration.minutes(10) });
    const schedulerRole = new Role(this, 'HappyCallSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: `EventBridge Scheduler invoking the happy-call scheduler (${config.name})`,
    });
    new Schedule(this, 'HappyCallSchedule', {
      description: 'Place due foreigner happy calls (09:00-20:00 Seoul, consent and opt-out checked by the function)',
      schedule: ScheduleExpression.rate(Duration.minutes(15)),
      target: new LambdaInvoke(scheduler.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ source: 'happy-call-schedule' }),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(10),
      }),
    });

    this.videoCalls = props.chat ? this.videoCallsFunction(config, resources, defaults, props.chat, contactsOfInstance) : undefined;

    // Wildcards: contacts are created at call time, so their ARNs can only be named per instance.
    for (const fn of [functions.agentWorkspaceRouter, scheduler, ...(this.videoCalls ? [this.videoCalls] : [])]) {
      const policy = fn.role.node.tryFindChild('DefaultPolicy');
      if (policy) {
        acknowledgeWildcardResource(
          policy,
          contactsOfInstance,
          'StartChatContact, StartTaskContact, StartWebRTCContact and StartOutboundVoiceContact authorize on the contact resource, whose id exists only once the contact does; the grant is limited to the contacts of this one Connect instance.',
        );
      }
    }
    const schedulerPolicy = schedulerRole.node.tryFindChild('DefaultPolicy');
    if (schedulerPolicy) {
      acknowledgeWildcardResource(
        schedulerPolicy,
        `${scheduler.function.functionArn}:*`,
        'Function.grantInvoke also names the qualified ARNs (versions/aliases) of this one function; the role can invoke nothing else.',
      );
    }

    alarmOnDeadLetters(
      this,
      'VoiceDeadLettersAlarm',
      this.deadLetterQueue,
      intake.alarmTopic,
      `${config.name}: a contact event, agent-workspace start or counselor reply could not be processed (voice DLQ)`,
    );
    // Counselors open the complaint of the current contact in the workspace app, inside the agent workspace;
    // a task's reference links to its complaint there too.
    if (props.workspaceAppUrl) functions.agentWorkspaceRouter.addEnvironment(ENV.workspaceAppUrl, props.workspaceAppUrl);
    this.workspaceApp = props.workspaceAppUrl
      ? new WorkspaceAppRegistration(this, 'WorkspaceApp', {
          stageName: config.name,
          instanceArn,
          accessUrl: props.workspaceAppUrl,
          securityProfiles: [this.contactCenter.counselorProfile, this.contactCenter.supervisorProfile],
        })
      : undefined;

    new CfnOutput(this, 'ConnectInstanceArn', { value: instanceArn });
    new CfnOutput(this, 'ChatStreamTopicArn', { value: this.chatStreamTopic.topicArn });
    new CfnOutput(this, 'VoiceDeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
  }

  /**
   * The citizen's video calls: StartWebRTCContact on the video flow (the contact center's), the
   * chat token and reservations read from the table, on-demand calls filed on the intake queue.
   * Its name is fixed: the chat accounts API (deployed first) integrates it by name, and this
   * stack allows exactly that API's two video-call methods to invoke it.
   */
  private videoCallsFunction(config: StageConfig, resources: GatewayResources, defaults: ReturnType<typeof functionDefaultsOf>, chat: ChatChannel, contacts: string): GatewayFunction {
    const fn = createCatalogFunction(this, VIDEO_FUNCTIONS.calls, resources, defaults);
    (fn.function.node.defaultChild as CfnFunction).functionName = videoCallsFunctionName(config.name);
    const flowArn = this.contactCenter.signLanguageVideoFlow.attrContactFlowArn;
    fn.addEnvironment(ENV.connectInstanceArn, this.contactCenter.instanceArn)
      .addEnvironment(ENV.connectVideoFlowArn, flowArn)
      .addEnvironment(CHAT_ENV.allowedOrigin, chat.pageOrigin);
    fn.role.addToPrincipalPolicy(connectStatement('StartWebRTCContact', { 'contact-flow': [flowArn], contact: [contacts] }));
    const api = chat.accountsApi.api;
    for (const [id, method, path] of [['Start', 'POST', '/video-calls'], ['Reservations', 'GET', '/video-calls/reservations']] as const) {
      fn.function.addPermission(`ChatApiInvoke${id}`, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        action: 'lambda:InvokeFunction',
        sourceArn: api.arnForExecuteApi(method, path, api.deploymentStage.stageName),
      });
    }
    return fn;
  }

  /**
   * Where sign-language reservation tasks start: this contact center's instance, its
   * sign-language task flow and queue. Handed to another stack through named exports, so that
   * stack's IAM policies hold the ARNs as written there and their wildcards can be acknowledged by
   * their exact text; the consumer must depend on this stack (`addDependency`).
   */
  signLanguageTaskTarget(): SignLanguageConnectTarget {
    const idOf = (arn: string) => Fn.select(3, Fn.split('/', arn));
    const values = {
      instanceArn: this.contactCenter.instanceArn,
      contactFlowId: idOf(this.contactCenter.signLanguageTaskFlow.attrContactFlowArn),
      queueId: idOf(this.contactCenter.queues.sign.attrQueueArn),
    };
    const exported = (key: keyof typeof values, exportId: string): string => {
      const exportName = `${this.stackName}-${exportId}`;
      if (!this.node.tryFindChild(exportId)) new CfnOutput(this, exportId, { value: values[key], exportName });
      return Fn.importValue(exportName);
    };
    return {
      instanceArn: exported('instanceArn', 'SignLanguageInstanceArn'),
      contactFlowId: exported('contactFlowId', 'SignLanguageTaskFlowId'),
      queueId: exported('queueId', 'SignLanguageQueueId'),
    };
  }
}
