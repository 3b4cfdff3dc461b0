import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalFolderDigestStore } from '../functions/adapters/audit/local-folder-digest-store.ts';
import { ensureAuditTable } from '../functions/adapters/dynamodb/audit-table.ts';
import { accessRecorder, type AccessRecorder, type AuditTrailDeps } from '../functions/core/audit/deps.ts';
import { auditTrailDeps } from '../functions/wiring/aws/audit-trail.ts';
import { DynamoComplaintRepository } from '../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoCitizenPreferences } from '../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoSatisfactionStore, DynamoSurveyPreferences } from '../functions/adapters/dynamodb/satisfaction-store.ts';
import { DynamoOverdueComplaints } from '../functions/adapters/dynamodb/overdue-complaints.ts';
import { InProcessPublisher } from '../functions/adapters/events/in-process-publisher.ts';
import { powertoolsLog } from '../functions/adapters/logging/powertools-log.ts';
import { createTwilioMediaFetcher } from '../functions/adapters/media/twilio-media-source.ts';
import { LocalFolderMediaStore } from '../functions/adapters/media/local-folder-media-store.ts';
import { AesHmacPiiProtector } from '../functions/adapters/pii/aes-hmac-pii-protector.ts';
import { loadOrCreateLocalPiiKeys } from '../functions/adapters/pii/pii-keys.ts';
import { httpsCertificateFetcher } from '../functions/adapters/sms/https-certificate-fetcher.ts';
import type { CertificateFetcher } from '../functions/channels/sms/certificate-fetcher.ts';
import type { IntakePolicy } from '../functions/core/intake-policy.ts';
import { workingCalendar } from '../functions/core/deadlines/working-time.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from '../lib/config/public-holidays.ts';
import type { MediaFetcher } from '../functions/core/ports/media.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import { systemClock, type Clock, type Log } from '../functions/core/ports/runtime.ts';
import type { Translator } from '../functions/core/ports/translator.ts';
import { createIntakePipelineHandler } from '../functions/handlers/intake-pipeline.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { buildLocalDeps, type LocalDeps } from '../functions/wiring/local.ts';
import { lambdaContext } from './apigw-event.ts';
import { createLocalChat, type LocalChat } from './chat-websocket.ts';
import { mountAuditRoutes } from './audit-routes.ts';
import { mountChatRoutes } from './chat-routes.ts';
import { mountComplaintRoutes } from './complaint-routes.ts';
import type { LocalConfig } from './config.ts';
import { mountConsoleRoutes } from './console-routes.ts';
import { mountDeadLetterRoutes, recordFailures } from './dead-letters.ts';
import { embeddedDynamoClient, ensureComplaintTable, startEmbeddedDynamo } from './embedded-dynamodb.ts';
import { sendJson, startHttpServer, type LocalTarget } from './http-server.ts';
import { LocalQueue } from './local-queue.ts';
import { OutboxSmsSender } from './outbox-sms-sender.ts';
import { openLocalReplyRetryQueue, pumpReplyRetries } from './reply-retry-queue.ts';
import { mountReservationRoutes } from './reservation-routes.ts';
import { mountStatisticsRoutes } from './statistics-routes.ts';
import { createLocalReservations, type LocalReservations } from './reservations.ts';
import { RequestGuard } from './request-guard.ts';
import { Router } from './router.ts';
import { announceRunningGateway } from './running-gateway.ts';
import { mountSmsRoutes } from './sms-routes.ts';
import { startLocalStaffIdentity, type LocalAuthConfig } from './cognito-local.ts';
import { createStaffGate } from './staff-gate.ts';
import { chooseTranslator } from './translator-choice.ts';
import { mountVoiceRoutes } from './voice-routes.ts';
import { localXReplySender, mountXRoutes } from './x-routes.ts';
import { mountMoWebhookRoutes } from './mo-webhook-routes.ts';
import { createLocalPush, mountPushRoutes, type LocalPush } from './push-routes.ts';
import { chatWithPushSend } from '../functions/channels/chat/chat-push-reply-sender.ts';
import type { Agent } from 'node:https';
import { createLocalNotices, type LocalNotices } from './notices.ts';
import { mountNoticeRoutes } from './notice-routes.ts';
import { createLocalVideo } from './video-calls.ts';
import { createLocalKnowledge, mountKnowledgeRoutes, type LocalKnowledge } from './knowledge-routes.ts';
import { createLocalSelfService, mountSelfServiceRoutes, type LocalSelfService } from './self-service-routes.ts';
import { mountOpen311Routes } from './open311-routes.ts';
import { createOpen311MediaFetcher } from '../functions/adapters/media/open311-media-source.ts';
import type { RateLimitsOverride } from '../functions/core/open311/settings.ts';

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
  /** A local push service standing in for the browser vendors': its origin and an agent trusting its certificate. */
  pushService?: { origin: string; agent: Agent };
  /** Lets the benchmark switch the staff routes' access records off and on (its baseline). */
  instrumentAccess?: (recorder: AccessRecorder) => AccessRecorder;
  /** Smaller Open311 rate windows, so a test can reach them. */
  open311Limits?: RateLimitsOverride;
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
  /** Status notices and the public status lookup (the notice function, the sweeper, GET /public/status). */
  notices: LocalNotices;
  /** The knowledge base (cases, search, suggestions) the knowledge functions and the pipeline use. */
  knowledge: LocalKnowledge;
  /** Live chat WebSocket connections (tests drop them to simulate a network loss). */
  chat: { connectionCount(): number; dropAll(): void };
  /** Staff sign-in (cognito-local): what clients need, and id tokens of the default users for tests. */
  staff: { config: LocalAuthConfig; idTokenFor(username: string): Promise<string> };
  /** Every route the HTTP front serves (method, API Gateway resource, target). */
  routes(): Array<{ method: string; resource: string; target: LocalTarget }>;
  close(): Promise<void>;
}

