import { describe, expect, it } from 'vitest';
import { claimToItem, complaintToItem, messageToItem, pointerToItem, receiptToItem, replyToItem, statusEventToItem } from '../../../functions/adapters/dynamodb/item-mappers.ts';
import { EXPORT_TABLES, versionColumns } from '../../../functions/core/export/export-tables.ts';
import { exportRows, type ItemVersion } from '../../../functions/core/export/export-rows.ts';
import { projectDeletion, projectItem, type ExportRow } from '../../../functions/core/export/project-item.ts';
import type { Message } from '../../../functions/core/model.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';

const PHONE = '010-2345-6789';
const RRN = '900101-1234567';
const SEALED = 'v1.c2VhbGVk.Y2lwaGVy.dGFn';
const HASH = 'hHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHhHh';

const complaint = complaintFixture({
  complaintId: 'cmp_one',
  citizen: { kind: 'phone', hash: HASH, sealed: SEALED, masked: '+82 10-****-6789' },
  conversationRef: '1866000000000000001',
  createdAt: '2026-03-01T15:30:00.000Z',
});

const message: Message = {
  messageId: 'msg_one',
  complaintId: 'cmp_one',
  direction: 'inbound',
  channel: 'sms',
  provider: 'twilio',
  providerMessageId: 'SM0123456789abcdef0123456789abcdef',
  receivedAt: '2026-03-01T15:30:00.000Z',
  text: `제 번호는 ${PHONE}, 주민번호 ${RRN} 입니다`,
  overLength: false,
  language: 'ko',
  translation: { status: 'not_needed', attempts: 0, updatedAt: '2026-03-01T15:30:00.000Z' },
  attachments: [{ key: 'media/a.jpg', contentType: 'image/jpeg', sizeBytes: 10 }],
  refusedAttachments: [],
  edits: [{ tweetId: '1', previousText: `old ${PHONE}`, editedAt: '2026-03-01T15:31:00.000Z' }],
};

const clearForms = [PHONE, PHONE.replaceAll('-', ''), '2345', RRN, RRN.replace('-', ''), '1234567', SEALED, 'SM0123456789', '1866000000000000001'];
const leaks = (row: ExportRow) => clearForms.filter((form) => JSON.stringify(row).includes(form));

