import type { ComplaintDetail, VersionedStatusEvent } from '../ports/complaint-repository.ts';

/**
 * The counselor's first answer to a complaint: the first history entry that moved it to
 * `answered` (a sent reply does that, and so does a counselor marking a call answered), or, for
 * a complaint closed without passing through `answered`, a close by a counselor. A close by the
 * system or the citizen (a cancelled reservation) answers nothing.
 */
export function firstAnswerOf(detail: Pick<ComplaintDetail, 'statusEvents'>): VersionedStatusEvent | null {
  const events = [...detail.statusEvents].sort((a, b) => a.version - b.version);
  for (const event of events) {
    if (event.from === event.to) continue;
    if (event.to === 'answered') return event;
    if (event.to === 'closed' && event.actor.startsWith('counselor:')) return event;
  }
  return null;
}
