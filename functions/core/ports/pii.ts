/** Protects citizen handles at rest: keyed hash for lookup, reversible seal for replies. */
export interface PiiProtector {
  /** Deterministic keyed hash (HMAC-SHA256, base64url) of an already normalised handle. */
  hash(normalized: string): string;
  /** Authenticated encryption of the normalised handle; output is an opaque ASCII string. */
  seal(normalized: string): string;
  /** Inverse of seal; throws on tampering or a wrong key. */
  open(sealed: string): string;
}
