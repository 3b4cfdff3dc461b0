import type { Clock, Log } from '../ports/runtime.ts';
import { kstDay } from '../kst.ts';
import type { ComplianceSweepState, GoneReason, StoredMentions, XComplianceJobs } from './ports.ts';

/*
 * One step of X's batch compliance for every held mention (docs.x.com x-api/compliance/batch-compliance):
 * a pending job is checked and, once complete, its results applied; with none pending and none
 * submitted today, all held ids are uploaded in a new job. Results list only ids with an event;
 * `scrub_geo` needs nothing (no location is stored).
 */

export type ComplianceJobStep = 'submitted' | 'waiting' | 'applied' | 'submitted-today' | 'nothing-held' | 'rate-limited' | 'job-failed';

export interface ComplianceJobOutcome {
  step: ComplianceJobStep;
  submittedIds?: number;
  redacted: Partial<Record<GoneReason, number>>;
}

const REASONS: Readonly<Record<string, GoneReason>> = { deleted: 'deleted', protected: 'protected', suspended: 'suspended', bounced: 'removed' };

export interface ComplianceJobDeps {
  jobs: XComplianceJobs;
  state: ComplianceSweepState;
  /** Every held mention, however old: the whole kept store. */
  stored: StoredMentions;
  clock: Clock;
  log: Log;
}

export async function stepComplianceJob(deps: ComplianceJobDeps): Promise<ComplianceJobOutcome> {
  const today = kstDay(deps.clock.now());
  const { pending, lastSubmittedDay } = await deps.state.getComplianceJob();
  const outcome: ComplianceJobOutcome = { step: 'waiting', redacted: {} };
  if (pending) {
    const job = await deps.jobs.status(pending.jobId);
    if ('kind' in job) return { ...outcome, step: 'rate-limited' };
    if (job.status === 'created' || job.status === 'in_progress') return outcome;
    if (job.status === 'complete') {
      const at = deps.clock.now();
      for (const event of await deps.jobs.results(pending.downloadUrl)) {
        const reason = REASONS[event.reason];
        if (reason === undefined) continue;
        await deps.stored.redactMentionText(event.id, reason, at);
        outcome.redacted[reason] = (outcome.redacted[reason] ?? 0) + 1;
      }
      await deps.state.clearComplianceJob(pending.jobId);
      deps.log.info('x compliance job applied', { jobId: pending.jobId, ...outcome.redacted });
      return { ...outcome, step: 'applied' };
    }
    deps.log.warn('x compliance job did not complete; submitting a new one', { jobId: pending.jobId, status: job.status });
    await deps.state.clearComplianceJob(pending.jobId);
    outcome.step = 'job-failed';
  } else if (lastSubmittedDay === today) {
    return { ...outcome, step: 'submitted-today' };
  }

  const ids: string[] = [];
  for await (const page of deps.stored.listMentionIds()) ids.push(...page);
  if (ids.length === 0) return { ...outcome, step: outcome.step === 'job-failed' ? 'job-failed' : 'nothing-held' };
  const created = await deps.jobs.create();
  if ('kind' in created) return { ...outcome, step: 'rate-limited' };
  await deps.jobs.upload(created.uploadUrl, ids);
  await deps.state.saveComplianceJob({ jobId: created.id, downloadUrl: created.downloadUrl, submittedDay: today });
  deps.log.info('x compliance job submitted', { jobId: created.id, ids: ids.length });
  return { ...outcome, step: 'submitted', submittedIds: ids.length };
}
