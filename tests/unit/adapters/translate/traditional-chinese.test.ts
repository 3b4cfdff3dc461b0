import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmazonTranslator } from '../../../../functions/adapters/translate/amazon-translator.ts';
import { LibreTranslateTranslator } from '../../../../functions/adapters/translate/libretranslate-translator.ts';
import { chineseVariantOf } from '../../../../functions/core/chinese-variant.ts';
import { planTranslation } from '../../../../functions/core/translation-plan.ts';
import { FakeTranslator } from '../../../support/in-memory-ports.ts';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../../../support/fake-libretranslate.ts';

/*
 * Amazon Translate names Chinese (Simplified) `zh` and Chinese (Traditional) `zh-TW`
 * (docs.aws.amazon.com/translate/latest/dg/what-is-languages.html); LibreTranslate names them
 * `zh` and `zt` (libretranslate/language.py). A post written in Traditional characters (X tags
 * it zh-tw) must be translated from zh-TW, and the answer must go back in Traditional.
 */
const TRADITIONAL = '我們這裡的路燈壞了，請儘快處理。謝謝！';
const SIMPLIFIED = '我们这里的路灯坏了，请尽快处理。谢谢！';

describe('Traditional Chinese (zh-TW)', () => {
  const translate = mockClient(TranslateClient);
  let libre: FakeLibreTranslate | undefined;
  beforeEach(() => translate.reset());
  afterEach(async () => {
    await libre?.close();
    libre = undefined;
  });

  it('tells Traditional from Simplified text by the characters only one script uses', () => {
    expect(chineseVariantOf(TRADITIONAL)).toBe('zh-TW');
    expect(chineseVariantOf(SIMPLIFIED)).toBe('zh');
    // Characters both scripts share say nothing: Simplified, the service default.
    expect(chineseVariantOf('公园')).toBe('zh');
    expect(chineseVariantOf('中山北路')).toBe('zh');
  });

  it('plans a Traditional Chinese message as a translation from zh-TW, a Simplified one from zh', () => {
    const translator = new FakeTranslator();
    expect(planTranslation(TRADITIONAL, 'zh', translator)).toEqual({ kind: 'translate', source: 'zh-TW' });
    expect(planTranslation(SIMPLIFIED, 'zh', translator)).toEqual({ kind: 'translate', source: 'zh' });
  });

  it('asks Amazon Translate for zh-TW, its code for Chinese (Traditional)', async () => {
    translate.on(TranslateTextCommand).resolves({ TranslatedText: '가로등이 고장났어요.' });
    await new AmazonTranslator(new TranslateClient({ region: 'ap-northeast-2' })).translate({ text: TRADITIONAL, source: 'zh-TW', target: 'ko' });
    await new AmazonTranslator(new TranslateClient({ region: 'ap-northeast-2' })).translate({ text: '확인했습니다.', source: 'ko', target: 'zh-TW' });
    const inputs = translate.commandCalls(TranslateTextCommand).map((call) => [call.args[0].input.SourceLanguageCode, call.args[0].input.TargetLanguageCode]);
    expect(inputs).toEqual([
      ['zh-TW', 'ko'],
      ['ko', 'zh-TW'],
    ]);
  });

  it('asks LibreTranslate for zt, its code for Traditional Chinese', async () => {
    libre = await startFakeLibreTranslate({ languages: ['ko', 'zh', 'zt'] });
    await new LibreTranslateTranslator({ baseUrl: libre.url }).translate({ text: TRADITIONAL, source: 'zh-TW', target: 'ko' });
    expect(libre.requests[0]?.body.source).toBe('zt');
  });
});
