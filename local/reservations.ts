import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SlotScheduleInput } from '../schemas/reservation-schedule.ts';
import { SlotScheduleSchema } from '../schemas/reservation-schedule.ts';
import { DynamoComplaintRepository } from '../functions/adapters/dynamodb/complaint-repository.ts';
import { createReservationRepository } from '../functions/adapters/dynamodb/reservation-repository.ts';
import { localCounsellingTasks } from '../functions/adapters/scheduler/local-counselling-tasks.ts';
import { localScheduledWork, type LocalScheduledWork } from '../functions/adapters/scheduler/local-scheduled-work.ts';
import type { ReservationDeps } from '../functions/core/reservations/deps.ts';
import { notifierByHandleKind, smsReservationNotifier } from '../functions/core/reservations/notifiers.ts';
import type { ChatAccounts, CounsellingTasks, ReservationNotifier } from '../functions/core/reservations/ports.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { SmsSender } from '../functions/core/ports/sms-sender.ts';
import { createReservationTaskHandler } from '../functions/handlers/reservation-task.ts';
import type { ReservationTaskDeps } from '../functions/wiring/deps/reservation-task.ts';
import { createReservationsApiHandler, RESERVATION_ROUTES } from '../functions/handlers/reservations-api.ts';
import type { ReservationsApiDeps } from '../functions/wiring/deps/reservations-api.ts';
import { lambdaContext } from './apigw-event.ts';

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
 */
export function createLocalReservations(parts: LocalReservationParts): LocalReservations {
  const scheduledWork = localScheduledWork({ client: parts.documentClient, tableName: parts.tableName, clock: parts.clock, log: parts.log });
  const deps: ReservationDeps = {
    repository: createReservationRepository(parts.documentClient, parts.tableName),
    schedule: SlotScheduleSchema.parse(parts.schedule ?? {}),
    pii: parts.pii,
    intake: parts.intake,
    complaints: new DynamoComplaintRepository(parts.documentClient, parts.tableName),
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
      const ran = await scheduledWork.runDueWork(now, (work) => taskHandler(work, lambdaContext('reservation-task')));
      await taskHandler({ kind: 'sweep' }, lambdaContext('reservation-task'));
      return ran;
    },
  };
}
