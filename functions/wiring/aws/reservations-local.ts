import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { SlotScheduleInput } from '../../../schemas/reservation-schedule.ts';
import { SlotScheduleSchema } from '../../../schemas/reservation-schedule.ts';
import { createReservationRepository } from '../../adapters/dynamodb/reservation-repository.ts';
import { localCounsellingTasks } from '../../adapters/scheduler/local-counselling-tasks.ts';
import { localScheduledWork, type LocalScheduledWork } from '../../adapters/scheduler/local-scheduled-work.ts';
import type { ReservationDeps } from '../../core/reservations/deps.ts';
import { notifierByHandleKind, smsReservationNotifier } from '../../core/reservations/notifiers.ts';
import type { ChatAccounts, CounsellingTasks, ReservationNotifier } from '../../core/reservations/ports.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { PiiProtector } from '../../core/ports/pii.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import { createReservationTaskHandler, type ReservationTaskDeps } from '../../handlers/reservation-task.ts';
import { createReservationsApiHandler, RESERVATION_ROUTES, type ReservationsApiDeps } from '../../handlers/reservations-api.ts';

export interface LocalReservationParts {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  intake: IntakeQueue;
  pii: PiiProtector;
  smsSender: SmsSender;
  clock: Clock;
  log: Log;
  schedule?: SlotScheduleInput;
  chatAccounts?: ChatAccounts;
  /** Delivery to chat-account citizens (the chat module's PostToConnection path). */
  chatNotifier?: ReservationNotifier;
  /** Defaults to a recorder: the task id is kept on the reservation and logged. */
  tasks?: CounsellingTasks;
  pendingGraceMs?: number;
}

export interface LocalReservations {
  deps: ReservationDeps;
  apiDeps: ReservationsApiDeps;
  taskDeps: ReservationTaskDeps;
  /** The API Gateway REST handler, and the routes to mount it on. */
  apiHandler: ReturnType<typeof createReservationsApiHandler>;
  routes: typeof RESERVATION_ROUTES;
  /** The Scheduler target's handler, fed by runDueWork. */
  taskHandler: ReturnType<typeof createReservationTaskHandler>;
  scheduledWork: LocalScheduledWork;
  /** Runs the work due at `now` (default: the clock's now) and a sweep; call it on a timer. */
  runDueWork(now?: Date): Promise<number>;
}

/**
 * Everything the local gateway needs for reservations, in one call: the same handlers as
 * Lambda on local adapters (scheduled work as table items run by a timer, tasks recorded).
 * Lives beside the AWS wiring files by ownership; it imports nothing from AWS but the table client.
 */
export function createLocalReservations(parts: LocalReservationParts): LocalReservations {
  const scheduledWork = localScheduledWork({ client: parts.documentClient, tableName: parts.tableName, clock: parts.clock, log: parts.log });
  const deps: ReservationDeps = {
    repository: createReservationRepository(parts.documentClient, parts.tableName),
    schedule: SlotScheduleSchema.parse(parts.schedule ?? {}),
    pii: parts.pii,
    intake: parts.intake,
    scheduledWork,
    notifier: notifierByHandleKind({
      phone: smsReservationNotifier({ smsSender: parts.smsSender, pii: parts.pii }),
      ...(parts.chatNotifier ? { 'chat-account': parts.chatNotifier } : {}),
    }),
    tasks: parts.tasks ?? localCounsellingTasks(parts.log),
    ...(parts.chatAccounts ? { chatAccounts: parts.chatAccounts } : {}),
    clock: parts.clock,
    log: parts.log,
    ...(parts.pendingGraceMs !== undefined ? { pendingGraceMs: parts.pendingGraceMs } : {}),
  };
  const apiDeps: ReservationsApiDeps = { log: parts.log, reservations: deps, scheduledWork };
  const taskDeps: ReservationTaskDeps = { log: parts.log, reservations: deps };
  const taskHandler = createReservationTaskHandler(async () => taskDeps);
  return {
    deps,
    apiDeps,
    taskDeps,
    apiHandler: createReservationsApiHandler(async () => apiDeps),
    routes: RESERVATION_ROUTES,
    taskHandler,
    scheduledWork,
    async runDueWork(now = parts.clock.now()) {
      // The work goes through the Lambda handler itself, as Scheduler's invocation would.
      const ran = await scheduledWork.runDueWork(now, (work) => taskHandler(work, schedulerContext()));
      await taskHandler({ kind: 'sweep' }, schedulerContext());
      return ran;
    },
  };
}

/** A minimal Lambda context for local invocations (no deadline: local work is not cut short). */
function schedulerContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'reservation-task',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:000000000000:function:reservation-task',
    memoryLimitInMB: '512',
    awsRequestId: `local-${Date.now().toString(36)}`,
    logGroupName: '/aws/lambda/reservation-task',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
