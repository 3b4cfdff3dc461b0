import type { EventPublisher } from '../ports/events.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Log } from '../ports/runtime.ts';
import {
  dueCalls,
  recordHappyCallOutcome,
  optOutHappyCall,
  type ConsentSource,
  type DueCall,
  type HappyCallAttempt,
  type HappyCallOutcome,
  type HappyCallRegistration,
} from './happy-call.ts';
import type { RoutedLanguage } from './language-routing.ts';

export type ClaimResult = 'claimed' | 'taken';

/** Storage of happy-call registrations; every write is a single conditional write. */
export interface HappyCallRepository {
  /** 'exists' when a registration with this id is already stored (the stored one is kept). */
  register(registration: HappyCallRegistration): Promise<'created' | 'exists'>;
  get(registrationId: string): Promise<HappyCallRegistration | undefined>;
  /** Active registrations only (opted-out ones are excluded by the store). */
  listActive(): Promise<HappyCallRegistration[]>;
  /** Claims a slot only if the registration is still active and the slot unused. */
  claimSlot(registrationId: string, attempt: HappyCallAttempt): Promise<ClaimResult>;
  /** Gives a slot back after the call could not be placed, so the next run retries it. */
  releaseSlot(registrationId: string, slot: string): Promise<void>;
  /** Stores the attempt outcome and, for an opt-out, the opted-out state; idempotent. */
  saveOutcome(registration: HappyCallRegistration, slot: string): Promise<void>;
  optOut(registrationId: string, optedOut: { at: string; source: ConsentSource | 'happy-call' }): Promise<void>;
}

export interface OutboundVoiceCaller {
  start(request: { destinationE164: string; language: RoutedLanguage; registrationId: string; slot: string; clientToken: string }): Promise<{ contactId: string }>;
}

export interface HappyCallDeps {
  repository: HappyCallRepository;
  caller: OutboundVoiceCaller;
  pii: PiiProtector;
  log: Log;
  /** Told of calls placed and their outcomes (statistics); absent: nobody is. */
  events?: EventPublisher;
}

/** At least once and never in the way: a failed publish is logged; the reconciliation recounts the day. */
async function announceCall(deps: Pick<HappyCallDeps, 'events' | 'log'>, registrationId: string, slot: string, at: Date): Promise<void> {
  try {
    await deps.events?.publish([{ type: 'happy_call.changed', registrationId, slot, at: at.toISOString() }]);
  } catch (error) {
    deps.log.warn('happy call not announced', { registrationId, errorName: error instanceof Error ? error.name : 'unknown' });
  }
}

export interface SchedulerRun {
  due: DueCall[];
  started: Array<{ registrationId: string; slot: string; contactId: string }>;
  skipped: Array<{ registrationId: string; reason: string }>;
}

/**
 * One scheduler run (EventBridge Scheduler invokes it every few minutes): computes due calls,
 * claims each slot with a conditional write, then starts the outbound call with a ClientToken
 * derived from registration and slot. If the call cannot be started the slot is released and the
 * error rethrown, so the invocation is retried instead of the call being silently dropped.
 */
export async function runHappyCallScheduler(deps: HappyCallDeps, now: Date): Promise<SchedulerRun> {
  const registrations = await deps.repository.listActive();
  const due = dueCalls(registrations, now);
  const run: SchedulerRun = { due, started: [], skipped: [] };
  const byId = new Map(registrations.map((r) => [r.registrationId, r]));
  for (const call of due) {
    const registration = byId.get(call.registrationId) as HappyCallRegistration;
    const claim = await deps.repository.claimSlot(call.registrationId, { slot: call.slot, week: call.week, claimedAt: now.toISOString() });
    if (claim === 'taken') {
      run.skipped.push({ registrationId: call.registrationId, reason: 'slot already claimed or registration no longer active' });
      continue;
    }
    try {
      const { contactId } = await deps.caller.start({
        destinationE164: deps.pii.open(registration.citizen.sealed),
        language: call.language,
        registrationId: call.registrationId,
        slot: call.slot,
        clientToken: call.clientToken,
      });
      run.started.push({ registrationId: call.registrationId, slot: call.slot, contactId });
      await announceCall(deps, call.registrationId, call.slot, now);
    } catch (error) {
      await deps.repository.releaseSlot(call.registrationId, call.slot);
      deps.log.error('happy call could not be started; slot released for the next run', {
        registrationId: call.registrationId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw error;
    }
  }
  return run;
}

/** Outcome reported by the happy-call flow Lambda or derived from a contact event. */
export async function recordOutcome(
  deps: Pick<HappyCallDeps, 'repository'> & Partial<Pick<HappyCallDeps, 'events' | 'log'>>,
  report: { registrationId: string; slot: string; outcome: HappyCallOutcome; at: Date; contactId?: string },
): Promise<HappyCallRegistration | undefined> {
  const registration = await deps.repository.get(report.registrationId);
  if (!registration) return undefined;
  if (!registration.attempts[report.slot]) {
    // An opt-out must never be lost, even when the slot record is missing.
    if (report.outcome === 'opted_out') {
      const optedOut = optOutHappyCall(registration, { at: report.at, source: 'happy-call' });
      if (optedOut.optedOut) await deps.repository.optOut(report.registrationId, optedOut.optedOut);
      return optedOut;
    }
    return registration;
  }
  const updated = recordHappyCallOutcome(registration, report);
  await deps.repository.saveOutcome(updated, report.slot);
  if (deps.log) await announceCall({ log: deps.log, ...(deps.events ? { events: deps.events } : {}) }, report.registrationId, report.slot, report.at);
  return updated;
}