const MAX_RECEIVE_COUNT = 5;
/** Static pages the local gateway serves (the counselor workspace app, the citizen chat page). */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * Starts the whole gateway in one process: embedded DynamoDB, durable local queue pumping
 * the pipeline handler, and the HTTP front running the same Lambda handlers.
 */
export async function startLocalGateway(config: LocalConfig, overrides: LocalGatewayOverrides = {}): Promise<LocalGateway> {
  await mkdir(config.dataDir, { recursive: true });
  const log =
    overrides.log ??
    powertoolsLog('local-gateway', new Logger({ serviceName: 'local-gateway', logLevel: config.LOG_LEVEL === 'SILENT' ? 'SILENT' : config.LOG_LEVEL }));
  // Both start at once (cognito-local takes a second or two); if one fails the other is closed.
  const [opened, signIn] = await Promise.allSettled([
    openStorage(config, overrides, log),
    startLocalStaffIdentity({ dataDir: config.dataDir, host: config.HOST, port: config.COGNITO_PORT, region: config.AWS_REGION, password: config.LOCAL_USER_PASSWORD, log }),
  ]);
  if (opened.status === 'rejected' || signIn.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.close();
    if (signIn.status === 'fulfilled') await signIn.value.close();
    throw opened.status === 'rejected' ? opened.reason : (signIn as PromiseRejectedResult).reason;
  }
  const storage = opened.value;
  const staff = signIn.value;
  const app = await composeChannels(config, overrides, log, storage);
  const { router, stop: stopRoutes } = mountRoutes(config, log, storage, app, staff.config.endpoint, overrides);
  const video = createLocalVideo({ documents: storage.documents, tableName: config.TABLE_NAME, accounts: app.chat.accounts, complaints: app.deps.pipeline.ingest.repository, intake: storage.queue, pii: app.pii, verifier: staff.verifier, clock: app.clock, log });
  video.mount(router);
  router.add('GET', '/local/auth/config', { kind: 'native', handle: async (_request, response) => sendJson(response, 200, staff.config) });

  const http = await startHttpServer({
    router,
    host: config.HOST,
    port: config.PORT,
    onError: (error) => log.error('local gateway request failed', describeError(error)),
    guard: (port) => RequestGuard.forGateway({ host: config.HOST, port, publicBaseUrl: config.publicBaseUrl, allowedHosts: config.ALLOWED_HOSTS }),
    staffGate: createStaffGate({ verifier: staff.verifier, log, access: app.access }),
  });
  const chatSockets = app.chat.attach(http.server, {
    admit: (request) => http.guard?.checkSource(request) ?? null,
    onError: (error: unknown) => log.error('chat websocket failed', describeError(error)),
    onClientError: (error: unknown) => log.warn('chat connection closed on a protocol error', describeError(error)),
  });
  const videoSockets = video.attach(http.server, { admit: (request) => http.guard?.checkSource(request) ?? null, siblingPaths: ['/chat'] });
  const pipelineHandler = createIntakePipelineHandler(async () => app.deps.pipeline);
  storage.queue.start((event) => pipelineHandler(event, lambdaContext('intake-pipeline')));
  pumpReplyRetries(storage.replyRetryQueue, app.deps);
  // PORT=0: the URL Twilio signs is only known now, unless PUBLIC_BASE_URL names it.
  if (!config.PUBLIC_BASE_URL) app.deps.twilioWebhook.publicBaseUrl = http.url;
  const withdraw = await announceRunningGateway(config.dataDir, { url: http.url, publicBaseUrl: app.deps.twilioWebhook.publicBaseUrl, pid: process.pid });

  return {
    url: http.url,
    dynamoEndpoint: storage.endpoint,
    config,
    queue: storage.queue,
    events: app.events,
    outbox: storage.outbox,
    replyRetryQueue: storage.replyRetryQueue,
    deps: app.deps,
    translatorName: app.translator?.name ?? 'unavailable',
    reservations: app.reservations,
    notices: app.notices,
    knowledge: app.knowledge,
    chat: { connectionCount: () => chatSockets.connectionCount(), dropAll: () => chatSockets.dropAll() },
    staff: { config: staff.config, idTokenFor: (username) => staff.idTokenFor(username) },
    routes: () => router.list(),
    close: async () => {
      await withdraw();
      await stopRoutes();
      await chatSockets.close();
      await videoSockets.close();
      await http.close();
      await storage.close();
      await staff.close();
    },
  };
}

