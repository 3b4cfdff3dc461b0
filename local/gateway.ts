import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { TranslateClient } from '@aws-sdk/client-translate';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { DynamoComplaintRepository } from '../functions/adapters/dynamodb/complaint-repository.ts';
import { InProcessPublisher } from '../functions/adapters/events/in-process-publisher.ts';
import { powertoolsLog } from '../functions/adapters/logging/powertools-log.ts';
import { HttpMediaFetcher } from '../functions/adapters/media/http-media-fetcher.ts';
import { LocalFolderMediaStore } from '../functions/adapters/media/local-folder-media-store.ts';
import { AesHmacPiiProtector } from '../functions/adapters/pii/aes-hmac-pii-protector.ts';
import { loadOrCreateLocalPiiKeys } from '../functions/adapters/pii/pii-keys.ts';
import { httpsCertificateFetcher } from '../functions/adapters/sms/https-certificate-fetcher.ts';
import { AmazonTranslator } from '../functions/adapters/translate/amazon-translator.ts';
import { LibreTranslateTranslator } from '../functions/adapters/translate/libretranslate-translator.ts';
import type { CertificateFetcher } from '../functions/channels/sms/certificate-fetcher.ts';
import type { IntakePolicy } from '../functions/core/intake-policy.ts';
import type { MediaFetcher } from '../functions/core/ports/media.ts';
import { systemClock, type Clock, type Log } from '../functions/core/ports/runtime.ts';
import type { Translator } from '../functions/core/ports/translator.ts';
import { createComplaintsApiHandler } from '../functions/handlers/complaints-api.ts';
import { createIntakePipelineHandler } from '../functions/handlers/intake-pipeline.ts';
import { createEumHttpsHandler } from '../functions/handlers/sms-eum-https.ts';
import { createEumSnsHandler } from '../functions/handlers/sms-eum-sns.ts';
import { createTwilioWebhookHandler } from '../functions/handlers/sms-twilio-webhook.ts';
import { createTwilioStatusHandler, TWILIO_STATUS_ROUTE } from '../functions/handlers/sms-twilio-status.ts';
import { buildLocalDeps, type LocalDeps } from '../functions/wiring/local.ts';
import type { LocalConfig } from './config.ts';
import { embeddedDynamoClient, ensureComplaintTable, startEmbeddedDynamo } from './embedded-dynamodb.ts';
import { lambdaContext, readBody } from './apigw-event.ts';
import { sendJson, startHttpServer, type LocalTarget, type LocalHttpServer } from './http-server.ts';
import { LocalQueue } from './local-queue.ts';
import { OutboxSmsSender } from './outbox-sms-sender.ts';
import { openLocalReplyRetryQueue, pumpReplyRetries } from './reply-retry-queue.ts';
import { Router } from './router.ts';
import { createLocalChat } from './chat-websocket.ts';
import { createLocalReservations, type LocalReservations } from '../functions/wiring/aws/reservations-local.ts';
import { localXReplySender, mountXRoutes } from './x-routes.ts';
import { mountVoiceRoutes } from './voice-routes.ts';
import { staticFiles } from './static-files.ts';

/** Test and benchmark seams; a normal `npm start` uses none of them. */
export interface LocalGatewayOverrides {
  translator?: Translator | null;
  certificateFetcher?: CertificateFetcher;
  mediaFetcher?: MediaFetcher;
  clock?: Clock;
  log?: Log;
  /** Keep the embedded DynamoDB in memory instead of under DATA_DIR. */
  inMemoryStore?: boolean;
  queueConcurrency?: number;
  /** Shorter translation retry delays, so tests need not wait SQS-scale minutes. */
  intakePolicy?: Partial<IntakePolicy>;
  /** Lets the benchmark observe every DynamoDB call the gateway makes. */
  instrumentDynamo?: (client: DynamoDBClient) => void;
}

export interface LocalGateway {
  url: string;
  dynamoEndpoint: string;
  config: LocalConfig;
  queue: LocalQueue;
  events: InProcessPublisher;
  outbox: OutboxSmsSender;
  /** Held replies waiting for their next translation attempt. */
  replyRetryQueue: LocalQueue;
  deps: LocalDeps;
  translatorName: string;
  reservations: LocalReservations;
  /** Live chat WebSocket connections (tests drop them to simulate a network loss). */
  chat: { connectionCount(): number; dropAll(): void };
  close(): Promise<void>;
}

const MAX_RECEIVE_COUNT = 5;
/** Static pages the local gateway serves (the counselor console, the citizen chat page). */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

