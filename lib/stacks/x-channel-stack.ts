import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { xPollRateMinutes } from '../config/x-api-config.ts';
import { XMentionPoller } from '../constructs/x-mention-poller.ts';
import type { IntakeStack } from './intake-stack.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { logRetentionOf, removalPolicyOf } from './stage-defaults.ts';

export interface XChannelStackProps extends StackProps {
  readonly config: StageConfig & { readonly xAccountId: string };
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
}

/** The X mentions channel: scheduled poller, its credentials secret and alarms. */
export class XChannelStack extends Stack {
  readonly poller: XMentionPoller;

  constructor(scope: Construct, id: string, props: XChannelStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    this.poller = new XMentionPoller(this, 'XMentions', {
      stageName: config.name,
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      intakeQueue: intake.intakeQueue,
      encryptionKey: stateful.dataKey,
      alarmTopic: intake.alarmTopic,
      xAccountId: config.xAccountId,
      monthlyReadBudget: config.xMonthlyReadBudget,
      pollRate: Duration.minutes(xPollRateMinutes(config)),
      readAs: config.xApi.readAs,
      complianceJobs: config.xApi.complianceJobs,
      sweepMonthlyReadBudget: config.xApi.sweepMonthlyReadBudget,
      redactionWindowDays: config.xApi.retentionDays,
      logRetention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });
  }
}
