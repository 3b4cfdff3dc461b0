import { splitIntoThread } from './reply-thread.ts';
import type { LanguageCode } from '../model.ts';
import { findPersonalData, type PersonalDataKind, type PersonalDataOptions } from './personal-data.ts';
import { privateChannelInvitation, type PrivateChannels } from './private-channel-invitation.ts';

/*
 * A reply on X is public. Before anything is posted the text (already translated into the
 * citizen's language) is checked for personal data; if it carries any, the reply is refused
 * with the reason and the public post becomes an invitation to a private channel instead.
 */

export type ComposedXReply =
  | { kind: 'thread'; parts: string[] }
  | {
      kind: 'refused';
      reason: 'personal-data';
      found: PersonalDataKind[];
      /** For the counselor console (Korean, with the kinds in English). */
      explanation: string;
      /** What to post instead: the invitation, split like any reply. */
      invitation: string[];
    };

export interface ComposeXReplyInput {
  text: string;
  language: LanguageCode;
}

export interface ComposeXReplyOptions extends PersonalDataOptions {
  privateChannels: PrivateChannels;
}

export function composeXReply(input: ComposeXReplyInput, options: ComposeXReplyOptions): ComposedXReply {
  const found = findPersonalData(input.text, options);
  if (found.length > 0) {
    return {
      kind: 'refused',
      reason: 'personal-data',
      found,
      explanation: `공개 답글에 개인정보(${found.join(', ')})가 포함되어 게시하지 않았습니다. 비공개 채널 안내를 대신 게시합니다. (refused: public reply contains ${found.join(', ')})`,
      invitation: splitIntoThread(privateChannelInvitation(input.language, options.privateChannels)),
    };
  }
  const parts = splitIntoThread(input.text);
  if (parts.length === 0) throw new RangeError('empty reply');
  return { kind: 'thread', parts };
}
