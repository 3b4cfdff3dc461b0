import type { RecordedRole } from './model.ts';
import type { ActorDaySummary, ActorReview, MonthlyReview, ReviewFlag, ReviewPolicy, WorkingHours } from './review-model.ts';
import { emptyTally, type ActorTally } from './summarize-day.ts';

/** ISO weekday (1 = Monday) of a KST day. */
function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Records of the day's hour histogram that fall outside working hours. */
export function outsideWorkingHours(day: string, hours: readonly number[], policy: WorkingHours): number {
  const dayOff = !policy.weekdays.includes(isoWeekday(day)) || policy.holidays.includes(day);
  return hours.reduce((sum, count, hour) => (dayOff || hour < policy.startHour || hour >= policy.endHour ? sum + count : sum), 0);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Accumulated extends ActorTally {
  outside: number;
}

const ROLE_ORDER: readonly RecordedRole[] = ['counselor', 'supervisor', 'auditor', 'none'];

function primaryRole(roles: Partial<Record<RecordedRole, number>>): RecordedRole {
  let best: RecordedRole = 'none';
  let bestCount = -1;
  for (const role of ROLE_ORDER) {
    const count = roles[role] ?? 0;
    if (count > bestCount) {
      best = role;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The monthly review from per-actor day summaries. Flag rules (docs/operations/auditing.md):
 * - many-citizens: distinct citizens > factor × the median of the actor's peers (the other actors
 *   whose primary role is the same), at least `minimum` of them, and at least `minPeers` peers;
 * - repeated-refusals: at least `minimum` refused attempts in the month.
 */
export function reviewMonth(month: string, summaries: readonly ActorDaySummary[], policy: ReviewPolicy, days: MonthlyReview['days']): MonthlyReview {
  const actors = new Map<string, Accumulated>();
  for (const summary of summaries) {
    let actor = actors.get(summary.subject);
    if (!actor) {
      actor = { ...emptyTally(summary.subject, summary.username), outside: 0 };
      actors.set(summary.subject, actor);
    }
    for (const [role, count] of Object.entries(summary.roles) as Array<[RecordedRole, number]>) actor.roles[role] = (actor.roles[role] ?? 0) + count;
    actor.records += summary.records;
    actor.refused += summary.refused;
    for (const citizen of summary.citizens) actor.citizens.add(citizen);
    actor.unmasks.push(...summary.unmasks);
    actor.exports += summary.exports;
    actor.statisticsDownloads += summary.statisticsDownloads;
    actor.outside += outsideWorkingHours(summary.day, summary.hours, policy.workingHours);
  }

  const all = [...actors.values()].map((actor) => ({ actor, role: primaryRole(actor.roles) }));
  const medians: Partial<Record<RecordedRole, number>> = {};
  for (const role of ROLE_ORDER) {
    const counts = all.filter((entry) => entry.role === role).map((entry) => entry.actor.citizens.size);
    if (counts.length > 0) medians[role] = median(counts);
  }

  const reviews: ActorReview[] = all.map(({ actor, role }) => {
    const flags: ReviewFlag[] = [];
    const distinct = actor.citizens.size;
    const peers = all.filter((entry) => entry.role === role && entry.actor !== actor).map((entry) => entry.actor.citizens.size);
    const rule = policy.manyCitizens;
    if (role !== 'none' && peers.length >= rule.minPeers && distinct >= rule.minimum) {
      const peerMedian = median(peers);
      if (distinct > rule.factor * peerMedian) {
        flags.push({ rule: 'many-citizens', detail: `${distinct} distinct citizens, more than ${rule.factor} × the median of ${peers.length} ${role} peers (${peerMedian})` });
      }
    }
    if (actor.refused >= policy.repeatedRefusals.minimum) {
      flags.push({ rule: 'repeated-refusals', detail: `${actor.refused} refused attempts (threshold ${policy.repeatedRefusals.minimum})` });
    }
    return {
      subject: actor.subject,
      username: actor.username,
      role,
      records: actor.records,
      refused: actor.refused,
      distinctCitizens: distinct,
      unmasks: actor.unmasks.sort((a, b) => a.at.localeCompare(b.at)),
      exports: actor.exports,
      statisticsDownloads: actor.statisticsDownloads,
      outsideWorkingHours: actor.outside,
      flags,
    };
  });
  reviews.sort((a, b) => b.flags.length - a.flags.length || b.records - a.records || a.subject.localeCompare(b.subject));
  return { month, policy, days, medians, actors: reviews };
}
