import type { Message } from '../model.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';

/** The first acceptance of a request body under one api key, kept 10 minutes (idempotent retries). */
export interface AcceptedRequest {
  /** SHA-256 of the client and the canonical body, base64url. */
  idempotencyKey: string;
  /** The provider message id the request was enqueued with. */
  requestRef: string;
  acceptedAt: string;
}

export interface RateWindow {
  /** `ip:<address>` or `key:<client name>`. */
  subject: string;
  /** Epoch ms of the window's start. */
  start: number;
  lengthMs: number;
  limit: number;
}

/** What the Open311 API keeps besides the complaints themselves (DynamoDB items with a TTL). */
export interface Open311Store {
  /**
   * Records `candidate` unless a request with the same key was accepted after `notBefore`;
   * returns the acceptance that stands (the candidate, or the earlier one). One conditional
   * write, so of two concurrent identical POSTs exactly one acceptance wins.
   */
  acceptOnce(candidate: AcceptedRequest, notBefore: string, expiresAt: string): Promise<AcceptedRequest>;
  /** Counts one request in the window; false (not counted) once it is full. */
  countRequest(window: RateWindow): Promise<boolean>;
  /** Web complaints created in [from, to) that `accept` keeps, newest first; stops reading at `limit`. */
  listWebComplaints(range: { from: string; to: string; limit: number; accept: (complaint: VersionedComplaint) => boolean }): Promise<VersionedComplaint[]>;
  /** The messages named, in one batch per hundred; missing ones are left out. */
  getMessages(keys: ReadonlyArray<{ complaintId: string; messageId: string }>): Promise<Message[]>;
}
