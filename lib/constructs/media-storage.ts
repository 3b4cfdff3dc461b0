import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { KNOWLEDGE_INDEX_PREFIX, SUPERSEDED_INDEX_EXPIRY_DAYS, SUPERSEDED_TAG } from '../../functions/core/knowledge/index-objects.ts';
import { acknowledge } from './nag.ts';

/**
 * The media bucket's name is derived, not generated: consumers in other stacks rebuild its ARN from
 * pseudo parameters (no cross-stack token in their IAM policies, so each object-ARN wildcard can be
 * acknowledged precisely), and the account id keeps it globally unique.
 */
export function mediaBucketName(stageName: string): string {
  return `cgw-${stageName}-media-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export interface MediaStorageProps {
  readonly stageName: string;
  readonly encryptionKey: IKey;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * MMS attachments (images fetched from the provider), the knowledge search index (under
 * knowledge-index/), and the access-log bucket that records every request to them. Complaint
 * records keep only object keys, never bytes.
 */
export class MediaStorage extends Construct {
  readonly mediaBucket: Bucket;
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);

    // S3 server access logging cannot deliver to an SSE-KMS bucket: S3-managed keys here.
    this.accessLogBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    acknowledge(
      this.accessLogBucket,
      'AwsSolutions-S1',
      'This is the server access log bucket itself; logging its own requests into itself would recurse, and it holds no citizen data.',
    );

    this.mediaBucket = new Bucket(this, 'Media', {
      bucketName: mediaBucketName(props.stageName),
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // One data key per bucket instead of a KMS call per object.
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'media/',
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Open311 photo uploads: copied into the request's own key by the pipeline, unused after a day.
        { id: 'expire-open311-uploads', prefix: 'uploads/', expiration: Duration.days(1) },
        // Attachments are read when the complaint is handled, rarely afterwards.
        { id: 'cool-down', transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }] },
        // Overwritten or deleted attachments (e.g. a takedown) do not linger.
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
        // Knowledge search indexes: every build writes a new object and tags the one it replaced;
        // the current one is never tagged, so it stays however long no case changes.
        {
          id: 'expire-superseded-knowledge-indexes',
          prefix: KNOWLEDGE_INDEX_PREFIX,
          tagFilters: { [SUPERSEDED_TAG.key]: SUPERSEDED_TAG.value },
          expiration: Duration.days(SUPERSEDED_INDEX_EXPIRY_DAYS),
          noncurrentVersionExpiration: Duration.days(SUPERSEDED_INDEX_EXPIRY_DAYS),
        },
        // The delete markers those expirations leave (ExpiredObjectDeleteMarker cannot share a rule with Days).
        { id: 'remove-knowledge-index-delete-markers', prefix: KNOWLEDGE_INDEX_PREFIX, expiredObjectDeleteMarker: true },
      ],
    });
  }
}
