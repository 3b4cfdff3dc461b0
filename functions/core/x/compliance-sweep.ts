import { kstDay } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { isLookupAge } from './compliance-schedule.ts';
import { stepComplianceJob, type ComplianceJobOutcome } from './compliance-jobs.ts';
import type { ComplianceSweepState, PollerStateStore, StoredMentions, XComplianceJobs, XTweetLookup } from './ports.ts';
import { noneRedacted, redactDeletedMentions, type RedactionResult } from './redact-deleted-mentions.ts';

/*
 * The compliance sweep (docs/adr: X compliance and read budgets), run hourly:
 * 1. batch compliance jobs, when the tier has them: every held mention, whatever its age, is
 *    checked once a day for deletes, protections and suspensions without spending post reads;
 * 2. once per KST day, lookups (billed reads, the sweep's own budget) of the mentions whose age
 *    is due on the decaying schedule: they also catch withheld posts, which jobs do not report,
 *    and are the only check when jobs are off.
 */

export interface ComplianceSweepDeps {
  stored: StoredMentions;
  lookup: XTweetLookup;
  /** Null when batch compliance is off (config) or not on the tier. */
  jobs: XComplianceJobs | null;
  state: ComplianceSweepState;
  budget: Pick<PollerStateStore, 'reserveReads' | 'refundReads'>;
  limits: Pick<PollerStateStore, 'getState' | 'recordRateLimit' | 'recordUsageCap'>;
  clock: Clock;
  log: Log;
}

export interface ComplianceSweepResult extends Omit<RedactionResult, 'outcome'> {
  /** The lookup pass: its outcome, or `done-today` when today's pass already ran. */
  outcome: RedactionResult['outcome'] | 'done-today';
  job: ComplianceJobOutcome | { step: 'disabled' };
}

export async function sweepCompliance(deps: ComplianceSweepDeps, config: { monthlyReadBudget: number }): Promise<ComplianceSweepResult> {
  const job = deps.jobs ? await stepComplianceJob({ ...deps, jobs: deps.jobs }) : ({ step: 'disabled' } as const);
  const jobRedacted = 'redacted' in job ? job.redacted : {};
  const today = kstDay(deps.clock.now());
  if (!(await deps.state.claimLookupDay(today))) {
    return { outcome: 'done-today', checked: 0, redacted: { ...noneRedacted(), ...jobRedacted }, job };
  }
  const lookups = await redactDeletedMentions(deps, { monthlyReadBudget: config.monthlyReadBudget, due: isLookupAge });
  const redacted = noneRedacted();
  for (const reason of Object.keys(redacted) as (keyof typeof redacted)[]) redacted[reason] = lookups.redacted[reason] + (jobRedacted[reason] ?? 0);
  return { ...lookups, redacted, job };
}
