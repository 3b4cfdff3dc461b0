import type { VersionedComplaint } from '../../functions/core/ports/complaint-repository.ts';

/** A freshly received SMS complaint, as the repository returns it; override what a test is about. */
export function complaintFixture(overrides: Partial<VersionedComplaint> = {}): VersionedComplaint {
  const at = '2026-03-01T15:30:00.000Z';
  return {
    complaintId: 'cmp_x',
    receiptNo: '20260302-ABCDE-FGHJK',
    channel: 'sms',
    citizen: { kind: 'phone', hash: 'h', sealed: 's', masked: '+82 10-****-5678' },
    language: 'ko',
    status: 'received',
    createdAt: at,
    updatedAt: at,
    lastMessageAt: at,
    dueAt: at,
    confidential: false,
    statusVersion: 1,
    ...overrides,
  };
}
