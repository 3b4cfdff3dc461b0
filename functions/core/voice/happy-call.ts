import type { ProtectedHandle } from '../model.ts';
import type { RoutedLanguage } from './language-routing.ts';

/**
 * Foreigner "happy call": a weekly courtesy call, in the citizen's language, to people who asked
 * for it. Pure rules: registration with recorded consent, immediate opt-out, which calls are due
 * (Asia/Seoul time, 09:00-20:00 only, never without consent or after opt-out, never twice in the
 * same slot) and outcome recording.
 */

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type ConsentSource = 'voice' | 'sms' | 'chat' | 'web' | 'counselor' | 'visit';
export type HappyCallOutcome = 'answered' | 'no_answer' | 'opted_out';

export interface HappyCallConsent {
  givenAt: string;
  source: ConsentSource;
  /** Who recorded it: 'citizen' for self-service, 'counselor:<id>' otherwise. */
  recordedBy: string;
}

export interface HappyCallSchedule {
  weekdays: Weekday[];
  /** Local Seoul time window, HH:MM 24-hour; calls are further limited to the allowed hours. */
  window: { start: string; end: string };
  perWeek: 1 | 2;
}

export interface HappyCallAttempt {
  slot: string;
  /** ISO week (Seoul) the slot belongs to, e.g. 2025-W02: counts toward perWeek. */
  week: string;
  claimedAt: string;
  contactId?: string;
  outcome?: HappyCallOutcome;
  outcomeAt?: string;
}

export interface HappyCallRegistration {
  registrationId: string;
  citizen: ProtectedHandle;
  language: RoutedLanguage;
  consent: HappyCallConsent;
  schedule: HappyCallSchedule;
  status: 'active' | 'opted_out';
  optedOut?: { at: string; source: ConsentSource | 'happy-call' };
  createdAt: string;
  updatedAt: string;
  /** Attempts by slot. */
  attempts: Record<string, HappyCallAttempt>;
}

export interface DueCall {
  registrationId: string;
  slot: string;
  week: string;
  language: RoutedLanguage;
  /** Idempotency token for StartOutboundVoiceContact: one contact per registration and slot. */
  clientToken: string;
}

/** Calls are only placed between 09:00 and 20:00 Seoul time, whatever the citizen's window. */
export const ALLOWED_HOURS = { start: '09:00', end: '20:00' } as const;
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class HappyCallValidationError extends Error {
  override readonly name = 'HappyCallValidationError';
}

function minutes(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new HappyCallValidationError(`time must be HH:MM, got "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Seoul wall-clock parts of an instant (Korea has no daylight saving time). */
export function seoulTime(instant: Date): { day: string; weekday: Weekday; minuteOfDay: number; isoWeek: string } {
  const shifted = new Date(instant.getTime() + KST_OFFSET_MS);
  const day = shifted.toISOString().slice(0, 10);
  const weekday = (((shifted.getUTCDay() + 6) % 7) + 1) as Weekday;
  // ISO week: the week belongs to the year of its Thursday.
  const thursday = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate() + 4 - weekday));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return {
    day,
    weekday,
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    isoWeek: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`,
  };
}

export interface RegistrationInput {
  registrationId: string;
  citizen: ProtectedHandle;
  language: RoutedLanguage;
  consent: HappyCallConsent | null | undefined;
  schedule: HappyCallSchedule;
}

/** Validates and creates a registration; refuses one without consent or with no callable window. */
export function registerHappyCall(input: RegistrationInput, now: Date): HappyCallRegistration {
  if (!input.consent) throw new HappyCallValidationError('consent is required');
  if (Number.isNaN(Date.parse(input.consent.givenAt))) throw new HappyCallValidationError('consent time must be an ISO instant');
  if (Date.parse(input.consent.givenAt) > now.getTime()) throw new HappyCallValidationError('consent cannot be given in the future');
  const weekdays = [...new Set(input.schedule.weekdays)].sort();
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new HappyCallValidationError('weekdays must be a non-empty list of 1 (Monday) .. 7 (Sunday)');
  }
  if (input.schedule.perWeek !== 1 && input.schedule.perWeek !== 2) throw new HappyCallValidationError('perWeek must be 1 or 2');
  const start = Math.max(minutes(input.schedule.window.start), minutes(ALLOWED_HOURS.start));
  const end = Math.min(minutes(input.schedule.window.end), minutes(ALLOWED_HOURS.end));
  if (start >= end) throw new HappyCallValidationError('the time window must overlap 09:00-20:00 Seoul time');
  const at = now.toISOString();
  return {
    registrationId: input.registrationId,
    citizen: input.citizen,
    language: input.language,
    consent: input.consent,
    schedule: { ...input.schedule, weekdays },
    status: 'active',
    createdAt: at,
    updatedAt: at,
    attempts: {},
  };
}

