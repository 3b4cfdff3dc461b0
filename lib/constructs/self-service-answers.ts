import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { LambdaIntegration } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CHAT_ENV } from '../../functions/wiring/aws/chat-env.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { SELF_SERVICE_FUNCTIONS } from '../function-catalog.ts';
import { createCatalogFunction } from './catalog-function.ts';
import type { GatewayFunction } from './gateway-function.ts';
import { GatewayRestApi } from './gateway-rest-api.ts';
import { acknowledge } from './nag.ts';

export interface SelfServiceAnswersProps {
  readonly config: StageConfig;
  readonly table: { readonly table: ITable; readonly indexNames: readonly string[] };
  /** The media bucket: the function reads the index objects under knowledge-index/ only. */
  readonly mediaBucket: IBucket;
  readonly piiSecret: ISecret;
  /** Stage throttling of the answers API (all routes). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Requests per 5 minutes per client IP (WAF), before the function's own per-address window. */
  readonly requestsPerIp: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The public self-service answers (docs/adr/0029-self-service-answers.md): one function behind
 * a REST API of its own, so searching neither shares the chat accounts API's WAF budget (which
 * guards SMS sends) nor its stage throttle. No authorization: the routes are public; the WAF
 * rate rule and the function's per-address window (hashed) limit each client.
 */
export class SelfServiceAnswers extends Construct {
  readonly function: GatewayFunction;
  readonly api: GatewayRestApi;

  constructor(scope: Construct, id: string, props: SelfServiceAnswersProps) {
    super(scope, id);
    this.function = createCatalogFunction(
      this,
      SELF_SERVICE_FUNCTIONS.answers,
      { table: props.table, mediaBucket: props.mediaBucket, piiSecret: props.piiSecret },
      { config: props.config, logRetention: props.logRetention, logRemovalPolicy: props.removalPolicy },
    );
    this.api = new GatewayRestApi(this, 'AnswersApi', {
      restApiName: `citizen-answers-${props.config.name}`,
      description: 'Self-service answers: public search over published counselling cases',
      stageName: props.config.name,
      throttle: props.throttle,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      countBodyInspectionRules: false,
      rateLimitPerIp: props.requestsPerIp,
    });
    acknowledge(
      this.api.api,
      'AwsSolutions-APIG4',
      'The answers are public information anyone may read without an account (published cases only); abuse is bounded by stage throttling, a WAF rate rule per IP and the function\'s per-address window.',
    );
    acknowledge(this.api.api, 'AwsSolutions-COG4', 'Citizens are not Cognito users, and reading the city\'s published answers needs no credential.');
    acknowledge(
      this.api.api,
      'AwsSolutions-APIG2',
      'Query strings and the one small body are validated by the Lambda with zod (schemas/self-service.ts), which answers 400 naming the field; an API Gateway model would duplicate that with vaguer errors.',
    );
  }

  /** The routes, with CORS for the citizen page's origin (known once the page's distribution exists). */
  addRoutes(pageOrigin: string): void {
    this.function.addEnvironment(CHAT_ENV.allowedOrigin, pageOrigin);
    const integration = new LambdaIntegration(this.function.function);
    const answers = this.api.api.root.addResource('answers', {
      defaultCorsPreflightOptions: { allowOrigins: [pageOrigin], allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['content-type'], maxAge: Duration.minutes(10) },
    });
    answers.addResource('search').addMethod('GET', integration);
    const answer = answers.addResource('{caseId}');
    answer.addMethod('GET', integration);
    answer.addResource('not-helpful').addMethod('POST', integration);
  }
}
