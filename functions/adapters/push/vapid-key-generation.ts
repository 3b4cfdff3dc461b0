import { createECDH } from 'node:crypto';
import type { VapidKeys } from './vapid-keys.ts';

/**
 * A new VAPID key pair (RFC 8292 §3.2): P-256, the public key as the uncompressed point and the
 * private key as its 32-byte scalar, both base64url, the form web-push and browsers expect.
 */
export function generateVapidKeys(subject: string): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // getPrivateKey() drops leading zero bytes; the scalar is always sent as 32.
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]);
  return { subject, publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}
