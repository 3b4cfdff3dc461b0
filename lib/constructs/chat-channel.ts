import { join } from 'node:path';
import { ArnFormat, Aws, CfnOutput, Duration, Fn, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat, type IRestApi, LambdaIntegration } from 'aws-cdk-lib/aws-apigateway';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { CHAT_ENV } from '../../functions/wiring/aws/chat-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { buildVideoSdkBundle } from '../../scripts/video-sdk-bundle.ts';
import { CHAT_FUNCTIONS, type LambdaEntry } from '../function-catalog.ts';
import { ChatPushSender } from './chat-push-sender.ts';
import { GatewayFunction, REPO_ROOT, type LogLevel } from './gateway-function.ts';
import { GatewayRestApi } from './gateway-rest-api.ts';
import { acknowledge, acknowledgeBucketDeploymentProvider, acknowledgeWildcardResource } from './nag.ts';
import { privateStaticSite } from './static-site.ts';

export type ChatSmsConfig =
  | { readonly kind: 'twilio'; readonly secret: ISecret; readonly fromNumber: string }
  | { readonly kind: 'aws-eum'; readonly originationIdentityArn: string };

export interface ChatChannelProps {
  readonly stageName: string;
  readonly table: { readonly table: ITable; readonly indexNames: readonly string[] };
  readonly intakeQueue: IQueue;
  readonly piiSecret: ISecret;
  /** How verification codes are sent (the stage's SMS sender). */
  readonly sms: ChatSmsConfig;
  /** Stage throttling of the WebSocket API (all routes) and of the accounts API. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** Accounts API requests per 5 minutes per client IP (WAF). @default 100 */
  readonly accountRequestsPerIp?: number;
  /** The stage's data key, for the VAPID secret. @default the Secrets Manager managed key */
  readonly secretsKey?: IKey;
  /** The public status lookup API (https://{api}.execute-api.../{stage}) the status page calls. */
  readonly statusApiUrl?: string;
  /**
   * Other REST APIs the site's pages call, by the config.json key their URL goes under (the pages
   * may connect to them: CSP): the self-service answers API, the Open311 API (report.html).
   */
  readonly pageApis?: Readonly<Record<string, IRestApi>>;
  /**
   * The citizens' video-call function, by its fixed name (the voice stack creates it after this
   * stack and allows this API to invoke it): served at POST /video-calls and GET
   * /video-calls/reservations, and the page may load the Chime SDK and reach Chime's media.
   */
  readonly videoCalls?: { readonly functionName: string };
  /** The gateway bus: reply functions request Web Push on it (`reply.push_requested`). */
  readonly eventBus: IEventBus;
  /** The operations topic: the push sender's dead letters alarm there. */
  readonly alarmTopic: ITopic;
}

/**
 * Where an Amazon Connect video call's media goes: Chime signalling, TURN control and event
 * ingestion are all under chime.aws (Amazon Chime SDK "Content security policy" guide).
 */
export const CHIME_CONNECT_SOURCES = ['https://*.chime.aws', 'wss://*.chime.aws'] as const;

/** The routes of the WebSocket API; frames are routed on their `action` ($request.body.action). */
export const CHAT_ROUTES = ['$connect', '$disconnect', '$default', 'sendMessage'] as const;

/**
 * The accessible chat channel: a WebSocket API (REQUEST authorizer on $connect, $disconnect,
 * $default and sendMessage routes) on the chat Lambdas, the chat accounts REST API, and the
 * citizen chat page as static files in a private S3 bucket behind CloudFront (OAC, HTTPS only,
 * security headers). See docs/channels/chat.md and docs/adr/0006-chat-accounts-and-connections.md.
 */
export class ChatChannel extends Construct {
  readonly webSocketApi: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly accountsApi: GatewayRestApi;
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;
  readonly functions: Record<'authorizer' | 'connect' | 'disconnect' | 'message' | 'accounts' | 'push' | 'pushSender', GatewayFunction>;
  /** `reply.push_requested` -> the push sender, with its dead letters and alarm. */
  readonly pushRequests: ChatPushSender;
  /** Web Push VAPID keys {subject, publicKey, privateKey}, written by the operator (docs/adr/0028-pwa-web-push.md). */
  readonly vapidSecret: Secret;
  /** https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: PostToConnection endpoint for reply senders. */
  readonly connectionsEndpoint: string;
  /** wss://... the page connects to. */
  readonly webSocketUrl: string;
  /** https://<distribution>: the citizen page's origin, for CORS on the APIs it calls. */
  readonly pageOrigin: string;

