import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-definition.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { GATEWAY_FUNCTIONS } from '../../lib/function-catalog.ts';
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR } from '../../lib/stacks/intake-stack.ts';
import {
  apiRoutes,
  type CfnResource,
  EUM_ORIGINATION_ARN,
  TEST_STAGES,
  allStacks,
  resourcesOf,
  stage,
  synthesizedGateway,
  templateOf,
} from './synthesized-gateway.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';
import { STAFF_APIS, type StaffRoute } from '../../functions/core/staff/staff-routes.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every identity-policy statement of a stack: policies, managed policies, role inline policies. */
/**
 * The chat page's CDK BucketDeployment provider: a Python Lambda aws-cdk-lib defines (runtime, basic
 * execution role and CloudFront invalidation on "*" are its own), run only at deploy time to copy
 * the static page. Its nag findings are acknowledged in lib/constructs/chat-channel.ts.
 */
const isCdkBucketDeployment = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');

function identityStatements(stack: Stack): Array<{ where: string; statement: Statement }> {
  const out: Array<{ where: string; statement: Statement }> = [];
  const push = (where: string, document: unknown) => {
    for (const statement of asArray((document as { Statement: Statement | Statement[] }).Statement)) out.push({ where, statement });
  };
  for (const [id, policy] of resourcesOf(stack, 'AWS::IAM::Policy')) push(`${stack.stackName}/${id}`, policy.Properties?.PolicyDocument);
  for (const [id, policy] of resourcesOf(stack, 'AWS::IAM::ManagedPolicy')) push(`${stack.stackName}/${id}`, policy.Properties?.PolicyDocument);
  for (const [id, role] of resourcesOf(stack, 'AWS::IAM::Role')) {
    for (const inline of (role.Properties?.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []) push(`${stack.stackName}/${id}`, inline.PolicyDocument);
  }
  return out;
}

/** "METHOD /path" for every API Gateway method of a stack, with the method's properties. */
beforeAll(() => {
  synthesizedGateway();
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning in any stage', () => {
    expect(nagFindings(synthesizedGateway().app)).toEqual([]);
  });

  it('does flag an unencrypted, DLQ-less queue, so the clean report above is not vacuous', () => {
    const app = new App({ outdir: cdkOutdir('nag-control-') });
    const stack = new Stack(app, 'Control');
    new Queue(stack, 'Plain', { encryption: QueueEncryption.UNENCRYPTED });
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((violation) => violation.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('lets the whole app synthesize with the nag plugin registered, as `cdk synth` does', () => {
    expect(() => synthesizedGateway().app.synth()).not.toThrow();
    expect(Validations.of(synthesizedGateway().app)).toBeDefined();
  });
});

describe('complaint table', () => {
  it.each(TEST_STAGES.map((config) => config.name))('%s: keys and GSIs match table-definition.ts, on-demand, TTL on', (name) => {
    templateOf(stage(name).stateful).hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      GlobalSecondaryIndexes: ALL_GSIS.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      AttributeDefinitions: Match.arrayWith(
        [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...ALL_GSIS.flatMap((g) => [g.partitionKey, g.sortKey])].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
      ),
    });
  });

  it.each(TEST_STAGES.map((config) => config.name))('%s: PITR, customer-managed rotating key, deletion protection, retained', (name) => {
    const template = templateOf(stage(name).stateful);
    const [[, table]] = resourcesOf(stage(name).stateful, 'AWS::DynamoDB::Table') as [[string, CfnResource]];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    const keyRef = (table.Properties?.SSESpecification as { KMSMasterKeyId: { 'Fn::GetAtt': [string, string] } }).KMSMasterKeyId['Fn::GetAtt'][0];
    const key = template.toJSON().Resources[keyRef] as CfnResource;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties?.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });
});

