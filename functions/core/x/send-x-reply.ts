import type { Log } from '../ports/runtime.ts';
import { composeXReply, type ComposeXReplyInput, type ComposeXReplyOptions } from './compose-x-reply.ts';
import type { PersonalDataKind } from './personal-data.ts';
import type { XThreadPoster } from './ports.ts';

/*
 * The X leg of the reply use case: the counselor's answer, already translated into the
 * citizen's language, goes out as a reply (or numbered thread) under the citizen's mention.
 * A reply carrying personal data is never posted; the private-channel invitation is posted
 * in its place and the refusal is returned so the console can tell the counselor why.
 */

export type SentXReply =
  | { kind: 'posted'; tweetIds: string[] }
  | { kind: 'refused'; reason: 'personal-data'; found: PersonalDataKind[]; explanation: string; invitationTweetIds: string[] };

export async function sendXReply(
  deps: { poster: XThreadPoster; log: Log },
  request: ComposeXReplyInput & { inReplyToTweetId: string; alreadyPosted?: string[] },
  options: ComposeXReplyOptions,
): Promise<SentXReply> {
  const composed = composeXReply(request, options);
  if (composed.kind === 'refused') {
    deps.log.warn('x reply refused: personal data in a public reply', { found: composed.found });
    const invitationTweetIds = await deps.poster.postThread(request.inReplyToTweetId, composed.invitation, request.alreadyPosted);
    return { kind: 'refused', reason: composed.reason, found: composed.found, explanation: composed.explanation, invitationTweetIds };
  }
  const tweetIds = await deps.poster.postThread(request.inReplyToTweetId, composed.parts, request.alreadyPosted);
  deps.log.info('x reply posted', { parts: tweetIds.length });
  return { kind: 'posted', tweetIds };
}
