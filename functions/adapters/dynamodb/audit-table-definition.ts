/**
 * The audit table's physical shape, shared by the CDK construct (lib/constructs/audit-trail.ts),
 * the local gateway (ensureAuditTable) and the store adapter. Its own table, apart from the
 * complaint table, so that IAM can grant it append-only. See docs/adr/0018-audit-trail-hash-chains.md.
 */
export const AUDIT_TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * Event id within a chain partition. A local index, because only a local index reads strongly
 * consistently: a retried event must find the slot its earlier attempt took, at once.
 */
export const AUDIT_EVENT_LSI = { indexName: 'lsi1-event', sortKey: 'eventId' } as const;

export interface AuditGsiDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly purpose: string;
}

/** Listing indexes; all share the sort key `<at UTC ISO>#<eventId>`, so one cursor resumes any of them. */
export const AUDIT_GSIS = {
  byDay: { indexName: 'gsi1-day', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'every record of a KST day (listing by time)' },
  byActor: { indexName: 'gsi2-actor', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', purpose: "one actor's records (username)" },
  byAction: { indexName: 'gsi3-action', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', purpose: 'one action, e.g. every unmask' },
  byComplaint: { indexName: 'gsi4-complaint', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', purpose: "who read or changed one complaint" },
} as const satisfies Record<string, AuditGsiDefinition>;

export const ALL_AUDIT_GSIS: readonly AuditGsiDefinition[] = Object.values(AUDIT_GSIS);

/** Every index name, for grants. */
export const AUDIT_INDEX_NAMES: readonly string[] = [AUDIT_EVENT_LSI.indexName, ...ALL_AUDIT_GSIS.map((gsi) => gsi.indexName)];
