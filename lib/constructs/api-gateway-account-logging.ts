import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.ts';

/**
 * The region's API Gateway CloudWatch Logs role (an account setting, needed for execution
 * logging). Inline policy scoped to API Gateway's own log groups rather than the AWS managed
 * AmazonAPIGatewayPushToCloudWatchLogs ("*"). The role is always retained: another stage in the
 * same account may be the one whose role the account setting points at.
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const executionLogGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: 'API-Gateway-Execution-Logs_*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const executionLogStreams = `${executionLogGroups}:log-stream:*`;
    const allLogGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway execution logging to CloudWatch Logs',
      inlinePolicies: {
        executionLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              resources: [executionLogGroups, executionLogStreams],
            }),
            new PolicyStatement({
              actions: ['logs:DescribeLogGroups'],
              resources: [allLogGroups],
            }),
          ],
        }),
      },
    });
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const why =
      'API Gateway names execution log groups API-Gateway-Execution-Logs_{restApiId}/{stage} for every API in the region, unknown before creation; the grant is limited to that prefix.';
    acknowledgeWildcardResource(this.role, executionLogGroups, why);
    acknowledgeWildcardResource(this.role, executionLogStreams, why);
    acknowledgeWildcardResource(
      this.role,
      allLogGroups,
      'logs:DescribeLogGroups is a list action that IAM only authorizes on log-group:* in the account and region; it is the only action on this resource.',
    );
    const account = new CfnAccount(this, 'Account', { cloudWatchRoleArn: this.role.roleArn });
    account.node.addDependency(this.role);
  }
}
