import { describe, expect, it } from 'vitest';
import { applyForAccount, authenticateToken, maskName, revokeToken, verifyAccount, type ChatAccountDeps } from '../../../functions/core/chat/accounts.ts';
import { ChatAccountError } from '../../../functions/core/chat/errors.ts';
import { tokenHash } from '../../../functions/core/chat/secrets.ts';
import { CapturingLog, ManualClock, RecordingSmsSender, testPiiProtector } from '../../support/in-memory-ports.ts';
import { InMemoryChatAccounts, RecordingConnectionSender, ScriptedRandom } from '../../support/chat-fakes.ts';
import type { ChatConnection, PhoneVerification } from '../../../functions/core/chat/model.ts';

function setup(accounts = new InMemoryChatAccounts()) {
  const sms = new RecordingSmsSender();
  const random = new ScriptedRandom();
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const log = new CapturingLog();
  const pii = testPiiProtector();
  const deps: ChatAccountDeps = { accounts, pii, sms, random, clock, log };
  return { deps, accounts, sms, random, clock, log, pii };
}

const APPLY = { name: '김민지', phone: '010-2345-6789', language: 'ko' as const };

async function refusal(promise: Promise<unknown>): Promise<ChatAccountError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatAccountError);
  return error as ChatAccountError;
}