interface LocalStorage {
  endpoint: string;
  documents: DynamoDBDocumentClient;
  queue: LocalQueue;
  /** Held replies (no translation yet) wait here, durable under DATA_DIR, for their next attempt. */
  replyRetryQueue: LocalQueue;
  outbox: OutboxSmsSender;
  /** Stops the queues, then the store. */
  close(): Promise<void>;
}

/** The table (embedded or at DYNAMODB_ENDPOINT), the durable intake queue and the SMS outbox. */
async function openStorage(config: LocalConfig, overrides: LocalGatewayOverrides, log: Log): Promise<LocalStorage> {
  // DYNAMODB_ENDPOINT points at a store already running elsewhere (DynamoDB Local, another
  // dynalite process, the benchmark's separate store process); otherwise dynalite is embedded.
  const store = config.DYNAMODB_ENDPOINT
    ? { endpoint: config.DYNAMODB_ENDPOINT, close: async () => undefined }
    : await startEmbeddedDynamo({
        port: config.DYNAMODB_PORT,
        host: config.HOST,
        ...(overrides.inMemoryStore ? {} : { path: join(config.dataDir, 'dynamodb') }),
        onError: (error) => log.error('embedded DynamoDB failed', describeError(error)),
      });
  const dynamo = embeddedDynamoClient(store.endpoint);
  overrides.instrumentDynamo?.(dynamo);
  await ensureComplaintTable(dynamo, config.TABLE_NAME);
  await ensureAuditTable(dynamo, config.AUDIT_TABLE_NAME);
  const queue = new LocalQueue({
    dir: join(config.dataDir, 'queue'),
    maxReceiveCount: MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: config.QUEUE_VISIBILITY_MS,
    concurrency: overrides.queueConcurrency ?? config.QUEUE_CONCURRENCY,
    onError: (error) => log.error('local queue could not settle a delivery; it will be delivered again', describeError(error)),
  });
  await queue.open();
  const replyRetryQueue = await openLocalReplyRetryQueue(config.dataDir, { visibilityTimeoutMs: config.QUEUE_VISIBILITY_MS });
  const outbox = new OutboxSmsSender(join(config.dataDir, 'outbox.jsonl'));
  await outbox.open();
  return {
    endpoint: store.endpoint,
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    queue,
    replyRetryQueue,
    outbox,
    close: async () => {
      await queue.stop();
      await replyRetryQueue.stop();
      dynamo.destroy();
      await store.close();
    },
  };
}

