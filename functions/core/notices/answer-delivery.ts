import type { Reply } from '../model.ts';

/** Delivery states in which the citizen's own channel carried the reply (or a counselor reached them otherwise). */
const DELIVERED: ReadonlySet<string> = new Set(['sent', 'queued', 'delivered', 'delivered_otherwise']);
/** States in which the channel will not carry it without a counselor's new decision. */
const NOT_DELIVERED: ReadonlySet<string> = new Set(['failed', 'undeliverable', 'undelivered', 'opted_out']);

export function deliveredOnOwnChannel(reply: Pick<Reply, 'delivery'>): boolean {
  return DELIVERED.has(reply.delivery);
}

/** The counselor's latest written answer, if any (a reply with text). */
export function latestAnswer(replies: readonly Reply[]): Reply | undefined {
  return replies.filter((reply) => reply.textKo.trim() !== '').at(-1);
}

/** The text of an answer as the citizen reads it: the translation sent, else what the counselor wrote. */
export function answerText(reply: Reply): { text: string; language: Reply['language'] } {
  return reply.textSent ? { text: reply.textSent, language: reply.language } : { text: reply.textKo, language: 'ko' };
}

/**
 * The latest answer the citizen's own channel could not deliver (a voice or web complaint, a number
 * that opted out, a failed send): the status lookup shows it, since the citizen has no other copy.
 * A reply a channel refused to publish (personal data on X) is not shown either.
 */
export function undeliveredAnswer(replies: readonly Reply[]): Reply | undefined {
  const latest = latestAnswer(replies);
  if (!latest || !NOT_DELIVERED.has(latest.delivery) || (latest.lastError ?? '').startsWith('refused: ')) return undefined;
  return latest;
}
