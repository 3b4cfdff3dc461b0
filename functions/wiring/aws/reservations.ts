import { ConnectClient } from '@aws-sdk/client-connect';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { connectReservationTasks } from '../../adapters/connect/task-for-reservation.ts';
import { createReservationRepository } from '../../adapters/dynamodb/reservation-repository.ts';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import { twilioSmsSender } from '../../adapters/sms/twilio-sms-sender.ts';
import { eventBridgeScheduledWork } from '../../adapters/scheduler/eventbridge-scheduled-work.ts';
import type { ReservationDeps } from '../../core/reservations/deps.ts';
import { notifierByHandleKind, smsReservationNotifier } from '../../core/reservations/notifiers.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import { readEnvironment } from './environment.ts';
import { piiProtector } from './pii.ts';
import { RESERVATION_ENV, readReservationEnvironment, slotScheduleFrom } from './reservations-env.ts';
import { clock, documentClient, intakeQueue, log } from './runtime.ts';
import { twilioCredentials } from './twilio.ts';

/** The provider the stage sends SMS through (SMS_SENDER), as the reply path does. */
async function smsSender(): Promise<SmsSender> {
  const { smsSender: kind } = readEnvironment(['smsSender']);
  if (kind === 'aws-eum') {
    const { smsOriginationIdentity } = readEnvironment(['smsOriginationIdentity']);
    return eumSmsSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity: smsOriginationIdentity });
  }
  if (kind !== 'twilio') throw new Error(`SMS_SENDER must be twilio or aws-eum, not ${kind}`);
  const { twilioFromNumber } = readEnvironment(['twilioFromNumber']);
  const { accountSid, authToken } = await twilioCredentials();
  return twilioSmsSender({ accountSid, authToken, from: twilioFromNumber });
}

/**
 * The reservation use cases on AWS adapters. Chat delivery and the chat accounts directory
 * come from the chat module; until they are passed in, chat-account bookings are refused and
 * chat notices stay owed (the sweeper sends them once a notifier is wired).
 */
export async function reservationDeps(extra: Pick<ReservationDeps, 'chatAccounts'> & { chatNotifier?: ReservationDeps['notifier'] } = {}): Promise<ReservationDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const env = readReservationEnvironment(['scheduleGroup', 'taskFunctionArn', 'schedulerRoleArn', 'connectInstanceId', 'contactFlowId', 'queueId']);
  const pii = await piiProtector();
  const deadLetterArn = process.env[RESERVATION_ENV.schedulerDeadLetterArn];
  return {
    repository: createReservationRepository(documentClient(), tableName),
    schedule: slotScheduleFrom(),
    pii,
    intake: intakeQueue(),
    scheduledWork: eventBridgeScheduledWork({
      client: new SchedulerClient({}),
      groupName: env.scheduleGroup,
      targetArn: env.taskFunctionArn,
      roleArn: env.schedulerRoleArn,
      ...(deadLetterArn ? { deadLetterArn } : {}),
    }),
    notifier: notifierByHandleKind({ phone: smsReservationNotifier({ smsSender: await smsSender(), pii }), ...(extra.chatNotifier ? { 'chat-account': extra.chatNotifier } : {}) }),
    tasks: connectReservationTasks({ client: new ConnectClient({}), instanceId: env.connectInstanceId, contactFlowId: env.contactFlowId, queueId: env.queueId }),
    ...(extra.chatAccounts ? { chatAccounts: extra.chatAccounts } : {}),
    clock,
    log,
  };
}
