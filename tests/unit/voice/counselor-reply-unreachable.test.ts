import { describe, expect, it } from 'vitest';
import type { ComplaintRepository } from '../../../functions/core/ports/complaint-repository.ts';
import { relayCounselorReply } from '../../../functions/core/voice/counselor-replies.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';
import { CapturingLog, RecordingEventPublisher, RecordingSmsSender, ManualClock, testPiiProtector } from '../../support/in-memory-ports.ts';

/*
 * A counselor typing into the workspace chat of a complaint whose citizen wrote from a short code
 * or an alphanumeric sender id: the reply cannot be sent, and the stream message is dropped with
 * the reason rather than retried until it lands in the failure destination.
 */
describe('a workspace reply to a citizen who cannot be reached by SMS', () => {
  it('is ignored with the reason, nothing sent, instead of failing the stream delivery', async () => {
    const complaint = complaintFixture({ complaintId: 'cmp_unreachable', citizen: { kind: 'phone', hash: 'h', sealed: 's', masked: '***', unverifiable: true } });
    const repository = { getComplaint: async (id: string) => (id === complaint.complaintId ? complaint : null) } as unknown as ComplaintRepository;
    const sms = new RecordingSmsSender();
    const log = new CapturingLog();
    const outcome = await relayCounselorReply(
      {
        links: { get: async () => ({ contactId: 'contact-1', complaintId: complaint.complaintId, messageId: 'msg_1', channel: 'sms', kind: 'chat', startedAt: complaint.createdAt }) },
        reply: { repository, pii: testPiiProtector(), clock: new ManualClock(), log, translator: null, events: new RecordingEventPublisher(), smsSender: sms },
        log,
      },
      { Id: 'item-1', Type: 'MESSAGE', ContentType: 'text/plain', Content: '확인했습니다', ParticipantRole: 'AGENT', ContactId: 'contact-1' },
      'CUSTOMER',
    );
    expect(outcome).toEqual({ status: 'ignored', reason: expect.stringMatching(/not a phone number/) });
    expect(sms.sent).toEqual([]);
  });
});
