import { describe, expect, it } from 'vitest';
import type { ChatAccount } from '../../../functions/core/chat/model.ts';
import type { ComplaintDetail, ComplaintRepository, VersionedComplaint } from '../../../functions/core/ports/complaint-repository.ts';
import { citizenPhoneOf, lastFourDigits } from '../../../functions/core/status-lookup/citizen-phone.ts';
import { LOOKUP_POLICY, admitSource, withFailure } from '../../../functions/core/status-lookup/guard.ts';
import { StatusLookupQuerySchema, lookupStatus, type StatusLookupDeps, type StatusLookupRequest } from '../../../functions/core/status-lookup/lookup-status.ts';
import type { LookupGuard, LookupRecord, ReceiptFailures } from '../../../functions/core/status-lookup/ports.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';
import { CapturingLog, ManualClock } from '../../support/in-memory-ports.ts';

const RECEIPT = '20260302-ABCDE-FGHJK';

/** The guard as the DynamoDB one behaves, in memory; the windows it was asked about, for the tests. */
class MemoryGuard implements LookupGuard {
  readonly windows: Array<{ sourceKey: string; start: number; lengthMs: number; limit: number }> = [];
  readonly #counts = new Map<string, number>();
  readonly #failures = new Map<string, ReceiptFailures>();

  async admitSource(sourceKey: string, window: { start: number; lengthMs: number; limit: number }): Promise<boolean> {
    this.windows.push({ sourceKey, ...window });
    const key = `${sourceKey}@${window.start}`;
    const count = this.#counts.get(key) ?? 0;
    if (count >= window.limit) return false;
    this.#counts.set(key, count + 1);
    return true;
  }

  async receiptFailures(receiptNo: string): Promise<ReceiptFailures | null> {
    return this.#failures.get(receiptNo) ?? null;
  }