describe('chat account rules', () => {
  it('sends a six-digit code by SMS in the chosen language and stores only its hash', async () => {
    const { deps, accounts, sms, random } = setup();
    random.nextCode('042137');
    const sent = await applyForAccount(deps, { ...APPLY, language: 'vi' });
    expect(sent.maskedPhone).toBe('+82 10-****-6789');
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]?.to).toBe('+821023456789');
    expect(sms.sent[0]?.body).toContain('042137');
    expect(sms.sent[0]?.body).toContain('Mã xác minh');
    const stored = JSON.stringify([...accounts.verifications.values()]);
    expect(stored).not.toContain('042137');
    expect(stored).not.toContain('2345-6789');
    expect(stored).not.toContain('김민지');
  });

  it('issues a token for the right code: shown once, stored as its SHA-256, expiring in 90 days', async () => {
    const { deps, accounts, random } = setup();
    random.nextCode('123456');
    await applyForAccount(deps, APPLY);
    const issued = await verifyAccount(deps, { phone: '+82 10 2345 6789', code: '123456' });
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toBe('2026-05-31T01:00:00.000Z');
    const record = accounts.tokens.get(tokenHash(issued.token));
    expect(record?.accountId).toBe(issued.accountId);
    expect(JSON.stringify([...accounts.tokens.values()])).not.toContain(issued.token);
    expect(accounts.accounts.get(issued.accountId)?.status).toBe('active');
    expect(accounts.accounts.get(issued.accountId)?.name.masked).toBe('김**');
  });

  it('refuses a code after five minutes', async () => {
    const { deps, random, clock } = setup();
    random.nextCode('123456');
    await applyForAccount(deps, APPLY);
    clock.advance(5 * 60_000);
    expect((await refusal(verifyAccount(deps, { phone: APPLY.phone, code: '123456' }))).code).toBe('code_expired');
  });

  it('caps wrong codes at five, after which even the right code is refused', async () => {
    const { deps, random } = setup();
    random.nextCode('123456');
    await applyForAccount(deps, APPLY);
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await refusal(verifyAccount(deps, { phone: APPLY.phone, code: '000000' }))).code);
    expect(codes).toEqual(['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'too_many_attempts']);
    expect((await refusal(verifyAccount(deps, { phone: APPLY.phone, code: '123456' }))).code).toBe('too_many_attempts');
  });

  it('uses a code once', async () => {
    const { deps, random } = setup();
    random.nextCode('123456');
    await applyForAccount(deps, APPLY);
    await verifyAccount(deps, { phone: APPLY.phone, code: '123456' });
    expect((await refusal(verifyAccount(deps, { phone: APPLY.phone, code: '123456' }))).code).toBe('no_code');
  });

  it('refuses a resend within a minute with the seconds to wait, and allows it after', async () => {
    const { deps, sms, clock } = setup();
    await applyForAccount(deps, APPLY);
    clock.advance(20_000);
    const error = await refusal(applyForAccount(deps, APPLY));
    expect(error.code).toBe('resend_too_soon');
    expect(error.details.retryAfterSeconds).toBe(40);
    clock.advance(40_000);
    await applyForAccount(deps, APPLY);
    expect(sms.sent).toHaveLength(2);
  });

  it('sends at most five codes a KST day per number, and again the next day', async () => {
    const { deps, sms, clock } = setup();
    for (let i = 0; i < 5; i += 1) {
      await applyForAccount(deps, APPLY);
      clock.advance(61_000);
    }
    expect((await refusal(applyForAccount(deps, APPLY))).code).toBe('daily_limit');
    clock.set('2026-03-02T15:00:00.000Z'); // 00:00 KST on 3 March
    await applyForAccount(deps, APPLY);
    expect(sms.sent).toHaveLength(6);
  });

  it('keeps one account per number: re-applying and verifying issues a new token for the same account', async () => {
    const { deps, random, clock } = setup();
    random.nextCode('111111');
    await applyForAccount(deps, APPLY);
    const first = await verifyAccount(deps, { phone: APPLY.phone, code: '111111' });
    clock.advance(61_000);
    random.nextCode('222222');
    await applyForAccount(deps, { ...APPLY, language: 'en' });
    const second = await verifyAccount(deps, { phone: '01023456789', code: '222222' });
    expect(second.accountId).toBe(first.accountId);
    expect(second.token).not.toBe(first.token);
    expect(second.language).toBe('en');
  });

  it('refuses a number that is not a phone number', async () => {
    const { deps, sms } = setup();
    expect((await refusal(applyForAccount(deps, { ...APPLY, phone: '12ab' }))).code).toBe('invalid_phone');
    expect(sms.sent).toHaveLength(0);
  });

  it('authenticates a live token and refuses expired, revoked, unknown and malformed ones', async () => {
    const { deps, random, clock } = setup();
    random.nextCode('123456');
    await applyForAccount(deps, APPLY);
    const issued = await verifyAccount(deps, { phone: APPLY.phone, code: '123456' });
    expect(await authenticateToken(deps, issued.token)).toEqual({ ok: true, accountId: issued.accountId, language: issued.language });
    expect(await authenticateToken(deps, 'not-a-token')).toEqual({ ok: false, reason: 'malformed' });
    expect(await authenticateToken(deps, 'A'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });

    clock.advance(90 * 24 * 3600_000);
    expect(await authenticateToken(deps, issued.token)).toEqual({ ok: false, reason: 'expired' });
    clock.advance(-1);
    await revokeToken(deps, issued.token);
    expect(await authenticateToken(deps, issued.token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('never logs the name, the number, the code or the token', async () => {
    const { deps, random, log } = setup();
    random.nextCode('987654');
    await applyForAccount(deps, APPLY);
    await refusal(verifyAccount(deps, { phone: APPLY.phone, code: '000000' }));
    const issued = await verifyAccount(deps, { phone: APPLY.phone, code: '987654' });
    await revokeToken(deps, issued.token);
    const text = log.text();
    for (const secret of ['김민지', '2345', '987654', issued.token]) expect(text).not.toContain(secret);
  });

  it('closes every connection the revoked token opened even when one of them fails, and leaves other tokens\' connections alone', async () => {
    const { deps, random } = setup();
    random.nextCode('135790');
    await applyForAccount(deps, APPLY);
    const issued = await verifyAccount(deps, { phone: APPLY.phone, code: '135790' });
    const hash = tokenHash(issued.token);
    const open: ChatConnection[] = ['a=', 'b=', 'c='].map((connectionId) => ({ connectionId, accountId: issued.accountId, tokenHash: hash, connectedAt: '2026-03-02T01:00:00.000Z', expiresAt: '2026-03-02T03:00:00.000Z' }));
    open.push({ connectionId: 'other=', accountId: issued.accountId, tokenHash: 'B'.repeat(43), connectedAt: '2026-03-02T01:00:00.000Z', expiresAt: '2026-03-02T03:00:00.000Z' });
    const deleted: string[] = [];
    const connections = {
      listConnections: async () => open,
      deleteConnection: async (_accountId: string, connectionId: string) => void deleted.push(connectionId),
    };
    const sender = new RecordingConnectionSender();
    const disconnect = sender.disconnect.bind(sender);
    sender.disconnect = async (connectionId: string) => {
      if (connectionId === 'b=') throw Object.assign(new Error('throttled'), { name: 'LimitExceededException' });
      return disconnect(connectionId);
    };

    await expect(revokeToken({ ...deps, sessions: { connections, sender } }, issued.token)).resolves.toEqual({ closedConnections: 2 });
    expect(deleted).toEqual(['a=', 'c=']);
    expect(sender.disconnected).toEqual(['a=', 'c=']);
    expect(sender.framesTo('a=')).toEqual([expect.objectContaining({ type: 'error', code: 'token_revoked' })]);
    expect(sender.framesTo('other=')).toEqual([]);
  });
});

async function verified(s: ReturnType<typeof setup>, code = '246810') {
  s.random.nextCode(code);
  await applyForAccount(s.deps, APPLY);
  return verifyAccount(s.deps, { phone: APPLY.phone, code });
}

describe('chat account names', () => {
  it('masks a name to its first character and at most eight stars, after trimming', () => {
    expect(maskName(' 김민지 ')).toBe('김**');
    expect(maskName('김')).toBe('*');
    expect(maskName(' 김 ')).toBe('*');
    expect(maskName('')).toBe('*');
    expect(maskName('Maximilianus Alexander')).toBe('M********');
  });

  it('stores the name trimmed', async () => {
    const s = setup();
    s.random.nextCode('111111');
    await applyForAccount(s.deps, { ...APPLY, name: '  김민지 ' });
    const issued = await verifyAccount(s.deps, { phone: APPLY.phone, code: '111111' });
    expect(s.pii.open(s.accounts.accounts.get(issued.accountId)?.name.sealed ?? '')).toBe('김민지');
  });
});

describe('chat account applications', () => {
  it('says why a number is refused, and lets an unexpected error through unchanged', async () => {
    const s = setup();
    const error = await refusal(applyForAccount(s.deps, { ...APPLY, phone: '12ab' }));
    expect(error.message).toBe('not a usable mobile number: phone number contains characters other than digits, spaces and + - . ( ) /');
    await expect(applyForAccount(s.deps, { ...APPLY, phone: null as unknown as string })).rejects.toThrow(TypeError);
  });

  it('sends the code under an idempotency key of the number and the instant', async () => {
    const s = setup();
    await applyForAccount(s.deps, APPLY);
    expect(s.sms.sent[0]?.idempotencyKey).toBe(`chat-code:${s.pii.hash('+821023456789')}:2026-03-02T01:00:00.000Z`);
  });

  it('says how long a resend must wait, and waits a whole interval when the last send cannot be read', async () => {
    const s = setup();
    await applyForAccount(s.deps, APPLY);
    s.clock.advance(15_000);
    const error = await refusal(applyForAccount(s.deps, APPLY));
    expect(error.message).toBe('a code was sent less than 60 s ago; wait before asking again');
    expect(error.details).toEqual({ retryAfterSeconds: 45 });

    class Forgetful extends InMemoryChatAccounts {
      override async getVerification() {
        return null;
      }
    }
    const f = setup(new Forgetful());
    await applyForAccount(f.deps, APPLY);
    expect((await refusal(applyForAccount(f.deps, APPLY))).details).toEqual({ retryAfterSeconds: 60 });
  });

  it('says when the daily limit ends: at midnight KST', async () => {
    const s = setup();
    for (let i = 0; i < 5; i += 1) {
      await applyForAccount(s.deps, APPLY);
      s.clock.advance(61_000);
    }
    // 01:05:05 UTC is 10:05:05 KST: 13 h 54 min 55 s to midnight.
    const error = await refusal(applyForAccount(s.deps, APPLY));
    expect(error.code).toBe('daily_limit');
    expect(error.message).toBe('at most 5 codes a day per number; try again tomorrow');
    expect(error.details).toEqual({ retryAfterSeconds: 13 * 3600 + 54 * 60 + 55 });
  });

  it('limits applications per address within a fixed window, whatever the numbers, and only when the address is known', async () => {
    const s = setup();
    s.deps.policy = { applicationsPerAddress: 2, applicationWindowMs: 600_000 };
    s.clock.set('2026-03-02T01:03:20.000Z');
    const from = (phone: string) => applyForAccount(s.deps, { ...APPLY, phone, sourceAddress: '198.51.100.7' });
    await from('010-1111-0001');
    s.clock.advance(40_000);
    await from('010-1111-0002');
    s.clock.advance(60_000);
    // 01:05:00: 5 minutes left in the window that began at 01:00:00.
    const error = await refusal(from('010-1111-0003'));
    expect(error.code).toBe('address_limit');
    expect(error.message).toBe('too many applications from this network; try again later');
    expect(error.details).toEqual({ retryAfterSeconds: 300 });
    s.clock.set('2026-03-02T01:10:00.000Z');
    await from('010-1111-0004');

    // Without an address nothing is counted.
    for (const phone of ['010-2222-0001', '010-2222-0002', '010-2222-0003']) await applyForAccount(s.deps, { ...APPLY, phone });
  });
});

describe('chat account verification', () => {
  it('refuses a number with no code pending, with or without an earlier verification', async () => {
    const s = setup();
    const error = await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '123456' }));
    expect([error.code, error.message]).toEqual(['no_code', 'no code is pending for this number; apply first']);
    const phoneHash = s.pii.hash('+821023456789');
    const pending = { name: { sealed: 's', masked: '김**' }, phone: { sealed: 's', masked: '+82 10-****-6789' }, language: 'ko' as const };
    const base: PhoneVerification = { phoneHash, accountId: 'acc', attempts: 0, sendsToday: 1, pending, codeHash: 'h', codeExpiresAt: '2026-03-02T02:00:00.000Z' };
    for (const missing of ['codeHash', 'codeExpiresAt', 'pending'] as const) {
      const state = { ...base };
      delete state[missing];
      s.accounts.verifications.set(phoneHash, state);
      expect((await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '123456' }))).code, missing).toBe('no_code');
    }
  });

  it('says too many wrong codes, with no attempt left, at the last wrong one and after', async () => {
    const s = setup();
    s.random.nextCode('111111');
    await applyForAccount(s.deps, APPLY);
    for (let i = 0; i < 4; i += 1) await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '000000' }));
    const last = await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '000000' }));
    expect([last.code, last.message, last.details]).toEqual(['too_many_attempts', 'too many wrong codes; ask for a new one', { attemptsLeft: 0 }]);
    const after = await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '111111' }));
    expect([after.code, after.message]).toEqual(['too_many_attempts', 'too many wrong codes; ask for a new one']);
  });

  it('refuses the right code when another request consumed or replaced it first', async () => {
    class Raced extends InMemoryChatAccounts {
      override async consumeCode() {
        return false;
      }
    }
    const s = setup(new Raced());
    s.random.nextCode('111111');
    await applyForAccount(s.deps, APPLY);
    const error = await refusal(verifyAccount(s.deps, { phone: APPLY.phone, code: '111111' }));
    expect([error.code, error.message]).toEqual(['no_code', 'the code was already used or replaced; ask for a new one']);
  });

  it('keeps an account\'s creation time when its number is verified again', async () => {
    const s = setup();
    const first = await verified(s, '111111');
    s.clock.advance(3600_000);
    await verified(s, '222222');
    expect(s.accounts.accounts.get(first.accountId)).toMatchObject({ createdAt: '2026-03-02T01:00:00.000Z', verifiedAt: '2026-03-02T02:00:00.000Z' });
  });
});

