import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESERVATION_ROUTES } from '../../functions/handlers/reservations-api.ts';
import { RESERVATION_ENV } from '../../functions/wiring/aws/reservations-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { parseStageConfig, type StageConfigInput } from '../../lib/config/stage-config.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { buildGatewayApp, cdkJsonContext, type GatewayApp } from '../../lib/gateway-app.ts';
import { signLanguageConnectTargetOf } from '../../lib/stacks/reservations-stack.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
const INSTANCE_ARN = `arn:aws:connect:ap-northeast-2:111122223333:instance/${INSTANCE_ID}`;
const FLOW_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const QUEUE_ID = '99999999-8888-4777-8666-555555555555';

/** A production stage with reservations switched on (the deployable stages leave them off). */
const STAGE_INPUT: StageConfigInput = {
  ...stageByName('prod'),
  name: 'rsv',
  twilioFromNumber: '+821012345678',
  connectInstanceArn: INSTANCE_ARN,
  connectInstanceAlias: 'city-120-contact-center',
  signLanguageReservations: { contactFlowId: FLOW_ID, queueId: QUEUE_ID, schedule: { defaultCapacity: 3 }, sweepRateMinutes: 5 },
};

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
type Resource = { Type: string; Properties: Record<string, unknown> };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const actionsOf = (statement: Statement) => asArray(statement.Action);

let gateway: GatewayApp;
let stack: Stack;
let template: Template;

