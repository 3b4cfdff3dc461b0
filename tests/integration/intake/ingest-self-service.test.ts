import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { selfServiceTag } from '../../../functions/core/self-service/contact-tag.ts';
import { buildSelfServiceStats } from '../../../functions/wiring/self-service-stats.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

describe('contacts from a self-service answer', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('keeps the case id of a chat message from an answer page on the complaint, and counts its visit as contacted once', async () => {
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    const deps = intakeDeps(harness);
    const stats = buildSelfServiceStats({ documentClient: harness.documents, tableName: harness.table.tableName, clock: deps.clock, log: silent });
    const store = (await import('../../../functions/adapters/self-service/dynamodb-self-service-stats.ts')).createDynamoSelfServiceStats(harness.documents, harness.table.tableName);
    const searchedAt = new Date(deps.clock.now().getTime() - 10 * 60_000).toISOString();
    await store.noteVisitSearch('visit-from-page', searchedAt, '2026-03-02', 1_900_000_000);

    const message = {
      channel: 'chat' as const,
      provider: 'websocket' as const,
      providerMessageId: 'acct-ss-1:msg-1',
      citizenHandle: 'acct-ss-1',
      citizenHandleKind: 'chat-account' as const,
      text: '불법 주정차 신고는 어떻게 하나요?',
      media: [],
      receivedAt: deps.clock.now().toISOString(),
      selfService: { caseId: '120-2001', visitId: 'visit-from-page' },
    };
    const withContacts = { ...deps, selfServiceContacts: stats };
    const outcome = await ingestMessage(withContacts, message);
    await ingestMessage(withContacts, message);
    const view = await getComplaint(harness, outcome.complaintId);
    expect(view?.selfServiceCaseIds).toEqual(['120-2001']);
    expect(view?.messages[0]?.selfServiceCaseId).toBe('120-2001');
    const days = await store.listDays('2026-03-02', '2026-03-02');
    expect(days).toEqual([{ day: '2026-03-02', visitsContacted: 1 }]);
  });

  it('reads the case id from the tag an SMS link appends to the body', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: `수도요금 고지서 재발급은요?\n${selfServiceTag('120-3001')}` }));
    const view = await getComplaint(harness, outcome.complaintId);
    expect(view?.selfServiceCaseIds).toEqual(['120-3001']);
  });
});
