import type { VersionedComplaint } from '../ports/complaint-repository.ts';

export interface OverdueQuery {
  /** UTC ISO: complaints whose due time is before this are overdue. */
  now: string;
  limit: number;
  /** Opaque, from a previous page's nextCursor with the same `now`. */
  cursor?: string;
}

export interface OverduePage {
  /** Earliest due first. */
  items: VersionedComplaint[];
  nextCursor?: string;
}

/** Open complaints by due time (the complaint table's gsi4, docs/adr/0002-single-table-design.md). */
export interface OverdueComplaintIndex {
  listOverdue(query: OverdueQuery): Promise<OverduePage>;
  countOverdue(now: string): Promise<number>;
}
