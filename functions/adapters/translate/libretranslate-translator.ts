import {
  TranslationConfigurationError,
  TranslationRejectedError,
  TranslationRetryableError,
  type TranslateRequest,
  type TranslationLanguage,
  type Translator,
} from '../../core/ports/translator.ts';

type NamedLanguage = TranslationLanguage;

/**
 * LibreTranslate (Argos) language codes: `zh` Simplified, `zt` Traditional Chinese
 * (libretranslate/language.py). Newer servers list them as 'zh-Hans' / 'zh-Hant'; pass
 * `languageCodes: { zh: 'zh-Hans', 'zh-TW': 'zh-Hant' }` for those. Mongolian has no Argos model: such a server
 * answers 400 "mn is not supported", which is reported as rejected.
 */
const DEFAULT_CODES: Record<NamedLanguage, string> = { ko: 'ko', en: 'en', zh: 'zh', 'zh-TW': 'zt', ja: 'ja', vi: 'vi', mn: 'mn' };

export interface LibreTranslateOptions {
  /** e.g. http://127.0.0.1:5000 (LIBRETRANSLATE_URL). */
  baseUrl: string;
  apiKey?: string;
  languageCodes?: Partial<Record<NamedLanguage, string>>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const REJECTED_STATUSES = new Set([400, 413, 422]);

/**
 * LibreTranslate's answers about the API key (libretranslate/app.py, access check): 403
 * "Invalid API key" for a key it does not know, 400 "Please contact the server operator to get
 * an API key" or "Visit <url> to get an API key" when a key is required and none was sent.
 */
function isKeyProblem(status: number, error: string | undefined): boolean {
  if (status === 401 || status === 403) return true;
  return status === 400 && error !== undefined && /\bAPI key\b/i.test(error);
}

/** Translator port over LibreTranslate's HTTP API (POST /translate), for local runs. */
export class LibreTranslateTranslator implements Translator {
  readonly name = 'libretranslate';
  readonly #endpoint: string;
  readonly #apiKey: string | undefined;
  readonly #codes: Record<NamedLanguage, string>;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: LibreTranslateOptions) {
    this.#endpoint = `${options.baseUrl.replace(/\/+$/, '')}/translate`;
    this.#apiKey = options.apiKey;
    this.#codes = { ...DEFAULT_CODES, ...options.languageCodes };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async translate(request: TranslateRequest): Promise<{ text: string }> {
    if (request.source === request.target || request.text.trim() === '') return { text: request.text };
    const body = {
      q: request.text,
      source: this.#codes[request.source],
      target: this.#codes[request.target],
      format: 'text',
      ...(this.#apiKey ? { api_key: this.#apiKey } : {}),
    };
    let response: Response;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new TranslationRetryableError(`LibreTranslate unreachable: ${describe(error)}`, { cause: error });
    }
    const payload = await readJson(response);
    if (response.ok) {
      const text = payload?.translatedText;
      if (typeof text !== 'string') throw new TranslationRetryableError('LibreTranslate answered without translatedText');
      return { text };
    }
    const serverError = typeof payload?.error === 'string' ? payload.error : undefined;
    const reason = `LibreTranslate ${response.status}: ${serverError ?? response.statusText}`;
    // A missing or wrong API key is our configuration, not the citizen's text: it needs an
    // operator, after which the pending translations go through.
    if (isKeyProblem(response.status, serverError)) throw new TranslationConfigurationError(`${reason} (check LIBRETRANSLATE_API_KEY)`);
    // Only a 400-class verdict on the request itself (unsupported language, over the server's
    // character limit) is final for this text. 429 and 5xx pass; 404 (wrong URL) needs an operator.
    if (!REJECTED_STATUSES.has(response.status)) throw new TranslationRetryableError(reason);
    throw new TranslationRejectedError(reason);
  }
}

async function readJson(response: Response): Promise<{ translatedText?: unknown; error?: unknown } | null> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null ? (value as { translatedText?: unknown; error?: unknown }) : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
