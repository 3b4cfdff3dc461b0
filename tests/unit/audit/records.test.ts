import { describe, expect, it } from 'vitest';
import { auditEventIdFor, genesisHash, isAuditEventId, recordHash, shardOf } from '../../../functions/core/audit/chain.ts';
import { AuditInputError } from '../../../functions/core/audit/errors.ts';
import { auditComplaintId, auditReason, citizenKeyHash, type AccessEvent } from '../../../functions/core/audit/model.ts';
import { auditShards } from '../../../functions/wiring/aws/audit-shards.ts';
import { auditSettings } from '../../../functions/wiring/aws/audit-trail.ts';

describe('what an access record may hold', () => {
  it('takes a citizen only as a 43-character keyed hash, never a number', () => {
    expect(citizenKeyHash('h3Jx8m1Qe0qKc7oV2yW5r9tUa4sLb6nZd1fGiHjKlMo')).toBe('h3Jx8m1Qe0qKc7oV2yW5r9tUa4sLb6nZd1fGiHjKlMo');
    for (const clear of ['+821012345678', '01012345678', '010-1234-5678', '9001011234567', '0'.repeat(43)]) {
      expect(() => citizenKeyHash(clear)).toThrow(AuditInputError);
    }
  });

  it('takes a complaint only by its id (a receipt number is resolved first)', () => {
    expect(() => auditComplaintId('20260302-7K3QZ-M8D1X')).toThrow(/receipt/);
    expect(auditComplaintId('cmp_0123456789abcdefghjkmnpq')).toBe('cmp_0123456789abcdefghjkmnpq');
  });

  it('masks phone and resident registration numbers typed into a reason, and bounds its length', () => {
    expect(auditReason('  call back   on 010-1234-5678, RRN 900101-1234567 ')).toBe('call back on 010-****-5678, RRN 900101-1******');
    expect(() => auditReason('  ')).toThrow(/at least/);
    expect(() => auditReason('x'.repeat(501))).toThrow(/exceed/);
  });

  it('cannot express an unmask without a reason (type level)', () => {
    // @ts-expect-error an unmask requires a reason
    const unmask: AccessEvent = { action: 'citizen.unmask' };
    const read: AccessEvent = { action: 'complaint.read' };
    expect([unmask.action, read.action]).toEqual(['citizen.unmask', 'complaint.read']);
  });
});

