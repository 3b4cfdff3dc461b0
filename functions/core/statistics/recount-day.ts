import { complaintContribution } from './complaint-contribution.ts';
import { happyCallContribution } from './happy-call-contribution.ts';
import { mapLimit } from './map-limit.ts';
import { messageContribution } from './message-contribution.ts';
import { ROLLUP_KINDS, type Contribution, type RollupKind } from './model.ts';
import type { StatisticsSources } from './ports.ts';
import { reservationContribution } from './reservation-contribution.ts';
import { isEmpty } from './counters.ts';

/** Reads in flight while recounting (one complaint partition each). */
export const RECOUNT_CONCURRENCY = 16;

/**
 * Every contribution to one KST day, computed from the raw items alone (no rollup, no ledger):
 * the reconciliation's truth, and the bench's comparison.
 */
export async function recountDay(sources: StatisticsSources, day: string, concurrency = RECOUNT_CONCURRENCY): Promise<Record<RollupKind, Contribution[]>> {
  const [complaintIds, contacts, reservations, registrations] = await Promise.all([
    sources.complaintsCreatedOn(day),
    sources.contactsReceivedOn(day),
    sources.reservationsOn(day),
    sources.happyCallRegistrations(),
  ]);
  const details = await mapLimit(complaintIds, concurrency, (id) => sources.complaintDetail(id));
  const out: Record<RollupKind, Contribution[]> = Object.fromEntries(ROLLUP_KINDS.map((kind) => [kind, []])) as unknown as Record<RollupKind, Contribution[]>;
  const keep = (c: Contribution) => {
    if (c.bucket.day === day && !isEmpty(c.counters)) out[c.bucket.kind].push(c);
  };
  for (const detail of details) if (detail) keep(complaintContribution(detail));
  for (const contact of contacts) keep(messageContribution(contact));
  for (const reservation of reservations) keep(reservationContribution(reservation));
  for (const registration of registrations) if (registration.attempts[day]) keep(happyCallContribution(registration, day));
  return out;
}
