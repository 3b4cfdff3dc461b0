import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { stage, X_ACCOUNT_ID } from './synthesized-gateway.ts';

describe('X channel stack in a stage', () => {
  it('is deployed only for stages that name the city X account', () => {
    expect(stage('dev').xChannel).toBeUndefined();
    expect(stage('prod-eum').xChannel).toBeDefined();
  });

  it('polls on the stage schedule with the account id and read budget in the function environment', () => {
    const template = Template.fromStack(stage('prod-eum').xChannel!);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(2 minutes)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ X_ACCOUNT_ID, X_MONTHLY_READ_BUDGET: '10000' }) },
    });
  });
});
