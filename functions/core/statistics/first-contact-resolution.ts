import type { ComplaintDetail } from '../ports/complaint-repository.ts';
import { isReplyHandedOff } from '../reply.ts';
import { firstAnswerOf } from './first-answer.ts';

/** A further citizen message within this long after the first answer means the answer did not settle it. */
export const FOLLOW_UP_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * First-contact resolution: the complaint is closed after the counselor's first answer, with no
 * second answer before the close, it was never reopened after that answer, and the citizen wrote
 * nothing more on it within 7 days of the answer. Decided from the stored history alone, so the
 * rollup and a recount agree; a complaint closed less than 7 days ago can still lose it.
 */
export function isFirstContactResolution(detail: ComplaintDetail): boolean {
  if (detail.complaint.status !== 'closed') return false;
  const answer = firstAnswerOf(detail);
  if (!answer) return false;
  const later = detail.statusEvents.filter((event) => event.version > answer.version && event.from !== event.to);
  if (later.some((event) => event.to === 'in_progress' || event.to === 'received')) return false;
  const answeredAt = Date.parse(answer.at);
  const closedAt = Date.parse([...later, answer].filter((event) => event.to === 'closed').sort((a, b) => a.version - b.version)[0]?.at ?? '');
  if (Number.isNaN(closedAt)) return false;
  // Handed on, whatever the provider reported since (queued, delivered, ...); a held reply answered nothing.
  const sentBeforeClose = detail.replies.filter((reply) => isReplyHandedOff(reply) && Date.parse(reply.createdAt) <= closedAt).length;
  if (sentBeforeClose > 1) return false;
  return !detail.messages.some((message) => {
    if (message.direction !== 'inbound') return false;
    const at = Date.parse(message.receivedAt);
    return at > answeredAt && at <= answeredAt + FOLLOW_UP_WINDOW_MS;
  });
}
