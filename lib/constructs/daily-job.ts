import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.ts';

export interface DailyJobProps {
  readonly function: IFunction;
  /** Seoul time. */
  readonly hour: number;
  readonly minute: number;
  readonly description: string;
  /** What the function receives (`source` names the schedule). */
  readonly input: Record<string, unknown>;
  readonly stageName: string;
}

/**
 * One EventBridge Scheduler schedule invoking a function once a day at a Seoul time, with its
 * own role that may invoke that function only; retried twice (the jobs converge when repeated).
 */
export class DailyJob extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: DailyJobProps) {
    super(scope, id);
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `EventBridge Scheduler invoking ${props.description} (${props.stageName})`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: props.description,
      schedule: ScheduleExpression.cron({ minute: String(props.minute), hour: String(props.hour), timeZone: TimeZone.ASIA_SEOUL }),
      target: new LambdaInvoke(props.function, { role, input: ScheduleTargetInput.fromObject(props.input), retryAttempts: 2, maxEventAge: Duration.hours(6) }),
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeWildcardResource(policy, `${props.function.functionArn}:*`, 'Function.grantInvoke also names the qualified ARNs (versions/aliases) of this one function; the role can invoke nothing else.');
    }
  }
}