describe('hash chain primitives', () => {
  it('hashes the covered fields in a fixed order, absent ones as null, so any change shows', () => {
    const fields = { v: 1, eventId: 'aud_x', at: '2026-03-02T01:00:00.000Z', day: '2026-03-02', shard: 1, seq: 3, prevHash: 'p' };
    const hash = recordHash(fields);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash({ ...fields })).toBe(hash);
    expect(recordHash(Object.fromEntries(Object.entries(fields).reverse()))).toBe(hash);
    expect(recordHash({ ...fields, seq: '3' })).not.toBe(hash);
    expect(recordHash({ ...fields, reason: 'x' })).not.toBe(hash);
    // Not covered, so not the hash's business (verification reports unknown attributes separately).
    expect(recordHash({ ...fields, hash: 'anything' })).toBe(hash);
  });

  it('opens each chain of each day with its own genesis value', () => {
    const values = new Set([genesisHash({ day: '2026-03-02', shard: 0 }), genesisHash({ day: '2026-03-02', shard: 1 }), genesisHash({ day: '2026-03-03', shard: 0 })]);
    expect(values.size).toBe(3);
  });

  it('keeps the genesis value and event ids that stored chains already carry', () => {
    // Changing either formula would break verification of every chain written before, and let a
    // retried write after a deploy land as a second record.
    expect(genesisHash({ day: '2026-03-02', shard: 0 })).toBe('9c9f138713674aba4dac911514bf990d91aa8659c6728ce580ff6521d1648551');
    const full = { requestId: 'r-1', action: 'complaint.read', outcome: 'allowed', complaintId: 'cmp_0123456789abcdefghjkmnpq', citizenKeyHash: 'k'.repeat(43) };
    expect(auditEventIdFor(full)).toBe('aud_v74mx6rap0dxqbn7rzpk9b89ny');
    const bare = { requestId: 'r-1', action: 'complaint.read', outcome: 'allowed' };
    expect(auditEventIdFor(bare)).toBe('aud_14mdvnyqj948kpqch8hxr5kt2t');
    // An absent target is an empty one.
    expect(auditEventIdFor({ ...bare, complaintId: '', citizenKeyHash: '' })).toBe('aud_14mdvnyqj948kpqch8hxr5kt2t');
    expect(auditEventIdFor({ ...full, citizenKeyHash: undefined })).not.toBe(auditEventIdFor({ ...full, citizenKeyHash: 'j'.repeat(43) }));
    expect(auditEventIdFor({ ...full, complaintId: 'cmp_other' })).not.toBe(auditEventIdFor(full));
  });

  it('takes as an event id only aud_ and 26 base32 characters, nothing around them', () => {
    expect(isAuditEventId('aud_v74mx6rap0dxqbn7rzpk9b89ny')).toBe(true);
    for (const value of ['xaud_v74mx6rap0dxqbn7rzpk9b89ny', 'aud_v74mx6rap0dxqbn7rzpk9b89nyx', 'aud_v74mx6rap0dxqbn7rzpk9b89n', 'aud_v74mx6rap0dxqbn7rzpk9b89nu', 'AUD_v74mx6rap0dxqbn7rzpk9b89ny']) {
      expect(isAuditEventId(value), value).toBe(false);
    }
  });

  it('derives the event id from the request, action, outcome and target', () => {
    const base = { requestId: 'r-1', action: 'complaint.read', outcome: 'allowed', complaintId: 'cmp_0123456789abcdefghjkmnpq' };
    const id = auditEventIdFor(base);
    expect(isAuditEventId(id)).toBe(true);
    expect(auditEventIdFor({ ...base })).toBe(id);
    expect(auditEventIdFor({ ...base, outcome: 'refused' })).not.toBe(id);
    expect(auditEventIdFor({ ...base, requestId: 'r-2' })).not.toBe(id);
  });

  it('refuses a shard count outside 1..64', () => {
    expect(() => shardOf('aud_x', 0)).toThrow(RangeError);
    expect(() => shardOf('aud_x', 65)).toThrow(new RangeError('shards must be an integer from 1 to 64'));
    expect(() => shardOf('aud_x', 2.5)).toThrow(RangeError);
    expect(shardOf('aud_x', 1)).toBe(0);
    expect(shardOf('aud_x', 64)).toBe(52);
  });
});

describe('audit settings from the environment', () => {
  it('defaults to 8 chains and 09-18 KST on weekdays', () => {
    expect(auditSettings({})).toMatchObject({ shards: 8, policy: { workingHours: { startHour: 9, endHour: 18, weekdays: [1, 2, 3, 4, 5], holidays: [] } } });
  });

  it('reads shards, hours, days and holidays', () => {
    const settings = auditSettings({ AUDIT_SHARDS: '16', AUDIT_WORKING_HOURS: '08-20', AUDIT_WORKING_DAYS: '1,2,3,4,5,6', AUDIT_HOLIDAYS: '2026-08-15,2026-10-03' });
    expect(settings).toMatchObject({ shards: 16, policy: { workingHours: { startHour: 8, endHour: 20, weekdays: [1, 2, 3, 4, 5, 6], holidays: ['2026-08-15', '2026-10-03'] } } });
  });

  it.each([{ AUDIT_SHARDS: '65' }, { AUDIT_WORKING_HOURS: '18-09' }, { AUDIT_WORKING_HOURS: '9am-6pm' }, { AUDIT_WORKING_DAYS: 'mon' }, { AUDIT_HOLIDAYS: '15/08/2026' }])(
    'fails loudly on %j',
    (env) => {
      expect(() => auditSettings(env)).toThrow(/invalid audit settings/);
    },
  );

  it('gives a staff recorder the same shard count as the audit API, without the review policy', () => {
    expect(auditShards({})).toBe(8);
    expect(auditShards({ AUDIT_SHARDS: '' })).toBe(8);
    expect(auditShards({ AUDIT_SHARDS: '16', AUDIT_WORKING_HOURS: '9am-6pm' })).toBe(auditSettings({ AUDIT_SHARDS: '16' }).shards);
  });

  it.each(['0', '65', '2.5', 'eight'])('a staff recorder fails loudly on AUDIT_SHARDS=%s', (value) => {
    expect(() => auditShards({ AUDIT_SHARDS: value })).toThrow(/invalid audit settings: AUDIT_SHARDS/);
  });
});
