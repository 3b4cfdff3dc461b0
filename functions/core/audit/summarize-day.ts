import type { AccessRecord, RecordedRole } from './model.ts';
import { CITIZEN_PREFIX_LENGTH, type ActorDaySummary, type UnmaskEntry } from './review-model.ts';

const KST_OFFSET_HOURS = 9;

function kstHour(at: string): number {
  return (new Date(at).getUTCHours() + KST_OFFSET_HOURS) % 24;
}

/** What is counted per actor, over a day here and over a month in the review. */
export interface ActorTally {
  subject: string;
  username: string;
  roles: Partial<Record<RecordedRole, number>>;
  records: number;
  refused: number;
  citizens: Set<string>;
  unmasks: UnmaskEntry[];
  exports: number;
  statisticsDownloads: number;
}

export function emptyTally(subject: string, username: string): ActorTally {
  return { subject, username, roles: {}, records: 0, refused: 0, citizens: new Set(), unmasks: [], exports: 0, statisticsDownloads: 0 };
}

interface Tally extends ActorTally {
  hours: number[];
}

/** Folds a day's records into one summary per actor (by subject); feed with `add`, read with `summaries`. */
export class DaySummarizer {
  readonly #tallies = new Map<string, Tally>();

  constructor(readonly day: string) {}

  add(record: AccessRecord): void {
    let tally = this.#tallies.get(record.actorSubject);
    if (!tally) {
      tally = { ...emptyTally(record.actorSubject, record.actorUsername), hours: Array.from({ length: 24 }, () => 0) };
      this.#tallies.set(record.actorSubject, tally);
    }
    tally.records += 1;
    tally.roles[record.role] = (tally.roles[record.role] ?? 0) + 1;
    tally.hours[kstHour(record.at)] = (tally.hours[kstHour(record.at)] ?? 0) + 1;
    if (record.outcome === 'refused') {
      tally.refused += 1;
      return;
    }
    if (record.citizenKeyHash) tally.citizens.add(record.citizenKeyHash.slice(0, CITIZEN_PREFIX_LENGTH));
    if (record.action === 'export') tally.exports += 1;
    if (record.action === 'statistics.download') tally.statisticsDownloads += 1;
    if (record.action === 'citizen.unmask') {
      tally.unmasks.push({
        at: record.at,
        eventId: record.eventId,
        ...(record.complaintId ? { complaintId: record.complaintId } : {}),
        ...(record.citizenKeyHash ? { citizenKeyHash: record.citizenKeyHash } : {}),
        reason: record.reason ?? '',
      });
    }
  }

  summaries(): ActorDaySummary[] {
    return [...this.#tallies.values()]
      .sort((a, b) => a.subject.localeCompare(b.subject))
      .map((tally) => ({
        day: this.day,
        subject: tally.subject,
        username: tally.username,
        roles: tally.roles,
        records: tally.records,
        refused: tally.refused,
        citizens: [...tally.citizens].sort(),
        unmasks: tally.unmasks.sort((a, b) => a.at.localeCompare(b.at)),
        exports: tally.exports,
        statisticsDownloads: tally.statisticsDownloads,
        hours: tally.hours,
      }));
  }
}
