import { effectiveDelivery } from '../delivery-reports.ts';
import type { LanguageCode, Reply } from '../model.ts';

/** Delivery states in which the citizen's own channel carried the reply (or a counselor reached them otherwise). */
const DELIVERED: ReadonlySet<string> = new Set(['sent', 'queued', 'delivered', 'delivered_otherwise']);
/** States in which the channel will not carry it without a counselor's new decision. */
const NOT_DELIVERED: ReadonlySet<string> = new Set(['failed', 'undeliverable', 'undelivered', 'opted_out']);
/** Not an answer yet: held for a translation, or not sent at all so far. */
const NOT_YET: ReadonlySet<string> = new Set(['pending', 'awaiting_translation']);

/** As its delivery reports tell it: a reply stored `queued` whose parts were reported undelivered was not delivered. */
export function deliveredOnOwnChannel(reply: Reply): boolean {
  return DELIVERED.has(effectiveDelivery(reply));
}

/** The counselor's latest written answer that went or was meant to go out (a reply with text, not held). */
export function latestAnswer(replies: readonly Reply[]): Reply | undefined {
  return replies.filter((reply) => reply.textKo.trim() !== '' && !NOT_YET.has(reply.delivery)).at(-1);
}

/**
 * The text of an answer as the citizen reads it: the text sent (translated, or fitted to the
 * handset), else what the counselor wrote when it is in the citizen's language. Never Korean the
 * citizen did not get a translation of (the rule replies keep: core/reply-language.ts).
 */
export function answerText(reply: Reply, citizenLanguage: LanguageCode): { text: string; language: Reply['language'] } | undefined {
  if (reply.textSent) return { text: reply.textSent, language: reply.language };
  const written = reply.writtenIn ?? 'ko';
  const readable = written === citizenLanguage || (written === 'ko' && citizenLanguage === 'und');
  return readable ? { text: reply.textKo, language: written } : undefined;
}

/**
 * The latest answer the citizen's own channel could not deliver (a voice or web complaint, a number
 * that opted out, a failed send, delivery reports saying undelivered): the status lookup shows it,
 * since the citizen has no other copy. A reply a channel refused to publish (personal data on X) is not shown either.
 */
export function undeliveredAnswer(replies: readonly Reply[]): Reply | undefined {
  const latest = latestAnswer(replies);
  if (!latest || !NOT_DELIVERED.has(effectiveDelivery(latest)) || (latest.lastError ?? '').startsWith('refused: ')) return undefined;
  return latest;
}
