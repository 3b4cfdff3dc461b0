import type { LanguageCode } from '../model.ts';

export interface TranslateRequest {
  text: string;
  /** Always named: the pipeline detects locally, so no paid auto-detect call is made. */
  source: Exclude<LanguageCode, 'und'>;
  target: Exclude<LanguageCode, 'und'>;
}

export interface Translator {
  /** Recorded as the translation provider on the message (amazon-translate, libretranslate). */
  readonly name: string;
  translate(request: TranslateRequest): Promise<{ text: string }>;
}

/** Transient: throttled or service unavailable. The message stays pending and is retried. */
export class TranslationRetryableError extends Error {
  override readonly name = 'TranslationRetryableError';
}

/** Permanent for this text (unsupported language pair, text too long). Not retried. */
export class TranslationRejectedError extends Error {
  override readonly name = 'TranslationRejectedError';
}
