import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
  type RestApiProps,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { RegionalWebAcl } from './regional-web-acl.ts';

export interface GatewayRestApiProps {
  readonly restApiName: string;
  readonly description: string;
  readonly stageName: string;
  readonly throttle: StageConfig['smsWebhookThrottle'];
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly countBodyInspectionRules: boolean;
  readonly rateLimitPerIp?: number;
  readonly defaultMethodOptions?: RestApiProps['defaultMethodOptions'];
  /** Content types passed to the functions as binary (base64), e.g. uploaded photos. */
  readonly binaryMediaTypes?: readonly string[];
  readonly defaultCorsPreflightOptions?: RestApiProps['defaultCorsPreflightOptions'];
}

/**
 * REST API defaults shared by every public API of the gateway: regional endpoint, JSON access
 * logs to an owned log group, execution logging at ERROR without request/response bodies
 * (bodies carry phone numbers), stage throttling, X-Ray, and a WAF web ACL.
 */
export class GatewayRestApi extends Construct {
  readonly api: RestApi;
  readonly accessLogs: LogGroup;
  readonly webAcl: RegionalWebAcl;

  constructor(scope: Construct, id: string, props: GatewayRestApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: props.description,
      endpointTypes: [EndpointType.REGIONAL],
      // The account-level logging role is set once by the stateful stack (ApiGatewayAccountLogging).
      cloudWatchRole: false,
      disableExecuteApiEndpoint: false,
      defaultMethodOptions: props.defaultMethodOptions,
      ...(props.binaryMediaTypes ? { binaryMediaTypes: [...props.binaryMediaTypes] } : {}),
      ...(props.defaultCorsPreflightOptions ? { defaultCorsPreflightOptions: props.defaultCorsPreflightOptions } : {}),
      deployOptions: {
        stageName: props.stageName,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
      },
    });
    this.webAcl = new RegionalWebAcl(this, 'Waf', {
      name: props.restApiName,
      resourceArn: this.api.deploymentStage.stageArn,
      countBodyInspectionRules: props.countBodyInspectionRules,
      ...(props.rateLimitPerIp !== undefined ? { rateLimitPerIp: props.rateLimitPerIp } : {}),
    });
  }
}