  async updateReceiptFailures(receiptNo: string, next: (current: ReceiptFailures | null) => ReceiptFailures): Promise<ReceiptFailures> {
    const state = next(this.#failures.get(receiptNo) ?? null);
    this.#failures.set(receiptNo, state);
    return state;
  }
}

function world(complaint: VersionedComplaint | null = complaintFixture({ receiptNo: RECEIPT })) {
  const clock = new ManualClock('2026-03-02T03:03:00.000Z');
  const guard = new MemoryGuard();
  const log = new CapturingLog();
  const records: LookupRecord[] = [];
  const detail = (c: VersionedComplaint): ComplaintDetail => ({ complaint: c, messages: [], statusEvents: [], replies: [] });
  const repository = {
    findComplaintIdByReceipt: async (receiptNo: string) => (complaint && receiptNo === complaint.receiptNo ? complaint.complaintId : null),
    getComplaint: async (id: string) => (complaint && id === complaint.complaintId ? complaint : null),
    getComplaintDetail: async (id: string) => (complaint && id === complaint.complaintId ? detail(complaint) : null),
  } as unknown as ComplaintRepository;
  const deps: StatusLookupDeps = {
    repository,
    guard,
    recorder: { record: async (entry) => void records.push(entry) },
    pii: { hash: (value) => `hash(${value})`, seal: (value) => `sealed(${value})`, open: (sealed) => sealed.replace(/^sealed\((.*)\)$/, '$1') },
    clock,
    log,
  };
  return { deps, clock, guard, log, records };
}

let requests = 0;
function request(phoneLast4: string, receiptNo = RECEIPT, sourceIp = '198.51.100.7'): StatusLookupRequest {
  requests += 1;
  return { query: { receiptNo, phoneLast4 }, requestId: `req-${requests}`, at: '2026-03-02T03:03:00.000Z', sourceIp, route: 'GET /public/status' };
}

describe('status lookup query', () => {
  const parse = (phoneLast4: string) => StatusLookupQuerySchema.safeParse({ receiptNo: RECEIPT, phoneLast4 });

  it('takes exactly four digits, with spaces around them', () => {
    for (const value of ['5678', ' 5678', '5678 ', '  5678  ', '\t0000\n']) expect(parse(value).success, value).toBe(true);
  });

  it('refuses anything else, saying what it wants', () => {
    for (const value of ['', '567', '56789', 'x5678', '5678x', 'ab 5678', '5678 ab', 'abcd', '5 678']) {
      const parsed = parse(value);
      expect(parsed.success, value).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('phoneLast4 is the last four digits of the phone number');
    }
  });

  it('wants a receipt number, and takes a language only from the list', () => {
    expect(StatusLookupQuerySchema.safeParse({ phoneLast4: '5678' }).success).toBe(false);
    expect(StatusLookupQuerySchema.safeParse({ receiptNo: 'x'.repeat(65), phoneLast4: '5678' }).success).toBe(false);
    expect(StatusLookupQuerySchema.safeParse({ receiptNo: RECEIPT, phoneLast4: '5678', lang: 'en' }).data).toEqual({ receiptNo: RECEIPT, phoneLast4: '5678', lang: 'en' });
    expect(StatusLookupQuerySchema.safeParse({ receiptNo: RECEIPT, phoneLast4: '5678', lang: 'fr' }).success).toBe(false);
  });
});

describe('lookupStatus', () => {
  it('finds the complaint for the right digits, spaces around them trimmed, and records who it showed', async () => {
    const { deps, records } = world();
    expect(await lookupStatus(deps, request(' 5678 '))).toMatchObject({ kind: 'found', view: { receiptNo: RECEIPT, language: 'ko' } });
    expect(records).toEqual([{ requestId: expect.any(String), at: '2026-03-02T03:03:00.000Z', sourceIp: '198.51.100.7', route: 'GET /public/status', outcome: 'found', complaintId: 'cmp_x', citizenKeyHash: 'h' }]);
  });

  it('says what a receipt number looks like when it is not one', async () => {
    const { deps, records } = world();
    expect(await lookupStatus(deps, request('5678', 'not-a-receipt'))).toEqual({ kind: 'invalid', message: 'receiptNo is not a receipt number (YYYYMMDD-XXXXX-XXXXX)' });
    expect(records).toEqual([]);
  });

  it('records a wrong pair as not found with the complaint it named, and an unknown receipt number without one', async () => {
    const { deps, records } = world();
    expect(await lookupStatus(deps, request('1234'))).toEqual({ kind: 'not_found' });
    expect(await lookupStatus(deps, request('5678', '20260302-ZZZZZ-ZZZZZ'))).toEqual({ kind: 'not_found' });
    expect(records.map(({ outcome, complaintId }) => ({ outcome, complaintId }))).toEqual([
      { outcome: 'not_found', complaintId: 'cmp_x' },
      { outcome: 'not_found', complaintId: undefined },
    ]);
    expect(Object.keys(records[1] ?? {})).not.toContain('complaintId');
  });

  it('warns once, at the failure that locks the receipt number, and records the locked lookups', async () => {
    const { deps, log, records } = world();
    for (let i = 0; i < LOOKUP_POLICY.maxFailures - 1; i += 1) await lookupStatus(deps, request('1234', RECEIPT, `203.0.113.${i}`));
    expect(log.lines.filter((line) => line.level === 'warn')).toEqual([]);
    await lookupStatus(deps, request('1234', RECEIPT, '203.0.113.9'));
    expect(log.lines.filter((line) => line.level === 'warn')).toEqual([{ level: 'warn', message: 'status lookup: receipt number locked after repeated failures', attributes: { complaintId: 'cmp_x' } }]);
    expect(await lookupStatus(deps, request('5678'))).toEqual({ kind: 'locked', retryAfterSeconds: 900 });
    expect(records.at(-1)).toMatchObject({ outcome: 'locked' });
  });

  it('tells a rate-limited source the seconds left in its window, and keys the window by a hash of its address', async () => {
    const { deps, clock, guard } = world();
    deps.policy = { ...LOOKUP_POLICY, sourceLimit: 1 };
    // 03:03:00 is 3 minutes into the 10-minute window that began at 03:00:00.
    expect(await lookupStatus(deps, request('5678'))).toMatchObject({ kind: 'found' });
    expect(await lookupStatus(deps, request('5678'))).toEqual({ kind: 'rate_limited', retryAfterSeconds: 420 });
    clock.advance(6 * 60_000 + 59_500);
    expect(await lookupStatus(deps, request('5678'))).toEqual({ kind: 'rate_limited', retryAfterSeconds: 1 });
    expect(guard.windows[0]).toEqual({ sourceKey: 'ip:hash(ip:198.51.100.7)', start: Date.parse('2026-03-02T03:00:00.000Z'), lengthMs: 600_000, limit: 1 });
  });
});

describe('lookup guard', () => {
  it('has the documented policy: 5 failures in 15 minutes lock for 15 minutes; 60 lookups per source per 10 minutes', () => {
    expect(LOOKUP_POLICY).toEqual({ maxFailures: 5, failureWindowMs: 900_000, lockMs: 900_000, sourceLimit: 60, sourceWindowMs: 600_000 });
  });

  it('counts a source in the fixed window its lookup falls in', async () => {
    const guard = new MemoryGuard();
    await admitSource(guard, 'ip:x', new Date('2026-03-02T03:19:59.999Z'));
    await admitSource(guard, 'ip:x', new Date('2026-03-02T03:20:00.000Z'));
    expect(guard.windows.map((w) => new Date(w.start).toISOString())).toEqual(['2026-03-02T03:10:00.000Z', '2026-03-02T03:20:00.000Z']);
    expect(guard.windows[0]).toMatchObject({ lengthMs: 600_000, limit: 60 });
  });

  it('keeps a lock a concurrent failure set when it counts one more failure', () => {
    const now = new Date('2026-03-02T03:00:00.000Z');
    const locked = { failures: 0, windowStart: now.toISOString(), lockedUntil: '2026-03-02T03:15:00.000Z' };
    expect(withFailure(locked, new Date(now.getTime() + 1000))).toEqual({ failures: 1, windowStart: now.toISOString(), lockedUntil: '2026-03-02T03:15:00.000Z' });
  });
});

describe("the citizen's phone a lookup compares", () => {
  const account = { phone: { hash: 'account-hash', masked: '+82 10-****-4321' } } as ChatAccount;
  const chatAccounts = { getAccount: async (id: string) => (id === 'acct-1' ? account : null) };
  const pii = world().deps.pii;

  it('is the phone citizen\'s own number, or none when the number could not be verified', async () => {
    expect(await citizenPhoneOf({ pii }, complaintFixture())).toEqual({ hash: 'h', masked: '+82 10-****-5678' });
    expect(await citizenPhoneOf({ pii }, complaintFixture({ citizen: { kind: 'phone', hash: 'h', sealed: 's', masked: '+82 10-****-5678', unverifiable: true } }))).toBeNull();
  });

  it("is a chat citizen's verified account number, and no other handle's", async () => {
    const chat = complaintFixture({ channel: 'chat', citizen: { kind: 'chat-account', hash: 'c', sealed: 'sealed(acct-1)', masked: 'acct-***' } });
    expect(await citizenPhoneOf({ pii, chatAccounts }, chat)).toEqual({ hash: 'account-hash', masked: '+82 10-****-4321' });
    expect(await citizenPhoneOf({ pii }, chat)).toBeNull();
    const x = complaintFixture({ channel: 'x', citizen: { kind: 'x-user', hash: 'x', sealed: 'sealed(acct-1)', masked: '@ab***' } });
    expect(await citizenPhoneOf({ pii, chatAccounts }, x)).toBeNull();
  });

  it('compares the last four digits of the masked number, whatever follows them', () => {
    expect(lastFourDigits('+82 10-****-5678')).toBe('5678');
    expect(lastFourDigits('+82 10-1234-5678')).toBe('5678');
    expect(lastFourDigits('+44 ****123456')).toBe('3456');
    expect(lastFourDigits('+82 10-****-5678 ')).toBe('5678');
    expect(lastFourDigits('anonymous')).toBeNull();
  });
});
