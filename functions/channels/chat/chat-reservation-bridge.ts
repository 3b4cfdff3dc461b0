import type { ChatAccountRepository } from '../../core/chat/ports.ts';
import { pushReply, type ChatReplyDeps } from '../../core/chat/reply-delivery.ts';
import type { PiiProtector } from '../../core/ports/pii.ts';
import type { ChatAccounts, ReservationNotifier } from '../../core/reservations/ports.ts';

/** The chat accounts directory the reservation module asks: verified accounts only. */
export function chatAccountsDirectory(accounts: ChatAccountRepository): ChatAccounts {
  return {
    async findVerified(accountId) {
      const account = await accounts.getAccount(accountId);
      return account?.status === 'active' ? { accountId: account.accountId, language: account.language } : null;
    },
  };
}

/** Reservation notices to chat citizens: pushed live, or kept until they reconnect. */
export function chatReservationNotifier(deps: ChatReplyDeps & { pii: PiiProtector }): ReservationNotifier {
  return {
    async send(citizen, text, idempotencyKey) {
      if (citizen.kind !== 'chat-account') throw new Error(`the chat notifier cannot reach a ${citizen.kind} citizen`);
      await pushReply(deps, { accountId: deps.pii.open(citizen.sealed), replyId: `notice-${idempotencyKey}`, text });
    },
  };
}
