import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableCitizenError } from '../../../functions/core/errors.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { sendReply } from '../../../functions/core/reply.ts';
import { RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { intakeDeps, smsMessage, startHarness, type Harness } from './harness.ts';

/*
 * One rule for both SMS providers: a sender that does not normalise to a phone number is stored,
 * masked and flagged as unverifiable, and replies to it are refused instead of sent.
 */
describe('texts from senders that are not phone numbers', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  describe.each(['twilio', 'aws-eum'] as const)('delivered by %s', (provider) => {
    it.each([
      ['an alphanumeric sender id', `CITYBUS${provider === 'twilio' ? 'T' : 'E'}`],
      ['a short code', provider === 'twilio' ? '1588' : '1577'],
      ['a malformed number', provider === 'twilio' ? '010-1234-567' : '010-7654-321'],
    ])('stores the text from %s masked and flagged, and refuses a reply to it', async (_label, sender) => {
      const deps = intakeDeps(harness);
      const outcome = await ingestMessage(deps, smsMessage({ provider, citizenHandle: sender, text: '정류장 안내판 고장' }));
      expect(outcome.status).toBe('stored');

      const view = await getComplaint(harness, outcome.complaintId);
      expect(view?.citizen).toBe('***');
      expect(view?.citizenUnverifiable).toBe(true);
      expect(JSON.stringify(view)).not.toContain(sender);
      expect(view?.messages.map((m) => m.text)).toEqual(['정류장 안내판 고장']);

      const sms = new RecordingSmsSender();
      await expect(
        sendReply({ ...deps, smsSender: sms }, { complaintId: outcome.complaintId, counselor: 'kim', textKo: '확인했습니다', replyId: `r-${provider}-${sender}` }),
      ).rejects.toThrow(UnreachableCitizenError);
      expect(sms.sent).toEqual([]);
      expect((await getComplaint(harness, outcome.complaintId))?.replies).toEqual([]);
    });
  });

  it('threads a second text from the same sender id into the same complaint', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, smsMessage({ citizenHandle: 'SEOUL-NOTICE', text: 'one' }));
    const second = await ingestMessage(deps, smsMessage({ citizenHandle: ' SEOUL-NOTICE ', text: 'two' }));
    expect(second.complaintId).toBe(first.complaintId);
  });

  it('does not flag a normal phone number', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: '010-2468-1357' }));
    const view = await getComplaint(harness, outcome.complaintId);
    expect(view?.citizenUnverifiable).toBeUndefined();
    expect(view?.citizen).toBe('+82 10-****-1357');
  });
});