  constructor(scope: Construct, id: string, props: ChatChannelProps) {
    super(scope, id);
    const common = { logRetention: props.logRetention, logRemovalPolicy: props.removalPolicy, ...(props.logLevel ? { logLevel: props.logLevel } : {}) };
    const fn = (id: string, { name, entry, description }: LambdaEntry, timeout = Duration.seconds(10)) =>
      new GatewayFunction(this, id, { entry, description, serviceName: name, timeout, ...common });
    const { table, indexNames } = props.table;

    const authorizer = fn('Authorizer', CHAT_FUNCTIONS.authorizer).bindTable(table, 'read', indexNames);
    const connect = fn('Connect', CHAT_FUNCTIONS.connect).bindTable(table, 'readWrite', indexNames);
    const disconnect = fn('Disconnect', CHAT_FUNCTIONS.disconnect).bindTable(table, 'readWrite', indexNames);
    const message = fn('Message', CHAT_FUNCTIONS.message)
      .bindTable(table, 'readWrite', indexNames)
      .bindQueue(props.intakeQueue)
      .bindSecret(props.piiSecret, ENV.piiSecretArn);
    const accounts = fn('Accounts', CHAT_FUNCTIONS.accounts, Duration.seconds(15))
      .bindTable(table, 'readWrite', indexNames)
      .bindSecret(props.piiSecret, ENV.piiSecretArn);
    accounts.addEnvironment(ENV.smsSender, props.sms.kind);
    if (props.sms.kind === 'twilio') accounts.bindSecret(props.sms.secret, ENV.twilioSecretArn).addEnvironment(ENV.twilioFromNumber, props.sms.fromNumber);
    else accounts.allowSendSms(props.sms.originationIdentityArn);
    // Web Push: created without keys (Secrets Manager cannot generate a P-256 pair); push stays off,
    // and replies go by chat only, until the operator stores {subject, publicKey, privateKey}.
    this.vapidSecret = new Secret(this, 'VapidKeys', {
      description: `citizen-contact-gateway ${props.stageName}: Web Push VAPID keys (fill in after deploy, docs/channels/chat.md)`,
      ...(props.secretsKey ? { encryptionKey: props.secretsKey } : {}),
      removalPolicy: props.removalPolicy,
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'unset', passwordLength: 16, excludePunctuation: true },
    });
    acknowledge(
      this.vapidSecret,
      'AwsSolutions-SMG4',
      'Every browser subscription is bound to the VAPID public key it was made with: rotating it silently ends push for all of them. Rotation is an operator step with re-subscription (docs/channels/chat.md), not a rotation Lambda.',
    );
    const push = fn('Push', CHAT_FUNCTIONS.push)
      .bindTable(table, 'readWrite', indexNames)
      .bindSecret(props.piiSecret, ENV.piiSecretArn)
      .bindSecret(this.vapidSecret, CHAT_ENV.vapidSecretArn);
    // The only function that sends Web Push (and bundles web-push): the reply functions request it.
    const pushSender = fn('PushSender', CHAT_FUNCTIONS.pushSender, Duration.seconds(60))
      .bindTable(table, 'readWrite', indexNames)
      .bindSecret(props.piiSecret, ENV.piiSecretArn)
      .bindSecret(this.vapidSecret, CHAT_ENV.vapidSecretArn);
    this.pushRequests = new ChatPushSender(this, 'PushRequests', { stageName: props.stageName, sender: pushSender, eventBus: props.eventBus, alarmTopic: props.alarmTopic });
    this.functions = { authorizer, connect, disconnect, message, accounts, push, pushSender };

