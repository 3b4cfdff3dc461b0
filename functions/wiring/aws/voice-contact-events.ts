import { createReservationRepository } from '../../adapters/dynamodb/reservation-repository.ts';
import { createVideoContactLinks } from '../../adapters/dynamodb/video-contact-links.ts';
import { createConnectContactLinks } from '../../adapters/voice/connect-contact-links.ts';
import { createWorkspaceChats } from '../../adapters/voice/workspace-chats.ts';
import type { VoiceStatusPort } from '../../channels/voice/contact-event-handler.ts';
import type { Log } from '../../core/ports/runtime.ts';
import { createVoiceStatusHistory } from '../../core/voice/contact-status-history.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';

/** Contact events -> status history, for calls (message claim), workspace contacts and video calls (links). */
export async function contactEventDeps(): Promise<{ status: VoiceStatusPort; log: Log }> {
  const { tableName } = readEnvironment(['tableName']);
  return {
    status: createVoiceStatusHistory({
      repository: complaintRepository(),
      links: createConnectContactLinks(documentClient(), tableName),
      chats: createWorkspaceChats(documentClient(), tableName),
      videoLinks: createVideoContactLinks(documentClient(), tableName),
      reservations: createReservationRepository(documentClient(), tableName),
      clock,
      log,
    }),
    log,
  };
}
