import type { LanguageCode, TranslationStatus } from './model.ts';
import { chineseVariantOf } from './chinese-variant.ts';
import { maskPersonalData } from './pii-masking.ts';
import type { TranslationLanguage, Translator } from './ports/translator.ts';

export type TranslationPlan =
  | { kind: 'settled'; status: Extract<TranslationStatus, 'not_needed' | 'unavailable' | 'failed'>; reason?: string }
  | { kind: 'translate'; source: Exclude<TranslationLanguage, 'ko'> };

/**
 * What to do about translating an inbound text into Korean. Korean is never sent to a
 * translation service. Text with no letters (empty, emoji, digits) has nothing to
 * translate. Text whose language local detection could not name is not sent either:
 * naming the source is what keeps us off paid auto-detection, and a guess ('en') would
 * return confident nonsense; the counselor reads the original.
 */
export function planTranslation(text: string, language: LanguageCode, translator: Translator | null): TranslationPlan {
  if (language === 'ko' || !/\p{L}/u.test(text)) return { kind: 'settled', status: 'not_needed' };
  if (translator === null) return { kind: 'settled', status: 'unavailable' };
  if (language === 'und') return { kind: 'settled', status: 'failed', reason: 'source language not detected locally' };
  return { kind: 'translate', source: translationLanguage(language, text) };
}

/**
 * The service language for text in `language`: Chinese is named by its script, told from the
 * text (Traditional `zh-TW` or Simplified `zh`), so a Taiwanese citizen is read and answered
 * in Traditional characters.
 */
export function translationLanguage<L extends Exclude<LanguageCode, 'und'>>(language: L, text: string): L | 'zh-TW' {
  return language === 'zh' && chineseVariantOf(text) === 'zh-TW' ? 'zh-TW' : language;
}

/** Error text for the record and logs; provider messages may quote the input, so PII is masked. */
export function describeTranslationError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown translation error';
  return maskPersonalData(text).slice(0, 500);
}
