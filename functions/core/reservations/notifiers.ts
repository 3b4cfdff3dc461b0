import type { HandleKind } from '../../../schemas/inbound-message.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import type { ReservationNotifier } from './ports.ts';

/** Reservation notices by SMS: the sealed number is opened only to hand it to the sender. */
export function smsReservationNotifier(deps: { smsSender: SmsSender; pii: PiiProtector }): ReservationNotifier {
  return {
    async send(citizen, text, idempotencyKey) {
      if (citizen.kind !== 'phone') throw new Error(`the SMS notifier cannot reach a ${citizen.kind} citizen`);
      await deps.smsSender.send({ to: deps.pii.open(citizen.sealed), body: text, idempotencyKey });
    },
  };
}

/** Sends on the citizen's own channel: SMS for a phone number, chat for a chat account. */
export function notifierByHandleKind(notifiers: Partial<Record<HandleKind, ReservationNotifier>>): ReservationNotifier {
  return {
    async send(citizen, text, idempotencyKey) {
      const notifier = notifiers[citizen.kind];
      // Throwing keeps the follow-up step open, so a notifier wired later still delivers it.
      if (!notifier) throw new Error(`no reservation notifier for ${citizen.kind} citizens`);
      await notifier.send(citizen, text, idempotencyKey);
    },
  };
}
