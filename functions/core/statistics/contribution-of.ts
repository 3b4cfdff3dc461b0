import { complaintContribution } from './complaint-contribution.ts';
import { happyCallContribution } from './happy-call-contribution.ts';
import { messageContribution } from './message-contribution.ts';
import type { Contribution, EntityRef } from './model.ts';
import type { StatisticsSources } from './ports.ts';
import { reservationContribution } from './reservation-contribution.ts';

/** An entity's contribution as its raw items stand now; null when they do not exist (yet). */
export async function contributionOf(sources: StatisticsSources, ref: EntityRef): Promise<Contribution | null> {
  switch (ref.kind) {
    case 'complaint': {
      const detail = await sources.complaintDetail(ref.complaintId);
      return detail ? complaintContribution(detail) : null;
    }
    case 'message': {
      const message = await sources.message(ref.complaintId, ref.messageId);
      return message ? messageContribution(message) : null;
    }
    case 'reservation': {
      const reservation = await sources.reservation(ref.reservationId);
      return reservation ? reservationContribution(reservation) : null;
    }
    case 'happy-call': {
      const registration = await sources.happyCallRegistration(ref.registrationId);
      return registration ? happyCallContribution(registration, ref.slot) : null;
    }
  }
}
