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

  it('gives the complaints API the X credentials for replies only on stages with the X channel', () => {
    const functionEnv = (name: 'dev' | 'prod-eum'): Record<string, unknown>[] =>
      Object.values(Template.fromStack(stage(name).complaintsApi).findResources('AWS::Lambda::Function')).map(
        (fn) => (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties.Environment?.Variables ?? {},
      );
    const withX = functionEnv('prod-eum').find((env) => 'X_SECRET_ARN' in env);
    expect(withX).toMatchObject({ X_REPLY_PRIVATE_SMS: '120' });
    // A cross-stack reference to the X channel's credentials secret, never a value.
    expect(JSON.stringify(withX?.X_SECRET_ARN)).toMatch(/XMentionsCredentials/);
    expect(functionEnv('dev').some((env) => 'X_SECRET_ARN' in env)).toBe(false);

    const statements = Object.values(Template.fromStack(stage('prod-eum').complaintsApi).findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    const secretReads = statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(JSON.stringify(secretReads.map((statement) => statement.Resource))).toMatch(/XChannel/);
  });
});
