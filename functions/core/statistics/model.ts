import type { Counters } from './counters.ts';

/**
 * Statistics are kept per KST day in one rollup per kind (docs/operations/statistics.md):
 * - contacts      inbound messages, on the day they were received;
 * - complaints    complaints, on the day they were created (a cohort: their current status,
 *                 first answer, first-contact resolution and satisfaction);
 * - reservations  sign-language reservations, on the day of their slot;
 * - happy-calls   foreigner happy calls placed, on the day of the call.
 */
export const ROLLUP_KINDS = ['contacts', 'complaints', 'reservations', 'happy-calls'] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

export interface Bucket {
  /** KST day, YYYY-MM-DD. */
  readonly day: string;
  readonly kind: RollupKind;
}

/** The raw item a contribution is computed from; events and the reconciliation name it. */
export type EntityRef =
  | { readonly kind: 'complaint'; readonly complaintId: string }
  | { readonly kind: 'message'; readonly complaintId: string; readonly messageId: string }
  | { readonly kind: 'reservation'; readonly reservationId: string }
  | { readonly kind: 'happy-call'; readonly registrationId: string; readonly slot: string };

/** What one counted thing adds to one day's rollup; recomputed from its raw items whenever they change. */
export interface Contribution {
  readonly ref: EntityRef;
  /** Stable per entity: the ledger key and the in-flight token prefix. */
  readonly entityId: string;
  readonly bucket: Bucket;
  readonly counters: Counters;
}

export function entityIdOf(ref: EntityRef): string {
  switch (ref.kind) {
    case 'complaint':
      return ref.complaintId;
    case 'message':
      return ref.messageId;
    case 'reservation':
      return ref.reservationId;
    case 'happy-call':
      return `${ref.registrationId}#${ref.slot}`;
  }
}

export const bucketKey = (bucket: Bucket): string => `${bucket.day}#${bucket.kind}`;
