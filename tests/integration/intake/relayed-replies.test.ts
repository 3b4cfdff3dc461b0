import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { SmsRecipientRefusedError } from '../../../functions/core/ports/sms-sender.ts';
import { relayCounselorReply } from '../../../functions/core/voice/counselor-replies.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

describe('counselor replies relayed from the agent workspace stream', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('does not make the stream retry a reply the citizen\'s number refuses (opted out): it is a settled state, shown to the counselor', async () => {
    const deps = intakeDeps(harness);
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    let attempts = 0;
    const smsSender = {
      name: 'twilio',
      maxBodyUnits: 1600,
      send: async () => {
        attempts += 1;
        throw new SmsRecipientRefusedError('opted_out', 'twilio', '21610', 'Twilio answered 400 (error 21610)');
      },
    };
    const relay = () =>
      relayCounselorReply(
        {
          links: { get: async () => ({ contactId: 'c-1', complaintId, messageId: 'm-1', channel: 'sms', kind: 'chat', startedAt: '2026-03-02T01:00:00.000Z' }) },
          reply: { ...deps, smsSender },
          log: deps.log,
        },
        { Id: 'item-1', Type: 'MESSAGE', ContentType: 'text/plain', Content: '처리하겠습니다', ParticipantRole: 'AGENT', ContactId: 'c-1' },
        'CUSTOMER',
      );
    await expect(relay()).resolves.toMatchObject({ status: 'relayed', reply: { delivery: 'opted_out' } });
    expect(attempts).toBe(1);
  });
});