function chooseTranslator(config: LocalConfig): Translator | null {
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

/**
 * Starts the whole gateway in one process: embedded DynamoDB, durable local queue pumping
 * the pipeline handler, and the HTTP front running the same Lambda handlers.
 */
export async function startLocalGateway(config: LocalConfig, overrides: LocalGatewayOverrides = {}): Promise<LocalGateway> {
  await mkdir(config.dataDir, { recursive: true });
  const log =
    overrides.log ??
    powertoolsLog('local-gateway', new Logger({ serviceName: 'local-gateway', logLevel: config.LOG_LEVEL === 'SILENT' ? 'SILENT' : config.LOG_LEVEL }));
  // DYNAMODB_ENDPOINT points at a store already running elsewhere (DynamoDB Local, another
  // dynalite process, the benchmark's separate store process); otherwise dynalite is embedded.
  const store = config.DYNAMODB_ENDPOINT
    ? { endpoint: config.DYNAMODB_ENDPOINT, close: async () => undefined }
    : await startEmbeddedDynamo({
        port: config.DYNAMODB_PORT,
        host: config.HOST,
        ...(overrides.inMemoryStore ? {} : { path: join(config.dataDir, 'dynamodb') }),
      });
  const dynamo = embeddedDynamoClient(store.endpoint);
  overrides.instrumentDynamo?.(dynamo);
  await ensureComplaintTable(dynamo, config.TABLE_NAME);
  const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });

  const queue = new LocalQueue({
    dir: join(config.dataDir, 'queue'),
    maxReceiveCount: MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: config.QUEUE_VISIBILITY_MS,
    concurrency: overrides.queueConcurrency ?? config.QUEUE_CONCURRENCY,
  });
  await queue.open();
  const replyRetryQueue = await openLocalReplyRetryQueue(config.dataDir, { visibilityTimeoutMs: config.QUEUE_VISIBILITY_MS });
  const outbox = new OutboxSmsSender(join(config.dataDir, 'outbox.jsonl'));
  await outbox.open();
  const events = new InProcessPublisher();
  const translator = overrides.translator !== undefined ? overrides.translator : chooseTranslator(config);
  const twilio = { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN };

  const repository = new DynamoComplaintRepository(documents, config.TABLE_NAME);
  const xSender = localXReplySender(config, repository, log);
  const pii = new AesHmacPiiProtector(await loadOrCreateLocalPiiKeys(config.dataDir));
  const clock = overrides.clock ?? systemClock;
  // Chat and reservations: the same handlers as their Lambdas, on this process's table and queue.
  const chat = createLocalChat({ documents, tableName: config.TABLE_NAME, intake: queue, pii, smsSender: outbox, clock, log, complaints: repository });
  const reservations = createLocalReservations({
    documentClient: documents,
    tableName: config.TABLE_NAME,
    intake: queue,
    pii,
    smsSender: outbox,
    clock,
    log,
    chatAccounts: chat.chatAccounts,
    chatNotifier: chat.chatNotifier,
  });
  const deps = buildLocalDeps({
    repository,
    pii,
    clock,
    log,
    translator,
    intake: queue,
    replyRetryQueue,
    mediaFetcher:
      overrides.mediaFetcher ??
      new HttpMediaFetcher({
        credentials: { username: twilio.accountSid, password: twilio.authToken, allowedHosts: config.MEDIA_AUTH_HOSTS },
      }),
    mediaStore: new LocalFolderMediaStore(join(config.dataDir, 'media')),
    events,
    smsSender: outbox,
    senders: { chat: chat.replySend, ...(xSender ? { x: xSender } : {}) },
    certificateFetcher: overrides.certificateFetcher ?? httpsCertificateFetcher(),
    publicBaseUrl: config.publicBaseUrl,
    twilio,
    smsTopicArn: config.SMS_TOPIC_ARN,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    ...(overrides.intakePolicy ? { intakePolicy: overrides.intakePolicy } : {}),
  });

  const twilioHandler = createTwilioWebhookHandler(async () => deps.twilioWebhook);
  const eumHttpsHandler = createEumHttpsHandler(async () => deps.eumHttps);
  const eumSnsHandler = createEumSnsHandler(async () => deps.eumSns);
  const pipelineHandler = createIntakePipelineHandler(async () => deps.pipeline);
  const apiHandler = createComplaintsApiHandler(async () => deps.complaintsApi);
  const lambda = (functionName: string, handler: (e: never, c: never) => unknown): LocalTarget => ({
    kind: 'lambda',
    functionName,
    handler: handler as Extract<LocalTarget, { kind: 'lambda' }>['handler'],
  });

  const router = new Router<LocalTarget>()
    .add('GET', '/health', {
      kind: 'native',
      handle: async (_request, response) =>
        sendJson(response, 200, { status: 'ok', dynamodb: store.endpoint, queue: queue.stats(), translator: translator?.name ?? 'unavailable' }),
    })
    .add('POST', '/sms/twilio', lambda('sms-twilio-webhook', twilioHandler))
    .add('POST', TWILIO_STATUS_ROUTE, lambda('sms-twilio-status', createTwilioStatusHandler(async () => deps.twilioStatus)))
    .add('POST', '/sms/aws-eum', lambda('sms-eum-https', eumHttpsHandler))
    .add('POST', '/local/sns/two-way-sms', {
      // Plays SNS's part for a Lambda subscription: wraps an End User Messaging JSON body in an SNS event.
      kind: 'native',
      handle: async (request, response) => {
        const body = (await readBody(request)).toString('utf8');
        try {
          await eumSnsHandler(snsEvent(config.SMS_TOPIC_ARN, body), lambdaContext('sms-eum-sns'));
          sendJson(response, 202, { accepted: true });
        } catch (error) {
          sendJson(response, 400, { error: error instanceof Error ? error.message : 'rejected' });
        }
      },
    })
    .add('GET', '/api/complaints', lambda('complaints-api', apiHandler))
    .add('GET', '/api/complaints/{id}', lambda('complaints-api', apiHandler))
    .add('POST', '/api/complaints/{id}/replies', lambda('complaints-api', apiHandler))
    .add('POST', '/api/complaints/{id}/replies/{replyId}/delivered-otherwise', lambda('complaints-api', apiHandler))
    .add('POST', '/api/complaints/{id}/status', lambda('complaints-api', apiHandler))
    .add('GET', '/api/outbox', { kind: 'native', handle: async (_q, response) => sendJson(response, 200, { items: outbox.list() }) })
    .add('GET', '/api/dead-letters', {
      kind: 'native',
      handle: async (_q, response) => sendJson(response, 200, { items: await queue.deadLetters() }),
    });

  for (const route of chat.accountRoutes) {
    const [method, resource] = route.split(' ') as [string, string];
    router.add(method, resource, lambda('chat-accounts-api', chat.accountsApi));
  }
  router.addPrefix('GET', '/chat/', { kind: 'native', handle: staticFiles(join(WEB_ROOT, 'chat'), '/chat/') });
  for (const route of reservations.routes) {
    const [method, resource] = route.split(' ') as [string, string];
    router.add(method, resource, lambda('reservations-api', reservations.apiHandler));
  }

  router.addPrefix('GET', '/console/', { kind: 'native', handle: staticFiles(join(WEB_ROOT, 'console'), '/console/') });
  router.add('GET', '/', {
    kind: 'native',
    handle: async (_request, response) => {
      response.writeHead(302, { location: '/console/' });
      response.end();
    },
  });

  const x = mountXRoutes(router, { config, db: documents, intake: queue, clock: overrides.clock ?? systemClock, log });
  mountVoiceRoutes(router, { db: documents, tableName: config.TABLE_NAME, ingest: deps.pipeline.ingest, clock: overrides.clock ?? systemClock, log });

  const http: LocalHttpServer = await startHttpServer({
    router,
    host: config.HOST,
    port: config.PORT,
    onError: (error) => log.error('local gateway request failed', { errorMessage: error instanceof Error ? error.message : String(error) }),
  });
  const chatSockets = chat.attach(http.server, {
    onError: (error: unknown) => log.error('chat websocket failed', { errorMessage: error instanceof Error ? error.message : String(error) }),
  });
  queue.start((event) => pipelineHandler(event, lambdaContext('intake-pipeline')));
  pumpReplyRetries(replyRetryQueue, deps);
  // Plays EventBridge Scheduler's part: reminders and Connect tasks of reservations when due.
  const reservationTimer = setInterval(() => {
    reservations.runDueWork().catch((error: unknown) =>
      log.error('reservation work failed', { errorMessage: error instanceof Error ? error.message : String(error) }),
    );
  }, config.RESERVATION_WORK_INTERVAL_MS);
  reservationTimer.unref();

  return {
    url: http.url,
    dynamoEndpoint: store.endpoint,
    config,
    queue,
    events,
    outbox,
    replyRetryQueue,
    deps,
    translatorName: translator?.name ?? 'unavailable',
    reservations,
    chat: { connectionCount: () => chatSockets.connectionCount(), dropAll: () => chatSockets.dropAll() },
    close: async () => {
      x.stop();
      clearInterval(reservationTimer);
      await chatSockets.close();
      await http.close();
      await queue.stop();
      await replyRetryQueue.stop();
      dynamo.destroy();
      await store.close();
    },
  };
}

function snsEvent(topicArn: string, message: string): SNSEvent {
  const messageId = randomUUID();
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: '',
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.ap-northeast-2.amazonaws.com/local.pem',
          UnsubscribeUrl: 'https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
