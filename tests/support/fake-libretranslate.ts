import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, startLocalHttp } from './local-http.ts';

/**
 * A local stand-in for a LibreTranslate server speaking its wire format: POST /translate with
 * a JSON (or form) body {q, source, target, format, api_key}, answering 200 {translatedText}
 * or an error status with {error}, as LibreTranslate does ("zz is not supported" 400,
 * "Invalid API key" 403, a missing key 400 "Please contact the server operator to get an API key", "Slowdown: ..." 429, 500 on a translation failure). GET /languages
 * lists what it "knows".
 */
export interface FakeLibreTranslate {
  url: string;
  readonly requests: ReadonlyArray<LibreTranslateRequest>;
  /** The next `times` /translate requests get this status and error message. */
  failNext(status: number, error: string, times?: number): void;
  close(): Promise<void>;
}

export interface LibreTranslateRequest {
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeLibreTranslateOptions {
  /** Language codes the server has models for. Mongolian is absent, as with Argos models. */
  languages?: string[];
  /** When set, requests must carry this api_key (LibreTranslate --api-keys --require-api-key-origin). */
  apiKey?: string;
  /** LibreTranslate's --get-api-key-link: named in the answer to a request without a key. */
  getApiKeyLink?: string;
  /** LibreTranslate's --char-limit. */
  charLimit?: number;
  /** Canned translations, keyed `${source}>${target}:${q}`; otherwise `[target] q`. */
  dictionary?: Record<string, string>;
}

const ARGOS_LANGUAGES = ['en', 'ko', 'zh', 'ja', 'vi'];

export async function startFakeLibreTranslate(options: FakeLibreTranslateOptions = {}): Promise<FakeLibreTranslate> {
  const languages = options.languages ?? ARGOS_LANGUAGES;
  const requests: LibreTranslateRequest[] = [];
  const failures: Array<{ status: number; error: string }> = [];

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/languages') {
      sendJson(res, 200, languages.map((code) => ({ code, name: code, targets: languages.filter((t) => t !== code) })));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/translate') {
      sendJson(res, 404, { error: 'Not Found' });
      return;
    }
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    let body: Record<string, unknown>;
    try {
      body = contentType?.startsWith('application/json')
        ? (JSON.parse(raw) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      sendJson(res, 400, { error: 'Invalid JSON format' });
      return;
    }
    requests.push({ contentType, body });

    const failure = failures.shift();
    if (failure) {
      sendJson(res, failure.status, { error: failure.error });
      return;
    }
    // As LibreTranslate's access check (app.py): an unknown key is 403, a missing one 400.
    if (options.apiKey !== undefined && typeof body.api_key === 'string' && body.api_key !== '' && body.api_key !== options.apiKey) {
      sendJson(res, 403, { error: 'Invalid API key' });
      return;
    }
    if (options.apiKey !== undefined && body.api_key !== options.apiKey) {
      const error = options.getApiKeyLink ? `Visit ${options.getApiKeyLink} to get an API key` : 'Please contact the server operator to get an API key';
      sendJson(res, 400, { error });
      return;
    }
    for (const field of ['q', 'source', 'target'] as const) {
      if (typeof body[field] !== 'string' || body[field] === '') {
        sendJson(res, 400, { error: `Invalid request: missing ${field} parameter` });
        return;
      }
    }
    const { q, source, target } = body as { q: string; source: string; target: string };
    const format = typeof body.format === 'string' ? body.format : 'text';
    if (format !== 'text' && format !== 'html') {
      sendJson(res, 400, { error: `${format} format is not supported` });
      return;
    }
    for (const code of [source, target]) {
      if (!languages.includes(code)) {
        sendJson(res, 400, { error: `${code} is not supported` });
        return;
      }
    }
    if (options.charLimit !== undefined && q.length > options.charLimit) {
      sendJson(res, 400, { error: `Invalid request: request (${q.length}) exceeds text limit (${options.charLimit})` });
      return;
    }
    const translatedText = options.dictionary?.[`${source}>${target}:${q}`] ?? `[${target}] ${q}`;
    sendJson(res, 200, { translatedText });
  };

  const server = await startLocalHttp((req, res) => {
    handler(req, res).catch(() => sendJson(res, 500, { error: 'fake server error' }));
  });
  return {
    url: server.url,
    requests,
    failNext(status, error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ status, error });
    },
    close: () => server.close(),
  };
}
