import { TranslateClient } from '@aws-sdk/client-translate';
import type { HttpMediaFetcher } from '../../adapters/media/http-media-fetcher.ts';
import { SignedS3MediaStore } from '../../adapters/media/signed-s3-media-store.ts';
import { createTwilioMediaFetcher } from '../../adapters/media/twilio-media-source.ts';
import { createOpen311MediaFetcher } from '../../adapters/media/open311-media-source.ts';
import { AmazonTranslator } from '../../adapters/translate/amazon-translator.ts';
import { ENV } from '../env-names.ts';
import { readEnvironment } from './environment.ts';
import { defaultProvider } from './lambda-credential-provider.ts';
import { twilioCredentials } from './twilio.ts';
import type { Log } from '../../core/ports/runtime.ts';

export { eventPublisher } from './event-publisher.ts';

/** Adapters shared by the pipeline and the reply API, built once per container. */
let translator: AmazonTranslator | undefined;

export function amazonTranslator(): AmazonTranslator {
  translator ??= new AmazonTranslator(new TranslateClient({ maxAttempts: 2 }));
  return translator;
}

/** Signed requests, not the S3 client (cold start, ADR 0008), with the role's credentials as the SDK clients get them. */
export function s3MediaStore(): SignedS3MediaStore {
  const { mediaBucket, region } = readEnvironment(['mediaBucket', 'region']);
  return new SignedS3MediaStore({ bucket: mediaBucket, region, credentials: defaultProvider() });
}

/** Optional extra media origins (other providers), https only; a malformed entry fails the cold start. */
function extraMediaOrigins(env: NodeJS.ProcessEnv = process.env, name: string = ENV.mediaAllowedOrigins): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * Media from Twilio's documented media origins (and MEDIA_ALLOWED_ORIGINS), over https to
 * public addresses only; the account's basic auth goes to https://api.twilio.com only.
 */
export async function twilioMediaFetcher(log: Log): Promise<HttpMediaFetcher> {
  const extraOrigins = extraMediaOrigins();
  let credentials: { username: string; password: string } | undefined;
  try {
    const { accountSid, authToken } = await twilioCredentials();
    credentials = { username: accountSid, password: authToken };
  } catch (error) {
    // An End User Messaging-only deployment has no Twilio account; its SMS carry no media.
    log.warn('twilio credentials unavailable: media is fetched without authentication', {
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }
  return createTwilioMediaFetcher({ ...(credentials ? { credentials } : {}), extraOrigins, timeoutMs: 10_000 });
}

/** Open311 media_url links: only from OPEN311_MEDIA_ALLOWED_ORIGINS (none by default), never with credentials. */
export function open311MediaFetcher(): HttpMediaFetcher {
  return createOpen311MediaFetcher({ allowedOrigins: extraMediaOrigins(process.env, ENV.open311MediaAllowedOrigins) });
}
