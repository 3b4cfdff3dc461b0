import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoLookupGuard } from '../../../functions/adapters/dynamodb/lookup-guard.ts';
import { citizenLookupRecorder } from '../../../functions/core/audit/record-citizen-lookup.ts';
import { handleNoticeEvent } from '../../../functions/core/notices/handle-event.ts';
import type { StatusRequestDeps } from '../../../functions/core/notices/status-request.ts';
import { protectHandle } from '../../../functions/core/protect-handle.ts';
import { createIntakePipelineHandler } from '../../../functions/handlers/intake-pipeline.ts';
import type { PipelineDeps } from '../../../functions/wiring/deps/intake-pipeline.ts';
import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { sqsEvent } from '../../support/sqs-event.ts';
import { intakeDeps, smsMessage, uniquePhone } from '../intake/harness.ts';
import { startLookupHarness, type LookupHarness } from '../status-lookup/harness.ts';
import { kst, noticeWorld } from './harness.ts';

/*
 * "상태 <receipt number>" texted in: the pipeline opens no complaint and passes the request on;
 * the notice function answers with the status, once per message, only about the sender's own complaint.
 */
describe('status keyword by SMS', () => {
  let h: LookupHarness;
  beforeAll(async () => {
    h = await startLookupHarness();
  });
  afterAll(async () => h.close());

  function setup(start: string) {
    const world = noticeWorld(h, start);
    const ingest = intakeDeps(h, { clock: world.clock, events: world.events, log: world.log });
    const deps: PipelineDeps = {
      ingest,
      translate: { repository: h.repository, translator: null, intakeQueue: ingest.intakeQueue, events: world.events, clock: world.clock, log: world.log },
      keywords: { preferences: new DynamoCitizenPreferences(h.documents, h.table.tableName), pii: h.pii, clock: world.clock, log: world.log, events: world.events },
      log: world.log,
      maxReceiveCount: 5,
    };
    const pipeline = createIntakePipelineHandler(async () => deps);
    const notices: StatusRequestDeps = { ...world.deps, guard: new DynamoLookupGuard(h.documents, h.table.tableName), recorder: citizenLookupRecorder({ ...h.audit, clock: world.clock }) };
    let batch = 0;
    const text = async (message: InboundMessage) => {
      batch += 1;
      const result = await pipeline(sqsEvent([JSON.stringify({ kind: 'inbound', message })], `status-batch-${batch}-${Math.random()}`), {} as Context);
      expect(result.batchItemFailures).toEqual([]);
      // EventBridge hands every published event to the notice function.
      for (const event of world.events.events.splice(0)) await handleNoticeEvent(notices, event);
    };
    return { world, text, notices };
  }

  const complaintsOf = (phone: string) => h.repository.listComplaintsByCitizen(protectHandle(h.pii, 'phone', phone).hash, 10);

  it('answers the complaint\'s own number with its status, opens and joins nothing, and answers a redelivery once', async () => {
    const { world, text } = setup(kst('2026-12-07T23:20:00.000'));
    const phone = uniquePhone();
    await text(smsMessage({ citizenHandle: phone, text: '가로등이 고장났어요', receivedAt: world.clock.now().toISOString() }));
    const [complaint] = await complaintsOf(phone);
    expect(complaint).toBeDefined();
    world.sms.sent.length = 0;

    const ask = smsMessage({ citizenHandle: phone, text: `상태 ${complaint!.receiptNo.toLowerCase()}`, receivedAt: world.clock.now().toISOString() });
    await text(ask);
    await text(ask);
    expect(world.sms.sent).toEqual([
      { to: expect.stringMatching(/^\+8210/), body: expect.stringMatching(new RegExp(`^\\[서울시 120\\] 접수번호 ${complaint!.receiptNo}: 접수\\. 처리 기한: 2026-12-\\d\\d 18:00$`)), idempotencyKey: expect.stringMatching(/^sms:status_reply:msg_/) },
    ]);
    expect(await complaintsOf(phone)).toHaveLength(1);
    expect((await h.repository.getComplaintDetail(complaint!.complaintId))?.messages).toHaveLength(1);
    expect((await h.lookupsRecorded()).filter((record) => record.complaintId === complaint!.complaintId)).toEqual([
      expect.objectContaining({ outcome: 'allowed', citizenKeyHash: complaint!.citizen.hash, requestId: expect.stringMatching(/^msg_/) }),
    ]);
    // Nothing of the number in the logs or the outbox items.
    const digits = phone.replace(/-/g, '');
    expect(world.log.text()).not.toContain(digits.slice(-8));
    const stored = await world.outbox.get(world.sms.sent[0]!.idempotencyKey);
    expect(JSON.stringify(stored)).not.toContain(digits.slice(-8));
  });

  it('tells another number nothing about the complaint, in the language the keyword was written in, and opens no complaint for it', async () => {
    const { world, text } = setup(kst('2026-12-08T10:00:00.000'));
    const owner = uniquePhone();
    await text(smsMessage({ citizenHandle: owner, text: 'The bus stop sign is broken', receivedAt: world.clock.now().toISOString() }));
    const [complaint] = await complaintsOf(owner);
    const stranger = uniquePhone();
    await text(smsMessage({ citizenHandle: stranger, text: `STATUS ${complaint!.receiptNo}`, receivedAt: world.clock.now().toISOString() }));
    expect(world.sms.sent.at(-1)).toMatchObject({
      body: `[Seoul 120] We could not find complaint ${complaint!.receiptNo} for this phone number. Please check the receipt number.`,
    });
    expect(await complaintsOf(stranger)).toEqual([]);
  });

  it('answers a chat citizen texting from the number their chat account was verified with', async () => {
    const { world, text, notices } = setup(kst('2026-12-08T11:00:00.000'));
    const phone = uniquePhone();
    const chatPhoneHash = protectHandle(h.pii, 'phone', phone).hash;
    const chat = await world.complaint({ channel: 'chat', provider: 'websocket', citizenHandle: 'acct_9001', citizenHandleKind: 'chat-account', text: '장애인 주차구역 문의' });
    notices.chatAccounts = { getAccount: async (id) => (id === 'acct_9001' ? ({ phone: { hash: chatPhoneHash, masked: '+82 10-****-0000', sealed: '' } } as never) : null) };
    await text(smsMessage({ citizenHandle: phone, text: `조회 ${chat.receiptNo}`, receivedAt: world.clock.now().toISOString() }));
    expect(world.sms.sent.at(-1)?.body).toMatch(new RegExp(`^\\[서울시 120\\] 접수번호 ${chat.receiptNo}: 접수\\. 처리 기한: 2026-12-\\d\\d 18:00$`));
  });
});
