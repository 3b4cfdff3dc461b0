import { CreateScheduleCommand, DeleteScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { ReservationWork } from '../../../schemas/reservation-api.ts';
import type { ScheduledWorkItem } from '../../core/reservations/model.ts';
import type { ScheduledWork } from '../../core/reservations/ports.ts';
import { SCHEDULE_TIMEZONE, atExpression } from './schedule-expression.ts';

export interface EventBridgeScheduledWorkOptions {
  client: SchedulerClient;
  /** Schedule group the Scheduler role and the functions' IAM are scoped to. */
  groupName: string;
  /** The reservation-task Lambda. */
  targetArn: string;
  /** Role EventBridge Scheduler assumes; allowed to invoke only the target. */
  roleArn: string;
  /** Dead-letter queue for invocations Scheduler gives up on. */
  deadLetterArn?: string;
}

/**
 * One one-time schedule per work item: `at()` in Asia/Seoul, deleted by Scheduler after it
 * ran, the work as the target's input. The schedule name is the work id, so creating it again
 * answers ConflictException, which here means "already scheduled".
 */
export function eventBridgeScheduledWork(options: EventBridgeScheduledWorkOptions): ScheduledWork {
  const inputOf = (item: ScheduledWorkItem): ReservationWork => ({ kind: item.kind, reservationId: item.reservationId, workId: item.workId });
  return {
    async schedule(items) {
      for (const item of items) {
        try {
          await options.client.send(
            new CreateScheduleCommand({
              Name: item.workId,
              GroupName: options.groupName,
              ScheduleExpression: atExpression(item.dueAt),
              ScheduleExpressionTimezone: SCHEDULE_TIMEZONE,
              FlexibleTimeWindow: { Mode: 'OFF' },
              ActionAfterCompletion: 'DELETE',
              ClientToken: item.workId,
              Description: `reservation ${item.reservationId}: ${item.kind}`,
              Target: {
                Arn: options.targetArn,
                RoleArn: options.roleArn,
                Input: JSON.stringify(inputOf(item)),
                RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
                ...(options.deadLetterArn ? { DeadLetterConfig: { Arn: options.deadLetterArn } } : {}),
              },
            }),
          );
        } catch (error) {
          if (error instanceof Error && error.name === 'ConflictException') continue;
          throw error;
        }
      }
    },

    async cancel(workIds) {
      for (const workId of workIds) {
        try {
          await options.client.send(new DeleteScheduleCommand({ Name: workId, GroupName: options.groupName }));
        } catch (error) {
          // Never created, or already run and deleted by Scheduler.
          if (error instanceof Error && error.name === 'ResourceNotFoundException') continue;
          throw error;
        }
      }
    },
  };
}
