import { describe, expect, it } from 'vitest';
import { AuditInputError } from '../../../functions/core/audit/errors.ts';
import type { ComplaintRepository, VersionedComplaint } from '../../../functions/core/ports/complaint-repository.ts';
import { NoCallbackNumberError, unmaskCitizen } from '../../../functions/core/unmask-citizen.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';
import { testPiiProtector } from '../../support/in-memory-ports.ts';

const ID = 'cmp_0123456789abcdefghjkmnpq';
const pii = testPiiProtector();
const NUMBER = '+821012345678';

function repositoryWith(complaint: VersionedComplaint | null): { repository: ComplaintRepository; reads: string[] } {
  const reads: string[] = [];
  const repository = {
    getComplaint: async (id: string) => {
      reads.push(id);
      return complaint && complaint.complaintId === id ? complaint : null;
    },
    findComplaintIdByReceipt: async (receiptNo: string) => (complaint && complaint.receiptNo === receiptNo ? complaint.complaintId : null),
  } as unknown as ComplaintRepository;
  return { repository, reads };
}

const phoneCitizen = { kind: 'phone' as const, hash: pii.hash(NUMBER), sealed: pii.seal(NUMBER), masked: '+82 10-****-5678' };

describe('unmasking a citizen\'s number for a call-back', () => {
  it('opens the sealed number and names the complaint, the citizen hash and the masked reason for the record', async () => {
    const { repository } = repositoryWith(complaintFixture({ complaintId: ID, citizen: phoneCitizen }));
    const unmasked = await unmaskCitizen({ repository, pii }, { idOrReceiptNo: '20260302-abcde-fghjk', reason: '부재중 전화 회신 (010-1234-5678 요청)' });
    expect(unmasked?.contact).toEqual({ complaintId: ID, receiptNo: '20260302-ABCDE-FGHJK', phoneNumber: NUMBER, masked: '+82 10-****-5678' });
    expect(unmasked?.access).toMatchObject({ complaintId: ID, citizenKeyHash: phoneCitizen.hash });
    expect(unmasked?.access.reason).not.toMatch(/1234.?5678/);
  });

  it('refuses before reading anything when the reason is missing', async () => {
    const { repository, reads } = repositoryWith(complaintFixture({ complaintId: ID, citizen: phoneCitizen }));
    await expect(unmaskCitizen({ repository, pii }, { idOrReceiptNo: ID, reason: '  ' })).rejects.toBeInstanceOf(AuditInputError);
    expect(reads).toEqual([]);
  });

  it('has nothing to reveal for a citizen without a phone number', async () => {
    for (const citizen of [
      { ...phoneCitizen, kind: 'x-user' as const },
      { ...phoneCitizen, kind: 'chat-account' as const },
      { ...phoneCitizen, kind: 'anonymous-caller' as const },
      { ...phoneCitizen, unverifiable: true as const },
    ]) {
      const { repository } = repositoryWith(complaintFixture({ complaintId: ID, citizen }));
      await expect(unmaskCitizen({ repository, pii }, { idOrReceiptNo: ID, reason: '회신 요청' })).rejects.toBeInstanceOf(NoCallbackNumberError);
    }
  });

  it('is null for an unknown complaint', async () => {
    const { repository } = repositoryWith(null);
    await expect(unmaskCitizen({ repository, pii }, { idOrReceiptNo: ID, reason: '회신 요청' })).resolves.toBeNull();
  });
});
