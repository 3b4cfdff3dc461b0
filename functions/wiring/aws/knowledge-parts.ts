import { S3Client } from '@aws-sdk/client-s3';
import { S3IndexObjectStore } from '../../adapters/knowledge/index-object-stores.ts';
import type { KnowledgeParts } from '../knowledge-search.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';

/**
 * What every knowledge composition in Lambda stands on: the complaint table and the index objects
 * under knowledge-index/ in the media bucket. A warm container looks for a newer index every 30 s.
 */
export function knowledgeParts(): KnowledgeParts {
  const { tableName, knowledgeIndexBucket } = readEnvironment(['tableName', 'knowledgeIndexBucket']);
  return {
    documentClient: documentClient(),
    tableName,
    objects: new S3IndexObjectStore(new S3Client({}), knowledgeIndexBucket),
    clock,
    log,
    indexRefreshMs: 30_000,
  };
}
