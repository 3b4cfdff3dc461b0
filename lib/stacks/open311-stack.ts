import { CfnOutput, Duration, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import { Cors, LambdaIntegration } from 'aws-cdk-lib/aws-apigateway';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { OPEN311_BINARY_TYPES, OPEN311_ROUTES } from '../../functions/core/open311/routes.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { createCatalogFunction } from '../constructs/catalog-function.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { GatewayRestApi } from '../constructs/gateway-rest-api.ts';
import { acknowledge } from '../constructs/nag.ts';
import { OPEN311_FUNCTIONS } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf, logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface Open311StackProps extends StackProps {
  readonly config: StageConfig & { readonly open311: NonNullable<StageConfig['open311']> };
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
}

/**
 * The Open311 GeoReport v2 API: a public REST API (no staff sign-in; POST needs an api_key the
 * function checks) with the gateway's WAF, one function on every route of OPEN311_ROUTES, and
 * the secret holding partner apps' keys. Requests go through the intake queue like every channel.
 */
export class Open311Stack extends Stack {
  readonly restApi: GatewayRestApi;
  readonly handler: GatewayFunction;
  readonly apiKeys: Secret;

  constructor(scope: Construct, id: string, props: Open311StackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    const settings = config.open311;

    this.restApi = new GatewayRestApi(this, 'Open311Api', {
      restApiName: `${config.name}-open311`,
      description: 'Open311 GeoReport v2: services and service requests for civic apps and the city site (public)',
      stageName: config.name,
      throttle: settings.throttle,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      // Descriptions are citizens' free text: a "<" must not lose a report.
      countBodyInspectionRules: true,
      rateLimitPerIp: settings.requestsPerIp,
      binaryMediaTypes: OPEN311_BINARY_TYPES,
      // Any app or site may call a public API whose key travels in the body, never a cookie.
      defaultCorsPreflightOptions: { allowOrigins: Cors.ALL_ORIGINS, allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['content-type', 'accept-language'], maxAge: Duration.hours(1) },
    });
    const api = this.restApi.api;

    // Partner apps' keys: {"keys":"name:key,name:key"}, written by the operator as apps are admitted.
    this.apiKeys = new Secret(this, 'ApiKeys', {
      description: `citizen-contact-gateway ${config.name}: Open311 api keys of partner apps ({"keys":"name:key,..."})`,
      encryptionKey: stateful.dataKey,
      removalPolicy: removalPolicyOf(config),
      secretObjectValue: { keys: SecretValue.unsafePlainText('') },
    });
    acknowledge(
      this.apiKeys,
      'AwsSolutions-SMG4',
      'Open311 api keys are issued to partner apps by the city and replaced by the operator when an app is admitted or withdrawn (docs/channels/open311.md); there is nothing for a rotation Lambda to rotate. The secret starts empty: no key value is in the template.',
    );

    this.handler = createCatalogFunction(
      this,
      OPEN311_FUNCTIONS.api,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        intakeQueue: intake.intakeQueue,
        mediaBucket: stateful.importMediaBucket(this),
      },
      functionDefaultsOf(config),
    );
    this.handler
      .bindSecret(this.apiKeys, ENV.open311ApiKeysSecretArn)
      .addEnvironment(ENV.open311WebClientKey, settings.webClientKey)
      .addEnvironment(ENV.open311JurisdictionId, settings.jurisdictionId)
      .addEnvironment(ENV.open311EndpointType, config.production ? 'production' : 'test');
    if (settings.publicBaseUrl) this.handler.addEnvironment(ENV.open311PublicBaseUrl, settings.publicBaseUrl);

    const integration = new LambdaIntegration(this.handler.function);
    for (const route of OPEN311_ROUTES) api.root.resourceForPath(route.path).addMethod(route.method, integration);
    // On the API, so they cover the CORS preflight (OPTIONS) methods too.
    acknowledge(
      api,
      'AwsSolutions-APIG4',
      'Open311 GeoReport v2 is a public API by specification: reads need no key, and POST carries the api_key in its form body (the spec), which the function checks in constant time against the configured keys and answers 403 otherwise; WAF, stage throttling and per-address and per-key rate windows limit abuse. OPTIONS is the CORS preflight.',
    );
    acknowledge(api, 'AwsSolutions-COG4', 'Callers are civic apps and citizens, not Cognito users; POST is authenticated by the Open311 api_key checked in the function.');
    acknowledge(
      api,
      'AwsSolutions-APIG2',
      'POST bodies are application/x-www-form-urlencoded (the spec) or image bytes, which API Gateway models (JSON Schema) cannot validate; the function reads and validates every field and answers 400 listing each problem.',
    );

    new CfnOutput(this, 'Open311EndpointUrl', { value: api.urlForPath('/open311/v2') });
    new CfnOutput(this, 'Open311ApiKeysSecretArn', { value: this.apiKeys.secretArn });
  }
}
