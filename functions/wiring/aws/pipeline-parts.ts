import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { TranslateClient } from '@aws-sdk/client-translate';
import { EventBridgePublisher } from '../../adapters/events/eventbridge-publisher.ts';
import { HttpMediaFetcher } from '../../adapters/media/http-media-fetcher.ts';
import { S3MediaStore } from '../../adapters/media/s3-media-store.ts';
import { AmazonTranslator } from '../../adapters/translate/amazon-translator.ts';
import { readEnvironment } from './environment.ts';
import { twilioCredentials } from './twilio.ts';
import type { Log } from '../../core/ports/runtime.ts';

/** Adapters shared by the pipeline and the reply API, built once per container. */
let translator: AmazonTranslator | undefined;
let events: EventBridgePublisher | undefined;

export function amazonTranslator(): AmazonTranslator {
  translator ??= new AmazonTranslator(new TranslateClient({ maxAttempts: 2 }));
  return translator;
}

export function eventPublisher(): EventBridgePublisher {
  const { eventBusName } = readEnvironment(['eventBusName']);
  events ??= new EventBridgePublisher(new EventBridgeClient({}), eventBusName);
  return events;
}

export function s3MediaStore(): S3MediaStore {
  const { mediaBucket } = readEnvironment(['mediaBucket']);
  return new S3MediaStore(new S3Client({}), mediaBucket);
}

/** Twilio media URLs need the account's basic auth; only Twilio's hosts ever see it. */
export async function twilioMediaFetcher(log: Log): Promise<HttpMediaFetcher> {
  try {
    const { accountSid, authToken } = await twilioCredentials();
    return new HttpMediaFetcher({
      credentials: { username: accountSid, password: authToken, allowedHosts: ['api.twilio.com'] },
      timeoutMs: 10_000,
    });
  } catch (error) {
    // An End User Messaging-only deployment has no Twilio account; its SMS carry no media.
    log.warn('twilio credentials unavailable: media is fetched without authentication', {
      errorMessage: error instanceof Error ? error.message : String(error),
    });
    return new HttpMediaFetcher({ timeoutMs: 10_000 });
  }
}
