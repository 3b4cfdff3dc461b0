import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { KNOWLEDGE_INDEX_PREFIX } from '../../functions/core/knowledge/index-objects.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { FunctionDefinition, FunctionGrant } from '../function-catalog.ts';
import type { AuditTrail } from './audit-trail.ts';
import { GatewayFunction } from './gateway-function.ts';
import { replyConfigurationSetName } from './sms-configuration-set.ts';

/** What grants can point at; each stack passes the resources it has (missing ones fail synth). */
export interface GatewayResources {
  readonly table?: { readonly table: ITable; readonly indexNames: readonly string[] };
  readonly intakeQueue?: IQueue;
  readonly mediaBucket?: IBucket;
  readonly piiSecret?: ISecret;
  readonly twilioSecret?: ISecret;
  readonly moWebhookSecret?: ISecret;
  readonly eventBus?: IEventBus;
  readonly smsTopic?: ITopic;
  readonly publicBaseUrl?: string;
  /** Where Twilio posts reply status callbacks (the SMS stack's status route); replies then wait for reports. */
  readonly twilioStatusCallbackUrl?: string;
  /** The staff user pool and the app clients whose id tokens the staff API accepts. */
  readonly staffPool?: { readonly userPoolId: string; readonly clientIds: readonly string[] };
  /** The audit trail (append-only table, digest bucket). */
  readonly audit?: AuditTrail;
}

export interface FunctionDefaults {
  readonly config: StageConfig;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Builds a catalog function with the stage's defaults and applies every grant it declares. */
export function createCatalogFunction(
  scope: Construct,
  definition: FunctionDefinition,
  resources: GatewayResources,
  defaults: FunctionDefaults,
): GatewayFunction {
  const fn = new GatewayFunction(scope, definition.name, {
    entry: definition.entry,
    description: definition.description,
    serviceName: definition.name,
    memorySize: definition.memorySize,
    timeout: Duration.seconds(definition.timeoutSeconds),
    logRetention: defaults.logRetention,
    logRemovalPolicy: defaults.logRemovalPolicy,
    logLevel: defaults.config.production ? 'INFO' : 'DEBUG',
  });
  for (const grant of definition.grants) applyGrant(fn, grant, resources, defaults.config, definition.name);
  return fn;
}

/** The stage's holiday table as the wiring reads it (functions/wiring/aws/working-calendar.ts). */
export function publicHolidaysValue(config: StageConfig): string {
  return config.publicHolidays.map((holiday) => holiday.date).join(',');
}

function required<T>(value: T | undefined, what: string, functionName: string): T {
  if (value === undefined) throw new Error(`${functionName} needs ${what}, which this stack did not provide`);
  return value;
}

function applyGrant(fn: GatewayFunction, grant: FunctionGrant, resources: GatewayResources, config: StageConfig, name: string): void {
  switch (grant.kind) {
    case 'table': {
      const { table, indexNames } = required(resources.table, 'the complaint table', name);
      fn.bindTable(table, grant.access, indexNames);
      return;
    }
    case 'tablePartitions':
      fn.bindTablePartitions(required(resources.table, 'the complaint table', name).table, grant.actions, grant.leadingKeys);
      return;
    case 'intakeQueue':
      fn.bindQueue(required(resources.intakeQueue, 'the intake queue', name));
      return;
    case 'mediaBucket':
      fn.bindBucket(required(resources.mediaBucket, 'the media bucket', name), grant.access);
      return;
    case 'knowledgeIndex':
      fn.bindBucketPrefix(required(resources.mediaBucket, 'the media bucket', name), KNOWLEDGE_INDEX_PREFIX, grant.access, ENV.knowledgeIndexBucket);
      return;
    case 'piiSecret':
      fn.bindSecret(required(resources.piiSecret, 'the PII keys secret', name), ENV.piiSecretArn);
      return;
    case 'twilioSecret':
      fn.bindSecret(required(resources.twilioSecret, 'the Twilio secret', name), ENV.twilioSecretArn);
      return;
    case 'moWebhookSecret':
      fn.bindSecret(required(resources.moWebhookSecret, 'the MO webhook secret', name), ENV.moWebhookSecretArn);
      return;
    case 'eventBus':
      fn.bindEventBus(required(resources.eventBus, 'the event bus', name));
      return;
    case 'translate':
      fn.allowTranslateText();
      return;
    case 'publicBaseUrl':
      fn.addEnvironment(ENV.publicBaseUrl, required(resources.publicBaseUrl, 'the public base URL', name));
      return;
    case 'publicHolidays':
      fn.addEnvironment(ENV.publicHolidays, publicHolidaysValue(config));
      return;
    case 'smsTopic':
      fn.addEnvironment(ENV.smsTopicArn, required(resources.smsTopic, 'the SMS topic', name).topicArn);
      return;
    case 'smsSender':
      fn.addEnvironment(ENV.smsSender, config.smsSender);
      if (config.smsSender === 'aws-eum') {
        // Replies go out with the configuration set whose event destination reports their delivery.
        fn.allowSendSms(required(config.eumOriginationIdentityArn, 'eumOriginationIdentityArn', name), replyConfigurationSetName(config));
      } else {
        fn.bindSecret(required(resources.twilioSecret, 'the Twilio secret', name), ENV.twilioSecretArn);
        if (config.twilioFromNumber) fn.addEnvironment(ENV.twilioFromNumber, config.twilioFromNumber);
        if (resources.twilioStatusCallbackUrl) fn.addEnvironment(ENV.twilioStatusCallbackUrl, resources.twilioStatusCallbackUrl);
      }
      return;
    case 'auditAppend':
      required(resources.audit, 'the audit trail', name).grantAppend(fn);
      return;
    case 'auditApi':
      required(resources.audit, 'the audit trail', name).bindAuditApi(fn);
      return;
    case 'tableWritesOnly': {
      const { table, indexNames } = required(resources.table, 'the complaint table', name);
      fn.bindTableWritesOnly(table, indexNames, grant.partitionPrefixes);
      return;
    }
    case 'staffPool': {
      const pool = required(resources.staffPool, 'the staff user pool', name);
      fn.addEnvironment(ENV.staffUserPoolId, pool.userPoolId).addEnvironment(ENV.staffClientIds, pool.clientIds.join(','));
      return;
    }
  }
}
