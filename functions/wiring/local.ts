import type { ComplaintRepository } from '../core/ports/complaint-repository.ts';
import type { EventPublisher } from '../core/ports/events.ts';
import type { IntakeQueue } from '../core/ports/intake-queue.ts';
import type { MediaFetcher, MediaStore } from '../core/ports/media.ts';
import type { PiiProtector } from '../core/ports/pii.ts';
import type { Clock, Log } from '../core/ports/runtime.ts';
import type { SmsSender } from '../core/ports/sms-sender.ts';
import type { ChannelSend } from '../core/reply.ts';
import type { Channel, Provider } from '../../schemas/inbound-message.ts';
import type { Translator } from '../core/ports/translator.ts';
import type { CitizenPreferences } from '../core/ports/citizen-preferences.ts';
import type { SatisfactionStore, SurveyPreferences } from '../core/satisfaction/ports.ts';
import type { IntakePolicy } from '../core/intake-policy.ts';
import type { AccessRecorder } from '../core/audit/deps.ts';
import type { OverdueComplaintIndex } from '../core/deadlines/ports.ts';
import { workingCalendar } from '../core/deadlines/working-time.ts';
import type { IngestDeps } from '../core/ingest-message.ts';
import type { CertificateFetcher } from '../channels/sms/certificate-fetcher.ts';
import { createSnsMessageVerifier } from '../channels/sms/sns-signature.ts';
import { previewReceipt, receiptNoFor } from '../core/receipt.ts';
import type { ComplaintsApiDeps } from './deps/complaints-api.ts';
import type { PipelineDeps } from './deps/intake-pipeline.ts';
import type { EumHttpsDeps } from './deps/sms-eum-https.ts';
import type { EumSnsDeps } from './deps/sms-eum-sns.ts';
import type { TwilioWebhookDeps } from './deps/sms-twilio-webhook.ts';
import type { ReplyRetryHandlerDeps } from './deps/reply-retry.ts';
import type { TwilioStatusDeps } from './deps/sms-twilio-status.ts';
import { replyRetriesOn } from '../core/ports/reply-retries.ts';
import type { ReplyDeps } from '../core/reply.ts';

/** The adapters a local run provides; the use cases built from them are the Lambda ones. */
export interface LocalParts {
  repository: ComplaintRepository;
  /** Citizens' SMS opt-out state (the table's citizen-level items). */
  preferences: CitizenPreferences;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  translator: Translator | null;
  intake: IntakeQueue;
  /** The queue held replies' translation retries wait on (a second local queue, as in AWS). */
  replyRetryQueue?: IntakeQueue;
  mediaFetcher: MediaFetcher;
  /** A provider's own media fetcher (Open311's allow-list). */
  mediaFetchers?: Partial<Record<Provider, MediaFetcher>>;
  mediaStore: MediaStore;
  events: EventPublisher;
  smsSender: SmsSender;
  /** Reply senders of other channels (the X sender when the X channel is configured). */
  senders?: Partial<Record<Channel, ChannelSend>>;
  certificateFetcher: CertificateFetcher;
  publicBaseUrl: string;
  twilio: { accountSid: string; authToken: string };
  smsTopicArn: string;
  maxReceiveCount: number;
  intakePolicy?: Partial<IntakePolicy>;
  /** The satisfaction survey on the complaint items and the citizens' declines. */
  satisfaction?: { surveys: SatisfactionStore; surveyPreferences: SurveyPreferences };
  /** The audit trail on the embedded store: staff API calls are recorded as in AWS. */
  access: AccessRecorder;
  /** The open-by-due index of the same table (the overdue list). */
  overdue: OverdueComplaintIndex;
  /** Knowledge cases suggested for new complaints. */
  suggestions?: IngestDeps['suggestions'];
  /** Self-service visits a contact followed. */
  selfServiceContacts?: IngestDeps['selfServiceContacts'];
}

export interface LocalDeps {
  twilioWebhook: TwilioWebhookDeps;
  eumSns: EumSnsDeps;
  eumHttps: EumHttpsDeps;
  pipeline: PipelineDeps;
  complaintsApi: ComplaintsApiDeps;
  replyRetry: ReplyRetryHandlerDeps;
  twilioStatus: TwilioStatusDeps;
}

/** Composition root of the local gateway: same handlers and use cases, local adapters. */
export function buildLocalDeps(parts: LocalParts): LocalDeps {
  const { repository, pii, clock, log, translator, events } = parts;
  const ingest = {
    repository,
    pii,
    clock,
    log,
    translator,
    intakeQueue: parts.intake,
    mediaFetcher: parts.mediaFetcher,
    ...(parts.mediaFetchers ? { mediaFetchers: parts.mediaFetchers } : {}),
    mediaStore: parts.mediaStore,
    events,
    ...(parts.intakePolicy ? { policy: parts.intakePolicy } : {}),
    ...(parts.suggestions ? { suggestions: parts.suggestions } : {}),
    ...(parts.selfServiceContacts ? { selfServiceContacts: parts.selfServiceContacts } : {}),
  };
  const reply: ReplyDeps = {
    repository,
    pii,
    clock,
    log,
    translator,
    events,
    smsSender: parts.smsSender,
    ...(parts.senders ? { senders: parts.senders } : {}),
    ...(parts.replyRetryQueue ? { retries: replyRetriesOn(parts.replyRetryQueue) } : {}),
    ...(parts.intakePolicy ? { policy: parts.intakePolicy } : {}),
  };
  return {
    twilioWebhook: {
      log,
      clock,
      publicBaseUrl: parts.publicBaseUrl,
      twilioCredentials: async () => parts.twilio,
      intake: parts.intake,
      previewReceipt: (message) => previewReceipt({ repository, pii }, message),
      receiptFor: receiptNoFor,
      previewBudgetMs: 1500,
    },
    eumSns: { log, clock, intake: parts.intake, expectedTopicArn: parts.smsTopicArn },
    eumHttps: {
      log,
      clock,
      intake: parts.intake,
      verifier: createSnsMessageVerifier({ expectedTopicArn: parts.smsTopicArn, fetcher: parts.certificateFetcher }),
      confirmSubscription: async (subscribeUrl) => {
        log.info('local gateway: SNS subscription confirmation is not sent (no AWS here)', { host: new URL(subscribeUrl).host });
      },
    },
    pipeline: {
      ingest,
      // Locally the outbox plays the SMS provider, so help keywords are answered on every provider.
      keywords: { preferences: parts.preferences, pii, clock, log, smsSender: parts.smsSender, events },
      translate: {
        repository,
        translator,
        intakeQueue: parts.intake,
        events,
        clock,
        log,
        ...(parts.intakePolicy ? { policy: parts.intakePolicy } : {}),
        ...(parts.suggestions ? { suggestions: parts.suggestions } : {}),
      },
      ...(parts.satisfaction ? { survey: { complaints: repository, ...parts.satisfaction, pii, clock, log, events } } : {}),
      log,
      maxReceiveCount: parts.maxReceiveCount,
    },
    complaintsApi: {
      log,
      access: parts.access,
      query: { repository },
      unmask: { repository, pii },
      reply,
      status: { repository, clock, events },
      search: { repository, pii },
      // The calendar intake counts due times with, so a type change counts the same way.
      deadlines: { repository, clock, events, calendar: parts.intakePolicy?.calendar ?? workingCalendar([]) },
      overdue: { overdue: parts.overdue, clock },
    },
    replyRetry: { reply, log },
    twilioStatus: { log, publicBaseUrl: parts.publicBaseUrl, twilioCredentials: async () => parts.twilio, reports: { repository, clock, log } },
  };
}
