import type { RecordedRole } from './model.ts';

/** One unmask, as the monthly review lists it: when, whose, why. */
export interface UnmaskEntry {
  readonly at: string;
  readonly eventId: string;
  readonly complaintId?: string;
  readonly citizenKeyHash?: string;
  readonly reason: string;
}

/**
 * One actor's day, kept so a monthly review reads 30 small items per actor instead of every
 * record. Policy-free: working hours are applied to the hour histogram when the review is made.
 */
export interface ActorDaySummary {
  readonly day: string;
  readonly subject: string;
  readonly username: string;
  /** Records per role the actor acted under (a supervisor may also act as counselor). */
  readonly roles: Partial<Record<RecordedRole, number>>;
  readonly records: number;
  readonly refused: number;
  /**
   * Distinct citizens touched, as the first 16 characters (96 bits) of their key hash: enough to
   * count distinct citizens across a month without holding the full hash twice.
   */
  readonly citizens: readonly string[];
  readonly unmasks: readonly UnmaskEntry[];
  readonly exports: number;
  readonly statisticsDownloads: number;
  /** Records per KST hour of the day (24 entries). */
  readonly hours: readonly number[];
}

export const CITIZEN_PREFIX_LENGTH = 16;

/** When staff normally work; accesses outside it are counted per actor. */
export interface WorkingHours {
  /** First working hour (KST, 0-23). */
  readonly startHour: number;
  /** First hour after work (KST, 1-24). */
  readonly endHour: number;
  /** ISO weekdays worked: 1 = Monday ... 7 = Sunday. */
  readonly weekdays: readonly number[];
  /** KST days off (public holidays), YYYY-MM-DD. */
  readonly holidays: readonly string[];
}

export interface ReviewPolicy {
  readonly workingHours: WorkingHours;
  /**
   * Flag an actor who touched more distinct citizens than `factor` × the median of their peers
   * (same primary role), once they touched at least `minimum` and have at least `minPeers` peers.
   */
  readonly manyCitizens: { readonly factor: number; readonly minimum: number; readonly minPeers: number };
  /** Flag an actor refused at least this many times in the month (403s: probing for access). */
  readonly repeatedRefusals: { readonly minimum: number };
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  workingHours: { startHour: 9, endHour: 18, weekdays: [1, 2, 3, 4, 5], holidays: [] },
  manyCitizens: { factor: 3, minimum: 30, minPeers: 2 },
  repeatedRefusals: { minimum: 10 },
};

export type ReviewFlagRule = 'many-citizens' | 'repeated-refusals';

export interface ReviewFlag {
  readonly rule: ReviewFlagRule;
  readonly detail: string;
}

export interface ActorReview {
  readonly subject: string;
  readonly username: string;
  /** The role most of the actor's records were made under. */
  readonly role: RecordedRole;
  readonly records: number;
  readonly refused: number;
  readonly distinctCitizens: number;
  readonly unmasks: readonly UnmaskEntry[];
  readonly exports: number;
  readonly statisticsDownloads: number;
  readonly outsideWorkingHours: number;
  readonly flags: readonly ReviewFlag[];
}

export interface MonthlyReview {
  readonly month: string;
  readonly policy: ReviewPolicy;
  /** Days read from the digest job's summaries, and days computed from the records (not yet sealed). */
  readonly days: { readonly summarized: readonly string[]; readonly computed: readonly string[] };
  /** Median distinct citizens per primary role: what the many-citizens rule compares against. */
  readonly medians: Partial<Record<RecordedRole, number>>;
  /** Flagged actors first, then by records. */
  readonly actors: readonly ActorReview[];
}
