import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { ChatAccount } from '../chat/model.ts';
import type { ChatAccountRepository } from '../chat/ports.ts';
import { crockfordBase32, digestOf, messageIdFor } from '../ids.ts';
import { kstDay } from '../kst.ts';
import type { ProtectedHandle } from '../model.ts';
import type { IntakeQueue } from '../ports/intake-queue.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { protectHandle } from '../protect-handle.ts';
import { receiptNoFor } from '../receipt.ts';
import { intakeIdentityFor } from '../reservations/ids.ts';
import { joinOpensAt, joinWindow } from '../reservations/join-window.ts';
import type { Reservation } from '../reservations/model.ts';
import type { ReservationRepository } from '../reservations/ports.ts';
import { VideoCallRefusedError } from './errors.ts';
import type { JoinableReservation, StartedVideoCall, VideoContactAttributes } from './model.ts';
import type { VideoContactLinks, VideoContacts } from './ports.ts';
import { onDemandRequestText } from './texts.ts';

export interface VideoCallDeps {
  reservations: Pick<ReservationRepository, 'get' | 'listByDay'>;
  accounts: Pick<ChatAccountRepository, 'getAccount'>;
  pii: PiiProtector;
  intake: IntakeQueue;
  contacts: VideoContacts;
  links: Pick<VideoContactLinks, 'put'>;
  clock: Clock;
  log: Log;
}

export interface StartVideoCallInput {
  /** The verified chat account the token belongs to. */
  accountId: string;
  /** The page's id for this attempt: a double click or a retry sends the same one and starts one call. */
  requestId: string;
  /** Set for the call of a reservation; absent for an on-demand call. */
  reservationId?: string;
}

/**
 * Whether a reservation belongs to the account: booked with the account itself, or with the
 * verified mobile number of the account (a booking made by phone, joined from the app).
 */
function ownedBy(citizen: ProtectedHandle, account: ChatAccount, pii: PiiProtector): boolean {
  if (citizen.kind === 'chat-account') return citizen.hash === protectHandle(pii, 'chat-account', account.accountId).hash;
  if (citizen.kind === 'phone') return citizen.hash === account.phone.hash;
  return false;
}

/** 120 bits of the account and the attempt: the contact's idempotency key and the on-demand message id. */
function callKeyOf(input: StartVideoCallInput): string {
  return crockfordBase32(digestOf('video-call', input.accountId, input.requestId, input.reservationId ?? '')).slice(0, 24).toLowerCase();
}

async function accountOf(deps: Pick<VideoCallDeps, 'accounts'>, accountId: string): Promise<ChatAccount> {
  const account = await deps.accounts.getAccount(accountId);
  // The token was checked a moment ago: an account gone since is a server-side inconsistency.
  if (!account) throw new Error('the chat account of a valid token is missing');
  return account;
}

function refuseUnlessOpen(reservation: Reservation, now: Date): void {
  const window = joinWindow(reservation, now);
  switch (window.state) {
    case 'open':
      return;
    case 'too_early':
      throw new VideoCallRefusedError('too_early', 'the video call of this reservation opens 10 minutes before its start', { opensAt: window.opensAt });
    case 'missed':
      throw new VideoCallRefusedError('missed', 'the video call of this reservation could be joined until 10 minutes after its start');
    case 'ended':
      throw new VideoCallRefusedError('ended', 'the reserved slot is over');
    case 'not_joinable':
      throw new VideoCallRefusedError('not_joinable', `a ${window.status} reservation has no video call`, { status: window.status });
  }
}

/**
 * Starts the citizen's video call on the sign-language queue. For a reservation: only the
 * citizen's own, inside its join window; the call records on the reservation's complaint. On
 * demand: the contact is started first (the local hub refuses when no sign-language counselor is
 * free; in AWS the flow checks), then a message is filed that founds or joins the citizen's chat
 * complaint, so the call's events have a complaint to record on. Every step is idempotent on the
 * attempt (`requestId`): the contact's ClientToken, the message's provider id and the link all
 * derive from it, so a double click or a retry starts one contact and files one message.
 */
