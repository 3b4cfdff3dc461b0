import { S3Client } from '@aws-sdk/client-s3';
import { S3IndexObjectStore } from '../../adapters/knowledge/index-object-stores.ts';
import { SignedS3ObjectReader } from '../../adapters/knowledge/signed-s3-object-reader.ts';
import type { KnowledgeParts, KnowledgeSearchParts } from '../knowledge-search.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { defaultProvider } from './lambda-credential-provider.ts';
import { clock, log } from './log-and-clock.ts';

/**
 * What every knowledge composition in Lambda stands on: the complaint table and the index objects
 * under knowledge-index/ in the media bucket. A warm container looks for a newer index every 30 s.
 */
function sharedParts() {
  return { documentClient: documentClient(), tableName: readEnvironment(['tableName']).tableName, clock, log, indexRefreshMs: 30_000 };
}

/** Index objects read with a signed GET, not the S3 client (cold start, ADR 0008), with the role's credentials. */
export function signedIndexReader(): SignedS3ObjectReader {
  const { knowledgeIndexBucket, region } = readEnvironment(['knowledgeIndexBucket', 'region']);
  return new SignedS3ObjectReader({ bucket: knowledgeIndexBucket, region, credentials: defaultProvider() });
}

/** Searching only reads index objects: the search function and the intake pipeline. */
export function knowledgeSearchParts(): KnowledgeSearchParts {
  return { ...sharedParts(), objects: signedIndexReader() };
}

/** The knowledge base function also builds the index: it writes and tags index objects with the S3 client. */
export function knowledgeParts(): KnowledgeParts {
  const { knowledgeIndexBucket } = readEnvironment(['knowledgeIndexBucket']);
  return { ...sharedParts(), objects: new S3IndexObjectStore(new S3Client({}), knowledgeIndexBucket) };
}
