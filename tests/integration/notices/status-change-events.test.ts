import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { RecordingEventPublisher } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from '../intake/harness.ts';

/*
 * Status notices follow the status history: every entry appended to it is published as
 * `complaint.status_changed` (at least once), which the notice function turns into notices.
 */
describe('status changes go out as events', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('publishes each change with its version, and a retried request again with the same version', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const events = new RecordingEventPublisher();
    const status = { repository: harness.repository, clock: deps.clock, events };

    await changeStatus(status, { complaintId: intake.complaintId, to: 'in_progress', actor: 'counselor:kim', reason: '확인 중' });
    expect(events.ofType('complaint.status_changed')).toEqual([
      {
        type: 'complaint.status_changed',
        complaintId: intake.complaintId,
        receiptNo: intake.receiptNo,
        channel: 'sms',
        version: 2,
        from: 'received',
        to: 'in_progress',
        actor: 'counselor:kim',
        at: deps.clock.now().toISOString(),
      },
    ]);

    // The same request again (a client retry after a lost answer): published again, same version.
    await changeStatus(status, { complaintId: intake.complaintId, to: 'in_progress', actor: 'counselor:kim', reason: '확인 중' });
    expect(events.ofType('complaint.status_changed').map((event) => event.version)).toEqual([2, 2]);
    // Another request that finds the complaint already there changed nothing and publishes nothing.
    await changeStatus(status, { complaintId: intake.complaintId, to: 'in_progress', actor: 'counselor:lee', reason: '다른 요청' });
    expect(events.ofType('complaint.status_changed')).toHaveLength(2);

    await changeStatus(status, { complaintId: intake.complaintId, to: 'closed', actor: 'counselor:kim', reason: '완료' });
    expect(events.ofType('complaint.status_changed').at(-1)).toMatchObject({ version: 3, from: 'in_progress', to: 'closed' });
  });

  it('publishes nothing when the caller has no event port (contact events, tests)', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    await expect(changeStatus({ repository: harness.repository, clock: deps.clock }, { complaintId: intake.complaintId, to: 'closed', actor: 'system', reason: 'r' })).resolves.toMatchObject({
      changed: true,
    });
  });
});
