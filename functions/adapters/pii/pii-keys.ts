import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from '../../../schemas/zod-mini.ts';

export interface PiiKeys {
  hmacKey: Uint8Array;
  sealKey: Uint8Array;
}

const key32 = z.string().check(
  z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  z.refine((value) => Buffer.from(value, 'base64').length === 32, 'must decode to exactly 32 bytes'),
);

/** Stored form of the key material: the Secrets Manager secret string and pii-keys.json. */
export const PiiKeyMaterialSchema = z.object({ hmacKey: key32, sealKey: key32 });
export type PiiKeyMaterial = z.infer<typeof PiiKeyMaterialSchema>;

/** Validates key material; the error names the field, never the value. */
export function parsePiiKeyMaterial(value: unknown, source: string): PiiKeys {
  const result = PiiKeyMaterialSchema.safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`invalid PII key material in ${source}: ${fields}`);
  }
  return { hmacKey: Buffer.from(result.data.hmacKey, 'base64'), sealKey: Buffer.from(result.data.sealKey, 'base64') };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`PII key material in ${source} is not JSON`);
  }
}

/** Reads the keys from a JSON secret {hmacKey, sealKey}. Call once per container and cache. */
export async function loadPiiKeysFromSecretsManager(client: SecretsManagerClient, secretArn: string): Promise<PiiKeys> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretString === undefined) throw new Error(`secret ${secretArn} has no SecretString`);
  return parsePiiKeyMaterial(parseJson(SecretString, `secret ${secretArn}`), `secret ${secretArn}`);
}

export function generatePiiKeyMaterial(): PiiKeyMaterial {
  return { hmacKey: randomBytes(32).toString('base64'), sealKey: randomBytes(32).toString('base64') };
}

/**
 * Local runs: keys live in <dataDir>/pii-keys.json, created once with random keys (mode 0600).
 * Reusing them across restarts keeps hashed lookups and sealed handles working on old data.
 */
export async function loadOrCreateLocalPiiKeys(dataDir: string): Promise<PiiKeys> {
  const file = join(dataDir, 'pii-keys.json');
  await mkdir(dataDir, { recursive: true });
  const temp = join(dataDir, `.pii-keys.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, `${JSON.stringify(generatePiiKeyMaterial(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() publishes the complete file atomically and fails if keys already exist, so two
    // processes starting together never overwrite keys nor read a half-written file.
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
  return parsePiiKeyMaterial(parseJson(await readFile(file, 'utf8'), file), file);
}
