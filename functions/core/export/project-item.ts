import { kstDay } from '../kst.ts';
import { maskPersonalData } from '../pii-masking.ts';
import {
  ACCESS_RECORDS_TABLE,
  COMPLAINTS_TABLE,
  MESSAGES_TABLE,
  REPLIES_TABLE,
  STATUS_EVENTS_TABLE,
  versionColumns,
  type ExportSource,
  type ExportTable,
} from './export-tables.ts';

export type RowValue = string | number | boolean | null;
export type ExportRow = Readonly<Record<string, RowValue>>;

/** One table row, ready to write as a JSON line. */
export interface ProjectedRow {
  readonly table: ExportTable;
  readonly row: ExportRow;
}

type Fields = Readonly<Record<string, unknown>>;

/*
 * Items are read as untrusted input: a field of the wrong type becomes null rather than failing
 * the export, and only the columns of export-tables.ts are ever written. The sealed handle, X
 * conversation and post ids, provider message ids, previous texts of edits, sent translations and
 * error texts have no column: they never leave the table.
 */
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const fields = (value: unknown): Fields => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {});
const count = (value: unknown): number | null => (Array.isArray(value) ? value.length : null);
const masked = (value: unknown): string | null => {
  const text = str(value);
  return text === null ? null : maskPersonalData(text);
};
const dayOf = (value: unknown): string | null => {
  const instant = str(value);
  if (instant === null || Number.isNaN(Date.parse(instant))) return null;
  return kstDay(instant);
};

/** Which export table an item key belongs to; null for bookkeeping items (claims, pointers, receipts, preferences, summaries, ...). */
export function tableOfKey(source: ExportSource, pk: unknown, sk: unknown): ExportTable | null {
  if (typeof pk !== 'string' || typeof sk !== 'string') return null;
  if (source === 'audit') return pk.startsWith('CHAIN#') && sk.startsWith('SEQ#') ? ACCESS_RECORDS_TABLE : null;
  if (!pk.startsWith('COMPLAINT#')) return null;
  if (sk === 'META') return COMPLAINTS_TABLE;
  if (sk.startsWith('MSG#')) return MESSAGES_TABLE;
  if (sk.startsWith('EVENT#')) return STATUS_EVENTS_TABLE;
  if (sk.startsWith('REPLY#')) return REPLIES_TABLE;
  return null;
}

const itemKey = (pk: string, sk: string): string => `${pk} ${sk}`;

function entityColumns(table: ExportTable, item: Fields): Record<string, RowValue> {
  switch (table) {
    case COMPLAINTS_TABLE: {
      const citizen = fields(item.citizen);
      return {
        complaint_id: str(item.complaintId),
        receipt_no: str(item.receiptNo),
        channel: str(item.channel),
        language: str(item.language),
        status: str(item.status),
        category: str(item.category),
        agency: str(item.agency),
        petition_type: str(item.petitionType),
        created_at: str(item.createdAt),
        kst_day: dayOf(item.createdAt),
        updated_at: str(item.updatedAt),
        last_message_at: str(item.lastMessageAt),
        due_at: str(item.dueAt),
        extended_due_at: str(item.extendedDueAt),
        deadline_extensions: int(fields(item.deadlineExtension).count),
        first_contact_resolution: bool(item.firstContactResolution),
        satisfaction: int(item.satisfaction),
        confidential: bool(item.confidential),
        citizen_kind: str(citizen.kind),
        citizen_key_hash: str(citizen.hash),
        citizen_masked: str(citizen.masked),
        citizen_unverifiable: citizen.unverifiable === true,
      };
    }
    case MESSAGES_TABLE: {
      const translation = fields(item.translation);
      return {
        message_id: str(item.messageId),
        complaint_id: str(item.complaintId),
        direction: str(item.direction),
        channel: str(item.channel),
        provider: str(item.provider),
        received_at: str(item.receivedAt),
        kst_day: dayOf(item.receivedAt),
        language: str(item.language),
        text_masked: masked(item.text),
        over_length: bool(item.overLength),
        translation_status: str(translation.status),
        translation_provider: str(translation.provider),
        translation_masked: masked(translation.text),
        attachments: count(item.attachments),
        refused_attachments: count(item.refusedAttachments),
        redacted: typeof item.redactedAt === 'string',
        edits: count(item.edits) ?? 0,
        self_service_case_id: str(item.selfServiceCaseId),
      };
    }
    case STATUS_EVENTS_TABLE:
      return {
        complaint_id: str(item.complaintId),
        event_id: str(item.eventId),
        changed_at: str(item.at),
        kst_day: dayOf(item.at),
        actor: str(item.actor),
        from_status: str(item.from),
        to_status: str(item.to),
        reason_masked: masked(item.reason),
        deadline_change: str(fields(item.deadline).kind),
      };
    case REPLIES_TABLE:
      return {
        reply_id: str(item.replyId),
        complaint_id: str(item.complaintId),
        channel: str(item.channel),
        created_at: str(item.createdAt),
        kst_day: dayOf(item.createdAt),
        counselor: str(item.counselor),
        language: str(item.language),
        delivery: str(item.delivery),
        text_ko_masked: masked(item.textKo),
      };
    default:
      return {
        event_id: str(item.eventId),
        accessed_at: str(item.at),
        kst_day: str(item.day),
        actor_subject: str(item.actorSubject),
        actor_username: str(item.actorUsername),
        role: str(item.role),
        source_ip: str(item.sourceIp),
        action: str(item.action),
        outcome: str(item.outcome),
        refusal: str(item.refusal),
        route: str(item.route),
        request_id: str(item.requestId),
        complaint_id: str(item.complaintId),
        citizen_key_hash: str(item.citizenKeyHash),
        // Masked when recorded (auditReason); masked again so a record written around that rule is not exported in clear.
        reason: masked(item.reason),
        result_count: int(item.resultCount),
        chain_shard: int(item.shard),
        chain_seq: int(item.seq),
        record_hash: str(item.hash),
      };
  }
}

/** Every column of the table in order, missing ones null, so each line has the same shape. */
function complete(table: ExportTable, values: Record<string, RowValue>): ExportRow {
  const row: Record<string, RowValue> = {};
  for (const { name } of versionColumns(table)) row[name] = values[name] ?? null;
  return row;
}

/** The row version of an item as written at `versionUs`, or null when the item is not exported. */
export function projectItem(source: ExportSource, item: Fields, versionUs: number): ProjectedRow | null {
  const table = tableOfKey(source, item.pk, item.sk);
  if (!table) return null;
  return { table, row: complete(table, { item_key: itemKey(String(item.pk), String(item.sk)), version_us: versionUs, deleted: false, ...entityColumns(table, item) }) };
}

/** The key-only row that records an item's deletion (incremental exports carry deletions). */
export function projectDeletion(source: ExportSource, keys: Fields, versionUs: number): ProjectedRow | null {
  const table = tableOfKey(source, keys.pk, keys.sk);
  if (!table) return null;
  return { table, row: complete(table, { item_key: itemKey(String(keys.pk), String(keys.sk)), version_us: versionUs, deleted: true }) };
}
