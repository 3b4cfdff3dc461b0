/*
 * What auditors can query: one table of row versions per entity and one view per entity that keeps
 * each item's newest version (docs/adr/0021-sql-over-exports.md). The same names, columns and types
 * serve the Glue catalog (Athena) and the local DuckDB, so a documented query runs on both.
 *
 * Every column is listed here and nowhere else: an item attribute that is not a column never reaches
 * an export, so a field added to an item later stays out until someone adds it here on purpose.
 */

/** Types both engines read from JSON lines the same way (Glue/Hive names; DuckDB's in DUCKDB_TYPES). */
export type ColumnType = 'string' | 'bigint' | 'int' | 'boolean';

export interface ExportColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly comment: string;
}

/** Which DynamoDB table an export table is drawn from. */
export type ExportSource = 'complaints' | 'audit';

export interface ExportTable {
  /** The view auditors query: the newest version of each item, deleted items left out. */
  readonly view: string;
  /** Every version the exports have seen (one row per item per export it changed in). */
  readonly versions: string;
  readonly source: ExportSource;
  readonly description: string;
  /** The entity's own columns (the version columns come first in every table). */
  readonly columns: readonly ExportColumn[];
}

const column = (name: string, type: ColumnType, comment: string): ExportColumn => ({ name, type, comment });

/** Present in every versions table, never in a view. */
export const VERSION_COLUMNS: readonly ExportColumn[] = [
  column('item_key', 'string', 'the item key (partition and sort key) the row is a version of'),
  column('version_us', 'bigint', 'when this version was written (microseconds since the epoch; a full export: its export time)'),
  column('deleted', 'boolean', 'true when the item was deleted: a key-only row'),
];

export const COMPLAINTS_TABLE: ExportTable = {
  view: 'complaints',
  versions: 'complaint_versions',
  source: 'complaints',
  description: 'complaints (one per conversation); the citizen only as keyed hash and masked handle',
  columns: [
    column('complaint_id', 'string', 'cmp_...'),
    column('receipt_no', 'string', 'the receipt number the citizen was given'),
    column('channel', 'string', 'sms, chat, x, voice, web (Open311)'),
    column('language', 'string', 'the citizen language (ko, en, zh, ja, vi, mn, und)'),
    column('status', 'string', 'received, in_progress, answered, closed'),
    column('category', 'string', 'category, when set'),
    column('agency', 'string', 'responsible agency, when set'),
    column('petition_type', 'string', 'petition type (deadlines)'),
    column('created_at', 'string', 'UTC ISO instant'),
    column('kst_day', 'string', 'KST day of created_at (YYYY-MM-DD)'),
    column('updated_at', 'string', 'UTC ISO instant'),
    column('last_message_at', 'string', 'UTC ISO instant'),
    column('due_at', 'string', 'legal due time of the petition type (UTC ISO)'),
    column('extended_due_at', 'string', 'due time after an extension (UTC ISO)'),
    column('deadline_extensions', 'int', 'how many times the deadline was extended'),
    column('first_contact_resolution', 'boolean', 'closed after the first answer'),
    column('satisfaction', 'int', 'the citizen rating 1-5'),
    column('confidential', 'boolean', 'confidential complaint'),
    column('citizen_kind', 'string', 'phone, chat account, x account, ...'),
    column('citizen_key_hash', 'string', 'keyed hash (HMAC-SHA256) of the citizen handle: the same as citizen_key_hash of access records'),
    column('citizen_masked', 'string', 'the handle as counselors see it, e.g. +82 10-****-5678'),
    column('citizen_unverifiable', 'boolean', 'the handle did not normalise (nothing can be sent to it)'),
  ],
};

export const MESSAGES_TABLE: ExportTable = {
  view: 'messages',
  versions: 'message_versions',
  source: 'complaints',
  description: 'messages of complaints; text with phone and resident registration numbers masked',
  columns: [
    column('message_id', 'string', 'msg_...'),
    column('complaint_id', 'string', 'cmp_...'),
    column('direction', 'string', 'inbound or outbound'),
    column('channel', 'string', 'sms, chat, x, voice, web (Open311)'),
    column('provider', 'string', 'twilio, aws-eum, ...'),
    column('received_at', 'string', 'UTC ISO instant'),
    column('kst_day', 'string', 'KST day of received_at (YYYY-MM-DD)'),
    column('language', 'string', 'detected language'),
    column('text_masked', 'string', 'the text as received, phone and resident registration numbers masked'),
    column('over_length', 'boolean', 'longer than 1,000 characters'),
    column('translation_status', 'string', 'not_needed, pending, done, unavailable, failed'),
    column('translation_provider', 'string', 'which service translated it'),
    column('translation_masked', 'string', 'the Korean translation, numbers masked'),
    column('attachments', 'int', 'stored attachments'),
    column('refused_attachments', 'int', 'attachments refused at intake'),
    column('redacted', 'boolean', 'the provider content was removed (X deletion)'),
    column('edits', 'int', 'how many times the author edited it (X)'),
    column('self_service_case_id', 'string', 'the knowledge case of the self-service answer the citizen wrote from ("this did not help"), when any'),
  ],
};