describe('stateful resources', () => {
  it('retains buckets, secrets and log groups in production stages', () => {
    for (const config of TEST_STAGES.filter((c) => c.production)) {
      for (const stack of allStacks().filter((s) => s.node.scope === stage(config.name))) {
        for (const type of ['AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup', 'AWS::KMS::Key']) {
          for (const [id, resource] of resourcesOf(stack, type)) expect(resource.DeletionPolicy, `${stack.stackName}/${id}`).toBe('Retain');
        }
      }
    }
  });

  it('keeps media private, KMS-encrypted, versioned, TLS-only and access-logged', () => {
    const stateful = stage('prod').stateful;
    const template = templateOf(stateful);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }), BucketKeyEnabled: true }),
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      LifecycleConfiguration: Match.anyValue(),
    });
    const buckets = resourcesOf(stateful, 'AWS::S3::Bucket').map(([id]) => id);
    const tlsOnly = resourcesOf(stateful, 'AWS::S3::BucketPolicy').filter(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('"aws:SecureTransport":"false"'),
    );
    expect(tlsOnly).toHaveLength(buckets.length);
  });

  it('generates the PII seed as {"seed": 64 alphanumerics} and leaves Twilio credentials to the operator, both under the data key', () => {
    const template = templateOf(stage('dev').stateful);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'seed', PasswordLength: 64, ExcludePunctuation: true },
      KmsKeyId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: Match.stringLikeRegexp('accountSid'), GenerateStringKey: 'authToken' }),
      KmsKeyId: Match.anyValue(),
    });
    for (const [, secret] of resourcesOf(stage('dev').stateful, 'AWS::SecretsManager::Secret')) {
      expect(secret.Properties?.SecretString).toBeUndefined();
    }
  });
});

describe('intake', () => {
  it.each(TEST_STAGES.map((config) => config.name))('%s: intake queue is KMS-encrypted with a DLQ after 5 receives and 6x the pipeline timeout', (name) => {
    const intake = stage(name).intake;
    const template = templateOf(intake);
    const queues = resourcesOf(intake, 'AWS::SQS::Queue');
    const [[, intakeQueue]] = queues.filter(([, queue]) => queue.Properties?.RedrivePolicy !== undefined) as [[string, CfnResource]];
    expect(intakeQueue.Properties).toMatchObject({
      RedrivePolicy: { maxReceiveCount: MAX_RECEIVE_COUNT },
      VisibilityTimeout: GATEWAY_FUNCTIONS.intakePipeline.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR,
    });
    expect(MAX_RECEIVE_COUNT).toBe(5);
    const dlqId = ((intakeQueue.Properties?.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string] } }).deadLetterTargetArn['Fn::GetAtt'])[0];
    for (const [id, queue] of queues) expect(queue.Properties?.KmsMasterKeyId, id).toBeDefined();
    expect(queues.map(([id]) => id)).toContain(dlqId);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: Match.anyValue(),
    });
    const tlsOnly = resourcesOf(intake, 'AWS::SQS::QueuePolicy').filter(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('"aws:SecureTransport":"false"'),
    );
    expect(tlsOnly.length).toBeGreaterThan(0);
  });

  it('feeds the pipeline in batches of ten with partial-batch failure reporting', () => {
    templateOf(stage('prod').intake).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: Match.anyValue(),
    });
    const [[, mapping]] = resourcesOf(stage('prod').intake, 'AWS::Lambda::EventSourceMapping') as [[string, CfnResource]];
    expect(mapping.Properties?.MaximumBatchingWindowInSeconds as number).toBeLessThanOrEqual(5);
  });

  it("gives the pipeline the stage's extra media origins, and none where the stage names none (Twilio's are built in)", () => {
    const pipelineEnv = (name: string) => {
      const functions = resourcesOf(stage(name).intake, 'AWS::Lambda::Function');
      const variables = functions.map(([, fn]) => (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
      return variables.find((v) => v.POWERTOOLS_SERVICE_NAME === GATEWAY_FUNCTIONS.intakePipeline.name) ?? {};
    };
    expect(pipelineEnv('prod-eum')[ENV.mediaAllowedOrigins]).toBe('https://media.example-mms.com,https://*.cdn.example-mms.com');
    expect(pipelineEnv('prod')).not.toHaveProperty(ENV.mediaAllowedOrigins);
  });

  it('has a domain event bus the pipeline may put events on', () => {
    const template = templateOf(stage('prod').intake);
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const statements = identityStatements(stage('prod').intake).map((s) => s.statement);
    expect(statements.some((s) => asArray(s.Action).includes('events:PutEvents'))).toBe(true);
  });
});

