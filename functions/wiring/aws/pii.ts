import { hkdfSync } from 'node:crypto';
import * as z from '../../../schemas/zod-mini.ts';
import { AesHmacPiiProtector } from '../../adapters/pii/aes-hmac-pii-protector.ts';
import { parsePiiKeyMaterial, type PiiKeys } from '../../adapters/pii/pii-keys.ts';
import { readJsonSecret } from '../../adapters/secrets/json-secret.ts';
import { readEnvironment } from './environment.ts';
import { secretsClient } from './secrets-client.ts';

/**
 * The CDK-generated secret holds one random `seed` (Secrets Manager cannot generate raw
 * 32-byte keys); two independent keys are derived from it with HKDF. Operators may instead
 * store explicit `hmacKey`/`sealKey` (base64, 32 bytes each), e.g. when migrating data.
 */
const PiiSecretSchema = z.union([
  z.object({ hmacKey: z.string(), sealKey: z.string() }),
  z.object({ seed: z.string().check(z.minLength(32, 'seed must be at least 32 characters')) }),
]);

export function keysFromSecret(secret: z.infer<typeof PiiSecretSchema>, source: string): PiiKeys {
  if ('seed' in secret) {
    const derive = (info: string) => new Uint8Array(hkdfSync('sha256', secret.seed, 'citizen-contact-gateway', info, 32));
    return { hmacKey: derive('pii-hmac-v1'), sealKey: derive('pii-seal-v1') };
  }
  return parsePiiKeyMaterial(secret, source);
}

export async function piiProtector(): Promise<AesHmacPiiProtector> {
  const { piiSecretArn } = readEnvironment(['piiSecretArn']);
  const secret = await readJsonSecret(secretsClient(), piiSecretArn, PiiSecretSchema);
  return new AesHmacPiiProtector(keysFromSecret(secret, `secret ${piiSecretArn}`));
}
