import type { Bucket } from '../../core/statistics/model.ts';

/*
 * Statistics items in the complaint table (docs/adr/0023-statistics-rollups.md):
 *   pk STATS#<YYYY-MM>            sk <day>#<kind>   a day's rollup: counters `c.<name>`, `writes`, in-flight tokens `t.<token>`
 *   pk STATS#<YYYY-MM>            sk <day>#voice    Amazon Connect's queue metrics of the day (AWS only)
 *   pk STATLEDGER#<day>#<kind>    sk <entityId>     what one entity has added to that rollup (rev, applied, pending)
 * A month partition keeps a quarter's query to three reads; a ledger partition is one day's
 * entities of one kind, which the reconciliation lists.
 */
export const rollupPartition = (day: string): string => `STATS#${day.slice(0, 7)}`;
export const rollupKey = (bucket: Bucket) => ({ pk: rollupPartition(bucket.day), sk: `${bucket.day}#${bucket.kind}` });
export const voiceKey = (day: string) => ({ pk: rollupPartition(day), sk: `${day}#voice` });
export const ledgerPartition = (bucket: Bucket): string => `STATLEDGER#${bucket.day}#${bucket.kind}`;
export const ledgerKey = (bucket: Bucket, entityId: string) => ({ pk: ledgerPartition(bucket), sk: entityId });

/** Rollup attribute prefixes: a counter, an in-flight token. */
export const COUNTER_PREFIX = 'c.';
export const TOKEN_PREFIX = 't.';