export async function startVideoCall(deps: VideoCallDeps, input: StartVideoCallInput): Promise<StartedVideoCall> {
  const now = deps.clock.now();
  const account = await accountOf(deps, input.accountId);
  const callKey = callKeyOf(input);
  let messageId: string;
  let attributes: VideoContactAttributes;
  let onDemandMessage: InboundMessage | undefined;

  if (input.reservationId !== undefined) {
    const reservation = await deps.reservations.get(input.reservationId);
    // Someone else's reservation is answered like a missing one: ids are not to be probed.
    if (!reservation || !ownedBy(reservation.citizen, account, deps.pii)) throw new VideoCallRefusedError('unknown_reservation', 'no such reservation of yours');
    refuseUnlessOpen(reservation, now);
    messageId = messageIdFor(intakeIdentityFor(reservation));
    attributes = { receiptNo: reservation.receiptNo, language: reservation.language, callKind: 'reserved', reservationId: reservation.reservationId };
  } else {
    onDemandMessage = {
      channel: 'chat',
      provider: 'gateway',
      providerMessageId: `video:${callKey}`,
      citizenHandle: account.accountId,
      citizenHandleKind: 'chat-account',
      text: onDemandRequestText(account.language),
      media: [],
      languageHint: account.language,
      receivedAt: now.toISOString(),
    };
    messageId = messageIdFor(onDemandMessage);
    attributes = { receiptNo: receiptNoFor(onDemandMessage), language: account.language, callKind: 'on-demand' };
  }

  const started = await deps.contacts.start({ clientToken: `video-${callKey}`, attributes });
  if (!started.started) throw new VideoCallRefusedError('no_counselor_free', 'no sign-language counselor is free right now');
  if (onDemandMessage) await deps.intake.send([{ kind: 'inbound', message: onDemandMessage }]);
  await deps.links.put({
    contactId: started.contactId,
    messageId,
    receiptNo: attributes.receiptNo,
    callKind: attributes.callKind,
    ...(attributes.reservationId ? { reservationId: attributes.reservationId } : {}),
    startedAt: now.toISOString(),
  });
  deps.log.info('video call started', { contactId: started.contactId, callKind: attributes.callKind, reservationId: attributes.reservationId, media: started.media.kind });
  return {
    contactId: started.contactId,
    receiptNo: attributes.receiptNo,
    callKind: attributes.callKind,
    ...(attributes.reservationId ? { reservationId: attributes.reservationId } : {}),
    media: started.media,
  };
}

/**
 * The citizen's reservations of today (KST) that have a video call, and whether each can be
 * joined now: the app's list to start a reserved call from. One query of the day's
 * reservations (tens at most), filtered to the citizen's own.
 */
export async function listJoinableReservations(deps: Pick<VideoCallDeps, 'reservations' | 'accounts' | 'pii' | 'clock'>, accountId: string): Promise<JoinableReservation[]> {
  const now = deps.clock.now();
  const account = await accountOf(deps, accountId);
  const day = await deps.reservations.listByDay(kstDay(now));
  const joinable: JoinableReservation[] = [];
  for (const reservation of day) {
    if (reservation.status !== 'confirmed' && reservation.status !== 'kept') continue;
    if (!ownedBy(reservation.citizen, account, deps.pii)) continue;
    const window = joinWindow(reservation, now);
    if (window.state === 'not_joinable') continue;
    joinable.push({
      reservationId: reservation.reservationId,
      slotId: reservation.slotId,
      startsAt: reservation.startsAt,
      endsAt: reservation.endsAt,
      status: reservation.status,
      receiptNo: reservation.receiptNo,
      join: window.state,
      opensAt: joinOpensAt(reservation),
    });
  }
  return joinable;
}