describe('functions', () => {
  it('runs every function on nodejs22.x arm64 with X-Ray and its own log group with the stage retention', () => {
    for (const stack of allStacks()) {
      const config = TEST_STAGES.find((c) => c.name === stack.node.scope?.node.id);
      const template = templateOf(stack).toJSON() as { Resources: Record<string, CfnResource> };
      for (const [id, fn] of resourcesOf(stack, 'AWS::Lambda::Function')) {
        if (isCdkBucketDeployment(id)) continue;
        const props = fn.Properties ?? {};
        expect(props, id).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          Handler: 'index.handler',
          Environment: { Variables: expect.objectContaining({ POWERTOOLS_SERVICE_NAME: expect.any(String), [ENV.logLevel]: expect.any(String) }) },
        });
        // Source maps are not enabled at runtime: parsing one costs every cold start (ADR 0008).
        expect((props.Environment as { Variables: Record<string, string> }).Variables.NODE_OPTIONS, id).toBeUndefined();
        const logGroupId = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        const logGroup = template.Resources[logGroupId];
        expect(logGroup?.Type, id).toBe('AWS::Logs::LogGroup');
        expect(logGroup?.Properties?.RetentionInDays, id).toBe(config?.logRetentionDays);
      }
    }
  });

  it('deploys every catalog function in every stage (End User Messaging events on its stages)', () => {
    for (const config of TEST_STAGES) {
      const s = stage(config.name);
      const descriptions = [s.intake, s.smsChannel, s.complaintsApi].flatMap((stack) =>
        resourcesOf(stack, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties?.Description),
      );
      // Delivery events of End User Messaging exist only where replies are sent through it.
      const deployed = Object.values(GATEWAY_FUNCTIONS).filter((definition) => config.smsSender === 'aws-eum' || definition.name !== GATEWAY_FUNCTIONS.smsEumEvents.name);
      for (const definition of deployed) expect(descriptions).toContain(definition.description);
    }
  });

  it('gives no function the AWS managed basic execution role', () => {
    for (const stack of allStacks()) {
      for (const [id, role] of resourcesOf(stack, 'AWS::IAM::Role')) {
        if (isCdkBucketDeployment(id)) continue;
        expect(JSON.stringify(role.Properties?.ManagedPolicyArns ?? []), id).not.toContain('AWSLambdaBasicExecutionRole');
      }
    }
  });

  it('sets the environment each handler reads, matching its grants', () => {
    const envOf = (stack: Stack, description: string) => {
      const found = resourcesOf(stack, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
      return ((found?.[1].Properties?.Environment as { Variables: Record<string, unknown> }) ?? { Variables: {} }).Variables;
    };
    const prod = stage('prod');
    expect(Object.keys(envOf(prod.smsChannel, GATEWAY_FUNCTIONS.smsTwilioWebhook.description))).toEqual(
      expect.arrayContaining([ENV.tableName, ENV.intakeQueueUrl, ENV.piiSecretArn, ENV.twilioSecretArn, ENV.publicBaseUrl]),
    );
    expect(Object.keys(envOf(prod.smsChannel, GATEWAY_FUNCTIONS.smsEumSns.description))).toEqual(
      expect.arrayContaining([ENV.intakeQueueUrl, ENV.smsTopicArn]),
    );
    expect(Object.keys(envOf(prod.intake, GATEWAY_FUNCTIONS.intakePipeline.description))).toEqual(
      expect.arrayContaining([ENV.tableName, ENV.mediaBucket, ENV.piiSecretArn, ENV.twilioSecretArn, ENV.intakeQueueUrl, ENV.eventBusName]),
    );
    const twilioApi = envOf(prod.complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description);
    expect(twilioApi).toMatchObject({ [ENV.smsSender]: 'twilio', [ENV.twilioSecretArn]: expect.anything() });
    const eumApi = envOf(stage('prod-eum').complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description);
    expect(eumApi).toMatchObject({ [ENV.smsSender]: 'aws-eum', [ENV.smsOriginationIdentity]: EUM_ORIGINATION_ARN });
    expect(eumApi[ENV.twilioSecretArn]).toBeUndefined();
  });

  it('lets the End User Messaging sender send only from the configured origination identity, with the reply configuration set', () => {
    const statements = identityStatements(stage('prod-eum').complaintsApi).map((s) => s.statement);
    const send = statements.filter((s) => asArray(s.Action).includes('sms-voice:SendTextMessage'));
    // The complaints API and the reply retry consumer both send replies.
    expect(send).toHaveLength(2);
    // The origination identity, and the reply configuration set the request names (also a resource of the action).
    for (const statement of send) {
      expect(asArray(statement.Resource)).toHaveLength(2);
      expect(asArray(statement.Resource)[0]).toBe(EUM_ORIGINATION_ARN);
      expect(JSON.stringify(asArray(statement.Resource)[1])).toContain(':configuration-set/prod-eum-sms-replies');
    }
    const twilioStageStatements = identityStatements(stage('prod').complaintsApi).map((s) => s.statement);
    expect(twilioStageStatements.some((s) => asArray(s.Action).includes('sms-voice:SendTextMessage'))).toBe(false);
  });
});

