import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import {
  type ReservationSmsConfig,
  type SignLanguageConnectTarget,
  SignLanguageReservations,
} from '../constructs/sign-language-reservations.ts';
import type { IntakeStack } from './intake-stack.ts';
import { logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export type ReservationsConfig = NonNullable<StageConfig['signLanguageReservations']>;

export interface ReservationsStackProps extends StackProps {
  readonly config: StageConfig & { readonly signLanguageReservations: ReservationsConfig };
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  /** Resolved by the stage: the voice stack's contact center, else the stage config. */
  readonly connect: SignLanguageConnectTarget;
  /** Set when the stage has the chat channel: chat-account citizens may book and are notified by chat. */
  readonly chat?: ChatChannel;
}

/** The stage's SMS sender, as reservation notices and chat codes use it. */
export function smsSenderOf(config: StageConfig, stateful: StatefulStack): ReservationSmsConfig {
  if (config.smsSender === 'aws-eum') {
    if (!config.eumOriginationIdentityArn) throw new Error(`${config.name}: smsSender 'aws-eum' needs eumOriginationIdentityArn`);
    return { kind: 'aws-eum', originationIdentityArn: config.eumOriginationIdentityArn };
  }
  if (!config.twilioFromNumber) throw new Error(`${config.name}: SMS from Twilio needs twilioFromNumber`);
  return { kind: 'twilio', secret: stateful.secrets.twilio, fromNumber: config.twilioFromNumber };
}

/** Sign-language video counselling reservations: API, scheduled work, Connect tasks (ADR 0007). */
export class ReservationsStack extends Stack {
  readonly reservations: SignLanguageReservations;

  constructor(scope: Construct, id: string, props: ReservationsStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    const settings = config.signLanguageReservations;
    this.reservations = new SignLanguageReservations(this, 'SignLanguage', {
      stageName: config.name,
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      intakeQueue: intake.intakeQueue,
      piiSecret: stateful.secrets.piiKeys,
      sms: smsSenderOf(config, stateful),
      connect: props.connect,
      ...(settings.schedule ? { schedule: settings.schedule } : {}),
      sweepRate: Duration.minutes(settings.sweepRateMinutes),
      alarmTopic: intake.alarmTopic,
      throttle: settings.reservationsApiThrottle,
      logRetention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
      logLevel: config.production ? 'INFO' : 'DEBUG',
    });
    for (const fn of [this.reservations.apiFunction, this.reservations.taskFunction]) {
      props.chat?.grantManageConnections(fn);
      // Status changes and started tasks are announced on the domain bus (statistics).
      fn.bindEventBus(intake.eventBus);
    }
  }
}

/**
 * Where reservation tasks start: ids the stage config names (`connectInstanceArn`,
 * `signLanguageReservations.contactFlowId` / `.queueId`) win, so an operator can point tasks at a
 * flow or queue of their own; the voice stack's contact center provides the rest.
 */
export function signLanguageConnectTargetOf(config: StageConfig, fromVoice: Partial<SignLanguageConnectTarget> = {}): SignLanguageConnectTarget {
  const instanceArn = config.connectInstanceArn ?? fromVoice.instanceArn;
  const contactFlowId = config.signLanguageReservations?.contactFlowId ?? fromVoice.contactFlowId;
  const queueId = config.signLanguageReservations?.queueId ?? fromVoice.queueId;
  if (!instanceArn || !contactFlowId || !queueId) {
    const missing = [
      ...(instanceArn ? [] : ['connectInstanceArn']),
      ...(contactFlowId ? [] : ['signLanguageReservations.contactFlowId']),
      ...(queueId ? [] : ['signLanguageReservations.queueId']),
    ];
    throw new Error(`${config.name}: sign-language reservations start Amazon Connect tasks; set ${missing.join(', ')} (or deploy the voice stack that provides them)`);
  }
  return { instanceArn, contactFlowId, queueId };
}