interface LocalChannels {
  deps: LocalDeps;
  chat: LocalChat;
  reservations: LocalReservations;
  knowledge: LocalKnowledge;
  selfService: LocalSelfService;
  events: InProcessPublisher;
  translator: Translator | null;
  clock: Clock;
  pii: PiiProtector;
  push: LocalPush;
  /** The audit trail: its table on the same store, digests under DATA_DIR/audit. */
  audit: AuditTrailDeps;
  /** What the staff routes and the staff authorizer record with. */
  access: AccessRecorder;
  notices: LocalNotices;
}

/** The same use cases as the Lambdas, on this process's table, queue, outbox and folders. */
async function composeChannels(config: LocalConfig, overrides: LocalGatewayOverrides, log: Log, storage: LocalStorage): Promise<LocalChannels> {
  const { documents, queue, outbox } = storage;
  const events = new InProcessPublisher();
  const translator = overrides.translator !== undefined ? overrides.translator : chooseTranslator(config);
  const twilio = { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN };
  const repository = new DynamoComplaintRepository(documents, config.TABLE_NAME);
  const xSender = localXReplySender(config, repository, log);
  const pii = new AesHmacPiiProtector(await loadOrCreateLocalPiiKeys(config.dataDir));
  const clock = overrides.clock ?? systemClock;
  const audit = auditTrailDeps({ db: documents, tableName: config.AUDIT_TABLE_NAME, digests: new LocalFolderDigestStore(join(config.dataDir, 'audit')), clock });
  const access = overrides.instrumentAccess ? overrides.instrumentAccess(accessRecorder(audit)) : accessRecorder(audit);
  const chat = createLocalChat({ documents, tableName: config.TABLE_NAME, intake: queue, pii, smsSender: outbox, clock, log, complaints: repository });
  const push = await createLocalPush({
    documents,
    tableName: config.TABLE_NAME,
    dataDir: config.dataDir,
    accounts: chat.accounts,
    pii,
    clock,
    log,
    ...(overrides.pushService ? { extraOrigins: [overrides.pushService.origin], agent: overrides.pushService.agent } : {}),
  });
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
    events,
  });
  const knowledge = await createLocalKnowledge({ documents, tableName: config.TABLE_NAME, dataDir: config.dataDir, complaints: repository, clock, log, seed: config.KNOWLEDGE_SEED });
  const selfService = createLocalSelfService({ documents, tableName: config.TABLE_NAME, dataDir: config.dataDir, pii, clock, log });
  const deps = buildLocalDeps({
    repository,
    suggestions: knowledge.suggestions,
    selfServiceContacts: selfService.stats,
    preferences: new DynamoCitizenPreferences(documents, config.TABLE_NAME),
    pii,
    clock,
    log,
    translator,
    intake: queue,
    replyRetryQueue: storage.replyRetryQueue,
    mediaFetcher:
      overrides.mediaFetcher ??
      createTwilioMediaFetcher({
        credentials: { username: twilio.accountSid, password: twilio.authToken },
        extraOrigins: config.MEDIA_ALLOWED_ORIGINS,
        allowLoopbackForTests: config.MEDIA_ALLOW_LOOPBACK_FOR_TESTS,
      }),
    mediaFetchers: {
      open311: createOpen311MediaFetcher({ allowedOrigins: config.OPEN311_MEDIA_ALLOWED_ORIGINS, allowLoopbackForTests: config.MEDIA_ALLOW_LOOPBACK_FOR_TESTS }),
    },
    mediaStore: new LocalFolderMediaStore(join(config.dataDir, 'media')),
    events,
    smsSender: outbox,
    senders: { chat: chatWithPushSend(chat.replySend, push.requestPush, log), ...(xSender ? { x: xSender } : {}) },
    certificateFetcher: overrides.certificateFetcher ?? httpsCertificateFetcher(),
    publicBaseUrl: config.publicBaseUrl,
    twilio,
    smsTopicArn: config.SMS_TOPIC_ARN,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    satisfaction: { surveys: new DynamoSatisfactionStore(documents, config.TABLE_NAME), surveyPreferences: new DynamoSurveyPreferences(documents, config.TABLE_NAME) },
    access,
    overdue: new DynamoOverdueComplaints(documents, config.TABLE_NAME),
    // The national holiday table of the stage config, so local due times count as deployed ones do.
    intakePolicy: { calendar: workingCalendar(KOREAN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date)), ...overrides.intakePolicy },
  });
  deps.pipeline.onRecordFailed = recordFailures(queue);
  const notices = createLocalNotices({
    documents,
    tableName: config.TABLE_NAME,
    repository,
    events,
    pii,
    clock,
    log,
    smsSender: outbox,
    chatSend: chat.replySend,
    chatAccounts: chat.accounts,
    translator,
    audit,
  });
  return { deps, chat, reservations, knowledge, selfService, events, translator, clock, pii, audit, access, notices, push };
}

