import * as z from '../../../schemas/zod-mini.ts';
import { SlotScheduleSchema, type SlotSchedule } from '../../../schemas/reservation-schedule.ts';

/**
 * Environment of the reservation functions, set by lib/constructs/sign-language-reservations.ts.
 * Kept beside the shared names (functions/wiring/env-names.ts), which cover the table, queue,
 * PII and SMS variables these functions also read.
 */
export const RESERVATION_ENV = {
  /** JSON SlotSchedule; absent: weekdays 09:00-18:00 KST, 30-minute slots, 2 counsellors. */
  schedule: 'RESERVATION_SCHEDULE',
  scheduleGroup: 'RESERVATION_SCHEDULE_GROUP',
  taskFunctionArn: 'RESERVATION_TASK_FUNCTION_ARN',
  schedulerRoleArn: 'RESERVATION_SCHEDULER_ROLE_ARN',
  /** Optional SQS queue for schedule invocations Scheduler gave up on. */
  schedulerDeadLetterArn: 'RESERVATION_SCHEDULER_DLQ_ARN',
  connectInstanceId: 'CONNECT_INSTANCE_ID',
  contactFlowId: 'SIGN_LANGUAGE_CONTACT_FLOW_ID',
  queueId: 'SIGN_LANGUAGE_QUEUE_ID',
} as const;

/** Parses RESERVATION_SCHEDULE; a malformed value fails the cold start with the reason. */
export function slotScheduleFrom(env: NodeJS.ProcessEnv = process.env): SlotSchedule {
  const raw = env[RESERVATION_ENV.schedule];
  if (!raw) return z.parse(SlotScheduleSchema, {});
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${RESERVATION_ENV.schedule} is not valid JSON`);
  }
  const result = z.safeParse(SlotScheduleSchema, parsed);
  if (!result.success) throw new Error(`${RESERVATION_ENV.schedule} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

type Key = Exclude<keyof typeof RESERVATION_ENV, 'schedule' | 'schedulerDeadLetterArn'>;

export function readReservationEnvironment<K extends Key>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Record<K, string> {
  const missing = keys.filter((key) => !env[RESERVATION_ENV[key]]);
  if (missing.length > 0) throw new Error(`missing or empty environment variable(s): ${missing.map((key) => RESERVATION_ENV[key]).join(', ')}`);
  return Object.fromEntries(keys.map((key) => [key, env[RESERVATION_ENV[key]] as string])) as Record<K, string>;
}
