import { ConnectContactFlowEventSchema } from '../../../schemas/connect-flow-event.ts';
import { recordOutcome, type HappyCallRepository } from '../../core/voice/happy-call-scheduler.ts';
import type { HappyCallOutcome } from '../../core/voice/happy-call.ts';
import type { EventPublisher } from '../../core/ports/events.ts';
import type { Log } from '../../core/ports/runtime.ts';

const OUTCOMES = new Set<HappyCallOutcome>(['answered', 'no_answer', 'opted_out']);

/**
 * Lambda invoked by the happy-call flow with Parameters.outcome; the registration and slot come
 * from the contact attributes set by StartOutboundVoiceContact. Answers a flat map for the flow.
 */
export function createHappyCallOutcomeHandler(deps: { repository: HappyCallRepository; log: Log; now(): Date; events?: EventPublisher }) {
  return async (event: unknown): Promise<Record<string, string>> => {
    const parsed = ConnectContactFlowEventSchema.safeParse(event);
    if (!parsed.success) return { recorded: 'false' };
    const { ContactData, Parameters } = parsed.data.Details;
    const outcome = Parameters.outcome as HappyCallOutcome;
    const registrationId = ContactData.Attributes.registrationId;
    const slot = ContactData.Attributes.slot;
    if (!OUTCOMES.has(outcome) || !registrationId || !slot) {
      deps.log.warn('happy-call outcome without registration, slot or a known outcome', { contactId: ContactData.ContactId });
      return { recorded: 'false' };
    }
    // Throwing here would only send the caller down the error branch; an opt-out is also kept as a contact attribute.
    try {
      await recordOutcome(deps, { registrationId, slot, outcome, at: deps.now(), contactId: ContactData.ContactId });
      return { recorded: 'true', outcome };
    } catch (error) {
      deps.log.error('happy-call outcome not stored', { registrationId, error: error instanceof Error ? error.name : 'unknown' });
      return { recorded: 'false' };
    }
  };
}
