import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ChatChannel } from '../constructs/chat-channel.ts';
import { SelfServiceAnswers } from '../constructs/self-service-answers.ts';
import { videoCallsFunctionName } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
import { smsSenderOf } from './reservations-stack.ts';
import { logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export type ChatChannelConfig = NonNullable<StageConfig['chatChannel']>;

export interface ChatChannelStackProps extends StackProps {
  readonly config: StageConfig & { readonly chatChannel: ChatChannelConfig };
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  /** The public status lookup the citizen page's status page calls (CitizenStatus stack). */
  readonly statusApiUrl?: string;
  /** The Open311 API, when the stage has one: the site's report form files through it. */
  readonly open311Api?: IRestApi;
}

/** The accessible chat channel: WebSocket chat, chat accounts API, citizen page (ADR 0006). */
export class ChatChannelStack extends Stack {
  readonly chat: ChatChannel;
  /** Self-service answers: the public search the page offers (docs/adr/0029-self-service-answers.md). */
  readonly answers: SelfServiceAnswers;
  readonly messageErrorAlarm: Alarm;
  readonly accountsErrorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ChatChannelStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    this.answers = new SelfServiceAnswers(this, 'SelfService', {
      config,
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      mediaBucket: stateful.importMediaBucket(this),
      piiSecret: stateful.secrets.piiKeys,
      throttle: config.chatChannel.answersThrottle,
      requestsPerIp: config.chatChannel.answerRequestsPerIp,
      logRetention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });
    this.chat = new ChatChannel(this, 'Chat', {
      stageName: config.name,
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      intakeQueue: intake.intakeQueue,
      piiSecret: stateful.secrets.piiKeys,
      secretsKey: stateful.dataKey,
      sms: smsSenderOf(config, stateful),
      throttle: config.chatChannel.throttle,
      accountRequestsPerIp: config.chatChannel.accountRequestsPerIp,
      ...(props.statusApiUrl ? { statusApiUrl: props.statusApiUrl } : {}),
      logRetention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
      logLevel: config.production ? 'INFO' : 'DEBUG',
      pageApis: { answersApiBaseUrl: this.answers.api.api, ...(props.open311Api ? { open311BaseUrl: props.open311Api } : {}) },
      // Citizens with a chat account call a sign-language counselor; the voice stack serves the calls.
      videoCalls: { functionName: videoCallsFunctionName(config.name) },
      eventBus: intake.eventBus,
      alarmTopic: intake.alarmTopic,
    });
    this.answers.addRoutes(`https://${this.chat.distribution.distributionDomainName}`);

    // A failing message function means citizens' chat messages are refused (they get an error frame).
    this.messageErrorAlarm = new Alarm(this, 'ChatMessageErrors', {
      alarmDescription: `${config.name}: the chat message function keeps failing; citizens' chat messages are not reaching the intake queue.`,
      metric: this.chat.functions.message.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.messageErrorAlarm.addAlarmAction(new SnsAction(intake.alarmTopic));
    this.accountsErrorAlarm = new Alarm(this, 'ChatAccountsServerErrors', {
      alarmDescription: `${config.name}: the chat accounts API answers 5xx; citizens cannot apply for or verify a chat account.`,
      metric: this.chat.accountsApi.api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.accountsErrorAlarm.addAlarmAction(new SnsAction(intake.alarmTopic));
  }
}
