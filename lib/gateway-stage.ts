import { Stage, type StageProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { ChatChannelStack } from './stacks/chat-channel-stack.ts';
import { CitizenStatusStack } from './stacks/citizen-status-stack.ts';
import { ComplaintsApiStack } from './stacks/complaints-api-stack.ts';
import { IntakeStack } from './stacks/intake-stack.ts';
import { NoticesStack } from './stacks/notices-stack.ts';
import { ReservationsStack, signLanguageConnectTargetOf } from './stacks/reservations-stack.ts';
import { SmsChannelStack } from './stacks/sms-channel-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { VoiceStack } from './stacks/voice-stack.ts';
import { XChannelStack } from './stacks/x-channel-stack.ts';
import { Open311Stack } from './stacks/open311-stack.ts';

export interface GatewayStageProps extends StageProps {
  readonly config: StageConfig;
}

/**
 * One deployable copy of the gateway (`dev/*`, `prod/*`): the stateful stack and the stateless
 * stacks that reference it. Later channels (chat, X, voice) add their stacks here.
 */
export class GatewayStage extends Stage {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  readonly smsChannel: SmsChannelStack;
  readonly complaintsApi: ComplaintsApiStack;
  readonly xChannel: XChannelStack | undefined;
  readonly reservations: ReservationsStack | undefined;
  readonly chatChannel: ChatChannelStack | undefined;
  readonly voice: VoiceStack;
  readonly citizenStatus: CitizenStatusStack;
  readonly notices: NoticesStack;
  readonly open311: Open311Stack | undefined;

  constructor(scope: Construct, id: string, props: GatewayStageProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const stackProps = (purpose: string) => ({
      config,
      description: `citizen-contact-gateway ${config.name}: ${purpose}`,
      terminationProtection: config.production,
    });

    this.stateful = new StatefulStack(this, 'Stateful', stackProps('complaint table, media, secrets, keys'));
    this.intake = new IntakeStack(this, 'Intake', {
      ...stackProps('intake queue, pipeline, domain events, alarms'),
      stateful: this.stateful,
    });
    this.smsChannel = new SmsChannelStack(this, 'SmsChannel', {
      ...stackProps('SMS/MMS channel (Twilio webhook, End User Messaging)'),
      stateful: this.stateful,
      intake: this.intake,
    });
    // Before the complaints API: its X replies use the channel's credentials secret.
    const xAccountId = config.xAccountId;
    this.xChannel = xAccountId
      ? new XChannelStack(this, 'XChannel', {
          ...stackProps('X mentions channel (scheduled poller)'),
          config: { ...config, xAccountId },
          stateful: this.stateful,
          intake: this.intake,
        })
      : undefined;
    // Before the chat channel: the citizen page calls it (its config.json names the URL).
    this.citizenStatus = new CitizenStatusStack(this, 'CitizenStatus', {
      ...stackProps('public status lookup (receipt number + phone digits)'),
      stateful: this.stateful,
      intake: this.intake,
    });
    // Before the complaints API, voice and reservations: their functions push replies and notices
    // to chat citizens through its WebSocket API (they depend on it, never the other way round).
    const open311 = config.open311;
    this.open311 = open311
      ? new Open311Stack(this, 'Open311', {
          ...stackProps('Open311 GeoReport v2 API (services, service requests, photo uploads)'),
          config: { ...config, open311 },
          stateful: this.stateful,
          intake: this.intake,
        })
      : undefined;
    const chatChannel = config.chatChannel;
    this.chatChannel = chatChannel
      ? new ChatChannelStack(this, 'ChatChannel', {
          ...stackProps('accessible chat channel (WebSocket chat, chat accounts, citizen page)'),
          config: { ...config, chatChannel },
          stateful: this.stateful,
          intake: this.intake,
          statusApiUrl: this.citizenStatus.statusApiUrl,
          ...(this.open311 ? { open311Api: this.open311.restApi.api } : {}),
        })
      : undefined;
    const chat = this.chatChannel?.chat;
    this.notices = new NoticesStack(this, 'Notices', {
      ...stackProps('status notices (notice function on the event bus, sweeper schedules)'),
      stateful: this.stateful,
      intake: this.intake,
      ...(chat ? { chat } : {}),
    });
    this.complaintsApi = new ComplaintsApiStack(this, 'ComplaintsApi', {
      ...stackProps('complaints API (IAM)'),
      stateful: this.stateful,
      intake: this.intake,
      ...(this.xChannel ? { xReplies: { credentials: this.xChannel.poller.credentials } } : {}),
      ...(chat ? { chat } : {}),
      twilioStatusCallbackUrl: this.smsChannel.twilioStatusCallbackUrl,
    });
    this.voice = new VoiceStack(this, 'Voice', {
      ...stackProps('voice and agent workspace (Amazon Connect contact center, flow Lambdas, happy calls)'),
      stateful: this.stateful,
      intake: this.intake,
      ...(chat ? { chat } : {}),
      workspaceAppUrl: this.complaintsApi.workspaceApp.url,
    });
    const reservations = config.signLanguageReservations;
    this.reservations = reservations
      ? new ReservationsStack(this, 'Reservations', {
          ...stackProps('sign-language video counselling reservations (API, scheduled work, Connect tasks)'),
          config: { ...config, signLanguageReservations: reservations },
          stateful: this.stateful,
          intake: this.intake,
          connect: signLanguageConnectTargetOf(config, this.voice.signLanguageTaskTarget()),
          ...(chat ? { chat } : {}),
        })
      : undefined;
    // Tasks start in the voice stack's contact center (ids passed as named exports, not references).
    this.reservations?.addStackDependency(this.voice, 'starts sign-language tasks in the voice contact center');

    Tags.of(this).add('application', 'citizen-contact-gateway');
    Tags.of(this).add('stage', config.name);
  }
}
