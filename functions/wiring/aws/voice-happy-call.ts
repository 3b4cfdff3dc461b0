import { createOutboundVoiceCaller } from '../../adapters/connect/start-outbound-voice.ts';
import { createHappyCallRepository } from '../../adapters/dynamodb/happy-call-repository.ts';
import type { EventPublisher } from '../../core/ports/events.ts';
import type { Log } from '../../core/ports/runtime.ts';
import type { HappyCallDeps, HappyCallRepository } from '../../core/voice/happy-call-scheduler.ts';
import { connectClient, connectIdFromArn, queueIdsFrom } from './connect-client.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { eventPublisher } from './event-publisher.ts';
import { piiProtector } from './pii.ts';

function repository(): HappyCallRepository {
  const { tableName } = readEnvironment(['tableName']);
  return createHappyCallRepository(documentClient(), tableName);
}

/** Outcome Lambda (invoked by the happy-call flow): the registration store only. */
export async function happyCallOutcomeDeps(): Promise<{ repository: HappyCallRepository; log: Log; now(): Date; events: EventPublisher }> {
  return { repository: repository(), log, now: () => clock.now(), events: eventPublisher() };
}

/** Scheduler: registrations, PII (to open the number), StartOutboundVoiceContact into the language queue. */
export async function happyCallSchedulerDeps(): Promise<HappyCallDeps & { now(): Date }> {
  const env = readEnvironment(['connectInstanceArn', 'connectHappyCallFlowArn', 'connectQueueArns']);
  return {
    repository: repository(),
    caller: createOutboundVoiceCaller({
      client: connectClient(),
      instanceId: connectIdFromArn(env.connectInstanceArn, 'instance'),
      contactFlowId: connectIdFromArn(env.connectHappyCallFlowArn, 'contact-flow'),
      queueIds: queueIdsFrom(env.connectQueueArns),
    }),
    pii: await piiProtector(),
    log,
    events: eventPublisher(),
    now: () => clock.now(),
  };
}
