import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { ConnectChatStreamItemSchema } from '../../schemas/connect-chat-stream.ts';
import { relayCounselorReply, type CounselorReplyDeps, type CounselorReplyOutcome } from '../core/voice/counselor-replies.ts';
import { lazy } from './shared/lazy.ts';
import { replyStreamDeps } from '../wiring/aws/connect-reply-stream.ts';

function parseItem(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    return undefined;
  }
}

/**
 * Subscriber of the chat streaming topic: agent MESSAGE items become replies on the citizen's
 * channel (reply id from the chat item id, so SNS redeliveries send once). Items that can never
 * be replies are logged and dropped; a reply not yet delivered throws, so the asynchronous
 * invocation is retried (and kept by the on-failure destination after that).
 */
export function createConnectReplyStreamHandler(getDeps: () => Promise<CounselorReplyDeps>) {
  return middy(async (event: SNSEvent): Promise<CounselorReplyOutcome[]> => {
    const deps = await getDeps();
    const outcomes: CounselorReplyOutcome[] = [];
    for (const record of event.Records) {
      const parsed = ConnectChatStreamItemSchema.safeParse(parseItem(record.Sns.Message));
      if (!parsed.success) {
        deps.log.warn('chat stream message is not a Connect transcript item', { snsMessageId: record.Sns.MessageId });
        outcomes.push({ status: 'ignored', reason: 'not a transcript item' });
        continue;
      }
      // MessageVisibility travels only as an SNS message attribute, not in the item itself.
      outcomes.push(await relayCounselorReply(deps, parsed.data, record.Sns.MessageAttributes?.MessageVisibility?.Value));
    }
    return outcomes;
  });
}

export const handler = createConnectReplyStreamHandler(lazy(replyStreamDeps));
