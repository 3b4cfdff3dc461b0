import { InvalidHandleError, maskPhone, normalizePhone } from '../citizen-handle.ts';
import { kstDay } from '../kst.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import { ChatAccountError } from './errors.ts';
import { resolveChatPolicy, type ChatAccount, type ChatLanguage, type ChatPolicy } from './model.ts';
import type { ChatAccountRepository, ChatConnectionRepository, ConnectionSender, RandomSource } from './ports.ts';
import { looksLikeToken, newAccountId, newCode, newToken, sameHash, tokenHash } from './secrets.ts';
import { verificationSms } from './texts.ts';
import type { ServerFrame } from '../../../schemas/chat-frames.ts';

export interface ChatAccountDeps {
  accounts: ChatAccountRepository;
  pii: PiiProtector;
  sms: SmsSender;
  random: RandomSource;
  clock: Clock;
  log: Log;
  policy?: Partial<ChatPolicy>;
  /** Where the stage has the WebSocket API: revoking a token closes what it opened. */
  sessions?: ChatSessions;
}

export interface ApplyInput {
  name: string;
  phone: string;
  language: ChatLanguage;
  /** The caller's network address (API Gateway's sourceIp): applications are limited per address. */
  sourceAddress?: string;
}

/** Masks a name for display: first character kept (Korean names are 2-4 syllables). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 8))}`;
}

/** The code's keyed hash binds it to the number, so a code is useless for any other number. */
function codeHashFor(pii: PiiProtector, phone: string, code: string): string {
  return pii.hash(`chat-code\u0000${phone}\u0000${code}`);
}

function normalizedPhone(raw: string): string {
  try {
    return normalizePhone(raw);
  } catch (error) {
    if (error instanceof InvalidHandleError) throw new ChatAccountError('invalid_phone', `not a usable mobile number: ${error.message}`);
    throw error;
  }
}

/**
 * Applies for a chat account (or a new token for the number's existing one): a six-digit code
 * goes to the number by SMS. Resends are rate-limited per number; the code expires and only
 * its keyed hash is stored.
 */
export async function applyForAccount(deps: ChatAccountDeps, input: ApplyInput): Promise<{ maskedPhone: string; expiresAt: string }> {
  const policy = resolveChatPolicy(deps.policy);
  const phone = normalizedPhone(input.phone);
  const phoneHash = deps.pii.hash(phone);
  const now = deps.clock.now();
  const code = newCode(deps.random);
  const codeExpiresAt = new Date(now.getTime() + policy.codeTtlMs).toISOString();
  const masked = maskPhone(phone);
  const name = input.name.trim();
  if (input.sourceAddress) await countApplication(deps, input.sourceAddress, now, policy);

  const result = await deps.accounts.issueCode({
    phoneHash,
    newAccountId: newAccountId(deps.random),
    codeHash: codeHashFor(deps.pii, phone, code),
    codeExpiresAt,
    pending: {
      name: { sealed: deps.pii.seal(name), masked: maskName(name) },
      phone: { sealed: deps.pii.seal(phone), masked },
      language: input.language,
    },
    now: now.toISOString(),
    sendDay: kstDay(now),
    resendNotBefore: new Date(now.getTime() - policy.resendIntervalMs).toISOString(),
    maxSendsPerDay: policy.maxSendsPerDay,
  });
  if (!result.issued) {
    deps.log.info('chat code refused by rate limit', { reason: result.reason });
    if (result.reason === 'daily_limit') {
      throw new ChatAccountError('daily_limit', `at most ${policy.maxSendsPerDay} codes a day per number; try again tomorrow`, {
        retryAfterSeconds: secondsToNextKstDay(now),
      });
    }
    const previous = await deps.accounts.getVerification(phoneHash);
    const lastSent = previous?.lastSentAt ? Date.parse(previous.lastSentAt) : now.getTime();
    const wait = Math.max(1, Math.ceil((lastSent + policy.resendIntervalMs - now.getTime()) / 1000));
    throw new ChatAccountError('resend_too_soon', `a code was sent less than ${policy.resendIntervalMs / 1000} s ago; wait before asking again`, {
      retryAfterSeconds: wait,
    });
  }
  await deps.sms.send({ to: phone, body: verificationSms(input.language, code), idempotencyKey: `chat-code:${phoneHash}:${now.toISOString()}` });
  deps.log.info('chat code sent', { accountId: result.accountId, phone: masked });
  return { maskedPhone: masked, expiresAt: codeExpiresAt };
}

