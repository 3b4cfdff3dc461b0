import { createConnectVideoContacts } from '../../adapters/connect/start-webrtc-contact.ts';
import { createReservationRepository } from '../../adapters/dynamodb/reservation-repository.ts';
import { createVideoContactLinks } from '../../adapters/dynamodb/video-contact-links.ts';
import type { VideoCallsApiDeps } from '../deps/video-calls-api.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { connectClient, connectIdFromArn } from './connect-client.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { intakeQueue } from './sqs-intake.ts';

/** The citizen's video calls on AWS adapters: Amazon Connect WebRTC contacts, the complaint table. */
export async function videoCallsApiDeps(): Promise<VideoCallsApiDeps> {
  const env = readEnvironment(['tableName', 'connectInstanceArn', 'connectVideoFlowArn']);
  return {
    calls: {
      reservations: createReservationRepository(documentClient(), env.tableName),
      accounts: chatAccountRepository(),
      pii: await piiProtector(),
      intake: intakeQueue(),
      contacts: createConnectVideoContacts({
        client: connectClient(),
        instanceId: connectIdFromArn(env.connectInstanceArn, 'instance'),
        contactFlowId: connectIdFromArn(env.connectVideoFlowArn, 'contact-flow'),
      }),
      links: createVideoContactLinks(documentClient(), env.tableName),
      clock,
      log,
    },
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
