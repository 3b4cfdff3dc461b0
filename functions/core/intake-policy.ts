import { workingCalendar, type WorkingCalendar } from './deadlines/working-time.ts';

/**
 * Tunables of the intake and translation pipeline. Defaults are the service's promises;
 * wiring may override them per stage.
 */
export interface IntakePolicy {
  /**
   * Working days and public holidays the due date of a new complaint is counted in (its
   * petition type's period, docs/operations/deadlines.md). Wiring passes the stage's holiday
   * table; the default knows weekends only.
   */
  calendar: WorkingCalendar;
  /** Delay of the first deferred translation attempt; doubles per attempt. */
  translationBaseDelaySeconds: number;
  /** Deferred translation attempts before the translation is recorded as failed. */
  translationMaxAttempts: number;
}

export const DEFAULT_INTAKE_POLICY: IntakePolicy = {
  calendar: workingCalendar([]),
  translationBaseDelaySeconds: 30,
  translationMaxAttempts: 8,
};

/** SQS caps DelaySeconds at 900. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** Delay before deferred translation attempt `attempt` (1-based): exponential, capped at 900 s. */
export function translationRetryDelaySeconds(attempt: number, policy: IntakePolicy = DEFAULT_INTAKE_POLICY): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(MAX_QUEUE_DELAY_SECONDS, policy.translationBaseDelaySeconds * 2 ** Math.min(exponent, 20));
}

export function resolvePolicy(overrides: Partial<IntakePolicy> | undefined): IntakePolicy {
  return { ...DEFAULT_INTAKE_POLICY, ...overrides };
}