describe('chat tokens', () => {
  it('refuses a live token whose account is gone', async () => {
    const s = setup();
    const issued = await verified(s);
    s.accounts.accounts.delete(issued.accountId);
    expect(await authenticateToken(s.deps, issued.token)).toEqual({ ok: false, reason: 'no_account' });
  });

  it('says an unknown token is unknown', async () => {
    const s = setup();
    const error = await refusal(revokeToken(s.deps, 'A'.repeat(43)));
    expect([error.code, error.message]).toEqual(['unknown_token', 'no such token']);
  });

  it('tells each connection why it closes, logs the ones it could not close, and closes none when the token record is gone', async () => {
    const s = setup();
    const issued = await verified(s);
    const hash = tokenHash(issued.token);
    const open: ChatConnection[] = ['a=', 'b='].map((connectionId) => ({ connectionId, accountId: issued.accountId, tokenHash: hash, connectedAt: '2026-03-02T01:00:00.000Z', expiresAt: '2026-03-02T03:00:00.000Z' }));
    const connections = { listConnections: async () => open, deleteConnection: async () => undefined };
    const sender = new RecordingConnectionSender();
    const disconnect = sender.disconnect.bind(sender);
    sender.disconnect = async (connectionId: string) => {
      if (connectionId === 'b=') throw Object.assign(new Error('gone'), { name: 'GoneException' });
      return disconnect(connectionId);
    };
    await revokeToken({ ...s.deps, sessions: { connections, sender } }, issued.token);
    expect(sender.framesTo('a=')).toEqual([{ type: 'error', code: 'token_revoked', message: 'This chat token was revoked. Verify your phone number again to continue.' }]);
    expect(s.log.lines.filter((line) => line.level === 'warn')).toEqual([
      { level: 'warn', message: 'revoked token: a connection could not be closed; it ends with its TTL', attributes: { connectionId: 'b=', errorName: 'GoneException' } },
    ]);

    class Unlisted extends InMemoryChatAccounts {
      override async getToken() {
        return null;
      }
    }
    const u = setup(new Unlisted());
    const other = await verified(u);
    await expect(revokeToken({ ...u.deps, sessions: { connections, sender } }, other.token)).resolves.toEqual({ closedConnections: 0 });
  });
});
