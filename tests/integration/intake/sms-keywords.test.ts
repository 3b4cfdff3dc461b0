import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { protectHandle } from '../../../functions/core/protect-handle.ts';
import { smsHelpText } from '../../../functions/core/sms-keywords.ts';
import { createIntakePipelineHandler } from '../../../functions/handlers/intake-pipeline.ts';
import type { PipelineDeps } from '../../../functions/wiring/deps/intake-pipeline.ts';
import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { RecordingSmsSender } from '../../support/in-memory-ports.ts';
import { sqsEvent } from '../../support/sqs-event.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

/*
 * Opt-out, opt-in and help keywords reach the pipeline like any text. They change the citizen's
 * SMS preference (remembered in the table, keyed by the handle hash) or get the 120 help text,
 * and never open a complaint.
 */
describe('SMS keywords in the intake pipeline', () => {
  let harness: Harness;
  let preferences: DynamoCitizenPreferences;
  beforeAll(async () => {
    harness = await startHarness();
    preferences = new DynamoCitizenPreferences(harness.documents, harness.table.tableName);
  });
  afterAll(async () => harness.close());

  function pipeline() {
    const ingest = intakeDeps(harness);
    const sms = new RecordingSmsSender();
    const deps: PipelineDeps = {
      ingest,
      translate: { repository: harness.repository, translator: null, intakeQueue: ingest.intakeQueue, events: ingest.events, clock: ingest.clock, log: ingest.log },
      keywords: { preferences, pii: harness.pii, clock: ingest.clock, log: ingest.log, smsSender: sms },
      log: ingest.log,
      maxReceiveCount: 5,
    };
    const handler = createIntakePipelineHandler(async () => deps);
    let batch = 0;
    const deliver = async (...messages: InboundMessage[]) => {
      batch += 1;
      const event = sqsEvent(messages.map((message) => JSON.stringify({ kind: 'inbound', message })), `batch-${batch}`);
      const result = await handler(event, {} as Context);
      expect(result.batchItemFailures).toEqual([]);
    };
    return { deps, sms, deliver, ingest };
  }

  const hashOf = (phone: string) => protectHandle(harness.pii, 'phone', phone).hash;
  const complaintsOf = (phone: string) => harness.repository.listComplaintsByCitizen(hashOf(phone), 10);

  it.each([
    ['STOP', 'twilio', 'STOP'],
    ['수신거부', 'twilio', undefined],
    ['退订', 'aws-eum', undefined],
    ['配信停止', 'aws-eum', undefined],
    ['Dung', 'aws-eum', undefined],
    ['ЗОГС', 'twilio', undefined],
    ['stop', 'aws-eum', 'STOP'],
  ] as const)('records %j (%s) as an opt-out on the citizen and opens no complaint', async (text, provider, providerKeyword) => {
    const { deliver } = pipeline();
    const phone = uniquePhone();
    await deliver(smsMessage({ provider, citizenHandle: phone, text, ...(providerKeyword ? { providerKeyword } : {}) }));
    expect(await complaintsOf(phone)).toEqual([]);
    expect(await preferences.getSmsPreference(hashOf(phone))).toMatchObject({ optedOut: true, handledBy: providerKeyword ? 'provider' : 'gateway' });
  });

  it('remembers the opt-out until the citizen opts back in with START (or 수신동의), whatever order the deliveries arrive in', async () => {
    const { deliver } = pipeline();
    const phone = uniquePhone();
    const stop = smsMessage({ citizenHandle: phone, text: '수신거부', receivedAt: '2026-03-02T01:00:00.000Z' });
    const start = smsMessage({ citizenHandle: phone, text: 'START', providerKeyword: 'START', receivedAt: '2026-03-02T02:00:00.000Z' });
    await deliver(start);
    await deliver(stop); // late delivery of the earlier keyword
    expect(await preferences.getSmsPreference(hashOf(phone))).toMatchObject({ optedOut: false, keyword: 'START' });

    await deliver(smsMessage({ citizenHandle: phone, text: '수신거부', receivedAt: '2026-03-02T03:00:00.000Z' }));
    expect((await preferences.getSmsPreference(hashOf(phone)))?.optedOut).toBe(true);
    await deliver(smsMessage({ citizenHandle: phone, text: '수신 동의', receivedAt: '2026-03-02T04:00:00.000Z' }));
    expect(await preferences.getSmsPreference(hashOf(phone))).toMatchObject({ optedOut: false, handledBy: 'gateway' });
    expect(await complaintsOf(phone)).toEqual([]);
  });

  it('answers a help keyword End User Messaging did not answer with the 120 help text in the keyword\'s language, once per message', async () => {
    const { deliver, sms } = pipeline();
    const phone = uniquePhone();
    const help = smsMessage({ provider: 'aws-eum', citizenHandle: phone, text: '帮助' });
    await deliver(help);
    await deliver(help, help);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]?.body).toBe(smsHelpText('zh'));
    expect(sms.sent[0]?.body).toContain('首尔120');
    expect(await complaintsOf(phone)).toEqual([]);
  });

  it('leaves the answer to the provider when it matched the help keyword itself, and to the Twilio webhook on Twilio', async () => {
    const { deliver, sms } = pipeline();
    const phone = uniquePhone();
    await deliver(smsMessage({ provider: 'aws-eum', citizenHandle: phone, text: 'HELP', providerKeyword: 'HELP' }));
    await deliver(smsMessage({ provider: 'twilio', citizenHandle: phone, text: '도움말' }));
    expect(sms.sent).toEqual([]);
    expect(await complaintsOf(phone)).toEqual([]);
  });

  it('records the opt-out End User Messaging applied to a text that only begins with STOP, and still files the text', async () => {
    const { deliver } = pipeline();
    const phone = uniquePhone();
    await deliver(smsMessage({ provider: 'aws-eum', citizenHandle: phone, text: 'STOP the construction noise at night please', providerKeyword: 'STOP' }));
    expect(await complaintsOf(phone)).toHaveLength(1);
    expect((await preferences.getSmsPreference(hashOf(phone)))?.optedOut).toBe(true);
  });

  it('files texts that merely contain a keyword, and a provider YES, as complaint messages', async () => {
    const { deliver } = pipeline();
    const phone = uniquePhone();
    await deliver(smsMessage({ citizenHandle: phone, text: '버스 정류장 수신거부 안내판이 고장났어요' }));
    await deliver(smsMessage({ citizenHandle: phone, text: 'Yes', providerKeyword: 'YES', receivedAt: '2026-03-02T01:05:00.000Z' }));
    const [complaint] = await complaintsOf(phone);
    expect(complaint).toBeDefined();
    const detail = await harness.repository.getComplaintDetail(complaint!.complaintId);
    expect(detail?.messages.map((m) => m.text)).toEqual(['버스 정류장 수신거부 안내판이 고장났어요', 'Yes']);
  });

  it('never logs the keyword sender\'s number', async () => {
    const { deliver, ingest } = pipeline();
    await deliver(smsMessage({ citizenHandle: '010-3141-5926', text: 'STOP' }));
    expect(ingest.log.text()).not.toMatch(/3141|5926/);
  });
});
