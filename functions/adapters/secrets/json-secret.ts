import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { $ZodType, output } from 'zod/v4/core';
import { safeParse } from '../../../schemas/zod-mini.ts';

/** Reads a JSON secret and validates it; the error names the secret, never its content. */
export async function readJsonSecret<T extends $ZodType>(client: SecretsManagerClient, secretId: string, schema: T): Promise<output<T>> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString);
  } catch {
    throw new Error(`secret ${secretId} is not JSON`);
  }
  const result = safeParse(schema, parsed);
  if (!result.success) {
    throw new Error(`secret ${secretId} is missing fields: ${result.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  }
  return result.data;
}

/**
 * A JSON secret read at most once per `ttlMs`, so a value rotated in Secrets Manager applies
 * without a redeploy; a failed read is not kept, so the next call tries again.
 */
export function refreshingJsonSecret<T extends $ZodType>(
  locate: () => { client: SecretsManagerClient; secretId: string },
  schema: T,
  ttlMs: number,
  now: () => number = Date.now,
): () => Promise<output<T>> {
  let cached: { at: number; value: Promise<output<T>> } | undefined;
  return () => {
    const at = now();
    if (!cached || at - cached.at > ttlMs) {
      const { client, secretId } = locate();
      const value = readJsonSecret(client, secretId, schema);
      value.catch(() => (cached = undefined));
      cached = { at, value };
    }
    return cached.value;
  };
}