    // --- WebSocket API ---------------------------------------------------------------------
    this.webSocketApi = new WebSocketApi(this, 'WebSocketApi', {
      apiName: `citizen-chat-${props.stageName}`,
      description: 'Citizen chat channel (accessible chat counselling)',
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', connect.function),
        // No identity source: the token may come from the query string or Sec-WebSocket-Protocol,
        // so the authorizer itself answers 401 (throw 'Unauthorized') when neither is there.
        authorizer: new WebSocketLambdaAuthorizer('TokenAuthorizer', authorizer.function, { identitySource: [] }),
      },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', disconnect.function) },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('FrameIntegration', message.function) },
    });
    this.webSocketApi.addRoute('sendMessage', { integration: new WebSocketLambdaIntegration('SendMessageIntegration', message.function) });

    const accessLogs = new LogGroup(this, 'WebSocketAccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.webSocketApi,
      stageName: props.stageName,
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string or headers: the token may travel in either.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            extendedRequestId: '$context.extendedRequestId',
            connectionId: '$context.connectionId',
            routeKey: '$context.routeKey',
            eventType: '$context.eventType',
            status: '$context.status',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integration.error',
          }),
        ),
      },
    });
    this.connectionsEndpoint = this.stage.callbackUrl;
    this.webSocketUrl = this.stage.url;

    // PostToConnection (frames to citizens) and DeleteConnection, on this API's stage only.
    this.grantManageConnections(message);
    // Revoking a token closes the connections it opened (DeleteConnection).
    this.grantManageConnections(accounts);

    // --- chat accounts REST API ----------------------------------------------------------
    this.accountsApi = new GatewayRestApi(this, 'AccountsApi', {
      restApiName: `citizen-chat-accounts-${props.stageName}`,
      description: 'Chat accounts: apply for an account, verify the SMS code, revoke a token',
      stageName: props.stageName,
      throttle: props.throttle,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      countBodyInspectionRules: true,
      rateLimitPerIp: props.accountRequestsPerIp ?? 100,
    });

    // --- citizen chat page -----------------------------------------------------------------
    const apiOrigin = `https://${this.accountsApi.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const wsOrigin = `wss://${this.webSocketApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const pageApis = Object.entries(props.pageApis ?? {});
    const otherOrigins = pageApis.map(([, api]) => ` https://${api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`).join('');
    // The status API's origin: scheme and host of its URL (the stage path is not part of an origin).
    const statusOrigin = props.statusApiUrl ? ` ${Fn.join('', ['https://', Fn.select(2, Fn.split('/', props.statusApiUrl))])}` : '';
    ({ bucket: this.siteBucket, distribution: this.distribution } = privateStaticSite(this, {
      ids: { bucket: 'SiteBucket', headers: 'SecurityHeaders', distribution: 'Site' },
      what: 'the citizen chat page',
      comment: `Citizen chat page (${props.stageName})`,
      contentSecurityPolicy: `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${apiOrigin}${otherOrigins} ${wsOrigin}${statusOrigin}${props.videoCalls ? ` ${CHIME_CONNECT_SOURCES.join(' ')}` : ''}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
      denyFraming: true,
      whyNoGeoRestriction: 'Citizens abroad (foreign residents travelling, family) must reach the city chat page; no geo restriction.',
      removalPolicy: props.removalPolicy,
    }));
    const pageOrigin = `https://${this.distribution.distributionDomainName}`;
    this.pageOrigin = pageOrigin;

    // CORS: the page (CloudFront origin) calls the accounts API on its execute-api origin.
    accounts.addEnvironment(CHAT_ENV.allowedOrigin, pageOrigin);
    const chatResource = this.accountsApi.api.root.addResource('chat', {
      defaultCorsPreflightOptions: { allowOrigins: [pageOrigin], allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['content-type', 'authorization'], maxAge: Duration.minutes(10) },
    });
    const integration = new LambdaIntegration(accounts.function);
    const accountsResource = chatResource.addResource('accounts');
    accountsResource.addMethod('POST', integration);
    accountsResource.addResource('verify').addMethod('POST', integration);
    chatResource.addResource('tokens').addResource('revoke').addMethod('POST', integration);
    push.addEnvironment(CHAT_ENV.allowedOrigin, pageOrigin);
    const pushIntegration = new LambdaIntegration(push.function);
    const pushResource = chatResource.addResource('push', {
      defaultCorsPreflightOptions: { allowOrigins: [pageOrigin], allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'], allowHeaders: ['content-type', 'authorization'], maxAge: Duration.minutes(10) },
    });
    pushResource.addResource('key').addMethod('GET', pushIntegration);
    const subscriptions = pushResource.addResource('subscriptions');
    subscriptions.addMethod('POST', pushIntegration);
    subscriptions.addMethod('DELETE', pushIntegration);
    if (props.videoCalls) this.addVideoCallRoutes(props.videoCalls.functionName, pageOrigin);

    new BucketDeployment(this, 'SiteFiles', {
      destinationBucket: this.siteBucket,
      sources: [
        Source.asset(join(REPO_ROOT, 'web', 'chat')),
        // vendor/amazon-chime-sdk.js: imported by the video page only when an Amazon Connect call starts.
        ...(props.videoCalls ? [Source.asset(buildVideoSdkBundle())] : []),
        // The deployed page learns its API and WebSocket URLs from config.json (same origin locally).
        Source.jsonData('config.json', {
          apiBaseUrl: this.accountsApi.api.url.replace(/\/$/, ''),
          webSocketUrl: this.webSocketUrl,
          ...(props.statusApiUrl ? { statusApiUrl: props.statusApiUrl } : {}),
          ...Object.fromEntries(pageApis.map(([key, api]) => [key, api.deploymentStage.urlForPath('/').replace(/\/$/, '')])),
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
    });

    new CfnOutput(this, 'ChatPageUrl', { value: pageOrigin, description: 'Citizen chat page' });
    new CfnOutput(this, 'ChatWebSocketUrl', { value: this.webSocketUrl, description: 'Chat WebSocket API' });

    this.acknowledgeFindings();
  }

  /**
   * execute-api:ManageConnections on this API's stage @connections (PostToConnection,
   * DeleteConnection, GetConnection). Give it to any function that pushes replies (the reply
   * use case) together with CHAT_CONNECTIONS_ENDPOINT = connectionsEndpoint.
   *
   * A grantee in another stack of the stage gets the API id through a named export and a stack
   * dependency rather than CDK's automatic cross-stack reference: its policy then holds the ARN
   * as written here, so the wildcard on connection ids can be acknowledged by its exact text.
   */
  grantManageConnections(grantee: IGrantable & IConstruct & { addEnvironment?(name: string, value: string): unknown }): void {
    const own = Stack.of(this);
    const granteeStack = Stack.of(grantee);
    let apiId = this.webSocketApi.apiId;
    if (granteeStack !== own) {
      granteeStack.addStackDependency(own, 'pushes chat frames through the chat WebSocket API');
      apiId = Fn.importValue(this.webSocketApiIdExport());
    }
    const stageName = this.stage.stageName;
    const arn = granteeStack.formatArn({ service: 'execute-api', resource: apiId, resourceName: `${stageName}/*/@connections/*` });
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [arn] }));
    grantee.addEnvironment?.(CHAT_ENV.connectionsEndpoint, `https://${apiId}.execute-api.${granteeStack.region}.${granteeStack.urlSuffix}/${stageName}`);
    if (grantee instanceof GatewayFunction) {
      const policy = grantee.role.node.tryFindChild('DefaultPolicy');
      if (policy) {
        acknowledgeWildcardResource(
          policy,
          arn,
          'Connection ids are created by API Gateway per citizen connection; the grant is this one API stage\'s @connections, nothing else of the API.',
        );
      }
    }
  }

  /**
   * POST /video-calls and GET /video-calls/reservations on the accounts API, integrated with the
   * video-calls function by name (no permission added here: the function's own stack grants this
   * API, so the route answers 500 until that stack is deployed).
   */
  private addVideoCallRoutes(functionName: string, pageOrigin: string): void {
    const stack = Stack.of(this);
    const fn = LambdaFunction.fromFunctionAttributes(this, 'VideoCallsFunction', {
      functionArn: stack.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      skipPermissions: true,
    });
    const integration = new LambdaIntegration(fn, { allowTestInvoke: false });
    const calls = this.accountsApi.api.root.addResource('video-calls', {
      defaultCorsPreflightOptions: { allowOrigins: [pageOrigin], allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['content-type', 'authorization'], maxAge: Duration.minutes(10) },
    });
    calls.addMethod('POST', integration);
    calls.addResource('reservations').addMethod('GET', integration);
  }

  /** Name of the export carrying the WebSocket API id to other stacks of the stage (created on first use). */
  private webSocketApiIdExport(): string {
    const exportName = `${Stack.of(this).stackName}-ChatWebSocketApiId`;
    if (!this.node.tryFindChild('WebSocketApiIdExport')) {
      new CfnOutput(this, 'WebSocketApiIdExport', { value: this.webSocketApi.apiId, exportName, description: 'Chat WebSocket API id, for functions that push replies' });
    }
    return exportName;
  }

  private acknowledgeFindings(): void {
    const routes = this.webSocketApi.node.children.filter((child) => child.node.id.endsWith('-Route'));
    for (const route of routes) {
      if (route.node.id.startsWith('$connect')) continue;
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'WebSocket APIs authorise once, on $connect (REQUEST authorizer); $disconnect, $default and sendMessage run on that authorised connection and carry its authorizer context.',
      );
    }
    acknowledge(
      this.accountsApi.api,
      'AwsSolutions-APIG4',
      'The chat accounts API is the public sign-up of citizens who have no credential yet; it is protected by SMS one-time codes with capped attempts, per-number rate limits, stage throttling and a WAF rate rule per IP.',
    );
    acknowledge(
      this.accountsApi.api,
      'AwsSolutions-COG4',
      'Citizens are not Cognito users: the chat account and its token are the credential (ADR 0006); this API is where that credential is obtained.',
    );
    acknowledge(
      this.accountsApi.api,
      'AwsSolutions-APIG2',
      'Bodies are validated by the Lambda with zod (schemas/chat-api.ts), which answers 400 with the field and reason; an API Gateway model would duplicate that with vaguer errors.',
    );
    // The CDK BucketDeployment provider (a stack-level singleton) copies the page at deploy time.
    acknowledgeBucketDeploymentProvider(Stack.of(this), 'the static chat page');
  }
}

