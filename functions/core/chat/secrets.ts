import { createHash, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from './ports.ts';

/** 32 random bytes, base64url: 256 bits, so an unkeyed SHA-256 is enough to store it. */
export const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(random: RandomSource): string {
  return Buffer.from(random.bytes(TOKEN_BYTES)).toString('base64url');
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/**
 * Six decimal digits, uniform: bytes above the largest multiple of 10^6 that fits in 32 bits
 * are redrawn, so no code is likelier than another.
 */
export function newCode(random: RandomSource): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    const bytes = random.bytes(4);
    const value = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
    if (value < limit) return String(value % 1_000_000).padStart(6, '0');
  }
}

/** Account ids are random (not derived from the number), so they reveal nothing about the citizen. */
export function newAccountId(random: RandomSource): string {
  return `ca_${Buffer.from(random.bytes(16)).toString('base64url')}`;
}

export const ACCOUNT_ID_PATTERN = /^ca_[A-Za-z0-9_-]{22}$/;

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
