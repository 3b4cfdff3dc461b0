import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenLookupRecorder } from '../../../functions/core/audit/record-citizen-lookup.ts';
import { listAccessRecords } from '../../../functions/core/audit/list-records.ts';
import { verifyDay } from '../../../functions/core/audit/verify-day.ts';
import { sealDay } from '../../../functions/core/audit/seal-day.ts';
import { kstDay } from '../../../functions/core/kst.ts';
import { citizen, complaint, startAuditHarness, type AuditHarness } from './harness.ts';

/*
 * Citizens' status lookups are recorded like staff access: anonymous (nobody signed in), from
 * where, which complaint, found or refused; into the same hash chains, verified the same way.
 */
describe('citizen status lookups in the audit trail', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditHarness();
  });
  afterAll(async () => h.close());

  it('records a found lookup with the complaint and citizen, and a refused one without the citizen', async () => {
    const recorder = citizenLookupRecorder(h.deps);
    const at = h.clock.now().toISOString();
    await recorder.record({ requestId: 'req-found-1', at, sourceIp: '198.51.100.7', route: 'GET /public/status', outcome: 'found', complaintId: complaint(1), citizenKeyHash: citizen(1) });
    await recorder.record({ requestId: 'req-wrong-1', at, sourceIp: '198.51.100.8', route: 'GET /public/status', outcome: 'not_found', complaintId: complaint(1) });
    await recorder.record({ requestId: 'req-locked-1', at, sourceIp: '198.51.100.8', route: 'GET /public/status', outcome: 'locked' });
    await recorder.record({ requestId: 'msg_0123456789abcdefghjkmnpq', at, outcome: 'found', complaintId: complaint(2), citizenKeyHash: citizen(2) });
    // Recording the same lookup again (a retried Lambda) adds nothing.
    await recorder.record({ requestId: 'req-found-1', at, sourceIp: '198.51.100.7', route: 'GET /public/status', outcome: 'found', complaintId: complaint(1), citizenKeyHash: citizen(1) });

    const listed = await listAccessRecords(h.deps, { action: 'status.lookup', limit: '50' });
    expect(listed.records).toHaveLength(4);
    const byRequest = Object.fromEntries(listed.records.map((record) => [record.requestId, record]));
    expect(byRequest['req-found-1']).toMatchObject({ role: 'none', outcome: 'allowed', complaintId: complaint(1), citizenKeyHash: citizen(1), sourceIp: '198.51.100.7', route: 'GET /public/status' });
    expect(byRequest['req-wrong-1']).toMatchObject({ outcome: 'refused', refusal: 'unauthenticated', complaintId: complaint(1) });
    expect(byRequest['req-wrong-1']).not.toHaveProperty('citizenKeyHash');
    expect(byRequest['req-locked-1']).toMatchObject({ outcome: 'refused', refusal: 'forbidden' });
    expect(byRequest['msg_0123456789abcdefghjkmnpq']).toMatchObject({ outcome: 'allowed', sourceIp: 'unknown' });

    h.clock.advance(86_400_000);
    await sealDay(h.deps, kstDay(at));
    expect(await verifyDay(h.deps, kstDay(at))).toMatchObject({ ok: true });
  });
});
