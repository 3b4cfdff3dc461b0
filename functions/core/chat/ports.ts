import type { ChatAccount, ChatConnection, ChatTokenRecord, PhoneVerification, SealedPersonalData, ChatLanguage, UndeliveredReply } from './model.ts';

/** A fixed rate-limit window: epoch-ms start, length, and how many events it admits. */
export interface RateWindow {
  start: number;
  lengthMs: number;
  limit: number;
}

/** Random bytes from a CSPRNG (node:crypto in every runtime); a port so tests can script codes. */
export interface RandomSource {
  bytes(count: number): Uint8Array;
}

export interface CodeIssue {
  phoneHash: string;
  /** Used only when the number has no account yet; the stored one wins otherwise. */
  newAccountId: string;
  codeHash: string;
  codeExpiresAt: string;
  pending: { name: SealedPersonalData; phone: SealedPersonalData; language: ChatLanguage };
  now: string;
  sendDay: string;
  /** Refused when the previous code was sent after this instant. */
  resendNotBefore: string;
  maxSendsPerDay: number;
}

export type CodeIssueResult = { issued: true; accountId: string } | { issued: false; reason: 'resend_too_soon' | 'daily_limit' };

/**
 * Chat accounts, verification codes and tokens, as single conditional writes in the
 * complaint table (docs/adr/0006-chat-accounts-and-connections.md).
 */
export interface ChatAccountRepository {
  getVerification(phoneHash: string): Promise<PhoneVerification | null>;
  /** One conditional update: records the new code unless the resend limits refuse it. */
  issueCode(issue: CodeIssue): Promise<CodeIssueResult>;
  /** Counts a wrong code, conditional on the code and attempt count seen; false when either moved. */
  recordFailedAttempt(phoneHash: string, codeHash: string, seenAttempts: number): Promise<boolean>;
  /** Removes the code if it is still the one given and under the attempt cap: single use. */
  consumeCode(phoneHash: string, codeHash: string, maxAttempts: number): Promise<boolean>;
  /** Creates or refreshes the account (idempotent). */
  putAccount(account: ChatAccount): Promise<void>;
  getAccount(accountId: string): Promise<ChatAccount | null>;
  /** Conditional on no token with that hash. */
  putToken(token: ChatTokenRecord): Promise<boolean>;
  getToken(tokenHash: string): Promise<ChatTokenRecord | null>;
  /** Marks the token revoked; false when there is no such token. Revoking twice keeps the first instant. */
  revokeToken(tokenHash: string, at: string): Promise<boolean>;
  /** Counts one application from a source address (keyed hash) in its window; false once the window is full. */
  countApplication(addressHash: string, window: RateWindow): Promise<boolean>;
}

/** Live WebSocket connections, per-account rate counters and replies awaiting delivery. */
export interface ChatConnectionRepository {
  putConnection(connection: ChatConnection): Promise<void>;
  deleteConnection(accountId: string, connectionId: string): Promise<void>;
  /** Unexpired connections of the account. */
  listConnections(accountId: string, now: string): Promise<ChatConnection[]>;
  /**
   * Counts one message in the account's current fixed window, shared by all its connections and
   * every Lambda container (one conditional counter item); false (not counted) once it is full.
   */
  countMessage(accountId: string, window: RateWindow): Promise<boolean>;
  /** Conditional on no pending entry for that reply: a retried reply is kept once. */
  putUndelivered(reply: UndeliveredReply): Promise<void>;
  /** Oldest first. */
  listUndelivered(accountId: string): Promise<UndeliveredReply[]>;
  markDelivered(accountId: string, replyId: string, at: string): Promise<void>;
}

export type PostResult = 'delivered' | 'gone';

/** Pushes one frame to one connection: PostToConnection in AWS, the open socket locally. */
export interface ConnectionSender {
  post(connectionId: string, frame: unknown): Promise<PostResult>;
  /** Closes the connection (DeleteConnection in AWS); one already gone is not an error. */
  disconnect(connectionId: string): Promise<void>;
}