export const STATUS_EVENTS_TABLE: ExportTable = {
  view: 'status_events',
  versions: 'status_event_versions',
  source: 'complaints',
  description: 'status history of complaints (append-only): who, when, from, to, why',
  columns: [
    column('complaint_id', 'string', 'cmp_...'),
    column('event_id', 'string', 'v000001 is the creation'),
    column('changed_at', 'string', 'UTC ISO instant'),
    column('kst_day', 'string', 'KST day of changed_at (YYYY-MM-DD)'),
    column('actor', 'string', "system, citizen, connect, counselor:<username>"),
    column('from_status', 'string', 'status before (null at creation)'),
    column('to_status', 'string', 'status after'),
    column('reason_masked', 'string', 'the reason, numbers masked'),
    column('deadline_change', 'string', 'petition-type-changed or deadline-extended, when the entry changes the deadline'),
  ],
};

export const REPLIES_TABLE: ExportTable = {
  view: 'replies',
  versions: 'reply_versions',
  source: 'complaints',
  description: 'counselor replies and their delivery',
  columns: [
    column('reply_id', 'string', 'the id the console chose'),
    column('complaint_id', 'string', 'cmp_...'),
    column('channel', 'string', 'the channel it left on'),
    column('created_at', 'string', 'UTC ISO instant'),
    column('kst_day', 'string', 'KST day of created_at (YYYY-MM-DD)'),
    column('counselor', 'string', 'username of the counselor who wrote it'),
    column('language', 'string', 'the language it was sent in'),
    column('delivery', 'string', 'pending, sent, failed, undeliverable'),
    column('text_ko_masked', 'string', 'the Korean text the counselor wrote, numbers masked'),
  ],
};

export const ACCESS_RECORDS_TABLE: ExportTable = {
  view: 'access_records',
  versions: 'access_record_versions',
  source: 'audit',
  description: 'access records of personal data (the audit trail, ADR 0018)',
  columns: [
    column('event_id', 'string', 'aud_...'),
    column('accessed_at', 'string', 'when API Gateway received the request (UTC ISO)'),
    column('kst_day', 'string', 'the chain day (KST, YYYY-MM-DD)'),
    column('actor_subject', 'string', "the token's sub, or the IAM caller's ARN"),
    column('actor_username', 'string', 'the staff username'),
    column('role', 'string', 'counselor, supervisor, auditor, none'),
    column('source_ip', 'string', 'the source address API Gateway saw'),
    column('action', 'string', 'complaint.read, reply.send, citizen.unmask, ...'),
    column('outcome', 'string', 'allowed or refused'),
    column('refusal', 'string', 'unauthenticated (401) or forbidden (403)'),
    column('route', 'string', 'route template'),
    column('request_id', 'string', "API Gateway's request id"),
    column('complaint_id', 'string', 'the complaint, where there is one'),
    column('citizen_key_hash', 'string', 'keyed hash of the citizen handle, where there is one'),
    column('reason', 'string', 'the reason given (numbers masked)'),
    column('result_count', 'int', 'items a list, search or export returned'),
    column('chain_shard', 'int', 'hash chain of the day the record sits in'),
    column('chain_seq', 'int', 'its position in the chain'),
    column('record_hash', 'string', 'its hash in the chain'),
  ],
};

export const EXPORT_TABLES: readonly ExportTable[] = [COMPLAINTS_TABLE, MESSAGES_TABLE, STATUS_EVENTS_TABLE, REPLIES_TABLE, ACCESS_RECORDS_TABLE];

/** Versions table columns in file order. */
export function versionColumns(table: ExportTable): readonly ExportColumn[] {
  return [...VERSION_COLUMNS, ...table.columns];
}

export const DUCKDB_TYPES: Record<ColumnType, string> = { string: 'VARCHAR', bigint: 'BIGINT', int: 'INTEGER', boolean: 'BOOLEAN' };
