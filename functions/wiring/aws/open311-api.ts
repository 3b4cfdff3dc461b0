import { randomBytes } from 'node:crypto';
import * as z from '../../../schemas/zod-mini.ts';
import { DynamoOpen311Store } from '../../adapters/dynamodb/open311-store.ts';
import { readJsonSecret } from '../../adapters/secrets/json-secret.ts';
import { crockfordBase32 } from '../../core/ids.ts';
import { ApiKeys, parseClientList } from '../../core/open311/api-keys.ts';
import { OPEN311_CHANGESET, OPEN311_CONTACT, OPEN311_RATE_LIMITS } from '../../core/open311/settings.ts';
import type { Open311ApiDeps } from '../deps/open311-api.ts';
import { ENV } from '../env-names.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { s3MediaStore } from './pipeline-parts.ts';
import { secretsClient } from './secrets-client.ts';
import { intakeQueue } from './sqs-intake.ts';

const ApiKeysSecretSchema = z.object({ keys: z.string() });

/** 128 random bits as 26 lower-case Crockford base32 characters. */
export const newUploadId = (): string => crockfordBase32(randomBytes(16)).toLowerCase();

/** The Open311 API: partner keys from Secrets Manager, the site's key from the stage config. */
export async function open311ApiDeps(): Promise<Open311ApiDeps> {
  const env = readEnvironment(['tableName', 'open311ApiKeysSecretArn', 'open311WebClientKey', 'open311JurisdictionId']);
  const secret = await readJsonSecret(secretsClient(), env.open311ApiKeysSecretArn, ApiKeysSecretSchema);
  const webClientKey = env.open311WebClientKey;
  const publicBaseUrl = process.env[ENV.open311PublicBaseUrl];
  return {
    log,
    clock,
    apiKeys: new ApiKeys([{ name: 'web', key: webClientKey }, ...parseClientList(secret.keys)]),
    webClientKey,
    store: new DynamoOpen311Store(documentClient(), env.tableName, secret.keys || webClientKey),
    repository: complaintRepository(),
    intake: intakeQueue(),
    mediaStore: s3MediaStore(),
    jurisdictionId: env.open311JurisdictionId,
    limits: OPEN311_RATE_LIMITS,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    production: process.env[ENV.open311EndpointType] === 'production',
    changeset: OPEN311_CHANGESET,
    contact: OPEN311_CONTACT,
    newUploadId,
  };
}
