import { ConnectClient } from '@aws-sdk/client-connect';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { apiGatewayConnectionSender, managementClient } from '../../adapters/chat/api-gateway-connection-sender.ts';
import { connectReservationTasks } from '../../adapters/connect/task-for-reservation.ts';
import { createReservationRepository } from '../../adapters/dynamodb/reservation-repository.ts';
import { eventBridgeScheduledWork } from '../../adapters/scheduler/eventbridge-scheduled-work.ts';
import { chatAccountsDirectory, chatReservationNotifier } from '../../channels/chat/chat-reservation-bridge.ts';
import type { PiiProtector } from '../../core/ports/pii.ts';
import type { ReservationDeps } from '../../core/reservations/deps.ts';
import { notifierByHandleKind, smsReservationNotifier } from '../../core/reservations/notifiers.ts';
import type { ChatAccounts, ReservationNotifier } from '../../core/reservations/ports.ts';
import { chatAccountRepository, chatConnectionRepository } from './chat-parts.ts';
import { complaintRepository } from './complaints.ts';
import { optionalChatEnv } from './chat-env.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { RESERVATION_ENV, readReservationEnvironment, slotScheduleFrom } from './reservations-env.ts';
import { stageSmsSender } from './sms-sender.ts';
import { intakeQueue } from './sqs-intake.ts';

/**
 * Chat-account citizens, when the stage has the chat channel (CDK grants the chat API's
 * ManageConnections and sets CHAT_CONNECTIONS_ENDPOINT then): the accounts directory that
 * lets them book, and notices pushed over their WebSocket connections (kept until they
 * reconnect). Without it chat-account bookings are refused as invalid citizens.
 */
function chatCitizens(pii: PiiProtector): { chatAccounts: ChatAccounts; chatNotifier: ReservationNotifier } | null {
  const endpoint = optionalChatEnv('connectionsEndpoint');
  if (!endpoint) return null;
  return {
    chatAccounts: chatAccountsDirectory(chatAccountRepository()),
    chatNotifier: chatReservationNotifier({
      connections: chatConnectionRepository(),
      sender: apiGatewayConnectionSender(managementClient(endpoint)),
      clock,
      log,
      pii,
    }),
  };
}

/** The reservation use cases on AWS adapters. */
export async function reservationDeps(): Promise<ReservationDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const env = readReservationEnvironment(['scheduleGroup', 'taskFunctionArn', 'schedulerRoleArn', 'connectInstanceId', 'contactFlowId', 'queueId']);
  const pii = await piiProtector();
  const chat = chatCitizens(pii);
  const deadLetterArn = process.env[RESERVATION_ENV.schedulerDeadLetterArn];
  return {
    repository: createReservationRepository(documentClient(), tableName),
    schedule: slotScheduleFrom(),
    pii,
    intake: intakeQueue(),
    complaints: complaintRepository(),
    scheduledWork: eventBridgeScheduledWork({
      client: new SchedulerClient({}),
      groupName: env.scheduleGroup,
      targetArn: env.taskFunctionArn,
      roleArn: env.schedulerRoleArn,
      ...(deadLetterArn ? { deadLetterArn } : {}),
    }),
    notifier: notifierByHandleKind({
      phone: smsReservationNotifier({ smsSender: await stageSmsSender(), pii }),
      ...(chat ? { 'chat-account': chat.chatNotifier } : {}),
    }),
    tasks: connectReservationTasks({ client: new ConnectClient({}), instanceId: env.connectInstanceId, contactFlowId: env.contactFlowId, queueId: env.queueId }),
    ...(chat ? { chatAccounts: chat.chatAccounts } : {}),
    clock,
    log,
  };
}
