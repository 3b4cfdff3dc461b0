import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/wiring/env-names.ts';
import { GATEWAY_FUNCTIONS } from '../../lib/function-catalog.ts';
import { MO_WEBHOOK_PATH } from '../../schemas/sms-mo-webhook.ts';
import { resourcesOf, stage, synthesizedGateway, templateOf } from './synthesized-gateway.ts';

type Statement = { Action: string | string[]; Resource: unknown };

function functionOf(stack: Stack, description: string): [string, Record<string, unknown>] {
  const found = resourcesOf(stack, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
  if (!found) throw new Error(`no function ${description}`);
  return [found[0], found[1].Properties ?? {}];
}

function statementsOfRole(stack: Stack, roleRef: unknown): Statement[] {
  const roleId = (roleRef as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resourcesOf(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(roleId))
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('the MO webhook in the SMS channel stack', () => {
  beforeAll(() => {
    synthesizedGateway();
  });

  it('routes POST /sms/mo, with no IAM auth (the relay signs each request), to the MO webhook Lambda', () => {
    const stack = stage('prod').smsChannel;
    const [functionId] = functionOf(stack, GATEWAY_FUNCTIONS.smsMoWebhook.description);
    const resources = new Map(resourcesOf(stack, 'AWS::ApiGateway::Resource'));
    const method = resourcesOf(stack, 'AWS::ApiGateway::Method').find(([, m]) => {
      const resource = resources.get((m.Properties?.ResourceId as { Ref: string }).Ref);
      return resource?.Properties?.PathPart === MO_WEBHOOK_PATH.split('/').at(-1) && m.Properties?.HttpMethod === 'POST';
    });
    expect(method, 'POST /sms/mo').toBeDefined();
    expect(method?.[1].Properties?.AuthorizationType).toBe('NONE');
    expect(JSON.stringify(method?.[1].Properties?.Integration)).toContain(functionId);
  });

  it('gives the function the signing-key secret and the intake queue, and nothing else of the stateful stack', () => {
    for (const name of ['dev', 'prod', 'prod-eum']) {
      const stack = stage(name).smsChannel;
      const [, fn] = functionOf(stack, GATEWAY_FUNCTIONS.smsMoWebhook.description);
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).filter((key) => key === ENV.moWebhookSecretArn || key === ENV.intakeQueueUrl).sort()).toEqual([ENV.intakeQueueUrl, ENV.moWebhookSecretArn]);
      expect(env[ENV.tableName]).toBeUndefined();
      expect(env[ENV.twilioSecretArn]).toBeUndefined();
      const actions = statementsOfRole(stack, fn.Role).flatMap((s) => [s.Action].flat());
      expect(actions).toContain('secretsmanager:GetSecretValue');
      expect(actions).toContain('sqs:SendMessage');
      expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
      const secretGrant = statementsOfRole(stack, fn.Role).find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
      expect(JSON.stringify(secretGrant?.Resource)).toMatch(/MoWebhook/);
    }
  });

  it('keeps the signing keys in a generated secret of the stateful stack ({"current": 64 characters}), never in the template', () => {
    const stateful = templateOf(stage('prod').stateful);
    const secrets = Object.values(stateful.findResources('AWS::SecretsManager::Secret')) as Array<{ Properties: Record<string, unknown> }>;
    const mo = secrets.find((s) => String(s.Properties.Description).includes('MO webhook'));
    expect(mo?.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: 'current', PasswordLength: 64 });
    expect(mo?.Properties.SecretString).toBeUndefined();
    expect(mo?.Properties.KmsKeyId).toBeDefined();
    expect(JSON.stringify(templateOf(stage('prod').smsChannel).toJSON().Outputs)).toMatch(/MoWebhookUrl/);
  });
});
