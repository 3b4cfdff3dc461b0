import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { GSIS } from '../../functions/adapters/dynamodb/table-definition.ts';
import { ComplaintTable } from '../../lib/constructs/complaint-table.ts';
import { OverdueComplaintsAlarm } from '../../lib/constructs/overdue-complaints-alarm.ts';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

describe('OverdueComplaintsAlarm construct', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('overdue-alarm-cdk-') });
    const stack = new Stack(app, 'OverdueTest', { env: { account: '111122223333', region: 'ap-northeast-2' } });
    const key = new Key(stack, 'Key', { enableKeyRotation: true });
    const complaints = new ComplaintTable(stack, 'Complaints', { encryptionKey: key });
    new OverdueComplaintsAlarm(stack, 'Overdue', {
      stageName: 'test',
      table: { table: complaints.table, indexNames: complaints.indexNames },
      publicHolidays: '2026-01-01,2026-02-16',
      alarmTopic: new Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true }),
      logRetention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template = Template.fromStack(stack);
  });

  it('gives the complaint table the open-by-due index the count reads', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: GSIS.byOpenDue.indexName, KeySchema: [{ AttributeName: 'gsi4pk', KeyType: 'HASH' }, { AttributeName: 'gsi4sk', KeyType: 'RANGE' }] }),
      ]),
    });
  });

  it('runs the counter every 15 minutes with the holiday table and the stage it reports for', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'overdue-metric', PUBLIC_HOLIDAYS: '2026-01-01,2026-02-16', DEADLINE_METRICS_STAGE: 'test' }) },
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
  });

  it('alarms when complaints stay overdue for two counts in a row, and when the holiday table runs out', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CitizenGateway/Deadlines',
      MetricName: 'OverdueOpenComplaints',
      Dimensions: [{ Name: 'Stage', Value: 'test' }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      AlarmActions: [Match.anyValue()],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HolidayTableMissingYears', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('lets the counter read the table and its indexes, and write nothing', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:Query');
    expect(policies).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/);
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged finding', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});
