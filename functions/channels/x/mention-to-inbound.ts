import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { XTweet, XUser } from '../../../schemas/x-api.ts';
import type { MentionContext, MentionMapping } from '../../core/x/ports.ts';

/*
 * One mention -> one canonical InboundMessage.
 *
 * The text is kept whole, leading "@cityhandle" included: it is what the citizen posted and
 * what an auditor must be able to compare with X. Language detection already ignores
 * @mentions (functions/core/language.ts). The only change is undoing the HTML escaping X
 * applies to post text (&amp; &lt; &gt;, single pass), so we store the characters the citizen
 * typed rather than X's transport encoding.
 */

const X_ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Undoes X's escaping of &, < and > in post text, in one pass so "&amp;lt;" becomes "&lt;". */
export function unescapeXText(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => X_ESCAPES[entity] ?? entity);
}

/** "@seoul_city @other hello" -> "hello": the part after the reply's leading mentions. */
export function textAfterLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@[A-Za-z0-9_]{1,15}\b)+\s*/u, '');
}

const X_LANGUAGES: Readonly<Record<string, NonNullable<InboundMessage['languageHint']>>> = { ko: 'ko', en: 'en', zh: 'zh', 'zh-cn': 'zh', 'zh-tw': 'zh', ja: 'ja', vi: 'vi', mn: 'mn' };

/** X's own language tag for a post (BCP 47; `und`, `qme`, `zxx`... for none) as a hint, when it is one of ours. */
export function languageHintFromX(lang: string | undefined): InboundMessage['languageHint'] {
  return lang ? X_LANGUAGES[lang.toLowerCase()] : undefined;
}

export function mentionToInbound(tweet: XTweet, author: XUser | undefined, context: MentionContext): MentionMapping {
  if (tweet.referenced_tweets?.some((ref) => ref.type === 'retweeted')) {
    // A retweet repeats someone else's mention; the original is (or was) its own contact.
    return { kind: 'skipped', reason: 'retweet' };
  }
  const authorId = tweet.author_id ?? author?.id;
  if (authorId === undefined) return { kind: 'skipped', reason: 'no-author' };
  if (authorId === context.accountId) return { kind: 'skipped', reason: 'own-post' };

  const message: InboundMessage = {
    channel: 'x',
    provider: 'x-api',
    providerMessageId: tweet.id,
    citizenHandle: authorId,
    citizenHandleKind: 'x-user',
    recipient: context.accountId,
    text: unescapeXText(tweet.text),
    media: [],
    receivedAt: tweet.created_at ?? context.fallbackReceivedAt,
  };
  if (author !== undefined && author.id === authorId) message.citizenName = `@${author.username}`;
  if (tweet.conversation_id !== undefined) message.conversationRef = tweet.conversation_id;
  const hint = languageHintFromX(tweet.lang);
  if (hint) message.languageHint = hint;
  return { kind: 'message', message };
}
