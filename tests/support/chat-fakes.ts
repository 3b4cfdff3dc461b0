import type { ServerFrame } from '../../schemas/chat-frames.ts';
import type { ChatAccount, ChatTokenRecord, PhoneVerification } from '../../functions/core/chat/model.ts';
import type { ChatAccountRepository, ConnectionSender, PostResult, RandomSource, RateWindow } from '../../functions/core/chat/ports.ts';

/** Random bytes from a script of codes/tokens first, then a counter: deterministic tests. */
export class ScriptedRandom implements RandomSource {
  #counter = 0;
  readonly #queue: Uint8Array[] = [];

  /** Makes the next 4-byte draw produce this six-digit code. */
  nextCode(code: string): this {
    const value = Number(code);
    this.#queue.push(new Uint8Array([(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]));
    return this;
  }

  bytes(count: number): Uint8Array {
    const scripted = this.#queue[0];
    if (scripted && scripted.length === count) {
      this.#queue.shift();
      return scripted;
    }
    this.#counter += 1;
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i += 1) out[i] = (this.#counter * 31 + i * 7) & 255;
    // Keep 4-byte draws (codes) below the rejection limit and distinct per call.
    if (count === 4) {
      const value = (this.#counter * 7919) % 1_000_000;
      return new Uint8Array([(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
    }
    return out;
  }
}

/** Records frames per connection; connections listed in `gone` answer 410; disconnected ones become gone. */
export class RecordingConnectionSender implements ConnectionSender {
  readonly posts: Array<{ connectionId: string; frame: ServerFrame }> = [];
  readonly gone = new Set<string>();
  readonly disconnected: string[] = [];

  async disconnect(connectionId: string): Promise<void> {
    this.disconnected.push(connectionId);
    this.gone.add(connectionId);
  }

  async post(connectionId: string, frame: unknown): Promise<PostResult> {
    if (this.gone.has(connectionId)) return 'gone';
    this.posts.push({ connectionId, frame: frame as ServerFrame });
    return 'delivered';
  }

  framesTo(connectionId: string): ServerFrame[] {
    return this.posts.filter((post) => post.connectionId === connectionId).map((post) => post.frame);
  }
}

/** The account repository's conditional semantics in memory, for the rules' unit tests. */
export class InMemoryChatAccounts implements ChatAccountRepository {
  readonly verifications = new Map<string, PhoneVerification>();
  readonly accounts = new Map<string, ChatAccount>();
  readonly tokens = new Map<string, ChatTokenRecord>();

  async getVerification(phoneHash: string) {
    const value = this.verifications.get(phoneHash);
    return value ? structuredClone(value) : null;
  }

  async issueCode(input: Parameters<ChatAccountRepository['issueCode']>[0]) {
    const current = this.verifications.get(input.phoneHash);
    if (current?.lastSentAt && current.lastSentAt > input.resendNotBefore) return { issued: false as const, reason: 'resend_too_soon' as const };
    const sameDay = current?.sendDay === input.sendDay;
    if (sameDay && (current?.sendsToday ?? 0) >= input.maxSendsPerDay) return { issued: false as const, reason: 'daily_limit' as const };
    const next: PhoneVerification = {
      phoneHash: input.phoneHash,
      accountId: current?.accountId ?? input.newAccountId,
      codeHash: input.codeHash,
      codeExpiresAt: input.codeExpiresAt,
      attempts: 0,
      pending: input.pending,
      lastSentAt: input.now,
      sendDay: input.sendDay,
      sendsToday: sameDay ? (current?.sendsToday ?? 0) + 1 : 1,
    };
    this.verifications.set(input.phoneHash, next);
    return { issued: true as const, accountId: next.accountId };
  }

  async recordFailedAttempt(phoneHash: string, codeHash: string, seen: number) {
    const current = this.verifications.get(phoneHash);
    if (!current || current.codeHash !== codeHash || current.attempts !== seen) return false;
    current.attempts += 1;
    return true;
  }

  async consumeCode(phoneHash: string, codeHash: string, max: number) {
    const current = this.verifications.get(phoneHash);
    if (!current || current.codeHash !== codeHash || current.attempts >= max) return false;
    delete current.codeHash;
    delete current.codeExpiresAt;
    delete current.pending;
    current.attempts = 0;
    return true;
  }

  async putAccount(account: ChatAccount) {
    this.accounts.set(account.accountId, structuredClone(account));
  }

  async getAccount(accountId: string) {
    return this.accounts.get(accountId) ?? null;
  }

  async putToken(token: ChatTokenRecord) {
    if (this.tokens.has(token.tokenHash)) return false;
    this.tokens.set(token.tokenHash, { ...token });
    return true;
  }

  async getToken(tokenHash: string) {
    return this.tokens.get(tokenHash) ?? null;
  }

  async revokeToken(tokenHash: string, at: string) {
    const token = this.tokens.get(tokenHash);
    if (!token) return false;
    token.revokedAt ??= at;
    return true;
  }

  readonly applications = new Map<string, number>();

  async countApplication(addressHash: string, window: RateWindow) {
    const key = `${addressHash}#${window.start}`;
    const count = this.applications.get(key) ?? 0;
    if (count >= window.limit) return false;
    this.applications.set(key, count + 1);
    return true;
  }
}
