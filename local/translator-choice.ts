import { TranslateClient } from '@aws-sdk/client-translate';
import { AmazonTranslator } from '../functions/adapters/translate/amazon-translator.ts';
import { LibreTranslateTranslator } from '../functions/adapters/translate/libretranslate-translator.ts';
import type { Translator } from '../functions/core/ports/translator.ts';
import type { LocalConfig } from './config.ts';

/** TRANSLATOR=auto: Amazon Translate with AWS credentials, else LibreTranslate when configured, else none. */
export function chooseTranslator(config: LocalConfig): Translator | null {
  const amazon = () => new AmazonTranslator(new TranslateClient({ region: config.AWS_REGION, maxAttempts: 2 }));
  const libre = () =>
    new LibreTranslateTranslator({
      baseUrl: config.LIBRETRANSLATE_URL ?? 'http://127.0.0.1:5000',
      ...(config.LIBRETRANSLATE_API_KEY ? { apiKey: config.LIBRETRANSLATE_API_KEY } : {}),
    });
  switch (config.TRANSLATOR) {
    case 'none':
      return null;
    case 'amazon':
      return amazon();
    case 'libretranslate':
      return libre();
    case 'auto':
      if (config.AWS_ACCESS_KEY_ID || config.AWS_PROFILE) return amazon();
      if (config.LIBRETRANSLATE_URL) return libre();
      return null;
  }
}
