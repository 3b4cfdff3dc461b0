import { describe, expect, it } from 'vitest';
import { applyForAccount, authenticateToken, revokeToken, verifyAccount, type ChatAccountDeps } from '../../../functions/core/chat/accounts.ts';
import { ChatAccountError } from '../../../functions/core/chat/errors.ts';
import { tokenHash } from '../../../functions/core/chat/secrets.ts';
import { CapturingLog, ManualClock, RecordingSmsSender, testPiiProtector } from '../../support/in-memory-ports.ts';
import { InMemoryChatAccounts, RecordingConnectionSender, ScriptedRandom } from '../../support/chat-fakes.ts';
import type { ChatConnection } from '../../../functions/core/chat/model.ts';

function setup() {
  const accounts = new InMemoryChatAccounts();
  const sms = new RecordingSmsSender();
  const random = new ScriptedRandom();
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const log = new CapturingLog();
  const deps: ChatAccountDeps = { accounts, pii: testPiiProtector(), sms, random, clock, log };
  return { deps, accounts, sms, random, clock, log };
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