/**
 * Each application sends an SMS: one address may not make more than the policy allows per window,
 * counted in the table so every container sees the same count. The address is kept as a keyed hash.
 */
async function countApplication(deps: ChatAccountDeps, address: string, now: Date, policy: ChatPolicy): Promise<void> {
  const lengthMs = policy.applicationWindowMs;
  const start = now.getTime() - (now.getTime() % lengthMs);
  if (await deps.accounts.countApplication(deps.pii.hash(`chat-apply\u0000${address}`), { start, lengthMs, limit: policy.applicationsPerAddress })) return;
  deps.log.warn('chat application refused: too many from one address', { limit: policy.applicationsPerAddress });
  throw new ChatAccountError('address_limit', `too many applications from this network; try again later`, {
    retryAfterSeconds: Math.max(1, Math.ceil((start + lengthMs - now.getTime()) / 1000)),
  });
}

function secondsToNextKstDay(now: Date): number {
  const kstMs = now.getTime() + 9 * 3600_000;
  const next = Math.floor(kstMs / 86_400_000 + 1) * 86_400_000;
  return Math.max(1, Math.ceil((next - kstMs) / 1000));
}

export interface IssuedToken {
  accountId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  expiresAt: string;
  language: ChatLanguage;
}

/**
 * Checks the code for the number. A wrong code counts against the cap; the right one is
 * consumed (single use), the account becomes active and a new token is issued.
 */
export async function verifyAccount(deps: ChatAccountDeps, input: { phone: string; code: string }): Promise<IssuedToken> {
  const policy = resolveChatPolicy(deps.policy);
  const phone = normalizedPhone(input.phone);
  const phoneHash = deps.pii.hash(phone);
  const now = deps.clock.now();
  const state = await deps.accounts.getVerification(phoneHash);
  if (!state?.codeHash || !state.codeExpiresAt || !state.pending) throw new ChatAccountError('no_code', 'no code is pending for this number; apply first');
  if (Date.parse(state.codeExpiresAt) <= now.getTime()) throw new ChatAccountError('code_expired', 'the code has expired; ask for a new one');
  if (state.attempts >= policy.maxCodeAttempts) throw new ChatAccountError('too_many_attempts', 'too many wrong codes; ask for a new one');

  if (!sameHash(codeHashFor(deps.pii, phone, input.code), state.codeHash)) {
    await deps.accounts.recordFailedAttempt(phoneHash, state.codeHash, state.attempts);
    const attemptsLeft = Math.max(0, policy.maxCodeAttempts - state.attempts - 1);
    deps.log.info('chat code rejected', { accountId: state.accountId, attemptsLeft });
    if (attemptsLeft === 0) throw new ChatAccountError('too_many_attempts', 'too many wrong codes; ask for a new one', { attemptsLeft });
    throw new ChatAccountError('wrong_code', 'the code does not match', { attemptsLeft });
  }
  if (!(await deps.accounts.consumeCode(phoneHash, state.codeHash, policy.maxCodeAttempts))) {
    throw new ChatAccountError('no_code', 'the code was already used or replaced; ask for a new one');
  }

  const existing = await deps.accounts.getAccount(state.accountId);
  const at = now.toISOString();
  const account: ChatAccount = {
    accountId: state.accountId,
    status: 'active',
    name: state.pending.name,
    phone: { ...state.pending.phone, hash: phoneHash },
    language: state.pending.language,
    createdAt: existing?.createdAt ?? at,
    verifiedAt: at,
  };
  await deps.accounts.putAccount(account);
  const issued = await issueToken(deps, account, policy);
  deps.log.info('chat account verified', { accountId: account.accountId, newAccount: existing === null });
  return issued;
}

