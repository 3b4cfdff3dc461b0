import type { LanguageCode } from '../model.ts';

/** Languages with their own counselor queue. `und` never routes: it falls back to Korean. */
export type RoutedLanguage = Exclude<LanguageCode, 'und'>;
export const ROUTED_LANGUAGES = ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const satisfies readonly RoutedLanguage[];

/** Queue keys the contact center provisions: one per language, plus sign-language (video relay) counseling. */
export type QueueKey = RoutedLanguage | 'sign';
export const QUEUE_KEYS = [...ROUTED_LANGUAGES, 'sign'] as const satisfies readonly QueueKey[];

/** Korean is the default: the 120 line is a Korean service first; foreigners opt in with 9. */
export const DEFAULT_LANGUAGE: RoutedLanguage = 'ko';

/** Digit on the Korean main menu that opens the foreign-language menu (as on Seoul's 120 line). */
export const FOREIGN_MENU_DIGIT = '9';

/** Foreign-language menu, in the order the recorded prompt announces it. */
export const FOREIGN_MENU = [
  { digit: '1', language: 'en' },
  { digit: '2', language: 'zh' },
  { digit: '3', language: 'ja' },
  { digit: '4', language: 'vi' },
  { digit: '5', language: 'mn' },
] as const satisfies readonly { digit: string; language: RoutedLanguage }[];

export type ForeignMenuDigit = (typeof FOREIGN_MENU)[number]['digit'];

export function isRoutedLanguage(value: unknown): value is RoutedLanguage {
  return typeof value === 'string' && (ROUTED_LANGUAGES as readonly string[]).includes(value);
}

/** Digit pressed on the foreign-language menu -> language; undefined for anything else. */
export function languageForMenuDigit(digit: string | undefined | null): RoutedLanguage | undefined {
  const trimmed = digit?.trim();
  return FOREIGN_MENU.find((option) => option.digit === trimmed)?.language;
}

// Connect and browsers send BCP-47 tags (ko-KR, zh-CN, cmn-CN, en-US); Polly uses cmn for Mandarin.
const LOCALE_PREFIXES: ReadonlyArray<[prefix: string, language: RoutedLanguage]> = [
  ['ko', 'ko'],
  ['en', 'en'],
  ['zh', 'zh'],
  ['cmn', 'zh'],
  ['yue', 'zh'],
  ['ja', 'ja'],
  ['vi', 'vi'],
  ['mn', 'mn'],
];

/** BCP-47 locale or bare language code -> routed language; undefined when not one we serve. */
export function languageFromLocale(locale: string | undefined | null): RoutedLanguage | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  return LOCALE_PREFIXES.find(([prefix]) => prefix === primary)?.[1];
}

/** The queue a contact in this language waits in; undetermined languages go to the Korean queue. */
export function queueKeyFor(language: LanguageCode | undefined | null): QueueKey {
  return isRoutedLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * Picks the contact's language from, in order of trust: an explicit menu choice, a language
 * attribute already set on the contact, the contact's locale; otherwise the default.
 */
export function resolveContactLanguage(sources: {
  menuDigit?: string | null;
  attribute?: string | null;
  locale?: string | null;
}): { language: RoutedLanguage; source: 'menu' | 'attribute' | 'locale' | 'default' } {
  const fromMenu = languageForMenuDigit(sources.menuDigit);
  if (fromMenu) return { language: fromMenu, source: 'menu' };
  const fromAttribute = languageFromLocale(sources.attribute);
  if (fromAttribute) return { language: fromAttribute, source: 'attribute' };
  const fromLocale = languageFromLocale(sources.locale);
  if (fromLocale) return { language: fromLocale, source: 'locale' };
  return { language: DEFAULT_LANGUAGE, source: 'default' };
}
