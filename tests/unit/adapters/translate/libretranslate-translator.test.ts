import { afterEach, describe, expect, it } from 'vitest';
import { LibreTranslateTranslator } from '../../../../functions/adapters/translate/libretranslate-translator.ts';
import { TranslationConfigurationError, TranslationRejectedError, TranslationRetryableError } from '../../../../functions/core/ports/translator.ts';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../../../support/fake-libretranslate.ts';
import { startLocalHttp } from '../../../support/local-http.ts';

describe('LibreTranslateTranslator', () => {
  let server: FakeLibreTranslate | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('posts q, source, target and format text as JSON and returns translatedText', async () => {
    server = await startFakeLibreTranslate({ dictionary: { 'en>ko:The bus is late.': '버스가 늦어요.' } });
    const translator = new LibreTranslateTranslator({ baseUrl: `${server.url}/` });
    const result = await translator.translate({ text: 'The bus is late.', source: 'en', target: 'ko' });
    expect(result).toEqual({ text: '버스가 늦어요.' });
    expect(translator.name).toBe('libretranslate');
    expect(server.requests).toEqual([
      { contentType: 'application/json', body: { q: 'The bus is late.', source: 'en', target: 'ko', format: 'text' } },
    ]);
  });

  it('sends the api_key when one is configured', async () => {
    server = await startFakeLibreTranslate({ apiKey: 'local-key-123' });
    const result = await new LibreTranslateTranslator({ baseUrl: server.url, apiKey: 'local-key-123' }).translate({
      text: 'こんにちは',
      source: 'ja',
      target: 'ko',
    });
    expect(result.text).toBe('[ko] こんにちは');
    expect(server.requests[0]?.body.api_key).toBe('local-key-123');
  });

  // LibreTranslate app.py (access check in the route decorator): a request without a key on a
  // server that requires one is answered 400 "Please contact the server operator to get an API
  // key" (or "Visit <url> to get an API key"); a key the server does not know is 403 "Invalid
  // API key". Neither says anything about the citizen's text.
  it('the fake answers a missing key 400 with the server message and a wrong key 403, as LibreTranslate does', async () => {
    server = await startFakeLibreTranslate({ apiKey: 'local-key-123' });
    const ask = (body: Record<string, string>) =>
      fetch(`${server?.url}/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const missing = await ask({ q: 'Hello', source: 'en', target: 'ko' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'Please contact the server operator to get an API key' });
    const wrong = await ask({ q: 'Hello', source: 'en', target: 'ko', api_key: 'nope' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: 'Invalid API key' });
  });

  it.each([
    ['no key configured', undefined],
    ['a wrong key', 'stale-key'],
  ])('reports %s as a configuration error (retryable, alerting), never as a rejection of the text', async (_case, apiKey) => {
    server = await startFakeLibreTranslate({ apiKey: 'local-key-123', getApiKeyLink: 'https://translate.example/keys' });
    const translator = new LibreTranslateTranslator({ baseUrl: server.url, ...(apiKey ? { apiKey } : {}) });
    const error = await translator.translate({ text: '路燈壞了', source: 'zh', target: 'ko' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TranslationConfigurationError);
    expect(error).toBeInstanceOf(TranslationRetryableError);
    expect(error).not.toBeInstanceOf(TranslationRejectedError);
    expect(String(error)).toMatch(apiKey ? /Invalid API key/ : /Visit https:\/\/translate\.example\/keys to get an API key/);
  });

  it('uses configured language codes for servers that name Chinese zh-Hans', async () => {
    server = await startFakeLibreTranslate({ languages: ['ko', 'zh-Hans'] });
    const translator = new LibreTranslateTranslator({ baseUrl: server.url, languageCodes: { zh: 'zh-Hans' } });
    expect((await translator.translate({ text: '路灯坏了', source: 'zh', target: 'ko' })).text).toBe('[ko] 路灯坏了');
    expect(server.requests[0]?.body.source).toBe('zh-Hans');
  });

  it('reports an unsupported language (400) as rejected with the server error message', async () => {
    server = await startFakeLibreTranslate();
    const promise = new LibreTranslateTranslator({ baseUrl: server.url }).translate({ text: 'Сайн байна уу', source: 'mn', target: 'ko' });
    await expect(promise).rejects.toBeInstanceOf(TranslationRejectedError);
    await expect(promise).rejects.toThrow('LibreTranslate 400: mn is not supported');
  });

  it('reports text over the server character limit as rejected', async () => {
    server = await startFakeLibreTranslate({ charLimit: 10 });
    const promise = new LibreTranslateTranslator({ baseUrl: server.url }).translate({ text: 'This is far too long.', source: 'en', target: 'ko' });
    await expect(promise).rejects.toThrow(/exceeds text limit/);
    await expect(promise).rejects.toBeInstanceOf(TranslationRejectedError);
  });

  it.each([
    [429, 'Slowdown: 30 per 1 minute'],
    [500, 'Cannot translate text'],
    [503, 'Service Unavailable'],
    [403, 'Invalid API key'],
  ])('reports %d as retryable, so the message stays pending', async (status, error) => {
    server = await startFakeLibreTranslate();
    server.failNext(status, error);
    const translator = new LibreTranslateTranslator({ baseUrl: server.url });
    const promise = translator.translate({ text: 'Hello', source: 'en', target: 'ko' });
    await expect(promise).rejects.toBeInstanceOf(TranslationRetryableError);
    await expect(promise).rejects.toThrow(`LibreTranslate ${status}: ${error}`);
    // The next attempt goes through once the server recovers.
    expect((await translator.translate({ text: 'Hello', source: 'en', target: 'ko' })).text).toBe('[ko] Hello');
  });

  it('reports a server that is not listening as retryable', async () => {
    const gone = await startLocalHttp((_req, res) => res.end());
    await gone.close();
    const promise = new LibreTranslateTranslator({ baseUrl: gone.url }).translate({ text: 'Hello', source: 'en', target: 'ko' });
    await expect(promise).rejects.toBeInstanceOf(TranslationRetryableError);
    await expect(promise).rejects.toThrow(/unreachable/);
  });

  it('reports a 200 without translatedText as retryable instead of storing nothing as done', async () => {
    const odd = await startLocalHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    try {
      const promise = new LibreTranslateTranslator({ baseUrl: odd.url }).translate({ text: 'Hello', source: 'en', target: 'ko' });
      await expect(promise).rejects.toBeInstanceOf(TranslationRetryableError);
    } finally {
      await odd.close();
    }
  });

  it('keeps emoji and Hangul in what it sends byte for byte', async () => {
    server = await startFakeLibreTranslate();
    const text = 'Broken light 💡 near 서울역 👋🏽';
    const result = await new LibreTranslateTranslator({ baseUrl: server.url }).translate({ text, source: 'en', target: 'ko' });
    expect(server.requests[0]?.body.q).toBe(text);
    expect(result.text).toBe(`[ko] ${text}`);
  });

  it('makes no request for blank text', async () => {
    server = await startFakeLibreTranslate();
    expect(await new LibreTranslateTranslator({ baseUrl: server.url }).translate({ text: ' ', source: 'en', target: 'ko' })).toEqual({ text: ' ' });
    expect(server.requests).toHaveLength(0);
  });
});
