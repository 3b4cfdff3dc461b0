import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ComplaintNotFoundError, InvalidTransitionError } from '../../../functions/core/errors.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { REPLY_SEND_LEASE_MS, sendReply, type ReplyDeps } from '../../../functions/core/reply.ts';
import { RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { crashingRepository, intakeDeps, smsMessage, startHarness, uniquePhone, SimulatedCrash, type Harness } from './harness.ts';

describe('replies and the status lifecycle', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  function replyDeps(overrides: Partial<Pick<ReplyDeps, 'senders'>> = {}) {
    const deps = intakeDeps(harness);
    const smsSender = new RecordingSmsSender();
    return { ...deps, smsSender, ...overrides, sms: smsSender };
  }

  it('translates the Korean reply into the citizen\'s language, sends it to their number and marks the complaint answered', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: '010-7777-1212', text: 'Where can I throw away large furniture?' }));
    const reply = await sendReply(deps, { complaintId: intake.complaintId, counselor: 'kim', textKo: '구청 홈페이지에서 대형폐기물 신고를 하시면 됩니다.', replyId: 'r-1' });

    expect(deps.translator.calls.at(-1)).toEqual({ text: '구청 홈페이지에서 대형폐기물 신고를 하시면 됩니다.', source: 'ko', target: 'en' });
    expect(deps.sms.sent).toEqual([
      { to: '+821077771212', body: '[ko→en] 구청 홈페이지에서 대형폐기물 신고를 하시면 됩니다.', idempotencyKey: 'r-1', replyRef: { complaintId: intake.complaintId, replyId: 'r-1' } },
    ]);
    expect(reply).toMatchObject({ delivery: 'sent', language: 'en', providerMessageId: expect.stringMatching(/^SM/) });
    const detail = await getComplaint(harness, intake.complaintId);
    expect(detail?.status).toBe('answered');
    expect(detail?.statusHistory.at(-1)).toMatchObject({ from: 'received', to: 'answered', actor: 'counselor:kim' });
    expect(detail?.replies).toEqual([expect.objectContaining({ replyId: 'r-1', delivery: 'sent', textKo: '구청 홈페이지에서 대형폐기물 신고를 하시면 됩니다.' })]);

    // Idempotent on replyId: a repeated click sends nothing more.
    await sendReply(deps, { complaintId: intake.complaintId, counselor: 'kim', textKo: '구청 홈페이지에서 대형폐기물 신고를 하시면 됩니다.', replyId: 'r-1' });
    expect(deps.sms.sent).toHaveLength(1);
    expect((await getComplaint(harness, intake.complaintId))?.statusHistory).toHaveLength(2);
  });

  it('sends Korean replies to Korean citizens as written, without the translator', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    await sendReply(deps, { complaintId: intake.complaintId, counselor: 'kim', textKo: '내일 수리 예정입니다 🙂', replyId: 'r-ko' });
    expect(deps.translator.calls).toEqual([]);
    expect(deps.sms.sent[0]?.body).toBe('내일 수리 예정입니다 🙂');
  });

  it('keeps a reply whose send fails, with the error masked, and sends it on retry', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: '010-3030-4040', text: 'Hello, is the library open?' }));
    deps.sms.failing = new Error("The 'To' number +821030304040 is not reachable");
    const failed = await sendReply(deps, { complaintId: intake.complaintId, counselor: 'choi', textKo: '네, 열려 있습니다.', replyId: 'r-fail' });

    expect(failed).toMatchObject({ delivery: 'failed', textSent: '[ko→en] 네, 열려 있습니다.' });
    expect(failed.lastError).toContain('not reachable');
    expect(failed.lastError).not.toContain('30304040');
    const kept = await getComplaint(harness, intake.complaintId);
    expect(kept?.replies).toEqual([expect.objectContaining({ replyId: 'r-fail', delivery: 'failed', textKo: '네, 열려 있습니다.' })]);
    expect(kept?.status).toBe('received');
    expect(deps.log.text()).not.toContain('30304040');

    deps.sms.failing = null;
    const translatedBefore = deps.translator.calls.length;
    const retried = await sendReply(deps, { complaintId: intake.complaintId, counselor: 'choi', textKo: '네, 열려 있습니다.', replyId: 'r-fail' });
    expect(retried).toMatchObject({ delivery: 'sent' });
    expect(retried.lastError).toBeUndefined();
    expect(deps.translator.calls.length).toBe(translatedBefore);
    expect((await getComplaint(harness, intake.complaintId))?.status).toBe('answered');
  });

  it('sends once when the same reply is posted twice at the same time (double click, client retry)', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'Is the swimming pool open on Sunday?' }));
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sending = new Promise<void>((resolve) => (entered = resolve));
    const slow = {
      name: 'slow-sms',
      maxBodyUnits: 1600,
      send: async (request: Parameters<RecordingSmsSender['send']>[0]) => {
        entered();
        await gate;
        return deps.sms.send(request);
      },
    };
    const input = { complaintId: intake.complaintId, counselor: 'kim', textKo: '일요일에도 엽니다.', replyId: 'r-twice' };
    const first = sendReply({ ...deps, smsSender: slow }, input);
    await sending;
    const second = await sendReply({ ...deps, smsSender: slow }, input);
    expect(second).toMatchObject({ replyId: 'r-twice', delivery: 'pending' });
    release();
    expect(await first).toMatchObject({ delivery: 'sent' });
    expect(deps.sms.sent).toHaveLength(1);
    await expect(sendReply(deps, input)).resolves.toMatchObject({ delivery: 'sent' });
    expect(deps.sms.sent).toHaveLength(1);
  });

  it('sends a reply whose sender died mid-send once its lease has expired (at least once), not before', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'When is the bulky waste pickup?' }));
    const input = { complaintId: intake.complaintId, counselor: 'park', textKo: '목요일입니다.', replyId: 'r-orphan' };
    const now = deps.clock.now();
    await harness.repository.putReply({ replyId: 'r-orphan', complaintId: intake.complaintId, channel: 'sms', createdAt: now.toISOString(), counselor: 'park', textKo: '목요일입니다.', textSent: '', language: 'en', delivery: 'pending' });
    // A process took the lease and died.
    expect(await harness.repository.claimReplySend(intake.complaintId, 'r-orphan', now.toISOString(), new Date(now.getTime() + REPLY_SEND_LEASE_MS).toISOString())).toBe(true);

    await expect(sendReply(deps, input)).resolves.toMatchObject({ delivery: 'pending' });
    expect(deps.sms.sent).toHaveLength(0);
    deps.clock.advance(REPLY_SEND_LEASE_MS + 1_000);
    await expect(sendReply(deps, input)).resolves.toMatchObject({ delivery: 'sent' });
    expect(deps.sms.sent).toHaveLength(1);
    const stored = await harness.repository.getReply(intake.complaintId, 'r-orphan');
    expect(stored).not.toHaveProperty('sendLeaseUntil');
  });

  it('records a reply on a channel without a sender as undeliverable rather than losing it', async () => {
    const deps = replyDeps();
    const intake = await ingestMessage(deps, smsMessage({ channel: 'x', provider: 'x-api', citizenHandleKind: 'x-user', citizenHandle: '1234567890123456789' }));
    const reply = await sendReply(deps, { complaintId: intake.complaintId, counselor: 'kim', textKo: '확인했습니다', replyId: 'r-x' });
    expect(reply.delivery).toBe('undeliverable');
    expect((await harness.repository.getReply(intake.complaintId, 'r-x'))?.delivery).toBe('undeliverable');

    // Once the channel gets a sender (its secret configured), the same reply id sends it.
    const posted: string[] = [];
    const x = async ({ body }: { body: string }) => (posted.push(body), { providerMessageId: '1890000000000000001' });
    await expect(sendReply({ ...deps, senders: { x } }, { complaintId: intake.complaintId, counselor: 'kim', textKo: '확인했습니다', replyId: 'r-x' })).resolves.toMatchObject({ delivery: 'sent' });
    expect(posted).toEqual(['확인했습니다']);
  });

  it('uses the channel sender given for a channel', async () => {
    const sent: string[] = [];
    const deps = replyDeps({ senders: { chat: async ({ body }) => (sent.push(body), { providerMessageId: 'ws-1' }) } });
    const intake = await ingestMessage(deps, smsMessage({ channel: 'chat', provider: 'websocket', citizenHandleKind: 'chat-account', citizenHandle: 'acct-42' }));
    await sendReply(deps, { complaintId: intake.complaintId, counselor: 'kim', textKo: '안녕하세요', replyId: 'r-chat' });
    expect(sent).toEqual(['안녕하세요']);
  });

  it('refuses a reply to a complaint that does not exist', async () => {
    await expect(sendReply(replyDeps(), { complaintId: 'cmp_nope', counselor: 'kim', textKo: '네', replyId: 'r-0' })).rejects.toBeInstanceOf(ComplaintNotFoundError);
  });

  it('refuses a transition the lifecycle does not allow and records nothing', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    await changeStatus(deps, { complaintId: intake.complaintId, to: 'closed', actor: 'counselor:kim', reason: 'done' });
    await expect(changeStatus(deps, { complaintId: intake.complaintId, to: 'answered', actor: 'counselor:kim', reason: 'x' })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect((await getComplaint(harness, intake.complaintId))?.statusHistory).toHaveLength(2);
  });

  it('records one event per status change when two counselors change a status at once', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const results = await Promise.allSettled([
      changeStatus(deps, { complaintId: intake.complaintId, to: 'in_progress', actor: 'counselor:a', reason: 'mine' }),
      changeStatus(deps, { complaintId: intake.complaintId, to: 'closed', actor: 'counselor:b', reason: 'spam' }),
    ]);
    const detail = await harness.repository.getComplaintDetail(intake.complaintId);
    const history = detail!.statusEvents;
    expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
    expect(detail?.complaint.statusVersion).toBe(history.length);
    expect(detail?.complaint.status).toBe(history.at(-1)?.to);
    for (let i = 1; i < history.length; i += 1) expect(history[i]?.from).toBe(history[i - 1]?.to);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('rolls a status event left unapplied by a crash forward on the next change', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    // Writes of changeStatus: 1 = status event, 2 = complaint status. Crash before the second.
    const crashing = crashingRepository(harness.repository, 2, 'before');
    await expect(
      changeStatus({ ...deps, repository: crashing }, { complaintId: intake.complaintId, to: 'in_progress', actor: 'counselor:a', reason: 'taking it' }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await harness.repository.getComplaint(intake.complaintId))?.status).toBe('received');

    await changeStatus(deps, { complaintId: intake.complaintId, to: 'closed', actor: 'counselor:b', reason: 'answered by phone' });
    const detail = await getComplaint(harness, intake.complaintId);
    expect(detail?.statusHistory.map((e) => `${e.from}->${e.to}`)).toEqual(['null->received', 'received->in_progress', 'in_progress->closed']);
    expect(detail?.status).toBe('closed');
  });
});
