import type { LanguageCode } from '../model.ts';

/** A named language, with Chinese split by script: `zh` Simplified, `zh-TW` Traditional. */
export type TranslationLanguage = Exclude<LanguageCode, 'und'> | 'zh-TW';

export interface TranslateRequest {
  text: string;
  /** Always named: the pipeline detects locally, so no paid auto-detect call is made. */
  source: TranslationLanguage;
  target: TranslationLanguage;
}

export interface Translator {
  /** Recorded as the translation provider on the message (amazon-translate, libretranslate). */
  readonly name: string;
  translate(request: TranslateRequest): Promise<{ text: string }>;
}

/** Transient: throttled or service unavailable. The message stays pending and is retried. */
export class TranslationRetryableError extends Error {
  override readonly name: string = 'TranslationRetryableError';
}

/**
 * The translation service refused our credentials or setup (API key missing or wrong), not the
 * text: retried like any transient failure once an operator fixes it, and logged as an error.
 */
export class TranslationConfigurationError extends TranslationRetryableError {
  override readonly name: string = 'TranslationConfigurationError';
}

/** Permanent for this text (unsupported language pair, text too long). Not retried. */
export class TranslationRejectedError extends Error {
  override readonly name = 'TranslationRejectedError';
}
