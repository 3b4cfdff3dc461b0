import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../../schemas/zod-mini.ts';
import { generateVapidKeys } from './vapid-key-generation.ts';

/**
 * The application server's VAPID key pair (RFC 8292 §3.2: P-256, the public key as the
 * uncompressed point, base64url) and the contact (`sub` claim: mailto: or https:).
 */
export const VapidKeysSchema = z.object({
  subject: z.string().check(z.regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL')),
  publicKey: z.string().check(
    z.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
    z.refine((value) => Buffer.from(value, 'base64url').length === 65, 'must be a 65-byte uncompressed P-256 point'),
  ),
  privateKey: z.string().check(
    z.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
    z.refine((value) => Buffer.from(value, 'base64url').length === 32, 'must be 32 bytes'),
  ),
});
export type VapidKeys = z.infer<typeof VapidKeysSchema>;

/** The subject of locally generated keys: a contact the push services may use (RFC 8292 §2.1). */
export const LOCAL_VAPID_SUBJECT = 'mailto:push@localhost.invalid';

/** Validates key material; the error names the fields, never the values. */
export function parseVapidKeys(value: unknown, source: string): VapidKeys {
  const result = z.safeParse(VapidKeysSchema, value);
  if (!result.success) throw new Error(`invalid VAPID keys in ${source}: ${result.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`);
  return result.data;
}

/**
 * Local runs: the key pair lives in <dataDir>/vapid-keys.json (mode 0600), created at the first
 * start. Keeping it across restarts keeps the browsers' subscriptions valid: a subscription is
 * bound to the public key it was made with.
 */
export async function loadOrCreateLocalVapidKeys(dataDir: string): Promise<VapidKeys> {
  const file = join(dataDir, 'vapid-keys.json');
  await mkdir(dataDir, { recursive: true });
  const temp = join(dataDir, `.vapid-keys.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, `${JSON.stringify(generateVapidKeys(LOCAL_VAPID_SUBJECT), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() publishes the complete file atomically and fails if one exists: two gateways starting together keep one pair.
    await link(temp, file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return parseVapidKeys(JSON.parse(await readFile(file, 'utf8')) as unknown, file);
}
