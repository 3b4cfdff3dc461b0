/** Errors the use cases raise for callers (API handlers map them to 4xx). */
export class ComplaintNotFoundError extends Error {
  override readonly name = 'ComplaintNotFoundError';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} not found`);
  }
}

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`a complaint cannot move from ${from} to ${to}`);
  }
}

/** The complaint's citizen wrote from a sender nothing can be sent to (a short code, an alphanumeric id). */
export class UnreachableCitizenError extends Error {
  override readonly name = 'UnreachableCitizenError';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId}: the citizen wrote from a sender that is not a phone number (a short code or alphanumeric sender id), so no reply can be sent to it`);
  }
}

/** Too many concurrent status changes for one complaint; retrying later succeeds. */
export class ConcurrentStatusChangeError extends Error {
  override readonly name = 'ConcurrentStatusChangeError';
}

/** A query the read API refuses; `issues` are safe to show to the caller. */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
  constructor(readonly issues: string[]) {
    super(`invalid query: ${issues.join('; ')}`);
  }
}

/** A reply id already names a reply with other text: the new text would be silently dropped. */
export class ReplyConflictError extends Error {
  override readonly name = 'ReplyConflictError';
  constructor(readonly replyId: string) {
    super(`reply ${replyId} already exists with different text; send the new text with a new replyId`);
  }
}

export class ReplyNotFoundError extends Error {
  override readonly name = 'ReplyNotFoundError';
  constructor(readonly replyId: string) {
    super(`no reply ${replyId} on this complaint`);
  }
}

/** The reply is not in a state that allows the action (the message says why). */
export class ReplyStateError extends Error {
  override readonly name = 'ReplyStateError';
}
