import { Stack, type CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { allStatements, asArray, namesTable, updateOrDeleteGrants } from './audit-iam.ts';
import { resourcesOf, stage, templateOf, TEST_STAGES } from './synthesized-gateway.ts';

const STAGE_NAMES = TEST_STAGES.map((config) => config.name);

/** The logical ids of the Lambda functions an API Gateway URI (integration or authorizer) invokes. */
function invokedFunctions(uri: unknown): string[] {
  return [...JSON.stringify(uri).matchAll(/"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/g)].map((match) => match[1] ?? '');
}

describe('the audit table is append-only for every function of the whole gateway', () => {
  it.each(STAGE_NAMES)('%s: no statement in any stack lets any principal update or delete in it, though several may append', (name) => {
    const gateway = stage(name);
    const tableId = gateway.stateful.getLogicalId(gateway.stateful.audit.table.node.defaultChild as CdkCfnResource);
    const stacks = gateway.node.children.filter((child): child is Stack => Stack.isStack(child));
    expect(stacks.length).toBeGreaterThanOrEqual(5);
    const appenders: string[] = [];
    for (const stack of stacks) {
      const template = templateOf(stack);
      expect(updateOrDeleteGrants(template, tableId), stack.stackName).toEqual([]);
      for (const { where, statement } of allStatements(template)) {
        if (statement.Effect === 'Allow' && namesTable(statement, tableId) && asArray(statement.Action).includes('dynamodb:PutItem')) appenders.push(`${stack.stackName}/${where}`);
      }
    }
    // Not vacuous: the staff authorizer, the complaints API, the audit API and the digest job append.
    expect(appenders.length).toBeGreaterThanOrEqual(4);
  });

  it.each(STAGE_NAMES)('%s: every function behind the staff API, and the staff authorizer, may append access records and is told the table', (name) => {
    const gateway = stage(name);
    const stack = gateway.complaintsApi;
    const tableId = gateway.stateful.getLogicalId(gateway.stateful.audit.table.node.defaultChild as CdkCfnResource);
    const staffFunctions = new Set<string>();
    for (const [, method] of resourcesOf(stack, 'AWS::ApiGateway::Method')) {
      if (!['CUSTOM', 'AWS_IAM'].includes(String(method.Properties?.AuthorizationType))) continue;
      for (const id of invokedFunctions((method.Properties?.Integration as { Uri?: unknown } | undefined)?.Uri)) staffFunctions.add(id);
    }
    for (const [, authorizer] of resourcesOf(stack, 'AWS::ApiGateway::Authorizer')) for (const id of invokedFunctions(authorizer.Properties?.AuthorizerUri)) staffFunctions.add(id);
    expect(staffFunctions.size).toBeGreaterThanOrEqual(3);

    const functions = new Map(resourcesOf(stack, 'AWS::Lambda::Function'));
    const statements = allStatements(templateOf(stack));
    for (const id of staffFunctions) {
      const fn = functions.get(id);
      expect(fn, id).toBeDefined();
      const variables = (fn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(Object.keys(variables), `${id} environment`).toContain('AUDIT_TABLE_NAME');
      const role = JSON.stringify(fn?.Properties?.Role);
      const appends = statements.filter(
        ({ statement, roles }) => statement.Effect === 'Allow' && roles.some((ref) => role.includes(JSON.stringify((ref as { Ref?: string }).Ref))) && namesTable(statement, tableId) && asArray(statement.Action).includes('dynamodb:PutItem'),
      );
      expect(appends.length, `${id} may PutItem on the audit table`).toBeGreaterThan(0);
    }
  });

  it('alarms on staff API server errors, which is how an audit table that cannot be written shows', () => {
    const alarms = resourcesOf(stage('prod').complaintsApi, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    expect(alarms).toEqual(expect.arrayContaining([expect.objectContaining({ MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Threshold: 5, AlarmActions: expect.anything() })]));
  });
});
