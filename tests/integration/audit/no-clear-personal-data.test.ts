import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeHandle } from '../../../functions/core/citizen-handle.ts';
import type { AccessEvent } from '../../../functions/core/audit/model.ts';
import { citizenKeyHash } from '../../../functions/core/audit/model.ts';
import { monthlyReview } from '../../../functions/core/audit/monthly-review.ts';
import { recordAccess, recordRefusal } from '../../../functions/core/audit/record-access.ts';
import { sealDay } from '../../../functions/core/audit/seal-day.ts';
import { maskPersonalData } from '../../../functions/core/pii-masking.ts';
import { testPiiProtector } from '../../support/in-memory-ports.ts';
import { complaint, reason, request, startAuditHarness, type AuditHarness } from './harness.ts';

const PHONE = '010-1234-5678';
const RRN = '900101-1234567';
const MESSAGE = '불법 주차 신고합니다 홍길동';
/** Every form the citizen's number or RRN could take in a record. */
const CLEAR_FORMS = ['01012345678', '1012345678', '+821012345678', '010-1234-5678', '010 1234 5678', '12345678', '9001011234567', '900101-1234567', '1234567', MESSAGE, '홍길동'];
/** Free-text attributes: whatever they hold must already be masked. */
const FREE_TEXT = ['reason', 'actorUsername', 'username', 'route', 'sourceIp'];

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, path ? `${path}.${key}` : key);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no access record holds a clear phone number, resident registration number or message text', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditHarness();
    const pii = testPiiProtector();
    const hash = citizenKeyHash(pii.hash(normalizeHandle('phone', PHONE)));
    h.clock.set('2026-10-05T01:00:00.000Z');
    const staff = { subject: 'sub-9', username: '01012345678', role: 'counselor' } as const;
    await recordAccess(h.deps, staff, request(h.clock), { action: 'complaint.read', complaintId: complaint(1), citizenKeyHash: hash });
    await recordAccess(h.deps, staff, request(h.clock), { action: 'citizen.unmask', complaintId: complaint(1), citizenKeyHash: hash, reason: reason(`callback to ${PHONE} (RRN ${RRN}) about "${MESSAGE.slice(0, 8)}"`) });
    await recordAccess(h.deps, staff, request(h.clock, { route: `GET /api/complaints/${PHONE}` }), { action: 'complaints.search', resultCount: 1 });
    await recordRefusal(h.deps, null, request(h.clock, { sourceIp: PHONE }), { action: 'citizen.unmask', refusal: 'unauthenticated' });
    await recordRefusal(h.deps, null, request(h.clock, { sourceIp: '01012345678' }), { action: 'complaint.read', refusal: 'unauthenticated' });
    h.clock.set('2026-10-06T00:30:00.000Z');
    await sealDay(h.deps, '2026-10-05');
  });
  afterAll(async () => {
    await h.close();
  });

  it('the type of an access event has no place for message text or a clear handle', () => {
    // @ts-expect-error an access event carries no message text
    const withText: AccessEvent = { action: 'complaint.read', text: MESSAGE };
    // @ts-expect-error a citizen is named by the keyed hash only, never a string
    const withPhone: AccessEvent = { action: 'complaint.read', citizenKeyHash: PHONE };
    expect([withText.action, withPhone.action]).toEqual(['complaint.read', 'complaint.read']);
  });

  it('scans every item of the audit table (records, summaries) and every digest file', async () => {
    const { Items = [] } = await h.documents.send(new ScanCommand({ TableName: h.tableName, ConsistentRead: true }));
    expect(Items.filter((item) => item.type === 'access-record')).toHaveLength(5);
    expect(Items.some((item) => item.type === 'review-summary')).toBe(true);
    const digests = filesUnder(h.digestDir);
    expect(digests).toHaveLength(1);
    const review = await monthlyReview(h.deps, '2026-10');

    const found: string[] = [];
    const check = (source: string, value: unknown) => {
      for (const [path, text] of strings(value, '')) {
        for (const clear of CLEAR_FORMS) if (text.includes(clear)) found.push(`${source} ${path}: holds ${clear}`);
        const field = path.split('.').at(-1)?.replace(/\[\d+\]$/, '') ?? '';
        if (FREE_TEXT.includes(field) && maskPersonalData(text) !== text) found.push(`${source} ${path}: unmasked personal number in ${text}`);
      }
    };
    for (const item of Items) check(`item ${String(item.pk)} ${String(item.sk)}`, item);
    for (const file of digests) check(file, JSON.parse(readFileSync(file, 'utf8')));
    check('monthly review', review);
    expect(found).toEqual([]);
  });
});
