import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AesHmacPiiProtector } from '../../../../functions/adapters/pii/aes-hmac-pii-protector.ts';
import {
  loadOrCreateLocalPiiKeys,
  loadPiiKeysFromSecretsManager,
  parsePiiKeyMaterial,
} from '../../../../functions/adapters/pii/pii-keys.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:gateway/pii-keys-AbCdEf';
const b64 = (n: number) => randomBytes(n).toString('base64');

describe('parsePiiKeyMaterial', () => {
  it('decodes two base64 32-byte keys', () => {
    const hmac = randomBytes(32);
    const keys = parsePiiKeyMaterial({ hmacKey: hmac.toString('base64'), sealKey: b64(32) }, 'test');
    expect(Buffer.from(keys.hmacKey).equals(hmac)).toBe(true);
    expect(keys.sealKey).toHaveLength(32);
  });

  it('names the bad field without echoing the key', () => {
    const short = b64(16);
    let message = '';
    try {
      parsePiiKeyMaterial({ hmacKey: b64(32), sealKey: short }, 'test');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/sealKey: must decode to exactly 32 bytes/);
    expect(message).not.toContain(short);
  });

  it.each([[null], [{}], [{ hmacKey: b64(32) }], [{ hmacKey: 'not base64!', sealKey: b64(32) }]])('refuses %j', (value) => {
    expect(() => parsePiiKeyMaterial(value, 'test')).toThrow(/invalid PII key material in test/);
  });
});

describe('loadPiiKeysFromSecretsManager', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());

  it('reads the JSON secret by ARN and returns working keys', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: JSON.stringify({ hmacKey: b64(32), sealKey: b64(32) }) });
    const keys = await loadPiiKeysFromSecretsManager(new SecretsManagerClient({ region: 'ap-northeast-2' }), SECRET_ARN);
    const protector = new AesHmacPiiProtector(keys);
    expect(protector.open(protector.seal('+821012345678'))).toBe('+821012345678');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('fails loudly on a secret that is not JSON or has no string', async () => {
    const client = new SecretsManagerClient({ region: 'ap-northeast-2' });
    secrets.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'hunter2' }).resolvesOnce({});
    await expect(loadPiiKeysFromSecretsManager(client, SECRET_ARN)).rejects.toThrow(/not JSON/);
    await expect(loadPiiKeysFromSecretsManager(client, SECRET_ARN)).rejects.toThrow(/no SecretString/);
  });

  it('passes a missing secret through as the SDK error', async () => {
    secrets.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    await expect(loadPiiKeysFromSecretsManager(new SecretsManagerClient({ region: 'ap-northeast-2' }), SECRET_ARN)).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('loadOrCreateLocalPiiKeys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pii-keys-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('creates pii-keys.json readable only by its owner on first run', async () => {
    const dataDir = join(dir, 'nested', '.data');
    await loadOrCreateLocalPiiKeys(dataDir);
    const info = await stat(join(dataDir, 'pii-keys.json'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['pii-keys.json']);
  });

  it('reuses the same keys after a restart, so old hashes and sealed handles still work', async () => {
    const before = new AesHmacPiiProtector(await loadOrCreateLocalPiiKeys(dir));
    const sealed = before.seal('+821012345678');
    const after = new AesHmacPiiProtector(await loadOrCreateLocalPiiKeys(dir));
    expect(after.hash('+821012345678')).toBe(before.hash('+821012345678'));
    expect(after.open(sealed)).toBe('+821012345678');
  });

  it('gives every concurrent starter the same keys', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateLocalPiiKeys(dir)));
    const hashes = new Set(all.map((keys) => new AesHmacPiiProtector(keys).hash('x')));
    expect(hashes.size).toBe(1);
    expect(await readdir(dir)).toEqual(['pii-keys.json']);
  });

  it('refuses a corrupted key file instead of silently replacing it', async () => {
    await writeFile(join(dir, 'pii-keys.json'), '{"hmacKey": "short", "sealKey": "short"}');
    await expect(loadOrCreateLocalPiiKeys(dir)).rejects.toThrow(/invalid PII key material/);
  });
});
