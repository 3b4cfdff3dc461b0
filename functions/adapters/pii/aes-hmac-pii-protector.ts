import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PiiProtector } from '../../core/ports/pii.ts';
import type { PiiKeys } from './pii-keys.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised when a sealed value is malformed, tampered with, or sealed under another key. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}

/**
 * HMAC-SHA256 for lookups (deterministic, so one citizen hashes to one GSI key) and
 * AES-256-GCM for the reversible copy replies need. Two independent keys: leaking the
 * hashing key does not open sealed values, and the other way round.
 */
export class AesHmacPiiProtector implements PiiProtector {
  readonly #hmacKey: Buffer;
  readonly #sealKey: Buffer;

  constructor(keys: PiiKeys) {
    if (keys.hmacKey.length !== 32 || keys.sealKey.length !== 32) throw new Error('PII keys must be 32 bytes each');
    this.#hmacKey = Buffer.from(keys.hmacKey);
    this.#sealKey = Buffer.from(keys.sealKey);
  }

  hash(normalized: string): string {
    return createHmac('sha256', this.#hmacKey).update(normalized, 'utf8').digest('base64url');
  }

  seal(normalized: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, iv, { authTagLength: TAG_BYTES });
    // The version is authenticated too, so it cannot be swapped to downgrade the format.
    cipher.setAAD(Buffer.from(VERSION, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SealedValueError('sealed value is not in v1 format');
    const [, ivText = '', ciphertextText = '', tagText = ''] = parts;
    const iv = decodeBase64Url(ivText);
    const tag = decodeBase64Url(tagText);
    const ciphertext = decodeBase64Url(ciphertextText);
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedValueError('sealed value has a malformed iv or tag');
    const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION, 'ascii'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError('sealed value failed authentication (tampered or sealed under another key)');
    }
  }
}

function decodeBase64Url(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SealedValueError('sealed value is not base64url');
  return Buffer.from(text, 'base64url');
}