function resources(type: string): Array<[string, Resource]> {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

/** Identity-policy statements of the stack, by the logical id of the role they are attached to. */
function statementsByRole(): Map<string, Statement[]> {
  const byRole = new Map<string, Statement[]>();
  for (const [, policy] of resources('AWS::IAM::Policy')) {
    const statements = asArray((policy.Properties.PolicyDocument as { Statement: Statement | Statement[] }).Statement);
    for (const role of policy.Properties.Roles as Array<{ Ref: string }>) byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
  }
  return byRole;
}

function roleOfFunction(serviceName: string): string {
  const found = resources('AWS::Lambda::Function').find(
    ([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === serviceName,
  );
  if (!found) throw new Error(`no function ${serviceName}`);
  return (found[1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

function schedulerRoleId(): string {
  const found = resources('AWS::IAM::Role').find(([, role]) =>
    JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
  );
  if (!found) throw new Error('no scheduler role');
  return found[0];
}

const json = (value: unknown) => JSON.stringify(value);

beforeAll(() => {
  gateway = buildGatewayApp({ stages: [parseStageConfig(STAGE_INPUT)], context: cdkJsonContext(), outdir: cdkOutdir('gateway-rsv-') });
  for (const s of gateway.stages) s.synth();
  const reservations = gateway.stages[0]?.reservations;
  if (!reservations) throw new Error('the stage has no reservations stack');
  stack = reservations;
  template = Template.fromStack(stack);
});

describe('sign-language reservations: scheduling least privilege', () => {
  it('lets the Scheduler role invoke only the task function and write only to the work dead-letter queue', () => {
    const statements = statementsByRole().get(schedulerRoleId()) ?? [];
    expect(statements.flatMap(actionsOf).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = statements.find((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    // The unqualified ARN of the fixed-name task function, no version or alias wildcard.
    expect(asArray(invoke?.Resource)).toHaveLength(1);
    expect(json(invoke?.Resource)).toMatch(/:function:cgw-rsv-reservation-task"/);
    expect(json(invoke?.Resource)).not.toContain('*');
    const [, task] = resources('AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === 'cgw-rsv-reservation-task') ?? [];
    expect(task).toBeDefined();
    const send = statements.find((s) => actionsOf(s).includes('sqs:SendMessage'));
    const [dlqId] = resources('AWS::SQS::Queue').map(([id]) => id);
    expect(send?.Resource).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
  });

  it('lets only schedules of the reservation group (in this account) assume the Scheduler role', () => {
    const [, role] = resources('AWS::IAM::Role').find(([id]) => id === schedulerRoleId()) ?? [];
    const trust = asArray((role?.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement);
    expect(trust).toHaveLength(1);
    const [groupId] = resources('AWS::Scheduler::ScheduleGroup').map(([id]) => id);
    expect(trust[0]?.Condition?.StringEquals).toMatchObject({ 'aws:SourceArn': { 'Fn::GetAtt': [groupId, 'Arn'] } });
  });

  it('passes only the Scheduler role, and only to EventBridge Scheduler', () => {
    const passRoles = [...statementsByRole().values()].flat().filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')));
    expect(passRoles.length).toBeGreaterThanOrEqual(2); // the API and the task function
    for (const statement of passRoles) {
      expect(actionsOf(statement)).toEqual(['iam:PassRole']);
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [schedulerRoleId(), 'Arn'] });
      expect(statement.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    }
  });

  it('creates and deletes schedules only in the reservation group, and never updates or lists others', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'cgw-rsv-reservations' });
    const scheduling = [...statementsByRole().values()].flat().filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(scheduling.length).toBeGreaterThanOrEqual(2);
    for (const statement of scheduling) {
      expect(actionsOf(statement).sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
      expect(asArray(statement.Resource)).toHaveLength(1);
      expect(json(statement.Resource)).toMatch(/:schedule\/cgw-rsv-reservations\/\*"/);
    }
  });

  it('starts Connect tasks only from the task function, on the contacts of the configured instance through the sign-language flow', () => {
    const byRole = statementsByRole();
    const starters = [...byRole.entries()].filter(([, statements]) => statements.some((s) => actionsOf(s).some((a) => a.startsWith('connect:'))));
    expect(starters.map(([role]) => role)).toEqual([roleOfFunction('reservation-task')]);
    const start = starters[0]?.[1].find((s) => actionsOf(s).some((a) => a.startsWith('connect:')));
    expect(actionsOf(start!)).toEqual(['connect:StartTaskContact']);
    expect(asArray(start?.Resource).sort()).toEqual([`${INSTANCE_ARN}/contact-flow/${FLOW_ID}`, `${INSTANCE_ARN}/contact/*`]);
  });

  it('sweeps on a rate schedule in the group, sending {"kind":"sweep"} to the task function with the Scheduler role', () => {
    const [, sweep] = resources('AWS::Scheduler::Schedule')[0] ?? [];
    expect(sweep?.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', GroupName: 'cgw-rsv-reservations' });
    const target = sweep?.Properties.Target as { Arn: unknown; RoleArn: unknown; Input: string };
    expect(JSON.parse(target.Input)).toEqual({ kind: 'sweep' });
    expect(json(target.Arn)).toMatch(/:function:cgw-rsv-reservation-task"/);
    expect(target.RoleArn).toEqual({ 'Fn::GetAtt': [schedulerRoleId(), 'Arn'] });
  });

  it('dead-letters task work Lambda gave up on into the alarmed queue', () => {
    const [dlqId] = resources('AWS::SQS::Queue').map(([id]) => id);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
    const dlqAlarms = resources('AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' && json(alarm.Properties.Dimensions).includes(dlqId!),
    );
    expect(dlqAlarms).toHaveLength(1);
    expect(dlqAlarms[0]?.[1].Properties.Threshold).toBe(1);
    expect(json(dlqAlarms[0]?.[1].Properties.AlarmActions)).toMatch(/OperationsAlarms/);
    const errorAlarms = resources('AWS::CloudWatch::Alarm').filter(([, alarm]) => ['Errors', '5XXError'].includes(String(alarm.Properties.MetricName)));
    expect(errorAlarms.map(([, alarm]) => alarm.Properties.MetricName).sort()).toEqual(['5XXError', 'Errors']);
  });
});

describe('sign-language reservations: functions and API', () => {
  it('gives both functions every variable the reservation wiring reads', () => {
    const required = [
      ENV.tableName,
      ENV.intakeQueueUrl,
      ENV.piiSecretArn,
      ENV.smsSender,
      ENV.twilioSecretArn,
      ENV.twilioFromNumber,
      ...Object.values(RESERVATION_ENV),
    ];
    for (const service of ['reservations-api', 'reservation-task']) {
      const [, fn] = resources('AWS::Lambda::Function').find(
        ([, f]) => (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === service,
      ) ?? [];
      const variables = (fn?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(required));
      expect(variables).toMatchObject({
        [RESERVATION_ENV.connectInstanceId]: INSTANCE_ID,
        [RESERVATION_ENV.contactFlowId]: FLOW_ID,
        [RESERVATION_ENV.queueId]: QUEUE_ID,
        [RESERVATION_ENV.scheduleGroup]: 'cgw-rsv-reservations',
        [ENV.smsSender]: 'twilio',
        [ENV.twilioFromNumber]: '+821012345678',
      });
      expect(JSON.parse(String(variables[RESERVATION_ENV.schedule]))).toMatchObject({ defaultCapacity: 3, slotMinutes: 30 });
    }
  });

  it('serves exactly the handler routes, each behind AWS_IAM', () => {
    const paths = new Map(resources('AWS::ApiGateway::Resource'));
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      const resource = id ? paths.get(id) : undefined;
      return resource ? `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}` : '';
    };
    const methods = resources('AWS::ApiGateway::Method').map(([, m]) => m.Properties);
    expect(methods.map((m) => `${String(m.HttpMethod)} ${pathOf(m.ResourceId)}`).sort()).toEqual([...RESERVATION_ROUTES].sort());
    for (const method of methods) expect(method.AuthorizationType).toBe('AWS_IAM');
  });

  it('lets the citizen page back end book and cancel, but not list a day or record a no-show', () => {
    const [, booking] = resources('AWS::IAM::ManagedPolicy').find(([id]) => id.includes('BookingInvokePolicy')) ?? [];
    const granted = json(booking?.Properties.PolicyDocument);
    expect(granted).toContain('/POST/reservations"');
    expect(granted).toContain('/POST/reservations/*/cancel"');
    expect(granted).not.toContain('no-show');
    expect(granted).not.toContain('/GET/reservations"');
  });

  it('passes cdk-nag with every acknowledgement written down', () => {
    // This stack only; the whole app is checked by gateway-app.test.ts.
    expect(nagFindings(gateway.app, [`${stack.node.path}/`])).toEqual([]);
  });
});

describe('sign-language reservations: stage configuration', () => {
  it('refuses a Twilio stage with reservations but no number to send notices from', () => {
    const { twilioFromNumber: _omitted, ...withoutNumber } = STAGE_INPUT;
    expect(() => parseStageConfig(withoutNumber)).toThrow(/twilioFromNumber/);
  });

  it('names every missing Connect id instead of deploying a task function that cannot start tasks', () => {
    const config = parseStageConfig({ ...STAGE_INPUT, connectInstanceArn: undefined, signLanguageReservations: { queueId: QUEUE_ID } });
    expect(() => signLanguageConnectTargetOf(config)).toThrow(/connectInstanceArn, signLanguageReservations\.contactFlowId/);
    expect(signLanguageConnectTargetOf(config, { instanceArn: INSTANCE_ARN, contactFlowId: FLOW_ID })).toEqual({
      instanceArn: INSTANCE_ARN,
      contactFlowId: FLOW_ID,
      queueId: QUEUE_ID,
    });
  });
});
