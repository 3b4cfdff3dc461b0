import type { HappyCallRegistration } from '../voice/happy-call.ts';
import { counters } from './counters.ts';
import type { Contribution } from './model.ts';

/**
 * A foreigner happy call placed in a slot (a Seoul calendar day), by language and outcome. A
 * slot is claimed just before the call is started and given back if it could not be, so a
 * claimed slot is a call made; its outcome is `pending` until the flow reports one.
 */
export function happyCallContribution(registration: Pick<HappyCallRegistration, 'registrationId' | 'language' | 'attempts'>, slot: string): Contribution {
  const attempt = registration.attempts[slot];
  return {
    ref: { kind: 'happy-call', registrationId: registration.registrationId, slot },
    entityId: `${registration.registrationId}#${slot}`,
    bucket: { day: slot, kind: 'happy-calls' },
    counters: counters(attempt ? { made: 1, [`language.${registration.language}`]: 1, [`outcome.${attempt.outcome ?? 'pending'}`]: 1 } : {}),
  };
}
