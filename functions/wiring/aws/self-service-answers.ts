import { SignedS3ObjectReader } from '../../adapters/knowledge/signed-s3-object-reader.ts';
import type { SelfServiceAnswersDeps } from '../deps/self-service-answers.ts';
import { buildSelfService } from '../self-service.ts';
import { optionalChatEnv } from './chat-env.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { defaultProvider } from './lambda-credential-provider.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';

/**
 * The public answers function: the index and public answers objects, counters and address
 * windows (keyed hash). Index objects are read with a signed GET, not the S3 client (cold start),
 * with the same Lambda credential provider the SDK clients' bundles use (ADR 0008).
 */
export async function selfServiceAnswersDeps(): Promise<SelfServiceAnswersDeps> {
  const { tableName, knowledgeIndexBucket } = readEnvironment(['tableName', 'knowledgeIndexBucket']);
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  const pii = await piiProtector();
  return {
    log,
    selfService: buildSelfService({
      documentClient: documentClient(),
      tableName,
      objects: new SignedS3ObjectReader({ bucket: knowledgeIndexBucket, region, credentials: defaultProvider() }),
      clock,
      log,
      indexRefreshMs: 30_000,
      hashAddress: (address) => pii.hash(address),
    }),
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