describe('export projection', () => {
  it('exports a complaint with the citizen as hash and masked handle only (no sealed handle, no X conversation id)', () => {
    const projected = projectItem('complaints', complaintToItem(complaint), 1);
    expect(projected?.table.view).toBe('complaints');
    expect(projected?.row).toMatchObject({ complaint_id: 'cmp_one', citizen_key_hash: HASH, citizen_masked: '+82 10-****-6789', kst_day: '2026-03-02', deleted: false, version_us: 1 });
    expect(leaks(projected!.row)).toEqual([]);
  });

  it('masks phone and resident registration numbers in message text and leaves provider ids and edited texts out', () => {
    const projected = projectItem('complaints', messageToItem(message), 1);
    expect(projected?.row.text_masked).toBe('제 번호는 010-****-6789, 주민번호 900101-1****** 입니다');
    expect(projected?.row).toMatchObject({ attachments: 1, edits: 1, kst_day: '2026-03-02' });
    expect(leaks(projected!.row)).toEqual([]);
  });

  it('exports the self-service answer a message was written from, so auditors can count contacts per case', () => {
    const fromAnswer = projectItem('complaints', messageToItem({ ...message, selfServiceCaseId: 'A01-0007' }), 1);
    expect(fromAnswer?.row.self_service_case_id).toBe('A01-0007');
    expect(projectItem('complaints', messageToItem(message), 1)?.row.self_service_case_id).toBeNull();
  });

  it('masks numbers in status reasons and reply texts', () => {
    const event = projectItem('complaints', statusEventToItem({ complaintId: 'cmp_one', eventId: 'v000002', version: 2, at: '2026-03-02T01:00:00.000Z', actor: 'counselor:kim', from: 'received', to: 'closed', reason: `called ${PHONE}` }), 1);
    expect(event?.row.reason_masked).toBe('called 010-****-6789');
    const reply = projectItem('complaints', replyToItem({ replyId: 'r1', complaintId: 'cmp_one', channel: 'sms', createdAt: '2026-03-02T01:00:00.000Z', counselor: 'kim', textKo: `${PHONE}로 연락드렸습니다`, textSent: PHONE, language: 'ko', delivery: 'sent', providerMessageId: 'SM0123456789', lastError: PHONE }), 1);
    expect(reply?.row).toMatchObject({ counselor: 'kim', delivery: 'sent', text_ko_masked: '010-****-6789로 연락드렸습니다' });
    expect(leaks(event!.row)).toEqual([]);
    expect(leaks(reply!.row)).toEqual([]);
  });

  it('exports no bookkeeping item: claims, pointers (which carry the sealed handle), receipt aliases, preferences', () => {
    const bookkeeping = [
      claimToItem({ messageId: 'msg_one', complaintId: 'cmp_one', decidedAt: '2026-03-01T15:30:00.000Z' } as never),
      pointerToItem({ channel: 'sms', citizenHash: HASH, complaintId: 'cmp_one', snapshot: complaint } as never),
      receiptToItem('20260302-ABCDE-FGHJK', 'cmp_one'),
      { pk: `PREFS#${HASH}`, sk: 'SMS', optedOut: true },
      { pk: 'REVIEW#2026-03', sk: 'DAY#2026-03-02#ACTOR#sub' },
    ];
    expect(bookkeeping.map((item) => projectItem('complaints', item, 1))).toEqual([null, null, null, null, null]);
    expect(projectItem('audit', { pk: 'REVIEW#2026-03', sk: 'DAY#2026-03-02#COMPLETE' }, 1)).toBeNull();
  });

  it('writes only the declared columns, whatever else an item carries, each row with every column', () => {
    const projected = projectItem('complaints', { ...complaintToItem(complaint), newClearField: PHONE, citizen: { ...complaint.citizen, clear: PHONE } }, 1);
    expect(Object.keys(projected!.row)).toEqual(versionColumns(projected!.table).map((column) => column.name));
    expect(leaks(projected!.row)).toEqual([]);
  });

  it('turns a field of the wrong type into null instead of failing', () => {
    const projected = projectItem('complaints', { ...complaintToItem(complaint), satisfaction: 'five', createdAt: 42 }, 1);
    expect(projected?.row).toMatchObject({ satisfaction: null, created_at: null, kst_day: null });
  });

  it('records a deletion as a key-only row of the right table', () => {
    expect(projectDeletion('complaints', { pk: 'COMPLAINT#cmp_one', sk: 'REPLY#r1' }, 7)?.row).toMatchObject({ item_key: 'COMPLAINT#cmp_one REPLY#r1', version_us: 7, deleted: true, reply_id: null });
    expect(projectDeletion('audit', { pk: 'CHAIN#2026-03-02#03', sk: 'SEQ#000000001' }, 7)?.table.view).toBe('access_records');
  });

  it('projects access records of the audit table', () => {
    const projected = projectItem('audit', { pk: 'CHAIN#2026-03-02#03', sk: 'SEQ#000000001', eventId: 'aud_1', at: '2026-03-02T01:00:00.000Z', day: '2026-03-02', shard: 3, seq: 1, actorSubject: 's', actorUsername: 'kim', role: 'counselor', sourceIp: '203.0.113.7', action: 'complaint.read', outcome: 'allowed', requestId: 'r', complaintId: 'cmp_one', citizenKeyHash: HASH, reason: `call back ${PHONE}`, hash: 'ab', prevHash: 'cd' }, 1);
    expect(projected?.row).toMatchObject({ event_id: 'aud_1', accessed_at: '2026-03-02T01:00:00.000Z', kst_day: '2026-03-02', action: 'complaint.read', citizen_key_hash: HASH, chain_shard: 3, chain_seq: 1, reason: 'call back 010-****-6789' });
  });

  it('counts rows per versions table and hands them to the sink in batches', async () => {
    const written: Record<string, number> = {};
    async function* versions(): AsyncIterable<ItemVersion> {
      for (let i = 0; i < 1200; i += 1) yield { kind: 'item', item: messageToItem({ ...message, messageId: `msg_${i}` }), versionUs: i };
      yield { kind: 'item', item: complaintToItem(complaint), versionUs: 1 };
      yield { kind: 'item', item: receiptToItem('20260302-ABCDE-FGHJK', 'cmp_one'), versionUs: 1 };
    }
    const counts = await exportRows('complaints', versions(), {
      append: async (table, rows) => {
        written[table.versions] = (written[table.versions] ?? 0) + rows.length;
      },
    });
    expect(counts).toEqual({ complaint_versions: 1, message_versions: 1200, status_event_versions: 0, reply_versions: 0 });
    expect(written).toEqual({ complaint_versions: 1, message_versions: 1200 });
  });

  it('names every table and column in lower-case snake case (Athena lowercases names)', () => {
    for (const table of EXPORT_TABLES) for (const name of [table.view, table.versions, ...versionColumns(table).map((column) => column.name)]) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});