/** Opt-out takes effect at once; repeating it keeps the first time. */
export function optOutHappyCall(
  registration: HappyCallRegistration,
  request: { at: Date; source: ConsentSource | 'happy-call' },
): HappyCallRegistration {
  if (registration.status === 'opted_out') return registration;
  const at = request.at.toISOString();
  return { ...registration, status: 'opted_out', optedOut: { at, source: request.source }, updatedAt: at };
}

/** Records how a call went; an opt-out pressed during the call also stops all later calls. */
export function recordHappyCallOutcome(
  registration: HappyCallRegistration,
  result: { slot: string; outcome: HappyCallOutcome; at: Date; contactId?: string },
): HappyCallRegistration {
  const attempt = registration.attempts[result.slot];
  if (!attempt) throw new HappyCallValidationError(`no call was placed in slot ${result.slot}`);
  const at = result.at.toISOString();
  // The first opt-out or answer wins over a later "no answer" report of the same call.
  const outcome = attempt.outcome === 'opted_out' || (attempt.outcome === 'answered' && result.outcome === 'no_answer') ? attempt.outcome : result.outcome;
  const updated: HappyCallRegistration = {
    ...registration,
    updatedAt: at,
    attempts: {
      ...registration.attempts,
      [result.slot]: { ...attempt, outcome, outcomeAt: attempt.outcomeAt && outcome === attempt.outcome ? attempt.outcomeAt : at, ...(result.contactId ? { contactId: result.contactId } : {}) },
    },
  };
  return result.outcome === 'opted_out' ? optOutHappyCall(updated, { at: result.at, source: 'happy-call' }) : updated;
}

/** The slot a call at this instant belongs to: one per registration and Seoul calendar day. */
export function happyCallSlot(now: Date): { slot: string; week: string } {
  const t = seoulTime(now);
  return { slot: t.day, week: t.isoWeek };
}

export function happyCallClientToken(registrationId: string, slot: string): string {
  return `happy-call-${registrationId}-${slot}`;
}

/** Why a registration is not due now; undefined when it is due. */
export function notDueReason(registration: HappyCallRegistration, now: Date): string | undefined {
  if (registration.status !== 'active' || registration.optedOut) return 'opted out';
  if (!registration.consent || Date.parse(registration.consent.givenAt) > now.getTime()) return 'no consent';
  const t = seoulTime(now);
  if (!registration.schedule.weekdays.includes(t.weekday)) return 'not a preferred day';
  const start = Math.max(minutes(registration.schedule.window.start), minutes(ALLOWED_HOURS.start));
  const end = Math.min(minutes(registration.schedule.window.end), minutes(ALLOWED_HOURS.end));
  if (t.minuteOfDay < start || t.minuteOfDay >= end) return 'outside the time window';
  if (registration.attempts[t.day]) return 'already called in this slot';
  const thisWeek = Object.values(registration.attempts).filter((a) => a.week === t.isoWeek).length;
  if (thisWeek >= registration.schedule.perWeek) return 'weekly calls already made';
  return undefined;
}

/** Calls to place now. Run every few minutes; claiming the slot (conditional write) makes it exactly once. */
export function dueCalls(registrations: readonly HappyCallRegistration[], now: Date): DueCall[] {
  const { slot, week } = happyCallSlot(now);
  return registrations
    .filter((r) => notDueReason(r, now) === undefined)
    .map((r) => ({ registrationId: r.registrationId, slot, week, language: r.language, clientToken: happyCallClientToken(r.registrationId, slot) }));
}