describe('least privilege', () => {
  const RESOURCE_STAR_ALLOWED = new Set(['translate:TranslateText', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

  it('grants no service-wide action wildcard', () => {
    const offenders = allStacks()
      .flatMap(identityStatements)
      .flatMap(({ where, statement }) => asArray(statement.Action).map((action) => ({ where, action })))
      .filter(({ action }) => action === '*' || action.endsWith(':*'));
    expect(offenders).toEqual([]);
  });

  it('uses Resource "*" only for translate:TranslateText and X-Ray, which cannot be scoped', () => {
    const offenders = allStacks()
      .flatMap(identityStatements)
      .filter(({ statement }) => statement.Effect === 'Allow' && asArray(statement.Resource as string | string[]).includes('*'))
      .filter(({ statement }) => !asArray(statement.Action).every((action) => RESOURCE_STAR_ALLOWED.has(action)))
      .filter(({ where, statement }) => !(isCdkBucketDeployment(where.split('/')[1] ?? '') && asArray(statement.Action).every((a) => a.startsWith('cloudfront:') && a.endsWith('Invalidation'))))
      .map(({ where, statement }) => `${where}: ${JSON.stringify(statement.Action)}`);
    expect(offenders).toEqual([]);
  });

  it('scopes DynamoDB access to the table and its named indexes, never index/*', () => {
    const dynamo = allStacks()
      .flatMap(identityStatements)
      .filter(({ statement }) => asArray(statement.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const { where, statement } of dynamo) {
      expect(JSON.stringify(statement.Resource), where).not.toContain('index/*');
      expect(asArray(statement.Action), where).not.toContain('dynamodb:Scan');
    }
  });
});

describe('APIs', () => {
  it.each(TEST_STAGES.map((config) => config.name))(
    '%s: creates exactly the staff routes of STAFF_APIS, each behind the staff token authorizer, and mirrors only the read routes under /iam with AWS_IAM',
    (name) => {
      const template = templateOf(stage(name).complaintsApi);
      const routes = apiRoutes(stage(name).complaintsApi);
      const all: readonly StaffRoute[] = Object.values(STAFF_APIS).flat();
      const expected = all.map((route) => `${route.method} ${route.path}`);
      const mirrored = all.filter((route) => route.iam).map((route) => `${route.method} /iam${route.path}`);
      // OPTIONS: the workspace app's CORS preflights (tests/infra/workspace-app.test.ts).
      expect([...routes.keys()].filter((route) => !route.startsWith('OPTIONS ')).sort()).toEqual([...expected, ...mirrored].sort());
      const authorizers = template.findResources('AWS::ApiGateway::Authorizer');
      expect(Object.values(authorizers)).toEqual([
        expect.objectContaining({ Properties: expect.objectContaining({ Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization' }) }),
      ]);
      const [authorizerId] = Object.keys(authorizers);
      for (const route of expected) {
        expect(routes.get(route)?.AuthorizationType, route).toBe('CUSTOM');
        expect(routes.get(route)?.AuthorizerId, route).toEqual({ Ref: authorizerId });
      }
      for (const route of mirrored) {
        expect(route.startsWith('GET '), route).toBe(true);
        expect(routes.get(route)?.AuthorizationType, route).toBe('AWS_IAM');
      }
    },
  );

  it('gives the staff authorizer the staff pool and its workspace client, and no other grant', () => {
    const template = templateOf(stage('prod').complaintsApi);
    const [authorizerFn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('Staff API REQUEST authorizer') } })) as CfnResource[];
    const variables = (authorizerFn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['STAFF_USER_POOL_ID', 'STAFF_CLIENT_IDS']));
  });

  it('validates every staff POST body against a JSON model', () => {
    const routes = apiRoutes(stage('prod').complaintsApi);
    const posts = STAFF_APIS.complaints.filter((route) => route.method === 'POST').map((route) => `${route.method} ${route.path}`);
    expect(posts).toEqual(expect.arrayContaining(['POST /api/complaints/{id}/replies', 'POST /api/complaints/search', 'POST /api/complaints/{id}/deadline-extension', 'POST /api/complaints/{id}/replies/{replyId}/delivered-otherwise']));
    for (const route of posts) {
      expect(routes.get(route)?.RequestModels, route).toEqual({ 'application/json': expect.anything() });
      expect(routes.get(route)?.RequestValidatorId, route).toBeDefined();
    }
  });

  it('leaves POST /sms/twilio without IAM auth: Twilio signs requests and the Lambda verifies them', () => {
    const routes = apiRoutes(stage('prod').smsChannel);
    expect(routes.get('POST /sms/twilio')?.AuthorizationType).toBe('NONE');
  });

  it('gives the auditor policy execute-api:Invoke on GET /iam/api/* only', () => {
    const template = templateOf(stage('prod').complaintsApi);
    const auditor = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('read-only') } })) as CfnResource[];
    expect(auditor).toHaveLength(1);
    const statements = asArray((auditor[0]?.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toBe('execute-api:Invoke');
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/\/prod\/GET\/iam\/api\/\*"/);
  });

  it('logs access, throttles, traces and keeps request bodies out of execution logs on every API stage', () => {
    for (const stack of [stage('prod').smsChannel, stage('prod').complaintsApi]) {
      templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
        StageName: 'prod',
        TracingEnabled: true,
        AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
        MethodSettings: Match.arrayWith([
          Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
        ]),
      });
    }
  });

  it('puts a WAF web ACL with AWS managed rule groups in front of each REST API', () => {
    for (const stack of [stage('prod').smsChannel, stage('prod').complaintsApi]) {
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        Rules: Match.arrayWith([
          Match.objectLike({ Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) } }),
        ]),
      });
      template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.anyValue(), WebACLArn: Match.anyValue() });
    }
  });
});

describe('End User Messaging inbound', () => {
  it('encrypts the SMS topic with a KMS key and lets only the SMS service of this account publish', () => {
    const sms = stage('prod').smsChannel;
    const template = templateOf(sms);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue(), DisplayName: Match.stringLikeRegexp('inbound SMS') });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': Match.anyValue() } }),
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sms-voice.amazonaws.com' } })]) },
    });
  });
});
