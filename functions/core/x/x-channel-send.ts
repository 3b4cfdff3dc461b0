import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { Log } from '../ports/runtime.ts';
import { ChannelRefusedError, PartiallySentError, type ChannelSend } from '../reply.ts';
import type { ComposeXReplyOptions } from './compose-x-reply.ts';
import { XPostRefusedError, XThreadInterruptedError, type XThreadPoster } from './ports.ts';
import { sendXReply } from './send-x-reply.ts';

/*
 * The reply use case's sender for channel x. A reply on X answers a post, not a person: it
 * goes under the complaint's latest mention whose text we still hold (a redacted one was
 * deleted or hidden at X, and X refuses replies to it). The citizen's handle (`to`) is not
 * needed. A refusal for personal data comes back as `refused` with the invitation's ids, so
 * the reply use case records it as a failed delivery with the reason.
 */

export interface XChannelSendDeps {
  poster: XThreadPoster;
  complaints: Pick<ComplaintRepository, 'getComplaintDetail'>;
  log: Log;
}

/** The provider id of the newest inbound, unredacted X message of the complaint. */
export async function latestMentionId(complaints: XChannelSendDeps['complaints'], complaintId: string): Promise<string | undefined> {
  const detail = await complaints.getComplaintDetail(complaintId);
  const mentions = (detail?.messages ?? []).filter((m) => m.direction === 'inbound' && m.channel === 'x' && m.redactedAt === undefined);
  return mentions.at(-1)?.providerMessageId;
}

export function xChannelSend(deps: XChannelSendDeps, options: ComposeXReplyOptions): ChannelSend {
  return async ({ body, context }) => {
    if (!context) throw new Error('an X reply needs its complaint context');
    const inReplyToTweetId = await latestMentionId(deps.complaints, context.complaintId);
    if (inReplyToTweetId === undefined) throw new Error('no mention left to reply to (none stored, or all deleted at X)');
    const request = {
      text: body,
      language: context.language,
      inReplyToTweetId,
      ...(context.alreadySent ? { alreadyPosted: context.alreadySent } : {}),
    };
    try {
      const sent = await sendXReply({ poster: deps.poster, log: deps.log }, request, options);
      if (sent.kind === 'refused') return { providerMessageId: sent.invitationTweetIds.join(','), refused: sent.explanation };
      return { providerMessageId: sent.tweetIds.join(',') };
    } catch (error) {
      if (error instanceof XThreadInterruptedError && error.cause instanceof XPostRefusedError) {
        // Duplicate content, a reply X does not allow here, text over X's count: a retry fails the same way.
        throw new ChannelRefusedError(`X ${error.cause.reason}: ${error.cause.message}`, error.postedIds, { cause: error });
      }
      if (error instanceof XThreadInterruptedError) throw new PartiallySentError(error.message, error.postedIds, { cause: error });
      throw error;
    }
  };
}
