/**
 * The complaint table's physical shape, shared by the CDK construct, the local gateway
 * (which creates the same table in the embedded store) and the repository adapter.
 * See docs/adr/0002-single-table-design.md.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Attribute holding the epoch-seconds expiry of short-lived items (connections, leases). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface GsiDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** What it serves, for docs and the ADR. */
  purpose: string;
}

export const GSIS = {
  byStatus: {
    indexName: 'gsi1-status-age',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    purpose: 'open complaints by status and age (counselor queue)',
  },
  byChannelDay: {
    indexName: 'gsi2-channel-day',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    purpose: 'complaints by channel and day (auditors, statistics)',
  },
  byCitizen: {
    indexName: 'gsi3-citizen',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    purpose: 'complaints by hashed citizen handle (history)',
  },
  // Sparse: only open complaints carry gsi4pk (docs/adr/0016-petition-types-and-deadlines.md).
  byOpenDue: {
    indexName: 'gsi4-open-due',
    partitionKey: 'gsi4pk',
    sortKey: 'gsi4sk',
    purpose: 'open complaints by due time (overdue list and alarm)',
  },
} as const satisfies Record<string, GsiDefinition>;

export const ALL_GSIS: readonly GsiDefinition[] = Object.values(GSIS);
