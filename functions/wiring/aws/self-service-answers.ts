import { SignedS3ObjectReader } from '../../adapters/knowledge/signed-s3-object-reader.ts';
import type { SelfServiceAnswersDeps } from '../deps/self-service-answers.ts';
import { buildSelfService } from '../self-service.ts';
import { optionalChatEnv } from './chat-env.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';

/**
 * The Lambda runtime's role credentials, which it puts in the environment (Lambda: "Defined
 * runtime environment variables"); read on each request, as the SDK's environment provider does.
 */
function roleCredentials() {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * The public answers function: the index and public answers objects, counters and address
 * windows (keyed hash). Index objects are read with a signed GET, not the S3 client (cold start).
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
      objects: new SignedS3ObjectReader({ bucket: knowledgeIndexBucket, region, credentials: roleCredentials }),
      clock,
      log,
      indexRefreshMs: 30_000,
      hashAddress: (address) => pii.hash(address),
    }),
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
