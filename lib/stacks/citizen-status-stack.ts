import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LambdaIntegration } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { PUBLIC_STATUS_ROUTE } from '../../functions/handlers/public-status.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { createCatalogFunction } from '../constructs/catalog-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { NOTICE_FUNCTIONS } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf, logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface CitizenStatusStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
}

/** Lookups per 5 minutes per client address at the WAF (Korean carriers put many phones behind one address). */
export const STATUS_LOOKUPS_PER_IP = 100;

/**
 * The citizens' status lookup (GET /public/status): a small public REST API of its own, outside
 * the staff API and its authorizer, with WAF managed rules and a rate rule per client address in
 * front of the function's own receipt lock and per-address limit. Built before the chat channel,
 * whose citizen page calls it (config.json names its URL).
 */
export class CitizenStatusStack extends Stack {
  readonly api: GatewayRestApi;
  readonly lookup: GatewayFunction;
  /** https://{api}.execute-api.{region}.amazonaws.com/{stage}: what the status page calls. */
  readonly statusApiUrl: string;

  constructor(scope: Construct, id: string, props: CitizenStatusStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    this.lookup = createCatalogFunction(
      this,
      NOTICE_FUNCTIONS.publicStatus,
      { table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames }, piiSecret: stateful.secrets.piiKeys, audit: stateful.audit },
      functionDefaultsOf(config),
    );
    this.api = new GatewayRestApi(this, 'StatusApi', {
      restApiName: `citizen-status-${config.name}`,
      description: 'Citizens look their complaint up by receipt number and the last 4 digits of their phone number',
      stageName: config.name,
      throttle: config.smsWebhookThrottle,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      // GET only: there is no body to inspect.
      countBodyInspectionRules: false,
      rateLimitPerIp: STATUS_LOOKUPS_PER_IP,
    });
    const [, ...segments] = PUBLIC_STATUS_ROUTE.path.split('/');
    const resource = segments.reduce((parent, segment) => parent.addResource(segment), this.api.api.root);
    resource.addMethod(PUBLIC_STATUS_ROUTE.method, new LambdaIntegration(this.lookup.function), {
      requestParameters: Object.fromEntries(PUBLIC_STATUS_ROUTE.query.map((name) => [`method.request.querystring.${name}`, name !== 'lang'])),
      requestValidatorOptions: { requestValidatorName: 'status-query', validateRequestParameters: true, validateRequestBody: true },
    });
    this.statusApiUrl = this.api.api.url.replace(/\/$/, '');

    const errors = new Alarm(this, 'StatusLookupServerErrors', {
      alarmDescription: `${config.name}: the public status lookup answers 5xx; citizens cannot see how their complaint stands.`,
      metric: this.api.api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    errors.addAlarmAction(new SnsAction(intake.alarmTopic));

    acknowledge(
      this.api.api,
      'AwsSolutions-APIG4',
      'The status lookup is public by design (issue 12: no account): the receipt number and phone digits are the proof, guarded by a stored per-receipt lock after 5 failures, a per-address limit, stage throttling and a WAF rate rule per IP.',
    );
    acknowledge(this.api.api, 'AwsSolutions-COG4', 'Citizens are not Cognito users; the lookup is deliberately outside the staff API and its authorizer.');
    new CfnOutput(this, 'StatusApiUrl', { value: `${this.statusApiUrl}${PUBLIC_STATUS_ROUTE.path}`, description: 'Public status lookup (GET ?receiptNo=&phoneLast4=&lang=)' });
  }
}
