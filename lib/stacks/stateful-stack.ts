import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { Analytics } from '../constructs/analytics.ts';
import { ApiGatewayAccountLogging } from '../constructs/api-gateway-account-logging.ts';
import { AuditTrail } from '../constructs/audit-trail.ts';
import { ComplaintTable } from '../constructs/complaint-table.ts';
import { GatewaySecrets } from '../constructs/gateway-secrets.ts';
import { MediaStorage, mediaBucketName } from '../constructs/media-storage.ts';
import { removalPolicyOf } from './stage-defaults.ts';
import { StaffIdentity } from '../constructs/staff-identity.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Everything that holds data or identity: the complaint table, media, secrets and their key.
 * Deployed rarely and never replaced; the stateless stacks can be destroyed and redeployed freely.
 */
export class StatefulStack extends Stack {
  readonly dataKey: Key;
  readonly complaints: ComplaintTable;
  readonly media: MediaStorage;
  readonly secrets: GatewaySecrets;
  /** PIPA access records: append-only audit table and the Object Lock bucket of its daily digests. */
  readonly audit: AuditTrail;
  /** Counselors', supervisors' and auditors' sign-in (Cognito user pool with one group per role). */
  readonly staff: StaffIdentity;
  /** Auditors' SQL: export and analytics buckets, Glue database, Athena workgroup, AuditorAnalyticsPolicy. */
  readonly analytics: Analytics;
  private readonly gatewayStageName: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const removalPolicy = removalPolicyOf(props.config);
    this.gatewayStageName = props.config.name;

    // Retained in every stage: it decrypts the retained table and its backups.
    this.dataKey = new Key(this, 'DataKey', {
      description: `citizen-contact-gateway ${props.config.name}: complaint table, media and secrets`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.complaints = new ComplaintTable(this, 'Complaints', { encryptionKey: this.dataKey });
    this.media = new MediaStorage(this, 'Media', { stageName: props.config.name, encryptionKey: this.dataKey, removalPolicy });
    this.secrets = new GatewaySecrets(this, 'Secrets', {
      encryptionKey: this.dataKey,
      removalPolicy,
      stageName: props.config.name,
    });
    this.audit = new AuditTrail(this, 'Audit', { stageName: props.config.name, encryptionKey: this.dataKey, accessLogBucket: this.media.accessLogBucket });
    this.staff = new StaffIdentity(this, 'Staff', { stageName: props.config.name });
    this.analytics = new Analytics(this, 'Analytics', { stageName: props.config.name, dataKey: this.dataKey, accessLogBucket: this.media.accessLogBucket, removalPolicy });
    if (props.config.manageApiGatewayAccount) new ApiGatewayAccountLogging(this, 'ApiGatewayLogging');

    new CfnOutput(this, 'ComplaintTableName', { value: this.complaints.table.tableName });
    new CfnOutput(this, 'MediaBucketName', { value: this.media.mediaBucket.bucketName });
    new CfnOutput(this, 'TwilioSecretArn', {
      value: this.secrets.twilio.secretArn,
      description: 'Fill in {"accountSid","authToken"} after the first deploy (docs/operations/deploy.md)',
    });
    new CfnOutput(this, 'PiiSecretArn', { value: this.secrets.piiKeys.secretArn });
    new CfnOutput(this, 'MoWebhookSecretArn', {
      value: this.secrets.moWebhook.secretArn,
      description: 'Share "current" with the Korean MO relay; rotate with "previous" (docs/channels/sms.md)',
    });
    new CfnOutput(this, 'AuditTableName', { value: this.audit.table.tableName });
    new CfnOutput(this, 'AuditorAnalyticsPolicyArn', { value: this.analytics.auditorPolicy.managedPolicyArn });
    new CfnOutput(this, 'AnalyticsDatabase', { value: this.analytics.databaseName });
    new CfnOutput(this, 'AuditorWorkGroup', { value: this.analytics.workGroup.name });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'StaffWorkspaceClientId', { value: this.staff.workspaceClient.userPoolClientId });
  }

  /** The media bucket as seen from a stateless stack (ARN from pseudo parameters, same key). */
  importMediaBucket(scope: Construct): IBucket {
    return Bucket.fromBucketAttributes(scope, 'MediaBucket', {
      bucketName: mediaBucketName(this.gatewayStageName),
      encryptionKey: this.dataKey,
    });
  }
}
