import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { eventBridgeScheduledWork } from '../../../functions/adapters/scheduler/eventbridge-scheduled-work.ts';

const scheduler = mockClient(SchedulerClient);
const work = eventBridgeScheduledWork({
  client: new SchedulerClient({ region: 'ap-northeast-2' }),
  groupName: 'sign-language-reservations',
  targetArn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:reservation-task',
  roleArn: 'arn:aws:iam::111122223333:role/reservation-scheduler',
  deadLetterArn: 'arn:aws:sqs:ap-northeast-2:111122223333:reservation-dlq',
});
const item = { workId: 'rsv_abc-remind-1h', reservationId: 'rsv_abc', kind: 'reminder' as const, dueAt: '2025-03-11T04:00:00.000Z' };

describe('EventBridge Scheduler scheduled work', () => {
  afterEach(() => scheduler.reset());

  it('creates a one-time Seoul-time schedule that deletes itself and invokes the task function with the work', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
    await work.schedule([item]);
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Name: 'rsv_abc-remind-1h',
      GroupName: 'sign-language-reservations',
      ScheduleExpression: 'at(2025-03-11T13:00:00)',
      ScheduleExpressionTimezone: 'Asia/Seoul',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:reservation-task',
        RoleArn: 'arn:aws:iam::111122223333:role/reservation-scheduler',
        DeadLetterConfig: { Arn: 'arn:aws:sqs:ap-northeast-2:111122223333:reservation-dlq' },
      },
    });
    expect(JSON.parse(input?.Target?.Input ?? '{}')).toEqual({ kind: 'reminder', reservationId: 'rsv_abc', workId: 'rsv_abc-remind-1h' });
  });

  it('treats ConflictException as already scheduled and goes on with the rest', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(new ConflictException({ message: 'Schedule rsv_abc-remind-1h already exists.', $metadata: {} } as ConstructorParameters<typeof ConflictException>[0]))
      .resolves({ ScheduleArn: 'arn' });
    await expect(work.schedule([item, { ...item, workId: 'rsv_abc-start', kind: 'start-task' }])).resolves.toBeUndefined();
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(2);
  });

  it('propagates other failures so the follow-up stays owed', async () => {
    scheduler.on(CreateScheduleCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(work.schedule([item])).rejects.toThrow('denied');
  });

  it('deletes schedules on cancel, ignoring ones already run or never made', async () => {
    scheduler.on(DeleteScheduleCommand).rejectsOnce(new ResourceNotFoundException({ message: 'gone', $metadata: {} } as ConstructorParameters<typeof ResourceNotFoundException>[0])).resolves({});
    await work.cancel(['rsv_abc-remind-24h', 'rsv_abc-start']);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'rsv_abc-remind-24h', GroupName: 'sign-language-reservations' },
      { Name: 'rsv_abc-start', GroupName: 'sign-language-reservations' },
    ]);
  });
});
