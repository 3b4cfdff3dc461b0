import { Duration } from 'aws-cdk-lib';
import {
  AuthorizationType,
  IdentitySource,
  LambdaIntegration,
  Model,
  RequestAuthorizer,
  RequestValidator,
  type IModel,
  type IResource,
  type JsonSchema,
  type RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { StaffRoute } from '../../functions/core/staff/staff-routes.ts';
import { IAM_ROUTE_PREFIX } from '../../functions/handlers/shared/staff-context.ts';
import { GATEWAY_FUNCTIONS } from '../function-catalog.ts';
import type { AuditTrail } from './audit-trail.ts';
import { createCatalogFunction, type FunctionDefaults } from './catalog-function.ts';
import type { GatewayFunction } from './gateway-function.ts';
import { acknowledge } from './nag.ts';

export interface StaffApiProps {
  readonly api: RestApi;
  readonly staffPool: { readonly userPoolId: string; readonly clientIds: readonly string[] };
  /** Where the authorizer records the refusals it makes. */
  readonly audit: AuditTrail;
  readonly defaults: FunctionDefaults;
}

/**
 * The staff side of a REST API: one REQUEST authorizer verifying the staff pool's id tokens,
 * and `addRoutes` to put a handler behind it for exactly the routes of its STAFF_APIS list.
 * Read routes marked `iam` are mirrored under /iam with AWS_IAM for auditors' scripts.
 */
export class StaffApi extends Construct {
  readonly authorizerFunction: GatewayFunction;
  private readonly authorizer: RequestAuthorizer;
  private readonly validator: RequestValidator;
  private readonly api: RestApi;

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    this.api = props.api;
    this.authorizerFunction = createCatalogFunction(this, GATEWAY_FUNCTIONS.staffAuthorizer, { staffPool: props.staffPool, audit: props.audit }, props.defaults);
    this.authorizer = new RequestAuthorizer(this, 'StaffAuthorizer', {
      handler: this.authorizerFunction.function,
      identitySources: [IdentitySource.header('Authorization')],
      // One policy per token covers every route of the stage (the authorizer allows stage/*).
      resultsCacheTtl: Duration.minutes(5),
    });
    this.validator = new RequestValidator(this, 'Validator', { restApi: props.api, validateRequestBody: true, validateRequestParameters: true });
    acknowledge(
      props.api,
      'AwsSolutions-COG4',
      'Staff routes use a REQUEST Lambda authorizer that verifies the Cognito staff pool id tokens with aws-jwt-verify (issuer, audience, token_use, expiry) and can record refusals; the /iam routes are SigV4 (AWS_IAM) for auditors\' scripts.',
    );
  }

  private resourceFor(path: string): IResource {
    let resource: IResource = this.api.root;
    for (const part of path.split('/').filter(Boolean)) resource = resource.getResource(part) ?? resource.addResource(part);
    return resource;
  }

  /** Routes `handler` behind the authorizer; `bodies` are JSON models API Gateway validates first. */
  addRoutes(name: string, handler: IFunction, routes: readonly StaffRoute[], bodies: Record<string, JsonSchema> = {}): void {
    const integration = new LambdaIntegration(handler);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const requestParameters = Object.fromEntries([
        ...pathParameters.map((parameter) => [`method.request.path.${parameter}`, true] as const),
        ...(route.query ?? []).map((parameter) => [`method.request.querystring.${parameter}`, false] as const),
      ]);
      const schema = bodies[key];
      const model: IModel | undefined = schema
        ? new Model(this, `${name}${route.method}${route.path.replace(/[^A-Za-z0-9]/g, '')}Body`, { restApi: this.api, contentType: 'application/json', schema })
        : undefined;
      const common = { requestValidator: this.validator, requestParameters, ...(model ? { requestModels: { 'application/json': model } } : {}) };
      this.resourceFor(route.path).addMethod(route.method, integration, { ...common, authorizationType: AuthorizationType.CUSTOM, authorizer: this.authorizer });
      if (route.iam) {
        if (route.method !== 'GET') throw new Error(`${key}: only read routes may be mirrored for SigV4 auditors`);
        this.resourceFor(`${IAM_ROUTE_PREFIX}${route.path}`).addMethod(route.method, integration, { ...common, authorizationType: AuthorizationType.IAM });
      }
    }
  }
}
