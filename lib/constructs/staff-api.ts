import { Duration } from 'aws-cdk-lib';
import {
  AuthorizationType,
  ResponseType,
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
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { ENV } from '../../functions/wiring/env-names.ts';
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
  /**
   * The counselor workspace app's origin (https://...): every staff route answers its preflight
   * without authorization, API Gateway's own 401/403/4xx/5xx carry its CORS header, and every
   * handler put behind the authorizer learns it (STAFF_APP_ORIGIN) to answer it too.
   */
  readonly appOrigin?: string;
}

/** The requests the app sends: a bearer token and JSON. */
const CORS_HEADERS = ['Authorization', 'Content-Type'];
/** Answers API Gateway gives before any handler runs (authorizer refusals, throttling, bad bodies). */
const GATEWAY_RESPONSES = [ResponseType.UNAUTHORIZED, ResponseType.ACCESS_DENIED, ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX];

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
  private readonly appOrigin: string | undefined;
  private readonly preflighted = new Set<IResource>();

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    this.api = props.api;
    this.appOrigin = props.appOrigin;
    if (props.appOrigin) {
      // Without these a refused token reaches the app as an opaque CORS failure, not a 401 to act on.
      for (const type of GATEWAY_RESPONSES) {
        props.api.addGatewayResponse(`Cors${type.responseType}`, {
          type,
          responseHeaders: { 'Access-Control-Allow-Origin': `'${props.appOrigin}'`, Vary: "'Origin'" },
        });
      }
    }
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

  /** The app's preflight (OPTIONS, no authorization: browsers send it without the token). */
  private allowApp(resource: IResource): void {
    if (!this.appOrigin || this.preflighted.has(resource)) return;
    this.preflighted.add(resource);
    resource.addCorsPreflight({ allowOrigins: [this.appOrigin], allowHeaders: CORS_HEADERS, allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], maxAge: Duration.minutes(10) });
  }

  /** Routes `handler` behind the authorizer; `bodies` are JSON models API Gateway validates first. */
  addRoutes(name: string, handler: IFunction, routes: readonly StaffRoute[], bodies: Record<string, JsonSchema> = {}): void {
    const integration = new LambdaIntegration(handler);
    if (this.appOrigin && handler instanceof LambdaFunction) handler.addEnvironment(ENV.staffAppOrigin, this.appOrigin);
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
      const resource = this.resourceFor(route.path);
      this.allowApp(resource);
      resource.addMethod(route.method, integration, { ...common, authorizationType: AuthorizationType.CUSTOM, authorizer: this.authorizer });
      if (route.iam) {
        if (route.method !== 'GET') throw new Error(`${key}: only read routes may be mirrored for SigV4 auditors`);
        this.resourceFor(`${IAM_ROUTE_PREFIX}${route.path}`).addMethod(route.method, integration, { ...common, authorizationType: AuthorizationType.IAM });
      }
    }
  }
}
