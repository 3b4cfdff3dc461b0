import type { LanguageCode, Reply, ReplyTranslation } from './model.ts';
import { maskPersonalData } from './pii-masking.ts';
import type { Log } from './ports/runtime.ts';
import { TranslationRejectedError, type TranslationLanguage, type Translator } from './ports/translator.ts';

/** A reply language the citizen cannot read: refused before anything is recorded. */
export class ReplyLanguageError extends RangeError {
  override readonly name = 'ReplyLanguageError';
}

/**
 * The language a counselor may write a reply in: Korean (translated for the citizen), or the
 * citizen's own language. A citizen whose language is unknown (`und`) may be answered in any.
 */
export function checkWrittenLanguage(citizenLanguage: LanguageCode, writtenIn: LanguageCode): void {
  if (writtenIn === 'ko' || writtenIn === citizenLanguage || citizenLanguage === 'und') return;
  throw new ReplyLanguageError(`the citizen writes ${citizenLanguage}: write the reply in Korean (it is translated) or in ${citizenLanguage}, not ${writtenIn}`);
}

export type PreparedText =
  | { kind: 'ready'; text: string; language: LanguageCode; translation: Exclude<ReplyTranslation, 'awaiting'> }
  /** No translation yet, and the counselor did not agree to Korean: hold the reply and retry. */
  | { kind: 'held'; reason: string }
  /** The translation service refused this text for good: the counselor must decide. */
  | { kind: 'refused'; reason: string };

/**
 * What goes out for a reply, and in which language. A reply to a citizen who does not read
 * Korean never leaves in Korean unless the counselor said so (`sendUntranslated`) or wrote it in
 * the citizen's language: without a translation it is held, never sent silently untranslated.
 */
export async function prepareReplyText(
  deps: { translator: Translator | null; log: Log },
  citizenLanguage: LanguageCode,
  reply: Pick<Reply, 'textKo' | 'writtenIn' | 'complaintId' | 'replyId'>,
  /** `target`: the translation language when it says more than the citizen's code (zh-TW for Traditional Chinese). */
  options: { sendUntranslated: boolean; target?: TranslationLanguage },
): Promise<PreparedText> {
  const writtenIn = reply.writtenIn ?? 'ko';
  if (writtenIn !== 'ko') return { kind: 'ready', text: reply.textKo, language: writtenIn, translation: 'written_in_language' };
  if (citizenLanguage === 'ko' || citizenLanguage === 'und') return { kind: 'ready', text: reply.textKo, language: 'ko', translation: 'not_needed' };
  if (options.sendUntranslated) return { kind: 'ready', text: reply.textKo, language: 'ko', translation: 'korean_confirmed' };
  if (deps.translator === null) {
    deps.log.warn('reply held: no translation service configured', { complaintId: reply.complaintId, replyId: reply.replyId, language: citizenLanguage });
    return { kind: 'held', reason: `no translation service configured for ${citizenLanguage}` };
  }
  try {
    const { text } = await deps.translator.translate({ text: reply.textKo, source: 'ko', target: options.target ?? citizenLanguage });
    return { kind: 'ready', text, language: citizenLanguage, translation: 'translated' };
  } catch (error) {
    const reason = maskPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : 'translation failed').slice(0, 500);
    return error instanceof TranslationRejectedError ? { kind: 'refused', reason } : { kind: 'held', reason };
  }
}
