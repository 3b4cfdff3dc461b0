import { S3Client } from '@aws-sdk/client-s3';
import { S3DigestStore } from '../../adapters/audit/s3-digest-store.ts';
import { accessRecorder } from '../../core/audit/deps.ts';
import type { AuditApiDeps, AuditDigestDeps } from '../deps/audit-api.ts';
import { auditTrailDeps } from './audit-trail.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';

/** Lambda wiring shared by the audit API and the daily digest job: the audit table and the Object Lock bucket. */
function lambdaAuditDeps(): AuditDigestDeps {
  const { auditTableName, auditDigestBucket } = readEnvironment(['auditTableName', 'auditDigestBucket']);
  const digests = new S3DigestStore(new S3Client({}), auditDigestBucket, clock);
  return { log, audit: auditTrailDeps({ db: documentClient(), tableName: auditTableName, digests, clock }) };
}

export async function auditApiDeps(): Promise<AuditApiDeps> {
  const deps = lambdaAuditDeps();
  return { ...deps, access: accessRecorder(deps.audit) };
}

export async function auditDigestDeps(): Promise<AuditDigestDeps> {
  return lambdaAuditDeps();
}
