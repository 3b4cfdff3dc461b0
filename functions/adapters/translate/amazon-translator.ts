import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import {
  TranslationRejectedError,
  TranslationRetryableError,
  type TranslateRequest,
  type TranslationLanguage,
  type Translator,
} from '../../core/ports/translator.ts';

/** Amazon Translate's documented cap for one TranslateText request, in UTF-8 bytes. */
export const AMAZON_TRANSLATE_MAX_BYTES = 10_000;

/**
 * Our codes to Amazon Translate's (docs: "Supported languages and language codes"): `zh` is
 * Chinese (Simplified) there, `zh-TW` Chinese (Traditional).
 */
const AMAZON_CODES: Record<TranslationLanguage, string> = {
  ko: 'ko',
  en: 'en',
  zh: 'zh',
  'zh-TW': 'zh-TW',
  ja: 'ja',
  vi: 'vi',
  mn: 'mn',
};

/** Permanent for this text: retrying the same request cannot succeed. */
const REJECTED = new Set([
  'UnsupportedLanguagePairException',
  'TextSizeLimitExceededException',
  'DetectedLanguageLowConfidenceException',
  'InvalidRequestException',
  'InvalidParameterValueException',
]);

/**
 * Sorts an SDK failure into the two outcomes the pipeline knows. Throttling
 * (ThrottlingException, TooManyRequestsException), ServiceUnavailableException,
 * InternalServerException, timeouts and network errors (ECONNRESET...) are retryable, and so
 * is anything unrecognised (credentials not yet available, an unexpected 5xx): the pipeline's
 * bounded retries turn a lasting failure into 'failed', never into a lost message.
 */
export function classifyTranslateError(error: unknown): TranslationRetryableError | TranslationRejectedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const detail = `${name}: ${typeof e.message === 'string' ? e.message : String(error)}`;
  if (REJECTED.has(name)) return new TranslationRejectedError(detail, { cause: error });
  return new TranslationRetryableError(detail, { cause: error });
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

function segments(text: string, granularity: 'sentence' | 'word' | 'grapheme'): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity }).segment(text), (s) => s.segment);
}

/** Splits a piece that is too long on its own: at word boundaries, then between graphemes. */
function splitOversized(piece: string, maxBytes: number, granularity: 'word' | 'grapheme'): string[] {
  const out: string[] = [];
  let current = '';
  for (const part of segments(piece, granularity)) {
    if (byteLength(current + part) <= maxBytes) {
      current += part;
      continue;
    }
    if (current !== '') out.push(current);
    if (byteLength(part) <= maxBytes) current = part;
    else if (granularity === 'word') {
      const graphemes = splitOversized(part, maxBytes, 'grapheme');
      current = graphemes.pop() ?? '';
      out.push(...graphemes);
    } else throw new TranslationRejectedError(`a single character is over the ${maxBytes}-byte request limit`);
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * Packs whole sentences into chunks of at most maxBytes UTF-8 bytes; only a sentence longer
 * than the limit is cut, at word boundaries. Concatenating the chunks gives the text back.
 */
export function splitForTranslation(text: string, maxBytes: number = AMAZON_TRANSLATE_MAX_BYTES): string[] {
  if (byteLength(text) <= maxBytes) return [text];
  const chunks: string[] = [];
  let current = '';
  for (const sentence of segments(text, 'sentence')) {
    if (byteLength(current + sentence) <= maxBytes) {
      current += sentence;
      continue;
    }
    if (current !== '') chunks.push(current);
    if (byteLength(sentence) <= maxBytes) current = sentence;
    else {
      const pieces = splitOversized(sentence, maxBytes, 'word');
      current = pieces.pop() ?? '';
      chunks.push(...pieces);
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

export interface AmazonTranslatorOptions {
  /** Lower than the service limit only in tests. */
  maxBytesPerRequest?: number;
}

/**
 * Translator port on Amazon Translate. The source language is always named (the pipeline
 * detected it locally), so no paid auto-detection happens.
 */
export class AmazonTranslator implements Translator {
  readonly name = 'amazon-translate';
  readonly #client: TranslateClient;
  readonly #maxBytes: number;

  constructor(client: TranslateClient, options: AmazonTranslatorOptions = {}) {
    this.#client = client;
    this.#maxBytes = options.maxBytesPerRequest ?? AMAZON_TRANSLATE_MAX_BYTES;
  }

  async translate(request: TranslateRequest): Promise<{ text: string }> {
    if (request.source === request.target || request.text.trim() === '') return { text: request.text };
    const parts: string[] = [];
    // Sequential on purpose: chunks of one message stay in order and do not burst the quota.
    for (const chunk of splitForTranslation(request.text, this.#maxBytes)) {
      parts.push(await this.#translateChunk(chunk, request));
    }
    return { text: parts.join('') };
  }

  async #translateChunk(chunk: string, request: TranslateRequest): Promise<string> {
    // Whitespace around a chunk is kept as is: the service trims it, and joining needs it.
    const match = /^(\s*)([\s\S]*?)(\s*)$/u.exec(chunk);
    const [, lead = '', core = '', trail = ''] = match ?? [];
    if (core === '') return chunk;
    try {
      const output = await this.#client.send(
        new TranslateTextCommand({
          Text: core,
          SourceLanguageCode: AMAZON_CODES[request.source],
          TargetLanguageCode: AMAZON_CODES[request.target],
        }),
      );
      if (output.TranslatedText === undefined) throw new TranslationRetryableError('Amazon Translate returned no TranslatedText');
      return `${lead}${output.TranslatedText}${trail}`;
    } catch (error) {
      if (error instanceof TranslationRetryableError || error instanceof TranslationRejectedError) throw error;
      throw classifyTranslateError(error);
    }
  }
}
