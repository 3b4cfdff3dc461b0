import type { ChatLanguage } from '../chat/model.ts';

/** A call at a reserved slot, or one started on demand while a sign-language counselor is free. */
export type VideoCallKind = 'reserved' | 'on-demand';

/**
 * What the citizen's page needs to join the call's media: the Amazon Chime SDK meeting and
 * attendee Amazon Connect created (StartWebRTCContact's ConnectionData), or, locally, the call id
 * to signal a peer-to-peer WebRTC call with the counselor's page over the gateway's WebSocket.
 */
export type VideoMedia =
  | { kind: 'amazon-connect'; connectionData: { Meeting: Record<string, unknown>; Attendee: Record<string, unknown> } }
  /** `joinToken` plays the Chime attendee join token's part: only the page that started the call joins it. */
  | { kind: 'local-webrtc'; callId: string; joinToken: string; signallingPath: string };

/** Contact attributes of the call: what the flow routes on and the counselor sees; no personal data. */
export interface VideoContactAttributes {
  receiptNo: string;
  language: ChatLanguage;
  callKind: VideoCallKind;
  reservationId?: string;
}

export interface VideoContactRequest {
  /** Idempotency key of the contact (Connect's ClientToken): the same attempt starts one contact. */
  clientToken: string;
  attributes: VideoContactAttributes;
}

export type VideoContactStart = { started: true; contactId: string; media: VideoMedia } | { started: false; reason: 'no_counselor_free' };

/**
 * A video contact and what it was started for. The complaint is reached through the message
 * claim of `messageId` (the reservation's intake message, or the on-demand call's own), because
 * an on-demand call's complaint is only founded once the pipeline has run.
 */
export interface VideoContactLink {
  contactId: string;
  messageId: string;
  receiptNo: string;
  callKind: VideoCallKind;
  reservationId?: string;
  startedAt: string;
}

/** What the start route answers. */
export interface StartedVideoCall {
  contactId: string;
  receiptNo: string;
  callKind: VideoCallKind;
  reservationId?: string;
  media: VideoMedia;
}

/** A reservation of the citizen's that has a video call today, and whether it can be joined now. */
export interface JoinableReservation {
  reservationId: string;
  slotId: string;
  startsAt: string;
  endsAt: string;
  status: 'confirmed' | 'kept';
  receiptNo: string;
  join: 'open' | 'too_early' | 'missed' | 'ended';
  opensAt: string;
}