async function issueToken(deps: ChatAccountDeps, account: ChatAccount, policy: ChatPolicy): Promise<IssuedToken> {
  const now = deps.clock.now();
  for (;;) {
    const token = newToken(deps.random);
    const expiresAt = new Date(now.getTime() + policy.tokenTtlMs).toISOString();
    // A collision of 256-bit random values would mean a broken RNG; redraw rather than share.
    if (await deps.accounts.putToken({ tokenHash: tokenHash(token), accountId: account.accountId, issuedAt: now.toISOString(), expiresAt })) {
      return { accountId: account.accountId, token, expiresAt, language: account.language };
    }
  }
}

const REVOKED_FRAME: ServerFrame = { type: 'error', code: 'token_revoked', message: 'This chat token was revoked. Verify your phone number again to continue.' };

/** The live side of revocation: the connections a token opened, and the means to close them. */
export interface ChatSessions {
  connections: Pick<ChatConnectionRepository, 'listConnections' | 'deleteConnection'>;
  sender: Pick<ConnectionSender, 'post' | 'disconnect'>;
}

/**
 * Revokes a token; revoking an already revoked token succeeds (idempotent). API Gateway checks
 * the token only at $connect, so the connections it opened are closed here too (with `sessions`);
 * other tokens of the same account keep theirs. Returns how many connections were closed.
 */
export async function revokeToken(deps: Pick<ChatAccountDeps, 'accounts' | 'clock' | 'log' | 'sessions'>, token: string): Promise<{ closedConnections: number }> {
  const hash = looksLikeToken(token) ? tokenHash(token) : null;
  const now = deps.clock.now().toISOString();
  if (!hash || !(await deps.accounts.revokeToken(hash, now))) {
    throw new ChatAccountError('unknown_token', 'no such token');
  }
  let closedConnections = 0;
  const record = deps.sessions ? await deps.accounts.getToken(hash) : null;
  if (deps.sessions && record) {
    const { connections, sender } = deps.sessions;
    const opened = (await connections.listConnections(record.accountId, now)).filter((connection) => connection.tokenHash === hash);
    for (const connection of opened) {
      // Each on its own: one failure must not leave the others open (the token is revoked already).
      try {
        // Told first, so the page signs out instead of reconnecting with a token that no longer works.
        await sender.post(connection.connectionId, REVOKED_FRAME);
        await sender.disconnect(connection.connectionId);
        await connections.deleteConnection(record.accountId, connection.connectionId);
        closedConnections += 1;
      } catch (error) {
        deps.log.warn('revoked token: a connection could not be closed; it ends with its TTL', {
          connectionId: connection.connectionId,
          errorName: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
  }
  deps.log.info('chat token revoked', { closedConnections });
  return { closedConnections };
}

export type TokenCheck = { ok: true; accountId: string; language: ChatLanguage } | { ok: false; reason: 'malformed' | 'unknown' | 'expired' | 'revoked' | 'no_account' };

/** The authorizer's decision: the token must exist, be unexpired and unrevoked, its account active. */
export async function authenticateToken(deps: { accounts: Pick<ChatAccountDeps['accounts'], 'getToken' | 'getAccount'>; clock: ChatAccountDeps['clock'] }, token: string): Promise<TokenCheck> {
  if (!looksLikeToken(token)) return { ok: false, reason: 'malformed' };
  const record = await deps.accounts.getToken(tokenHash(token));
  if (!record) return { ok: false, reason: 'unknown' };
  if (record.revokedAt) return { ok: false, reason: 'revoked' };
  if (Date.parse(record.expiresAt) <= deps.clock.now().getTime()) return { ok: false, reason: 'expired' };
  const account = await deps.accounts.getAccount(record.accountId);
  if (!account) return { ok: false, reason: 'no_account' };
  return { ok: true, accountId: record.accountId, language: account.language };
}
