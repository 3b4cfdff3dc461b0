import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCitizenPreferences } from '../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoLookupGuard } from '../functions/adapters/dynamodb/lookup-guard.ts';
import { DynamoNoticeOutbox } from '../functions/adapters/dynamodb/notice-outbox.ts';
import type { InProcessPublisher } from '../functions/adapters/events/in-process-publisher.ts';
import type { ChatAccountRepository } from '../functions/core/chat/ports.ts';
import type { AuditTrailDeps } from '../functions/core/audit/deps.ts';
import { citizenLookupRecorder } from '../functions/core/audit/record-citizen-lookup.ts';
import type { StatusRequestDeps } from '../functions/core/notices/status-request.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { DomainEvent } from '../functions/core/ports/events.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { SmsSender } from '../functions/core/ports/sms-sender.ts';
import type { Translator } from '../functions/core/ports/translator.ts';
import { senderFor, type ChannelSend } from '../functions/core/reply.ts';
import type { StatusLookupDeps } from '../functions/core/status-lookup/lookup-status.ts';
import { EVENT_SOURCE } from '../functions/adapters/events/eventbridge-publisher.ts';
import { NOTICE_EVENT_TYPES } from '../schemas/notice-events.ts';
import { createNoticeEventsHandler } from '../functions/handlers/notice-events.ts';
import { createNoticeSweeperHandler } from '../functions/handlers/notice-sweeper.ts';
import { createPublicStatusHandler } from '../functions/handlers/public-status.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaContext } from './apigw-event.ts';

export interface LocalNoticeParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  repository: ComplaintRepository;
  events: InProcessPublisher;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  smsSender: SmsSender;
  chatSend: ChannelSend;
  chatAccounts: ChatAccountRepository;
  translator: Translator | null;
  audit: Pick<AuditTrailDeps, 'store' | 'shards'>;
}

export interface LocalNotices {
  deps: StatusRequestDeps;
  lookupDeps: StatusLookupDeps;
  publicStatus: ReturnType<typeof createPublicStatusHandler>;
  /** Runs the sweeper's jobs now (what the schedules do in AWS). */
  sweep(jobs?: ReadonlyArray<'deliver' | 'progress'>): Promise<Record<string, Record<string, number>>>;
  /** Resolves once every event handed to the notice function so far is handled (tests). */
  idle(): Promise<void>;
  /** Stops taking events. */
  stop(): void;
}

const HANDLED: ReadonlySet<string> = new Set(NOTICE_EVENT_TYPES);

/**
 * The notice function, the sweeper and the public status API on local adapters: the same handlers
 * as the Lambdas. Events from the in-process publisher reach the notice function as EventBridge
 * would deliver them (source, detail-type, detail), each once, in the background.
 */
export function createLocalNotices(parts: LocalNoticeParts): LocalNotices {
  const { documents, tableName, clock, log } = parts;
  const guard = new DynamoLookupGuard(documents, tableName);
  const recorder = citizenLookupRecorder({ store: parts.audit.store, shards: parts.audit.shards, clock });
  const sms = senderFor({ smsSender: parts.smsSender }, 'sms');
  const deps: StatusRequestDeps = {
    outbox: new DynamoNoticeOutbox(documents, tableName),
    repository: parts.repository,
    preferences: new DynamoCitizenPreferences(documents, tableName),
    pii: parts.pii,
    clock,
    log,
    senders: { ...(sms ? { sms } : {}), chat: parts.chatSend },
    translator: parts.translator,
    guard,
    recorder,
    chatAccounts: parts.chatAccounts,
  };
  const lookupDeps: StatusLookupDeps = { repository: parts.repository, guard, recorder, pii: parts.pii, clock, log, chatAccounts: parts.chatAccounts };
  const onEvent = createNoticeEventsHandler(async () => deps);
  const sweeper = createNoticeSweeperHandler(async () => deps);
  const pending = new Set<Promise<unknown>>();

  const unsubscribe = parts.events.subscribe((event: DomainEvent) => {
    if (!HANDLED.has(event.type)) return;
    const delivery = { version: '0', id: `local-${pending.size}`, source: EVENT_SOURCE, 'detail-type': event.type, time: clock.now().toISOString(), detail: event };
    const run = onEvent(delivery, lambdaContext('notice-events'))
      .catch((error: unknown) => log.error('notice function failed; the sweeper sends what it planned', describeError(error)))
      .finally(() => pending.delete(run));
    pending.add(run);
  });

  return {
    deps,
    lookupDeps,
    publicStatus: createPublicStatusHandler(async () => lookupDeps),
    async sweep(jobs = ['deliver', 'progress']) {
      const results: Record<string, Record<string, number>> = {};
      for (const job of jobs) results[job] = await sweeper({ job }, lambdaContext('notice-sweeper'));
      return results;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    stop: unsubscribe,
  };
}
