import type { LanguageCode } from '../model.ts';

/** Languages the chat page and account offer (the city's foreign-language line plus Korean). */
export const CHAT_LANGUAGES = ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const;
export type ChatLanguage = (typeof CHAT_LANGUAGES)[number] & LanguageCode;

/** Personal data kept for display and for reaching the citizen again, never in clear. */
export interface SealedPersonalData {
  sealed: string;
  masked: string;
}

export interface ChatAccount {
  accountId: string;
  status: 'active';
  name: SealedPersonalData;
  /** The verified mobile number: hash (lookup), sealed, masked. */
  phone: SealedPersonalData & { hash: string };
  language: ChatLanguage;
  createdAt: string;
  verifiedAt: string;
}

/**
 * Per mobile number: the account it belongs to and the one-time code in flight. The code is
 * kept only as a keyed hash; the application (name, language) waits here until verified, so
 * re-applying never disturbs an active account.
 */
export interface PhoneVerification {
  phoneHash: string;
  accountId: string;
  codeHash?: string;
  codeExpiresAt?: string;
  attempts: number;
  pending?: { name: SealedPersonalData; phone: SealedPersonalData; language: ChatLanguage };
  lastSentAt?: string;
  /** KST day the daily send count belongs to. */
  sendDay?: string;
  sendsToday: number;
}

export interface ChatTokenRecord {
  tokenHash: string;
  accountId: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export interface ChatConnection {
  connectionId: string;
  accountId: string;
  connectedAt: string;
  /** The token the connection was authorised with (its hash): revoking it closes the connection. */
  tokenHash?: string;
  /** Best-effort cleanup: $disconnect may never arrive, so connections expire on their own. */
  expiresAt: string;
}

/** A counselor reply waiting for the citizen to come back online. Never expires until delivered. */
export interface UndeliveredReply {
  accountId: string;
  replyId: string;
  text: string;
  receiptNo?: string;
  at: string;
}

export interface ChatPolicy {
  codeTtlMs: number;
  maxCodeAttempts: number;
  resendIntervalMs: number;
  maxSendsPerDay: number;
  tokenTtlMs: number;
  connectionTtlMs: number;
  maxTextChars: number;
  maxFrameBytes: number;
  rateLimitMessages: number;
  rateLimitWindowMs: number;
  /** Account applications (each sends an SMS) one source address may make per window. */
  applicationsPerAddress: number;
  applicationWindowMs: number;
}

export const DEFAULT_CHAT_POLICY: ChatPolicy = {
  codeTtlMs: 5 * 60_000,
  maxCodeAttempts: 5,
  resendIntervalMs: 60_000,
  maxSendsPerDay: 5,
  tokenTtlMs: 90 * 24 * 60 * 60_000,
  connectionTtlMs: 2 * 60 * 60_000,
  maxTextChars: 2000,
  maxFrameBytes: 8 * 1024,
  rateLimitMessages: 10,
  rateLimitWindowMs: 10_000,
  // Generous: Korean mobile carriers put many subscribers behind one address (carrier-grade NAT);
  // it still caps what one address can spend on verification SMS (60 an hour, not thousands).
  applicationsPerAddress: 60,
  applicationWindowMs: 60 * 60_000,
};

export function resolveChatPolicy(overrides: Partial<ChatPolicy> = {}): ChatPolicy {
  return { ...DEFAULT_CHAT_POLICY, ...overrides };
}
