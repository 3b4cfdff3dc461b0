import type { IncomingMessage, Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createReservationRepository } from '../functions/adapters/dynamodb/reservation-repository.ts';
import { createVideoContactLinks } from '../functions/adapters/dynamodb/video-contact-links.ts';
import { createContactEventHandler } from '../functions/channels/voice/contact-event-handler.ts';
import { authenticateToken } from '../functions/core/chat/accounts.ts';
import type { ChatAccountRepository } from '../functions/core/chat/ports.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { StaffTokenVerifier } from '../functions/core/ports/staff-tokens.ts';
import { may, rolesFromGroups, type StaffPrincipal } from '../functions/core/staff/roles.ts';
import { createVoiceStatusHistory } from '../functions/core/voice/contact-status-history.ts';
import { createVideoCallsApiHandler, VIDEO_CALL_ROUTES } from '../functions/handlers/video-calls-api.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';
import { LocalVideoCallHub } from './video-call-hub.ts';
import { attachVideoSignalling, type VideoSignallingAttachment } from './video-signalling.ts';

export interface LocalVideoParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  accounts: ChatAccountRepository;
  complaints: ComplaintRepository;
  intake: IntakeQueue;
  pii: PiiProtector;
  /** The local staff sign-in's verifier (cognito-local): counselors answer with their id token. */
  verifier: StaffTokenVerifier;
  clock: Clock;
  log: Log;
}

export interface LocalVideo {
  hub: LocalVideoCallHub;
  /** POST /video-calls and GET /video-calls/reservations: the video-calls-api Lambda handler. */
  mount(router: Router<LocalTarget>): void;
  /** The signalling socket at /video, behind the gateway's request guard. */
  attach(server: Server, options: { admit?: (request: IncomingMessage) => { status: number; error: string } | null; siblingPaths?: readonly string[] }): VideoSignallingAttachment;
}

/**
 * Sign-language video calls locally, without AWS: the same video-calls-api handler and use case
 * as the Lambda, with the local call hub in Amazon Connect's place (the pages connect
 * peer-to-peer over WebRTC, signalled through the gateway), and the hub's contact events recorded
 * by the same contact-event use case as the connect-contact-events Lambda.
 */
export function createLocalVideo(parts: LocalVideoParts): LocalVideo {
  const { documents, tableName, clock, log } = parts;
  const links = createVideoContactLinks(documents, tableName);
  const reservations = createReservationRepository(documents, tableName);
  const contactEvents = createContactEventHandler({ status: createVoiceStatusHistory({ repository: parts.complaints, videoLinks: links, reservations, clock, log }), log });
  const hub = new LocalVideoCallHub({ clock, log, onContactEvent: contactEvents });
  const handler = createVideoCallsApiHandler(async () => ({
    calls: { reservations, accounts: parts.accounts, pii: parts.pii, intake: parts.intake, contacts: hub, links, clock, log },
    allowedOrigin: null,
  }));
  const counselorFor = async (token: string): Promise<StaffPrincipal | null | 'forbidden'> => {
    try {
      const verified = await parts.verifier.verify(token);
      const principal: StaffPrincipal = { subject: verified.subject, username: verified.username, roles: rolesFromGroups(verified.groups), via: 'token' };
      return may(principal, 'video:answer') ? principal : 'forbidden';
    } catch {
      return null;
    }
  };
  return {
    hub,
    mount: (router) => void router.addRoutes(VIDEO_CALL_ROUTES, lambdaTarget('video-calls-api', handler)),
    attach: (server, options) => {
      const signalling = attachVideoSignalling(server, {
        hub,
        citizenFor: async (token) => {
          const check = await authenticateToken({ accounts: parts.accounts, clock }, token);
          return check.ok ? { accountId: check.accountId } : null;
        },
        counselorFor,
        ...options,
        onError: (error) => log.error('video signalling failed', describeError(error)),
        onClientError: (error) => log.warn('video signalling connection closed on a protocol error', describeError(error)),
      });
      return {
        connectionCount: () => signalling.connectionCount(),
        close: async () => {
          await signalling.close();
          await hub.close();
        },
      };
    },
  };
}
