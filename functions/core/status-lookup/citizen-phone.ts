import type { ChatAccountRepository } from '../chat/ports.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import type { PiiProtector } from '../ports/pii.ts';

export interface CitizenPhoneDeps {
  pii: PiiProtector;
  /** A chat complaint's citizen proves the mobile number their chat account was verified with. */
  chatAccounts?: Pick<ChatAccountRepository, 'getAccount'>;
}

/** The complaint's citizen's mobile number, as its keyed hash and masked form; null when it has none (X, a withheld number). */
export async function citizenPhoneOf(deps: CitizenPhoneDeps, complaint: VersionedComplaint): Promise<{ hash: string; masked: string } | null> {
  const { citizen } = complaint;
  if (citizen.unverifiable) return null;
  if (citizen.kind === 'phone') return { hash: citizen.hash, masked: citizen.masked };
  if (citizen.kind === 'chat-account' && deps.chatAccounts) {
    const account = await deps.chatAccounts.getAccount(deps.pii.open(citizen.sealed));
    return account ? { hash: account.phone.hash, masked: account.phone.masked } : null;
  }
  return null;
}

/** The last four digits of a masked number (`+82 10-****-5678`): all a lookup compares. */
export function lastFourDigits(masked: string): string | null {
  return /(\d{4})\D*$/.exec(masked)?.[1] ?? null;
}
