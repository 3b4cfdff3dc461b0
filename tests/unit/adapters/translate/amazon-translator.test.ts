import {
  DetectedLanguageLowConfidenceException,
  InternalServerException,
  ServiceUnavailableException,
  TextSizeLimitExceededException,
  TooManyRequestsException,
  TranslateClient,
  TranslateTextCommand,
  UnsupportedLanguagePairException,
} from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AMAZON_TRANSLATE_MAX_BYTES,
  AmazonTranslator,
  splitForTranslation,
} from '../../../../functions/adapters/translate/amazon-translator.ts';
import { TranslationRejectedError, TranslationRetryableError } from '../../../../functions/core/ports/translator.ts';

const translate = mockClient(TranslateClient);
const client = () => new TranslateClient({ region: 'ap-northeast-2' });
const meta = { $metadata: {} };
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('AmazonTranslator', () => {
  beforeEach(() => translate.reset());

  it('names the source language (never auto) and returns the Korean text', async () => {
    translate.on(TranslateTextCommand).resolves({ TranslatedText: '집 앞 가로등이 꺼져 있어요.', SourceLanguageCode: 'en', TargetLanguageCode: 'ko' });
    const translator = new AmazonTranslator(client());
    const result = await translator.translate({ text: 'The streetlight in front of my house is off.', source: 'en', target: 'ko' });
    expect(result).toEqual({ text: '집 앞 가로등이 꺼져 있어요.' });
    expect(translator.name).toBe('amazon-translate');
    expect(translate.commandCalls(TranslateTextCommand)[0]?.args[0].input).toEqual({
      Text: 'The streetlight in front of my house is off.',
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'ko',
    });
  });

  it.each([
    ['zh', 'zh'],
    ['ja', 'ja'],
    ['vi', 'vi'],
    ['mn', 'mn'],
    ['en', 'en'],
  ] as const)('maps our %s to Amazon Translate %s', async (ours, amazon) => {
    translate.on(TranslateTextCommand).resolves({ TranslatedText: '번역' });
    await new AmazonTranslator(client()).translate({ text: 'x', source: ours, target: 'ko' });
    expect(translate.commandCalls(TranslateTextCommand)[0]?.args[0].input.SourceLanguageCode).toBe(amazon);
  });

  it('translates replies from Korean into the citizen language', async () => {
    translate.on(TranslateTextCommand).resolves({ TranslatedText: 'Chúng tôi sẽ sửa trong hôm nay.' });
    const result = await new AmazonTranslator(client()).translate({ text: '오늘 중으로 수리하겠습니다.', source: 'ko', target: 'vi' });
    expect(result.text).toBe('Chúng tôi sẽ sửa trong hôm nay.');
    expect(translate.commandCalls(TranslateTextCommand)[0]?.args[0].input).toMatchObject({ SourceLanguageCode: 'ko', TargetLanguageCode: 'vi' });
  });

  it('makes no call for blank text or the same source and target', async () => {
    const translator = new AmazonTranslator(client());
    expect(await translator.translate({ text: '  \n', source: 'en', target: 'ko' })).toEqual({ text: '  \n' });
    expect(await translator.translate({ text: '안녕하세요', source: 'ko', target: 'ko' })).toEqual({ text: '안녕하세요' });
    expect(translate.commandCalls(TranslateTextCommand)).toHaveLength(0);
  });

  it.each([
    ['ThrottlingException', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' })],
    ['TooManyRequestsException', new TooManyRequestsException({ message: 'Too many requests', ...meta })],
    ['ServiceUnavailableException', new ServiceUnavailableException({ message: 'unavailable', ...meta })],
    ['InternalServerException', new InternalServerException({ message: 'internal', ...meta })],
    ['a network reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('reports %s as retryable, so the message stays pending', async (_label, error) => {
    translate.on(TranslateTextCommand).rejects(error);
    const promise = new AmazonTranslator(client()).translate({ text: 'Hello', source: 'en', target: 'ko' });
    await expect(promise).rejects.toBeInstanceOf(TranslationRetryableError);
  });

  it.each([
    ['UnsupportedLanguagePairException', new UnsupportedLanguagePairException({ message: 'Unsupported language pair: mn to ko', ...meta })],
    ['TextSizeLimitExceededException', new TextSizeLimitExceededException({ message: 'Input text size exceeds limit', ...meta })],
    ['DetectedLanguageLowConfidenceException', new DetectedLanguageLowConfidenceException({ message: 'low confidence', ...meta })],
  ])('reports %s as rejected, naming the cause', async (name, error) => {
    translate.on(TranslateTextCommand).rejects(error);
    const promise = new AmazonTranslator(client()).translate({ text: 'Hello', source: 'en', target: 'ko' });
    await expect(promise).rejects.toBeInstanceOf(TranslationRejectedError);
    await expect(promise).rejects.toThrow(name);
  });

  it('splits text over 10,000 bytes on sentence boundaries and joins the translations in order', async () => {
    const sentence = '这是一个关于公共汽车站的很长的投诉句子，我们需要尽快处理。'; // 29 chars, 87 bytes
    const text = Array.from({ length: 300 }, (_, i) => `${i}号${sentence}`).join('');
    expect(bytes(text)).toBeGreaterThan(AMAZON_TRANSLATE_MAX_BYTES * 2);
    translate.on(TranslateTextCommand).callsFake((input: { Text: string }) => ({ TranslatedText: `[${input.Text.length}]` }));

    const result = await new AmazonTranslator(client()).translate({ text, source: 'zh', target: 'ko' });

    const sent = translate.commandCalls(TranslateTextCommand).map((call) => call.args[0].input.Text ?? '');
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const chunk of sent) {
      expect(bytes(chunk)).toBeLessThanOrEqual(AMAZON_TRANSLATE_MAX_BYTES);
      expect(chunk.endsWith('。')).toBe(true);
    }
    expect(sent.join('')).toBe(text);
    expect(result.text).toBe(sent.map((chunk) => `[${chunk.length}]`).join(''));
  });

  it('keeps the whitespace between chunks that the service would trim', async () => {
    translate.on(TranslateTextCommand).callsFake((input: { Text: string }) => ({ TranslatedText: input.Text.toUpperCase() }));
    const translator = new AmazonTranslator(client(), { maxBytesPerRequest: 15 });
    const result = await translator.translate({ text: 'One sentence. Two sentence. Three.', source: 'en', target: 'ko' });
    const sent = translate.commandCalls(TranslateTextCommand).map((call) => call.args[0].input.Text);
    expect(sent).toEqual(['One sentence.', 'Two sentence.', 'Three.']);
    expect(result.text).toBe('ONE SENTENCE. TWO SENTENCE. THREE.');
  });

  it('stops at the first failing chunk and reports it', async () => {
    translate
      .on(TranslateTextCommand)
      .resolvesOnce({ TranslatedText: '하나.' })
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', ...meta }));
    const translator = new AmazonTranslator(client(), { maxBytesPerRequest: 20 });
    await expect(translator.translate({ text: 'One sentence. Two sentence. Three.', source: 'en', target: 'ko' })).rejects.toBeInstanceOf(
      TranslationRetryableError,
    );
    expect(translate.commandCalls(TranslateTextCommand)).toHaveLength(2);
  });
});

describe('splitForTranslation', () => {
  it('returns short text whole', () => {
    expect(splitForTranslation('Hello. World.', 100)).toEqual(['Hello. World.']);
  });

  it('cuts a sentence longer than the limit at word boundaries, never inside a character', () => {
    const text = 'word '.repeat(30).trim() + '. Next one.';
    const chunks = splitForTranslation(text, 40);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(40);
  });

  it('cuts unspaced text between graphemes and keeps emoji and Hangul whole', () => {
    const text = '가'.repeat(20) + '👨‍👩‍👧' + '나'.repeat(20);
    const chunks = splitForTranslation(text, 30);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) {
      expect(bytes(chunk)).toBeLessThanOrEqual(30);
      expect(chunk).not.toMatch(/\uFFFD/);
    }
    expect(chunks.some((chunk) => chunk.includes('👨‍👩‍👧'))).toBe(true);
  });
});