/** Every channel's routes, as each channel's module mounts them; `stop` ends their timers. */
function mountRoutes(
  config: LocalConfig,
  log: Log,
  storage: LocalStorage,
  app: LocalChannels,
  signInEndpoint: string,
  overrides: LocalGatewayOverrides,
): { router: Router<LocalTarget>; stop(): Promise<void> } {
  const { deps, clock } = app;
  const router = new Router<LocalTarget>().add('GET', '/health', {
    kind: 'native',
    handle: async (_request, response) =>
      sendJson(response, 200, { status: 'ok', dynamodb: storage.endpoint, queue: storage.queue.stats(), translator: app.translator?.name ?? 'unavailable' }),
  });
  mountSmsRoutes(router, { deps, smsTopicArn: config.SMS_TOPIC_ARN });
  mountComplaintRoutes(router, { deps, outbox: storage.outbox });
  mountDeadLetterRoutes(router, { queue: storage.queue, pii: app.pii });
  mountChatRoutes(router, app.chat, WEB_ROOT);
  mountPushRoutes(router, app.push);
  const stopReservationWork = mountReservationRoutes(router, app.reservations, { intervalMs: config.RESERVATION_WORK_INTERVAL_MS, log });
  mountConsoleRoutes(router, WEB_ROOT, signInEndpoint, config.CONSOLE_FRAME_ANCESTORS);
  const x = mountXRoutes(router, { config, db: storage.documents, intake: storage.queue, clock, log });
  mountVoiceRoutes(router, { db: storage.documents, tableName: config.TABLE_NAME, ingest: deps.pipeline.ingest, clock, log });
  mountMoWebhookRoutes(router, { config, intake: storage.queue, clock, log });
  const statistics = mountStatisticsRoutes(router, { db: storage.documents, tableName: config.TABLE_NAME, events: app.events, clock, log, access: app.access, reply: deps.complaintsApi.reply });
  const stopAuditDigests = mountAuditRoutes(router, { audit: app.audit, access: app.access, clock, log });
  mountKnowledgeRoutes(router, app.knowledge, app.access);
  mountSelfServiceRoutes(router, app.selfService, app.access);
  mountOpen311Routes(router, {
    config,
    db: storage.documents,
    repository: deps.complaintsApi.query.repository,
    intake: storage.queue,
    mediaStore: deps.pipeline.ingest.mediaStore,
    clock,
    log,
    publicBaseUrl: () => deps.twilioWebhook.publicBaseUrl,
    ...(overrides.open311Limits ? { limits: overrides.open311Limits } : {}),
  });
  const stopNotices = mountNoticeRoutes(router, app.notices, { intervalMs: config.NOTICE_SWEEP_INTERVAL_MS, clock, log });
  return {
    router,
    stop: async () => {
      x.stop();
      stopReservationWork();
      stopAuditDigests();
      stopNotices();
      // Event targets finish the delivery under way before the store closes.
      await statistics.stop();
    },
  };
}
